"""Keeps a session in step with a walk: starts it once the first answer is in, saves every change."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.observer import Observer
from meldcode_cli.engine.walk import Walk
from meldcode_cli.output import context

if TYPE_CHECKING:
    from meldcode_cli.sessions.record import FlowSnapshot, Recorder
    from meldcode_cli.sessions.store import SessionStore
    from meldcode_cli.tui.conversation import Conversation


class SessionKeeper(Observer):
    """Starts the session once the first answer is in (the 112 question comes before anything else)
    and saves it after every change."""

    def __init__(
        self, snapshot: FlowSnapshot, from_file: set[str], ui: Conversation | None, reference: str | None, encrypt: bool
    ) -> None:
        self.snapshot = snapshot
        self.from_file = from_file
        self.ui = ui
        self.reference = reference
        self.encrypt = encrypt
        self.recorder: Recorder | None = None
        self.store: SessionStore | None = None

    def begin(self, walk: Walk) -> None:
        from meldcode_cli.sessions.crypto import Key
        from meldcode_cli.sessions.record import Recorder, new_session_id, now
        from meldcode_cli.sessions.store import SessionStore

        if self.recorder is not None:
            return
        reference = self.reference
        ask_later = False
        if reference is None:
            if walk.finished or self.ui is None:
                # Direct danger: nothing may stand between the user and the 112 advice.
                reference = f"spoed-{now():%Y%m%d-%H%M}"
            elif self.encrypt:
                # Nothing is written before there is a key: stopped here, the answer is not kept.
                reference = self.ui.ask_reference()
            else:
                # Saved before the reference is asked, so that a process killed at that prompt keeps
                # the first answer; the reference replaces this one once it is given.
                reference = f"zonder-referentie-{now():%Y%m%d-%H%M}"
                ask_later = True
        key = None
        if self.encrypt:
            if self.ui is None:
                raise MeldcodeError(
                    "needs_terminal",
                    Msg(
                        "Versleutelen vraagt om een wachtwoord; daarvoor is een terminal nodig.",
                        "Encryption asks for a passphrase; that needs a terminal.",
                    ),
                )
            key = Key.derive(self.ui.ask_new_passphrase())
        store = self.store = SessionStore()
        # The session is locked from its first save until the walk ends: `resume` in another window,
        # or a purge, cannot take it over.
        session_id = new_session_id()
        store.hold(session_id)
        self.recorder = Recorder.start(
            walk,
            self.snapshot,
            reference,
            lambda r: store.save(r, key),
            from_file=self.from_file,
            session_id=session_id,
        )
        if ask_later:
            assert self.ui is not None
            self.recorder.rename(self.ui.ask_reference())
        if self.ui is not None and not walk.finished:
            record = self.recorder.record
            self.ui.console.print(
                Msg(
                    f"Sessie {record.id} is aangemaakt ({record.reference}); elk antwoord wordt meteen bewaard.",
                    f"Session {record.id} was created ({record.reference}); every answer is saved at once.",
                ).get(context.lang()),
                markup=False,
                highlight=False,
                style="dim",
            )

    def close(self) -> None:
        """Give the session's lock back (the end of the process does so too)."""
        if self.store is not None:
            self.store.release()

    def answered(self, walk: Walk, node: Any) -> None:
        if self.recorder is None:
            self.begin(walk)
            return
        self.recorder.answered(walk, node)

    def noted(self, walk: Walk, node: Any) -> None:
        if self.recorder is not None:
            self.recorder.noted(walk, node)

    def went_back(self, walk: Walk) -> None:
        if self.recorder is not None:
            self.recorder.went_back(walk)

    def finish(self, walk: Walk) -> None:
        if self.recorder is None:
            self.begin(walk)
        assert self.recorder is not None
        self.recorder.finished(walk)
        from meldcode_cli.sessions.record import default_follow_up

        default = default_follow_up(walk)
        if default is not None:
            chosen = self.ui.ask_follow_up(walk, default) if self.ui else default
            self.recorder.set_follow_up(walk, chosen)

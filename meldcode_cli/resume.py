"""`meldcode resume`: reopen a saved session with the flow it began with, exactly where it stopped."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from meldcode_cli import yamlsource
from meldcode_cli.conversation import Conversation, terminal_available, wants_plain
from meldcode_cli.engine import Walk
from meldcode_cli.errors import MeldcodeError
from meldcode_cli.i18n import Msg, format_date
from meldcode_cli.loader import builtin_paths, parse_flow
from meldcode_cli.model import Flow
from meldcode_cli.run import Interrupted, show_result
from meldcode_cli.session import FlowSnapshot, Recorder, SessionRecord
from meldcode_cli.session_keeper import SessionKeeper
from meldcode_cli.store import SessionStore, damaged


def snapshot_flow(snapshot: FlowSnapshot) -> Flow:
    """The flow as the session began; it was valid then and is checked again now."""
    name = f"{snapshot.source} (versie {snapshot.version}, bewaard in de sessie)"
    return parse_flow(yamlsource.parse(snapshot.text, name))


def flow_change(snapshot: FlowSnapshot) -> Msg | None:
    """Whether the flow file changed since the session began, and what that means."""
    path = builtin_paths().get(snapshot.source) if snapshot.builtin else None
    if path is None and not snapshot.builtin:
        path = Path(snapshot.source)
    try:
        text = path.read_text(encoding="utf-8-sig") if path else None
    except OSError:
        text = None
    if text is not None and hashlib.sha256(text.encode("utf-8")).hexdigest() == snapshot.sha256:
        return None
    now_what = Msg("is niet meer te vinden", "can no longer be found") if text is None else Msg(
        "is gewijzigd", "has changed")
    return Msg(
        f"Let op: de flow '{snapshot.id}' {now_what.nl} sinds deze sessie begon. De sessie gaat verder met "
        f"versie {snapshot.version}, zoals hij begon, zodat uw antwoorden en het advies bij elkaar blijven "
        "passen. Wilt u de nieuwe versie gebruiken? Begin dan een nieuwe sessie met 'meldcode run'.",
        f"Note: the flow '{snapshot.id}' {now_what.en} since this session began. The session continues with "
        f"version {snapshot.version}, as it began, so that your answers and the advice stay consistent. To "
        "use the new version, start a new session with 'meldcode run'.")


def rebuild(record: SessionRecord) -> Walk:
    flow = snapshot_flow(record.flow)
    try:
        walk = Walk.replay(flow, record.path, record.answers)
    except MeldcodeError as exc:
        raise damaged(SessionStore().path_of(record.id), exc.message.nl) from None
    walk.remembered = dict(record.remembered)
    walk.notes = dict(record.notes)
    return walk


def resume(wanted: str | None, lang: str, at: str | None = None, plain: bool = False) -> None:
    store = SessionStore()
    session_id = store.find(wanted)
    plain = plain or (wants_plain(False) and sys.stdout.isatty())
    if not terminal_available(sys.stdout, plain):
        raise MeldcodeError("needs_terminal", Msg(
            f"meldcode resume stelt vragen en heeft daarvoor een terminal nodig. Voor het verslag zonder "
            f"vragen: meldcode report {session_id}",
            f"meldcode resume asks questions and needs a terminal for that. For the report without "
            f"questions: meldcode report {session_id}"))
    ui = Conversation(lang, sys.stdout, separate_stream=False, plain=plain)
    with store.lock(session_id):
        record, key = store.load(session_id, passphrase=lambda: ui.prompter.ask_passphrase())
        walk = rebuild(record)
        recorder = Recorder(record, lambda r: store.save(r, key))
        _say(ui, Msg(f"Sessie {record.id} ({record.reference}), begonnen op "
                     f"{format_date(record.created.date(), 'nl')}.",
                     f"Session {record.id} ({record.reference}), begun on "
                     f"{format_date(record.created.date(), 'en')}."), lang)
        change = flow_change(record.flow)
        if change is not None:
            _say(ui, change, lang, style="yellow")
        if not _position(walk, record, at, ui, lang):
            show_result(walk, lang, False, recorder, plain)
            return
        keeper = SessionKeeper(record.flow, set(), ui, record.reference, False)
        keeper.recorder = recorder
        try:
            recorder.resumed(walk)
            ui.converse(walk, keeper)
            keeper.finish(walk)
        except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a text prompt
            raise Interrupted(recorder) from None
    show_result(walk, lang, False, recorder, plain)


def _position(walk: Walk, record: SessionRecord, at: str | None, ui: Conversation, lang: str) -> bool:
    """Move the walk to where the user continues; False when there is nothing left to ask."""
    if at is not None:
        if at not in walk.path[:-1] or not walk.flow.node(at).is_question:
            on_path = ", ".join(n for n in walk.path[:-1] if walk.flow.node(n).is_question)
            raise MeldcodeError("not_on_path", Msg(
                f"De vraag '{at}' is in deze sessie niet gesteld. Gestelde vragen: {on_path}.",
                f"The question '{at}' was not asked in this session. Questions asked: {on_path}."))
        walk.rewind(at)
        return True
    if not walk.finished:
        return True
    follow_up = walk.outcome.follow_up
    if follow_up is None:
        _say(ui, Msg(f"Deze sessie is afgerond. Wilt u een antwoord wijzigen? Gebruik "
                     f"'meldcode resume {record.id} --at VRAAG'. Het verslag: meldcode report {record.id}",
                     f"This session is finished. To change an answer, use "
                     f"'meldcode resume {record.id} --at QUESTION'. The report: meldcode report {record.id}"),
             lang)
        return False
    planned = format_date(record.reassess_on, lang) if record.reassess_on else "—"
    _say(ui, Msg(f"Deze vraag wordt nu opnieuw gewogen (gepland op {planned}):",
                 f"This question is now weighed again (planned for {planned}):"), lang, style="bold")
    walk.rewind(follow_up.question)
    return True


def _say(ui: Conversation, message: Msg, lang: str, style: str | None = None) -> None:
    ui.console.print(message.get(lang), style=style, markup=False, highlight=False)

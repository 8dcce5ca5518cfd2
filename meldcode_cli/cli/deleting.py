"""Deleting sessions: say which, ask in a terminal (--yes for scripts), and say what went."""

from __future__ import annotations

import sys

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg, plural
from meldcode_cli.base.target_files import YES_WORDS
from meldcode_cli.output import context
from meldcode_cli.sessions.store import SessionStore


def described(store: SessionStore, session_id: str) -> str:
    """A session as the user knows it: id, reference, flow, last change, and whether it is encrypted."""
    lang = context.lang()
    item = next((i for i in store.listing() if i.id == session_id), None)
    if item is None or item.problem is not None:
        return Msg(f"sessie {session_id}", f"session {session_id}").get(lang)
    details = [item.reference, item.flow]
    if item.updated is not None:
        details.append(
            Msg(f"gewijzigd {item.updated:%d-%m-%Y %H:%M}", f"changed {item.updated:%d-%m-%Y %H:%M}").get(lang)
        )
    if item.encrypted:
        details.append(Msg("versleuteld", "encrypted").get(lang))
    return Msg(f"sessie {session_id} ({', '.join(details)})", f"session {session_id} ({', '.join(details)})").get(lang)


def confirm_delete(whats: list[str], yes: bool) -> None:
    """Nothing is erased without a yes: typed in a terminal, or --yes in a script."""
    lang = context.lang()
    if yes:
        return
    if not sys.stdin.isatty():
        raise MeldcodeError(
            "needs_confirmation",
            Msg(
                "Verwijderen kan niet ongedaan worden gemaakt. Bevestig in een terminal, "
                "of geef --yes mee in een script.",
                "Deleting cannot be undone. Confirm in a terminal, or pass --yes in a script.",
            ),
        )
    listing = "".join(f"  {what}\n" for what in whats)
    if len(whats) == 1:
        head = Msg("Deze sessie wordt gewist:", "This session will be erased:")
    else:
        head = Msg(f"Deze {len(whats)} sessies worden gewist:", f"These {len(whats)} sessions will be erased:")
    ask = Msg("Dit kan niet ongedaan worden gemaakt. Verwijderen? [j/N] ", "This cannot be undone. Delete? [y/N] ")
    sys.stderr.write(f"{head.get(lang)}\n{listing}{ask.get(lang)}")
    sys.stderr.flush()
    reply = sys.stdin.readline()
    if not reply:
        raise EOFError
    if reply.strip().lower() not in YES_WORDS:
        raise MeldcodeError("not_deleted", Msg("Niets verwijderd.", "Nothing deleted."))


def deleted_message(count: int, whats: list[str]) -> str:
    lang = context.lang()
    if count == 0:
        return Msg(
            "Geen sessies verwijderd: er is er geen die zo oud is.", "No sessions deleted: there are none that old."
        ).get(lang)
    head = plural(
        count,
        Msg("1 sessie verwijderd:", "1 session deleted:"),
        Msg("{n} sessies verwijderd:", "{n} sessions deleted:"),
    ).get(lang)
    return head + "".join(f"\n  {what}" for what in whats)

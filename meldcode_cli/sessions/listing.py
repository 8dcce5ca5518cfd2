"""Reading the store as a list: one file's line, finding a session by id or reference, the stale ones, purging."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.base.textsafety import clean, clean_data
from meldcode_cli.sessions import index as sessions_index
from meldcode_cli.sessions import snapshots
from meldcode_cli.sessions.record import SessionRecord, now
from meldcode_cli.sessions.store_errors import DAMAGED, NOT_REGULAR, SessionError, damaged


class SessionStore(Protocol):
    """What the listing reads of the store (store.py), named here so the two import one way only."""

    folder: Path

    def path_of(self, session_id: str) -> Path: ...

    def read(self, session_id: str) -> dict[str, Any]: ...

    def listing(self) -> list[sessions_index.Entry]: ...

    def delete(self, session_id: str) -> None: ...


@dataclass(frozen=True)
class Purge:
    """What `--purge-older-than` did: erased, left alone because open elsewhere, or failed."""

    gone: list[str]
    in_use: list[str]
    failed: list[str]


@dataclass(frozen=True)
class Listing:
    """What `meldcode sessions` shows of one file, readable without a passphrase."""

    id: str
    path: Path
    reference: str = ""
    flow: str = ""
    updated: datetime | None = None
    encrypted: bool = False
    record: SessionRecord | None = None  # None when encrypted or damaged
    reassess_on: date | None = None
    problem: Msg | None = None  # in both languages: the listing shows it in the user's language

    @property
    def is_due(self) -> bool:
        return self.reassess_on is not None and self.reassess_on <= now().date()


def entry(store: SessionStore, session_id: str) -> sessions_index.Entry:
    """One file's line in the listing, read from the file itself."""
    item = listing_of(store, session_id)
    record = item.record
    return sessions_index.Entry(
        item.id,
        store.folder,
        item.reference,
        item.flow,
        item.updated,
        item.encrypted,
        record.step if record else 0,
        record.outcome if record else None,
        item.reassess_on,
        item.problem,
    )


def listing_of(store: SessionStore, session_id: str) -> Listing:
    path = store.path_of(session_id)
    try:
        data = store.read(session_id)
        if "sealed" in data:
            # Only what the header says, unverified until the passphrase opens the file; a
            # re-assessment date is not shown (older versions wrote it readable: it hinted at
            # the outcome, and is ignored now).
            return Listing(
                session_id,
                path,
                clean(str(data["reference"])),
                clean(f"{data['flow']} {data['version']}"),
                datetime.fromisoformat(data["updated"]),
                True,
            )
        missing = snapshots.fill(store.folder, data)
        if missing:
            raise damaged(path, missing)
        record = SessionRecord.model_validate(clean_data(data))
    except (MeldcodeError, ValidationError, KeyError, ValueError, TypeError) as exc:
        if isinstance(exc, SessionError) and exc.code == "not_regular":
            problem = NOT_REGULAR
        else:
            problem = exc.message if isinstance(exc, MeldcodeError) else DAMAGED
        return Listing(session_id, path, problem=problem)
    return Listing(
        record.id,
        path,
        record.reference,
        f"{record.flow.id} {record.flow.version}",
        record.updated,
        False,
        record,
        record.reassess_on,
    )


def find(store: SessionStore, wanted: str | None) -> str:
    """A session by id or by case reference; without one, the most recently changed open session."""
    listing = store.listing()
    if wanted is None:
        open_ones = [i for i in listing if i.is_open]
        if not open_ones:
            raise SessionError(
                "no_session",
                Msg(
                    "Er is geen sessie om mee verder te gaan. Begin met 'meldcode run'.",
                    "There is no session to continue. Start with 'meldcode run'.",
                ),
            )
        return open_ones[0].id
    if wanted in {i.id for i in listing}:
        return wanted
    matches = [i.id for i in listing if i.reference == wanted]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise SessionError(
            "ambiguous_session",
            Msg(
                f"Meer sessies hebben de referentie '{wanted}': {', '.join(matches)}. Geef de id.",
                f"Several sessions have the reference '{wanted}': {', '.join(matches)}. Give the id.",
            ),
        )
    raise SessionError(
        "unknown_session",
        Msg(
            f"Er is geen sessie met id of referentie '{wanted}'. Zie 'meldcode sessions'.",
            f"There is no session with id or reference '{wanted}'. See 'meldcode sessions'.",
        ),
    )


def purge(store: SessionStore, older_than_days: int) -> Purge:
    """Erase sessions whose last change is more than `older_than_days` days ago; a damaged file by
    its modification time. A session open in another window is skipped and named; a failure on one
    file never stops the rest."""
    gone: list[str] = []
    in_use: list[str] = []
    failed: list[str] = []
    for session_id in stale(store, older_than_days):
        try:
            store.delete(session_id)
        except SessionError as exc:
            (in_use if exc.code == "session_locked" else failed).append(session_id)
            continue
        gone.append(session_id)
    return Purge(sorted(gone), sorted(in_use), sorted(failed))


def stale(store: SessionStore, older_than_days: int) -> list[str]:
    """The sessions a purge would erase: last changed more than `older_than_days` days ago (a
    damaged file by its modification time)."""
    limit = now() - timedelta(days=older_than_days)
    found = []
    for item in store.listing():
        updated = item.updated or _modified(item.path)
        if updated is not None and updated <= limit:
            found.append(item.id)
    return found


def _modified(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(os.lstat(path).st_mtime).astimezone()
    except OSError:
        return None

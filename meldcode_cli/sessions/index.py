"""A small index beside the session files, so listing sessions reads no whole record; rebuilt when stale."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from meldcode_cli.base.i18n import Msg

# Why: `meldcode sessions` read, checked and kept every record (each with its flow) to show six
# columns: 10,000 sessions took 10 s and 2 GiB. The index keeps those columns per session file,
# with the file's fingerprint (inode, size, modification time: a save replaces the file, so each
# save gives a new inode). A listing looks at the folder (names and fingerprints only), takes
# what the index knows for files that did not change, and reads only the files that are new or
# changed; entries of files that are gone are dropped. So a missing, damaged, stale or foreign
# index costs time once, never a wrong line. It holds what the listing shows and nothing more:
# for an encrypted session only its readable header; it is private (0600) and written atomically,
# like the records; a deleted session leaves it at once (see `forget`).

MAX_BYTES = 200_000_000  # some 150 bytes per session: far more sessions than anyone keeps
INDEX_NAME = ".index"  # no .json: never taken for a session file
# 2: a damaged file's problem kept in both languages (format 1 kept it in Dutch only).
FORMAT = 2
SUFFIX = ".json"

Fingerprint = tuple[int, int, int]


@dataclass(frozen=True)
class Entry:
    """What `meldcode sessions` shows of one session file, readable without a passphrase."""

    id: str
    folder: Path
    reference: str = ""
    flow: str = ""
    updated: datetime | None = None
    encrypted: bool = False
    step: int = 0
    outcome: str | None = None
    reassess_on: date | None = None
    problem: Msg | None = None

    @property
    def path(self) -> Path:
        return self.folder / f"{self.id}{SUFFIX}"

    @property
    def is_due(self) -> bool:
        return self.reassess_on is not None and self.reassess_on <= datetime.now().astimezone().date()

    @property
    def is_open(self) -> bool:
        """Something left to do: not finished (as far as can be read), or due for re-assessment."""
        return self.problem is None and (self.encrypted or self.outcome is None or self.is_due)


Reader = Callable[[str], Entry]


def sessions_folder() -> Path:
    """Where the session files are: the same folder as SessionStore's (a test keeps them equal)."""
    configured = os.environ.get("MELDCODE_HOME")
    if configured:
        return Path(configured).expanduser() / "sessions"
    from platformdirs import user_data_path

    return user_data_path("meldcode", appauthor=False) / "sessions"


def listing(folder: Path, reader: Reader) -> list[Entry]:
    """Every session in `folder`, newest change first (damaged files last). `reader` reads one
    session file the careful way (the store's); it is called only for files the index lacks."""
    files = _scan(folder)
    if files is None:
        return []
    known = _load(folder)
    fresh: dict[str, tuple[Fingerprint, Entry]] = {}
    changed = len(known) != len(files)
    for session_id, fingerprint in files.items():
        cached = known.get(session_id)
        if cached is not None and cached[0] == fingerprint:
            entry = cached[1]
        else:
            entry = reader(session_id)
            changed = True
        fresh[session_id] = (fingerprint, entry)
    if changed:
        _save(folder, fresh)
    # Times in a record have whole seconds: two sessions saved in the same second are told apart by
    # when their files were written.
    ordered = sorted(
        fresh.values(),
        key=lambda item: (
            item[1].updated is None,
            -(item[1].updated.timestamp() if item[1].updated else 0),
            -item[0][2],
            item[1].id,
        ),
    )
    return [entry for _, entry in ordered]


def forget(folder: Path, session_id: str) -> None:
    """Drop a deleted session from the index now (not at the next listing): its reference goes with it."""
    known = _load(folder)
    if known.pop(session_id, None) is not None:
        _save(folder, known)


def _scan(folder: Path) -> dict[str, Fingerprint] | None:
    try:
        found = os.scandir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        from meldcode_cli.base.errors import MeldcodeError
        from meldcode_cli.base.i18n import Msg

        raise MeldcodeError(
            "data_folder",
            Msg(
                f"De map {folder} kan niet gelezen worden ({exc.strerror}). Kies een andere map met MELDCODE_HOME.",
                f"The folder {folder} cannot be read ({exc.strerror}). Choose another folder with MELDCODE_HOME.",
            ),
        ) from None
    files: dict[str, Fingerprint] = {}
    with found:
        for item in found:
            name = item.name
            if name.startswith(".") or not name.endswith(SUFFIX):
                continue
            try:
                stat = item.stat(follow_symlinks=False)
            except OSError:
                continue
            files[name[: -len(SUFFIX)]] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return files


# -- the index file ----------------------------------------------------------------------------
# One JSON object: {"format": 2, "sessions": {id: [inode, size, mtime_ns, reference, flow,
# updated, encrypted, step, outcome, reassess_on, problem]}}; dates in ISO form, a problem as [nl, en].


def _load(folder: Path) -> dict[str, tuple[Fingerprint, Entry]]:
    from meldcode_cli.base.private_files import read_regular

    try:  # a regular file only, never through a link (as for the records)
        data = json.loads(read_regular(folder / INDEX_NAME, MAX_BYTES))
        if data.get("format") != FORMAT:
            return {}
        return {session_id: _entry(folder, session_id, row) for session_id, row in data["sessions"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
        return {}  # missing, damaged or foreign: every file is read again, and the index rewritten


def _entry(folder: Path, session_id: str, row: list[Any]) -> tuple[Fingerprint, Entry]:
    inode, size, mtime, reference, flow, updated, encrypted, step, outcome, reassess_on, problem = row
    if type(inode) is not int or type(size) is not int or type(mtime) is not int or type(step) is not int:
        raise TypeError("fingerprint")
    entry = Entry(
        session_id,
        folder,
        str(reference),
        str(flow),
        datetime.fromisoformat(updated) if updated else None,
        bool(encrypted),
        step,
        outcome if outcome is None else str(outcome),
        date.fromisoformat(reassess_on) if reassess_on else None,
        None if problem is None else Msg(str(problem[0]), str(problem[1])),
    )
    return (inode, size, mtime), entry


def _row(fingerprint: Fingerprint, entry: Entry) -> list[Any]:
    return [
        *fingerprint,
        entry.reference,
        entry.flow,
        entry.updated.isoformat() if entry.updated else None,
        entry.encrypted,
        entry.step,
        entry.outcome,
        entry.reassess_on.isoformat() if entry.reassess_on else None,
        None if entry.problem is None else [entry.problem.nl, entry.problem.en],
    ]


def _save(folder: Path, entries: dict[str, tuple[Fingerprint, Entry]]) -> None:
    from meldcode_cli.base.private_files import write_private

    data = {"format": FORMAT, "sessions": {sid: _row(fp, entry) for sid, (fp, entry) in entries.items()}}
    with contextlib.suppress(OSError):  # an index that cannot be written only costs time at the next listing
        write_private(folder / INDEX_NAME, json.dumps(data, ensure_ascii=False, separators=(",", ":")))

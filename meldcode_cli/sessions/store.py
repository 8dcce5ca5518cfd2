"""Sessions on disk: the data folder, private atomic saves, optional encryption, locks, loading, deletion."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from meldcode_cli.base.i18n import Msg
from meldcode_cli.base.private_files import (
    NotRegular,
    TooLarge,
    erase,
    own_private_folder,
    private_folder,
    read_regular,
    write_private,
)
from meldcode_cli.base.textsafety import clean_data
from meldcode_cli.sessions import crypto, listing, locking, sealing, snapshots
from meldcode_cli.sessions import index as sessions_index
from meldcode_cli.sessions.crypto import Key
from meldcode_cli.sessions.listing import Listing, Purge
from meldcode_cli.sessions.record import FORMAT, SessionRecord, new_session_id
from meldcode_cli.sessions.store_errors import (
    NOT_REGULAR,
    SessionError,
    changed_on_disk,
    damaged,
    foreign_folder,
    locked,
    newer_session,
    not_regular,
    save_failed,
    unknown_session,
    unusable_folder,
)

# The store's names as callers know them; the errors and the listing live in modules of their own.
__all__ = [
    "MAX_SESSION_BYTES",
    "NOT_REGULAR",
    "SUFFIX",
    "Listing",
    "PassphraseSource",
    "Purge",
    "SessionError",
    "SessionStore",
    "damaged",
    "data_home",
    "not_regular",
    "unusable_folder",
]

SUFFIX = ".json"
# A session holds one walk and its flow (about 0.1 MB); anything far larger is not one of ours.
MAX_SESSION_BYTES = 20_000_000

# Asked only when a session is encrypted; returns the passphrase (or raises).
PassphraseSource = Callable[[], str]
# A temporary file left by a write that was killed half-way: `.ID.json.RANDOM.tmp`.
_TEMP = re.compile(r"^\.([a-z0-9]{4,16})\.json\.[0-9a-f]+\.tmp$")


def data_home() -> Path:
    """MELDCODE_HOME if set (tests, an encrypted drive), else the platform's user data folder."""
    configured = os.environ.get("MELDCODE_HOME")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_path

    return user_data_path("meldcode", appauthor=False)


class SessionStore:
    """One folder of session files, `<id>.json`, each readable by the user alone."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_home() / "sessions"
        # What each file looked like when we last read or wrote it: a file replaced behind our back
        # is never overwritten.
        self._seen: dict[str, tuple[int, int, int]] = {}
        self._held: dict[str, locking.Held] = {}  # session id -> the lock this store holds
        self._tidied = False

    def _ready(self) -> Path:
        try:
            folder = private_folder(self.folder)
        except OSError as exc:
            raise unusable_folder(self.folder, exc) from None
        self._check_folder()
        return folder

    def _check_folder(self) -> None:
        """The sessions folder is ours, private and no link; a loose data folder is made private again;
        temporary files that a killed write left behind are erased (once per process)."""
        try:
            if not own_private_folder(self.folder, may_be_link=False):
                raise foreign_folder(self.folder)
            # The folder above (MELDCODE_HOME, or the user's data folder) may be a link the user made,
            # or a folder with other uses: made private only when others may write in it (0777, 0775),
            # where they could swap the sessions folder for a link.
            own_private_folder(self.folder.parent, may_be_link=True, loose=0o022)
        except OSError as exc:
            raise unusable_folder(self.folder, exc) from None
        if not self._tidied:
            self._tidied = True
            self._erase_temps(None)

    def _erase_temps(self, session_id: str | None) -> None:
        """Erase the temporary files of a session (or of all) that no other window is writing."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            match = _TEMP.match(name)
            if match is None or (session_id is not None and match.group(1) != session_id):
                continue
            owner = match.group(1)
            try:
                if owner in self._held or session_id is not None:  # the caller holds the lock
                    erase(self.folder / name)
                    continue
                held = self._take_lock(owner)
            except (SessionError, OSError):
                continue  # in use elsewhere, or not removable now: left for a later start
            try:
                erase(self.folder / name)
            except OSError:
                pass
            finally:
                held.release()

    def path_of(self, session_id: str) -> Path:
        return self.folder / f"{session_id}{SUFFIX}"

    # -- saving and loading ------------------------------------------------------------------

    def save(self, record: SessionRecord, key: Key | None = None) -> None:
        folder = self._ready()
        path = folder / f"{record.id}{SUFFIX}"
        seen = self._seen.get(record.id)
        if seen is not None and _fingerprint(path) not in (None, seen):
            self._rescue(record, key, path)
        try:
            # The flow's text once per version, beside the sessions (snapshots.py); not in every save.
            # An encrypted session keeps its flow inside the sealed part: it writes nothing in plain text.
            apart = key is None and snapshots.keep(folder, record.flow.sha256, record.flow.text)
            without = sealing.WITHOUT_FLOW_TEXT if apart else None
            if seen is None:
                # A new session: never over an existing file, even one with the same id by chance.
                while True:
                    try:
                        write_private(path, sealing.content(record, key, without), exclusive=True)
                        break
                    except FileExistsError:
                        self._renumber(record)
                        path = folder / f"{record.id}{SUFFIX}"
            else:
                write_private(path, sealing.content(record, key, without))
            self._seen[record.id] = _fingerprint(path) or (0, 0, 0)
        except OSError as exc:
            raise save_failed(exc) from None

    def _renumber(self, record: SessionRecord) -> None:
        """Another session has this id: take a new one (and its lock, if the old one was held)."""
        old = record.id
        record.id = new_session_id()
        if old in self._held:
            self.hold(record.id)
            self.release(old)

    def _rescue(self, record: SessionRecord, key: Key | None, path: Path) -> None:
        """The file was replaced or changed by something else: keep it, save ours under a new id."""
        old_id = record.id
        self._renumber(record)
        self.save(record, key)
        raise changed_on_disk(path, record.id, old_id)

    def read(self, session_id: str) -> dict[str, Any]:
        path = self.path_of(session_id)
        seen = _fingerprint(path)
        try:
            text = read_regular(path, MAX_SESSION_BYTES).decode("utf-8")
        except FileNotFoundError:
            raise unknown_session(session_id) from None
        except NotRegular:
            raise not_regular(path) from None
        except TooLarge:
            raise damaged(
                path, Msg(f"groter dan {MAX_SESSION_BYTES:,} bytes", f"larger than {MAX_SESSION_BYTES:,} bytes")
            ) from None
        except OSError as exc:
            raise damaged(path, exc.strerror or type(exc).__name__) from None
        except UnicodeDecodeError as exc:
            raise damaged(path, str(exc)) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise damaged(path, Msg(f"regel {exc.lineno}: {exc.msg}", f"line {exc.lineno}: {exc.msg}")) from None
        except RecursionError:
            raise damaged(path, Msg("te diep genest", "nested too deeply")) from None
        if not isinstance(data, dict):
            raise damaged(path, Msg("geen JSON-object", "not a JSON object"))
        if seen is not None:
            self._seen[session_id] = seen
        if data.get("format") != FORMAT:
            raise newer_session(session_id, data.get("format"))
        return data

    def load(self, session_id: str, passphrase: PassphraseSource | None = None) -> tuple[SessionRecord, Key | None]:
        """The record, and the key to save it again (None when not encrypted)."""
        data = self.read(session_id)
        key = None
        if "sealed" in data:
            if passphrase is None:
                raise SessionError(
                    "encrypted",
                    Msg(f"De sessie {session_id} is versleuteld.", f"The session {session_id} is encrypted."),
                )
            if not crypto.supported(data["sealed"]):  # checked before the passphrase is asked
                raise damaged(
                    self.path_of(session_id),
                    Msg(
                        "de versleuteling gebruikt instellingen die meldcode niet schrijft",
                        "the encryption uses settings that meldcode does not write",
                    ),
                )
            key = Key.for_envelope(passphrase(), data["sealed"])
            header = sealing.header_bytes(data)
            try:
                data = json.loads(key.open(data["sealed"], header))
            except (ValueError, RecursionError):
                raise damaged(
                    self.path_of(session_id),
                    Msg("de versleutelde inhoud is geen JSON", "the encrypted content is not JSON"),
                ) from None
        missing = snapshots.fill(self.folder, data) if isinstance(data, dict) else None
        if missing:
            raise damaged(self.path_of(session_id), missing)
        # Stored text goes to the screen and into reports: a hand-made file may hold escape codes.
        data = clean_data(data)
        try:
            record = SessionRecord.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise damaged(self.path_of(session_id), f"{where}: {first['msg']}") from None
        if record.id != session_id:
            raise damaged(
                self.path_of(session_id),
                Msg(f"de id in het bestand is '{record.id}'", f"the id in the file is '{record.id}'"),
            )
        return record, key

    # -- listing and finding (listing.py) -----------------------------------------------------

    def ids(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        self._check_folder()
        return sorted(p.stem for p in self.folder.glob(f"*{SUFFIX}") if not p.name.startswith("."))

    def listing(self) -> list[sessions_index.Entry]:
        """Every session, newest change first; damaged files are listed with the problem. Read from
        the index beside the files; only files it does not know as they are now are read."""
        if not self.folder.is_dir():
            return []
        self._check_folder()  # ours, private, no link: before anything in it is read
        return sessions_index.listing(self.folder, self.entry)

    def entry(self, session_id: str) -> sessions_index.Entry:
        """One file's line in the listing, read from the file itself."""
        return listing.entry(self, session_id)

    def find(self, wanted: str | None) -> str:
        """A session by id or by case reference; without one, the most recently changed open session."""
        return listing.find(self, wanted)

    def purge(self, older_than_days: int) -> Purge:
        """Erase the sessions unchanged for more than `older_than_days` days, except those open elsewhere."""
        return listing.purge(self, older_than_days)

    def stale(self, older_than_days: int) -> list[str]:
        """The sessions a purge would erase."""
        return listing.stale(self, older_than_days)

    # -- locking (locking.py) ----------------------------------------------------------------

    def _take_lock(self, session_id: str) -> locking.Held:
        """The session's lock, held by us; SessionError when another process holds it."""
        folder = self._ready()
        lock_path = folder / f".{session_id}.lock"
        try:
            return locking.take(lock_path)
        except locking.Locked as exc:
            raise locked(session_id, exc.holder) from None
        except NotRegular:
            raise not_regular(lock_path) from None
        except OSError as exc:  # a file system without locks (some network drives)
            raise unusable_folder(folder, exc) from None

    @contextmanager
    def lock(self, session_id: str) -> Iterator[None]:
        """Only one terminal works on a session at a time; the lock goes with the process, also
        when it is killed."""
        if session_id in self._held:
            yield
            return
        held = self._take_lock(session_id)
        try:
            yield
        finally:
            held.release()

    def hold(self, session_id: str) -> None:
        """Lock a session until `release` (or the end of the process): a walk that `run` began."""
        if session_id not in self._held:
            self._held[session_id] = self._take_lock(session_id)

    def release(self, session_id: str | None = None) -> None:
        for name in [session_id] if session_id is not None else list(self._held):
            held = self._held.pop(name, None)
            if held is not None:
                held.release()

    # -- removing ----------------------------------------------------------------------------

    def delete(self, session_id: str) -> None:
        path = self.path_of(session_id)
        if not os.path.lexists(path):
            raise unknown_session(session_id)
        was_held = session_id in self._held
        held = self._held.pop(session_id) if was_held else self._take_lock(session_id)
        try:
            erase(path)
            self._erase_temps(session_id)
            # The lock file goes while the lock is held: a window waiting for it finds no session.
            held.discard()
        except OSError as exc:
            if was_held:
                self._held[session_id] = held
            else:
                held.release()
            raise unusable_folder(self.folder, exc) from None
        self._seen.pop(session_id, None)
        sessions_index.forget(self.folder, session_id)  # its reference leaves the index at once


def _fingerprint(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = os.lstat(path)
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)

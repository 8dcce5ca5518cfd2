"""Sessions on disk: the data folder, private atomic saves, optional encryption, locks, listing, deletion."""

from __future__ import annotations

import fcntl
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.base.private_files import (
    NotRegular,
    TooLarge,
    erase,
    open_regular,
    own_private_folder,
    private_folder,
    read_regular,
    write_private,
)
from meldcode_cli.base.textsafety import clean, clean_data
from meldcode_cli.sessions import crypto, snapshots
from meldcode_cli.sessions import index as sessions_index
from meldcode_cli.sessions.crypto import Key
from meldcode_cli.sessions.record import FORMAT, SessionRecord, new_session_id, now

SUFFIX = ".json"
# A session holds one walk and its flow (about 0.1 MB); anything far larger is not one of ours.
MAX_SESSION_BYTES = 20_000_000

# Asked only when a session is encrypted; returns the passphrase (or raises).
PassphraseSource = Callable[[], str]
# A temporary file left by a write that was killed half-way: `.ID.json.RANDOM.tmp`.
_TEMP = re.compile(r"^\.([a-z0-9]{4,16})\.json\.[0-9a-f]+\.tmp$")
NOT_REGULAR = Msg("geen gewoon bestand (een koppeling of iets anders)", "not a regular file (a link or something else)")
DAMAGED = Msg("beschadigd", "damaged")


def data_home() -> Path:
    """MELDCODE_HOME if set (tests, an encrypted drive), else the platform's user data folder."""
    configured = os.environ.get("MELDCODE_HOME")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_path

    return user_data_path("meldcode", appauthor=False)


class SessionError(MeldcodeError):
    pass


def damaged(path: Path, detail: Msg | str) -> SessionError:
    """The message for a damaged session file; `detail` in both languages, or a str that has only one
    (a system's or a library's own words)."""
    said = detail if isinstance(detail, Msg) else Msg(detail, detail)
    return SessionError(
        "damaged_session",
        Msg(
            f"Het sessiebestand {path} is beschadigd of met de hand gewijzigd ({said.nl}). Het wordt niet "
            "overschreven; maak er een kopie van en vraag hulp als u de gegevens nodig heeft.",
            f"The session file {path} is damaged or was edited by hand ({said.en}). It will not be "
            "overwritten; keep a copy and ask for help if you need its contents.",
        ),
    )


def not_regular(path: Path) -> SessionError:
    return SessionError(
        "not_regular",
        Msg(
            f"{path} is {NOT_REGULAR.nl}; meldcode opent in de map {path.parent} alleen eigen bestanden. "
            "Verwijder het en probeer het opnieuw.",
            f"{path} is {NOT_REGULAR.en}; meldcode opens only its own files in the folder {path.parent}. "
            "Remove it and try again.",
        ),
    )


def unusable_folder(folder: Path, exc: OSError) -> SessionError:
    return SessionError(
        "data_folder",
        Msg(
            f"De map {folder} kan niet worden gemaakt of gebruikt ({exc.strerror}). Kies een "
            "andere map met MELDCODE_HOME.",
            f"The folder {folder} cannot be created or used ({exc.strerror}). Choose another "
            "folder with MELDCODE_HOME.",
        ),
    )


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


class SessionStore:
    """One folder of session files, `<id>.json`, each readable by the user alone."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_home() / "sessions"
        # What each file looked like when we last read or wrote it: a file replaced behind our back
        # is never overwritten.
        self._seen: dict[str, tuple[int, int, int]] = {}
        self._held: dict[str, int] = {}  # session id -> the open lock file this store holds
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
                raise SessionError(
                    "foreign_folder",
                    Msg(
                        f"De map {self.folder} is een koppeling naar een andere plek, of niet van u. meldcode "
                        "bewaart sessies alleen in een eigen map; verwijder de koppeling of kies een andere map "
                        "met MELDCODE_HOME.",
                        f"The folder {self.folder} is a link to another place, or not yours. meldcode keeps "
                        "sessions only in a folder of its own; remove the link or choose another folder with "
                        "MELDCODE_HOME.",
                    ),
                )
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
                fd = self._take_lock(owner)
            except (SessionError, OSError):
                continue  # in use elsewhere, or not removable now: left for a later start
            try:
                erase(self.folder / name)
            except OSError:
                pass
            finally:
                os.close(fd)

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
            without = WITHOUT_FLOW_TEXT if apart else None
            if seen is None:
                # A new session: never over an existing file, even one with the same id by chance.
                while True:
                    try:
                        write_private(path, self._content(record, key, without), exclusive=True)
                        break
                    except FileExistsError:
                        self._renumber(record)
                        path = folder / f"{record.id}{SUFFIX}"
            else:
                write_private(path, self._content(record, key, without))
            self._seen[record.id] = _fingerprint(path) or (0, 0, 0)
        except OSError as exc:
            raise SessionError(
                "save_failed",
                Msg(
                    f"De sessie kon niet worden bewaard ({exc.strerror}). Het laatst bewaarde antwoord staat "
                    "nog in het bestand; los het probleem op en ga verder met 'meldcode resume'.",
                    f"The session could not be saved ({exc.strerror}). The last saved answer is still in the "
                    "file; fix the problem and continue with 'meldcode resume'.",
                ),
            ) from None

    @staticmethod
    def _content(record: SessionRecord, key: Key | None, exclude: Any = None) -> str:
        # Sealed in memory first: an encrypted session never reaches the disk in plain text.
        if key is None:
            return record.model_dump_json(indent=1, exclude=exclude) + "\n"
        return json.dumps(_sealed(record, key, exclude), ensure_ascii=False, indent=1) + "\n"

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
        raise SessionError(
            "changed_on_disk",
            Msg(
                f"Het sessiebestand {path} is buiten meldcode om gewijzigd of vervangen; het wordt niet "
                f"overschreven. Uw antwoorden zijn bewaard als nieuwe sessie {record.id}. Ga daarmee verder: "
                f"meldcode resume {record.id}",
                f"The session file {path} was changed or replaced outside meldcode; it will not be "
                f"overwritten. Your answers are saved as a new session {record.id}. Continue with it: "
                f"meldcode resume {record.id}",
            ),
            data={"session": record.id, "replaced": old_id},
        )

    def read(self, session_id: str) -> dict[str, Any]:
        path = self.path_of(session_id)
        seen = _fingerprint(path)
        try:
            text = read_regular(path, MAX_SESSION_BYTES).decode("utf-8")
        except FileNotFoundError:
            raise SessionError(
                "unknown_session", Msg(f"Er is geen sessie '{session_id}'.", f"There is no session '{session_id}'.")
            ) from None
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
            raise SessionError(
                "newer_session",
                Msg(
                    f"De sessie {session_id} is gemaakt met een andere versie van meldcode "
                    f"(formaat {data.get('format')!r}). Werk meldcode bij om hem te openen.",
                    f"The session {session_id} was made by another version of meldcode "
                    f"(format {data.get('format')!r}). Update meldcode to open it.",
                ),
            )
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
            header = _header_bytes(data)
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

    # -- listing and finding -----------------------------------------------------------------

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
        item = self._listing(session_id)
        record = item.record
        return sessions_index.Entry(
            item.id,
            self.folder,
            item.reference,
            item.flow,
            item.updated,
            item.encrypted,
            record.step if record else 0,
            record.outcome if record else None,
            item.reassess_on,
            item.problem,
        )

    def _listing(self, session_id: str) -> Listing:
        path = self.path_of(session_id)
        try:
            data = self.read(session_id)
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
            missing = snapshots.fill(self.folder, data)
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

    def find(self, wanted: str | None) -> str:
        """A session by id or by case reference; without one, the most recently changed open session."""
        listing = self.listing()
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

    # -- locking -----------------------------------------------------------------------------

    def _take_lock(self, session_id: str) -> int:
        """The session's lock file, open and locked by us; SessionError when another process holds it."""
        folder = self._ready()
        lock_path = folder / f".{session_id}.lock"
        try:
            fd = open_regular(lock_path, os.O_RDWR | os.O_CREAT)
        except NotRegular:
            raise not_regular(lock_path) from None
        except OSError as exc:
            raise unusable_folder(folder, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise SessionError(
                "session_locked",
                Msg(
                    f"De sessie {session_id} is al geopend in een ander venster (proces {holder}). "
                    "Ga daar verder, of sluit dat eerst.",
                    f"The session {session_id} is already open in another window (process {holder}). "
                    "Continue there, or close it first.",
                ),
                data={"session": session_id},
            ) from None
        except OSError as exc:  # a file system without locks (some network drives)
            os.close(fd)
            raise unusable_folder(folder, exc) from None
        try:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode("ascii"))
        except OSError:
            pass  # the pid is only shown to the other window; the lock itself holds
        return fd

    @contextmanager
    def lock(self, session_id: str) -> Iterator[None]:
        """Only one terminal works on a session at a time; the lock goes with the process, also
        when it is killed."""
        if session_id in self._held:
            yield
            return
        fd = self._take_lock(session_id)
        try:
            yield
        finally:
            os.close(fd)

    def hold(self, session_id: str) -> None:
        """Lock a session until `release` (or the end of the process): a walk that `run` began."""
        if session_id not in self._held:
            self._held[session_id] = self._take_lock(session_id)

    def release(self, session_id: str | None = None) -> None:
        for held in [session_id] if session_id is not None else list(self._held):
            fd = self._held.pop(held, None)
            if fd is not None:
                os.close(fd)

    # -- removing ----------------------------------------------------------------------------

    def delete(self, session_id: str) -> None:
        path = self.path_of(session_id)
        if not os.path.lexists(path):
            raise SessionError(
                "unknown_session", Msg(f"Er is geen sessie '{session_id}'.", f"There is no session '{session_id}'.")
            )
        with self.lock(session_id):
            try:
                erase(path)
                self._erase_temps(session_id)
                # Removed while still locked: a window waiting for this lock finds no session.
                (self.folder / f".{session_id}.lock").unlink(missing_ok=True)
            except OSError as exc:
                raise unusable_folder(self.folder, exc) from None
        self._seen.pop(session_id, None)
        sessions_index.forget(self.folder, session_id)  # its reference leaves the index at once

    def purge(self, older_than_days: int) -> Purge:
        """Erase sessions whose last change is more than `older_than_days` days ago; a damaged file by
        its modification time. A session open in another window is skipped and named; a failure on one
        file never stops the rest."""
        gone: list[str] = []
        in_use: list[str] = []
        failed: list[str] = []
        for session_id in self.stale(older_than_days):
            try:
                self.delete(session_id)
            except SessionError as exc:
                (in_use if exc.code == "session_locked" else failed).append(session_id)
                continue
            gone.append(session_id)
        return Purge(sorted(gone), sorted(in_use), sorted(failed))

    def stale(self, older_than_days: int) -> list[str]:
        """The sessions a purge would erase: last changed more than `older_than_days` days ago (a
        damaged file by its modification time)."""
        limit = now() - timedelta(days=older_than_days)
        stale = []
        for item in self.listing():
            updated = item.updated or _modified(item.path)
            if updated is not None and updated <= limit:
                stale.append(item.id)
        return stale


def _modified(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(os.lstat(path).st_mtime).astimezone()
    except OSError:
        return None


# A record on disk names its flow snapshot (id, version, source, sha256); the text is in snapshots.py.
WITHOUT_FLOW_TEXT = {"flow": {"text"}}


def _fingerprint(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = os.lstat(path)
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


# What stays readable in an encrypted file: enough to list it and to flag a due re-assessment; the
# answers, notes, path and outcome are sealed.
_HEADER_FIELDS = ("format", "id", "reference", "flow", "version", "created", "updated", "reassess_on")


def _sealed(record: SessionRecord, key: Key, exclude: Any = None) -> dict[str, Any]:
    header = {
        "format": FORMAT,
        "id": record.id,
        "reference": record.reference,
        "flow": record.flow.id,
        "version": record.flow.version,
        "created": record.created.isoformat(),
        "updated": record.updated.isoformat(),
        # Sealed only: a readable date would tell which advice was given (only some plan a re-assessment).
        "reassess_on": None,
    }
    sealed = key.seal(record.model_dump_json(exclude=exclude).encode("utf-8"), _header_bytes(header))
    return {**header, "sealed": sealed}


def _header_bytes(data: dict[str, Any]) -> bytes:
    return json.dumps({k: data.get(k) for k in _HEADER_FIELDS}, sort_keys=True, ensure_ascii=False).encode("utf-8")

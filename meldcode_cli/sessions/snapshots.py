"""Flow snapshots stored once per flow version, by content hash, beside the sessions that refer to them."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from meldcode_cli.base.i18n import Msg

# Why: every save of a session wrote the whole flow it began with (about 100 KB of the 137 KB
# file) again, after every answer. The flow text is now kept once per version in
# `sessions/.flows/<sha256>.yaml` (private, atomic, like the records) and a record keeps only its
# id, version, source and sha256. A record from before, with the text inside, still loads as it
# is. The text is checked against its hash whenever it is read: a snapshot that is missing or
# changed makes the session a damaged file (never a different flow).

MAX_BYTES = 20_000_000  # as for a record
FOLDER = ".flows"  # hidden, like the index and the locks: never taken for a session


def path_of(sessions: Path, sha256: str) -> Path:
    return sessions / FOLDER / f"{sha256}.yaml"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def keep(sessions: Path, sha256: str, text: str) -> bool:
    """Store a flow's text under its hash, unless it is there already (and intact). False when the
    text does not match the hash (a record edited by hand): then the record keeps its own text."""
    from meldcode_cli.base.private_files import private_folder, write_private

    if _digest(text) != sha256:
        return False
    path = path_of(sessions, sha256)
    if text_of(sessions, sha256) is None:
        private_folder(path.parent)
        write_private(path, text)
    return True


def text_of(sessions: Path, sha256: str) -> str | None:
    """The stored text with this hash, or None when it is missing or does not match."""
    from meldcode_cli.base.private_files import read_regular

    try:  # a regular file only, never through a link (as for the records)
        text = read_regular(path_of(sessions, sha256), MAX_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return text if _digest(text) == sha256 else None


def fill(sessions: Path, data: dict[str, Any]) -> Msg | None:
    """Put the flow text back into a record's data read from disk (a record saved before snapshots
    were kept apart still holds it). Returns a problem, or None when the data is complete."""
    flow = data.get("flow")
    if not isinstance(flow, dict) or "text" in flow:
        return None  # nothing to fill in (schema validation judges the rest)
    sha256 = flow.get("sha256")
    text = text_of(sessions, sha256) if isinstance(sha256, str) else None
    if text is None:
        return Msg(
            f"de flow-momentopname {sha256} ontbreekt of is gewijzigd",
            f"the flow snapshot {sha256} is missing or was changed",
        )
    flow["text"] = text
    return None

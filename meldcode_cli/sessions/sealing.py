"""A record as the store writes it: plain JSON, or sealed with the user's key behind a readable header."""

from __future__ import annotations

import json
from typing import Any

from meldcode_cli.sessions.crypto import Key
from meldcode_cli.sessions.record import FORMAT, SessionRecord

# A record on disk names its flow snapshot (id, version, source, sha256); the text is in snapshots.py.
WITHOUT_FLOW_TEXT = {"flow": {"text"}}

# What stays readable in an encrypted file: enough to list it and to flag a due re-assessment; the
# answers, notes, path and outcome are sealed.
_HEADER_FIELDS = ("format", "id", "reference", "flow", "version", "created", "updated", "reassess_on")


def content(record: SessionRecord, key: Key | None, exclude: Any = None) -> str:
    """The file's text. Sealed in memory first: an encrypted session never reaches the disk in plain text."""
    if key is None:
        return record.model_dump_json(indent=1, exclude=exclude) + "\n"
    return json.dumps(sealed(record, key, exclude), ensure_ascii=False, indent=1) + "\n"


def sealed(record: SessionRecord, key: Key, exclude: Any = None) -> dict[str, Any]:
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
    box = key.seal(record.model_dump_json(exclude=exclude).encode("utf-8"), header_bytes(header))
    return {**header, "sealed": box}


def header_bytes(data: dict[str, Any]) -> bytes:
    """The readable header as the seal binds it: changing any of it makes the file fail to open."""
    return json.dumps({k: data.get(k) for k in _HEADER_FIELDS}, sort_keys=True, ensure_ascii=False).encode("utf-8")

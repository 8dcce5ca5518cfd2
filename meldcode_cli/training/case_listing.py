"""The list of training cases as `meldcode cases` shows it, remembered per version of the case files and their flows."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Why: listing ten cases loaded and checked every case (its schema, its flow, its reference walk)
# for three columns. A listing that checked out is kept in the cache folder, keyed by the bytes
# of every case file (and the schema), with a digest of every flow they use; the next listing of
# the same files reads that one file. Any change, a damaged cache file, or a case with a mistake
# means the full check, exactly as before (a case with a mistake is never remembered).

FORMAT = 1
SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class CaseRow:
    """One line of the table: a case, and the outcome it expects."""

    id: str
    title: dict[str, Any]
    summary: dict[str, Any]
    outcome_id: str
    outcome_title: dict[str, Any]


def row_of(loaded: Any) -> CaseRow:
    """A checked case (cases.LoadedCase) as a line of the table."""
    outcome = loaded.expected_outcome
    return CaseRow(loaded.id, _dump(loaded.case.title), _dump(loaded.case.summary), outcome.id, _dump(outcome.title))


def _dump(text: Any) -> dict[str, Any]:
    return {"nl": text.nl, "en": text.en}


def builtin_cases_dir() -> Path:
    """Where the built-in cases are (cases.cases_dir, without importing the case schema)."""
    from meldcode_cli.flow.catalog import builtin_dir

    return builtin_dir() / "cases"


# -- the cache --------------------------------------------------------------------------------


def _paths(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.iterdir()) if p.suffix in SUFFIXES and p.is_file() and not p.name.startswith(".")]


def _key(paths: list[Path]) -> str | None:
    from meldcode_cli.flow.compiled import _schema_stamp

    package = Path(__file__).parent.parent
    digest = hashlib.sha256(_schema_stamp().encode())
    try:
        # A changed case schema or table makes the remembered listing stale, also in a source checkout.
        for name in ("training/cases.py", "training/case_listing.py", "output/case_table.py"):
            stat = (package / name).stat()
            digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        for path in paths:
            digest.update(str(path.resolve()).encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def _cache(key: str) -> Path:
    from meldcode_cli.flow.compiled import cache_home

    return cache_home() / "cases" / f"{key}.json"


def remembered(folder: Path) -> list[CaseRow] | None:
    """The rows of the cases in `folder` as last listed, if no file they rest on has changed."""
    paths = _paths(folder)
    key = _key(paths) if paths else None
    if key is None:
        return None
    try:
        data = json.loads(_cache(key).read_text(encoding="utf-8"))
        if data["format"] != FORMAT:
            return None
        for file, digest in data["flows"]:
            if hashlib.sha256(Path(file).read_bytes()).hexdigest() != digest:
                return None
        return [
            CaseRow(str(r["id"]), dict(r["title"]), dict(r["summary"]), str(r["outcome_id"]), dict(r["outcome_title"]))
            for r in data["rows"]
        ]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def remember(folder: Path, rows: list[CaseRow], flow_files: list[Path]) -> None:
    """Keep a listing in which every case checked out (a cache that cannot be written only costs time)."""
    from meldcode_cli.flow.compiled import _store

    key = _key(_paths(folder))
    if key is None:
        return
    flows = []
    for path in dict.fromkeys(flow_files):
        try:  # a file loaded earlier in this process and gone since played no part in this listing
            flows.append((str(path.resolve()), hashlib.sha256(path.read_bytes()).hexdigest()))
        except OSError:
            continue
    data = {"format": FORMAT, "flows": flows, "rows": [row.__dict__ for row in rows]}
    _store(_cache(key), json.dumps(data, ensure_ascii=False))

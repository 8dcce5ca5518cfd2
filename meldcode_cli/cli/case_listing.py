"""`meldcode cases`: the table of training cases, remembered per version of the case files and their flows."""

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


def _text(value: dict[str, Any], lang: str) -> str:
    return str((value.get("en") if lang == "en" else None) or value.get("nl") or "")


def cases_table(rows: list[CaseRow], lang: str, hide_answers: bool = False) -> Any:
    """The table `meldcode cases` prints; `hide_answers` (to show in class): only id and title."""
    from rich.table import Column, Table
    from rich.text import Text as RichText

    from meldcode_cli.base.i18n import Msg

    heads = {
        "id": Msg("id", "id"),
        "title": Msg("titel", "title"),
        "outcome": Msg("verwachte uitkomst", "expected outcome"),
    }
    if hide_answers:
        # To project in class: the summary and the expected outcome would give the answers away.
        table = Table(Column(heads["id"].get(lang), no_wrap=True), heads["title"].get(lang))
        for row in rows:
            table.add_row(row.id, RichText(_text(row.title, lang), style="bold"))
        return table
    table = Table(Column(heads["id"].get(lang), no_wrap=True), heads["title"].get(lang), heads["outcome"].get(lang))
    for row in rows:
        title = RichText(_text(row.title, lang), style="bold")
        title.append("\n" + _text(row.summary, lang), style="dim")
        result = RichText(_text(row.outcome_title, lang))
        result.append("\n" + row.outcome_id, style="dim")
        table.add_row(RichText(row.id), title, result)
    return table


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


def show(folder: Path | None, lang: str, hide_answers: bool = False) -> bool:
    """Print the table of the cases in `folder` (default: the built-in ones) when it is remembered
    for exactly these files; False when the cases must be loaded and checked."""
    target = folder if folder is not None else builtin_cases_dir()
    rows = remembered(target)
    if rows is None:
        return False
    from meldcode_cli.tui.conversation import make_console

    make_console().print(cases_table(rows, lang, hide_answers))
    return True


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
        for name in ("training/cases.py", "cli/case_listing.py"):
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

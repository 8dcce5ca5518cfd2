"""The built-in flows' headers (id, version, title, sector) for `meldcode flows` and the choice of a
sector: from each flow's compiled form, without the schema where possible."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.flow.catalog import builtin_paths


@dataclass(frozen=True)
class Header:
    """What `meldcode flows` shows of a flow file: enough to choose one, read in a few milliseconds."""

    id: str
    version: str
    title: Any  # a text: a string, or {nl: …, en: …}
    path: Path
    sector: Any = None  # a text, or None when the flow does not say

    def title_in(self, lang: str) -> str:
        return _text_in(self.title, lang)

    def sector_in(self, lang: str) -> str:
        return _text_in(self.sector, lang) if self.sector is not None else ""

    def label_in(self, lang: str) -> str:
        """How a choice of flows names this one: its sector, else its title."""
        return self.sector_in(lang) or self.title_in(lang)


def _text_in(text: Any, lang: str) -> str:
    if isinstance(text, dict):
        return str(text.get(lang) or text.get("nl") or "")
    return str(text)


def headers() -> list[Header]:
    """The built-in flows' headers, from each flow's compiled form (compiled.py: one line of JSON,
    built once per version of the flow). A flow that cannot be compiled (a mistake in it) is still
    listed: then only the top of its file is read, without the schema."""
    from meldcode_cli.flow import compiled

    found = []
    for flow_id, path in builtin_paths().items():
        try:
            top = compiled.header(path)
        except MeldcodeError:
            top = _top_keys(path, ("id", "version", "title"), ("sector",))
        if "title" not in top:  # an overlay may take its title from its base
            from meldcode_cli.flow.loader import load_flow

            flow = load_flow(path)
            top = {
                "id": flow.id,
                "version": flow.version,
                "title": flow.title.model_dump(),
                "sector": flow.sector.model_dump() if flow.sector else None,
            }
        found.append(
            Header(
                str(top.get("id", flow_id)), str(top.get("version", "")), top.get("title", ""), path, top.get("sector")
            )
        )
    return found


def _top_keys(path: Path, wanted: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """Values of a few top-level keys (and of the optional ones present). The header comes before the
    nodes in a flow, so the part before `nodes:` is read first; the whole file only when that part
    does not have them all."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = path.read_text(encoding="utf-8-sig")
    for part in (text.split("\nnodes:", 1)[0], text):
        try:
            data = yaml.load(part, Loader=loader)
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and all(key in data for key in wanted):
            return {key: data[key] for key in wanted + optional if key in data}
    return {}

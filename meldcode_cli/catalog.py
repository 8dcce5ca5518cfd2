"""Where the built-in flows are, and their ids, versions and titles read without loading them whole."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_FLOW = "sociaal-werk"
FLOW_SUFFIXES = (".yaml", ".yml")


def builtin_dir() -> Path:
    """Where the built-in flows are: inside the installed package, or `flows/` in a source checkout."""
    packaged = Path(__file__).parent / "flows"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "flows"


# Scenario files live next to their flow (`sociaal-werk.scenarios.yaml`); they are not flows.
SCENARIO_MARK = ".scenarios"


def is_scenario_file(path: Path) -> bool:
    return path.suffix in FLOW_SUFFIXES and path.stem.endswith(SCENARIO_MARK)


def builtin_paths() -> dict[str, Path]:
    """Built-in flow id (the file name without suffix) → file."""
    folder = builtin_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.iterdir())
            if p.suffix in FLOW_SUFFIXES and p.is_file() and not is_scenario_file(p)}


@dataclass(frozen=True)
class Header:
    """What `meldcode flows` shows of a flow file: enough to choose one, read in a few milliseconds."""

    id: str
    version: str
    title: Any  # a text: a string, or {nl: …, en: …}
    path: Path

    def title_in(self, lang: str) -> str:
        if isinstance(self.title, dict):
            return str(self.title.get(lang) or self.title.get("nl") or "")
        return str(self.title)


def headers() -> list[Header]:
    """The built-in flows' headers. Only the top of each file is read (no schema, no checks):
    `meldcode flows` should answer at once; every flow is fully checked when it is used, and in CI."""
    found = []
    for flow_id, path in builtin_paths().items():
        top = _top_keys(path, ("id", "version", "title"))
        if "title" not in top:  # an overlay may take its title from its base
            from meldcode_cli.loader import load_flow

            flow = load_flow(path)
            top = {"id": flow.id, "version": flow.version, "title": flow.title.model_dump()}
        found.append(Header(str(top.get("id", flow_id)), str(top.get("version", "")), top.get("title", ""), path))
    return found


def _top_keys(path: Path, wanted: tuple[str, ...]) -> dict[str, Any]:
    """Values of a few top-level keys. The header comes before the nodes in a flow, so the part
    before `nodes:` is read first; the whole file only when that part does not have them all."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = path.read_text(encoding="utf-8-sig")
    for part in (text.split("\nnodes:", 1)[0], text):
        try:
            data = yaml.load(part, Loader=loader)
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and all(key in data for key in wanted):
            return {key: data[key] for key in wanted}
    return {}

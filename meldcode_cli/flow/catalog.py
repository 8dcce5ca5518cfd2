"""Where the built-in flows are, and their ids, versions and titles read without loading them whole."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg

DEFAULT_FLOW = "sociaal-werk"
FLOW_SUFFIXES = (".yaml", ".yml")


def builtin_dir() -> Path:
    """Where the built-in flows are: inside the installed package, or `flows/` in a source checkout."""
    package = Path(__file__).parent.parent
    packaged = package / "flows"
    if packaged.is_dir():
        return packaged
    return package.parent / "flows"


# Scenario files live next to their flow (`sociaal-werk.scenarios.yaml`); they are not flows.
SCENARIO_MARK = ".scenarios"


def is_scenario_file(path: Path) -> bool:
    return path.suffix in FLOW_SUFFIXES and path.stem.endswith(SCENARIO_MARK)


def builtin_paths() -> dict[str, Path]:
    """Built-in flow id (the file name without suffix) → file."""
    folder = builtin_dir()
    if not folder.is_dir():
        return {}
    return {
        p.stem: p
        for p in sorted(folder.iterdir())
        if p.suffix in FLOW_SUFFIXES and p.is_file() and not is_scenario_file(p)
    }


@dataclass(frozen=True)
class FlowSource:
    """Where a flow came from: its file, and the built-in id if it is one of ours."""

    path: Path
    builtin_id: str | None = None


def resolve(reference: str | None) -> FlowSource:
    """A built-in flow id or a path to a YAML file → the file to load."""
    reference = reference or DEFAULT_FLOW
    builtins = builtin_paths()
    if reference in builtins:
        return FlowSource(builtins[reference], reference)
    path = Path(reference).expanduser()
    builtin_meant = None if path.exists() else _builtin_meant(reference, builtins)
    if builtin_meant is None and (path.suffix in FLOW_SUFFIXES or "/" in reference or path.exists()):
        return FlowSource(path)
    from meldcode_cli.flow.schema_errors import did_you_mean  # only on error: it imports the schema tools

    hint = (
        Msg(f"Bedoelt u '{builtin_meant}'?", f"Did you mean '{builtin_meant}'?")
        if builtin_meant
        else did_you_mean(reference, builtins)
    )
    raise MeldcodeError(
        "unknown_flow",
        Msg(
            f"Er is geen ingebouwde flow '{reference}'. Ingebouwd: {', '.join(builtins)}. "
            "Of geef het pad naar een YAML-bestand.",
            f"There is no built-in flow '{reference}'. Built in: {', '.join(builtins)}. "
            "Or give the path to a YAML file.",
        ),
        details=[hint] if hint else None,
    )


def _builtin_meant(reference: str, builtins: dict[str, Path]) -> str | None:
    """The built-in flow a near miss means: another case (Onderwijs), _ for - (sociaal_werk), the id
    written as a file name that does not exist (sociaal-werk.yml), or a unique part of an id (werk)."""
    if "/" in reference:  # a path: the file-not-found message says more than a guess would
        return None
    name = reference
    for suffix in FLOW_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    wanted = name.lower().replace("_", "-").replace(" ", "-")
    if wanted in builtins:
        return wanted
    containing = [b for b in builtins if wanted and wanted in b]
    return containing[0] if len(containing) == 1 else None


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

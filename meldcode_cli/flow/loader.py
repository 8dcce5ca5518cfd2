"""Loads a flow from YAML into the model, with `file:line` in every error; finds the built-in flows."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from meldcode_cli.base.errors import FileProblems
from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow import integrity, overlay, yamlsource
from meldcode_cli.flow.catalog import (
    DEFAULT_FLOW,
    FLOW_SUFFIXES,
    SCENARIO_MARK,
    FlowSource,
    builtin_dir,
    builtin_paths,
    is_scenario_file,
    resolve,
)
from meldcode_cli.flow.model import Flow
from meldcode_cli.flow.schema_errors import known_keys, problems_from

# The catalog's names are re-exported: the modules that load flows find the built-in ones here too.
__all__ = [
    "DEFAULT_FLOW",
    "FLOW_SUFFIXES",
    "SCENARIO_MARK",
    "FlowSource",
    "builtin_dir",
    "builtin_paths",
    "check_flow",
    "display_path",
    "heading",
    "is_scenario_file",
    "load_flow",
    "loaded_files",
    "parse_flow",
    "read_flow",
    "resolve",
    "snapshot_text",
]


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the current folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


@lru_cache(maxsize=1)
def _keys() -> frozenset[str]:
    return frozenset(known_keys([Flow]))


def load_flow(reference: str | Path | None = None) -> Flow:
    """Load and check a flow; raise FileProblems naming file and line when anything is wrong."""
    source = FlowSource(reference) if isinstance(reference, Path) else resolve(reference)
    return _load_cached(source.path.resolve(), str(source.path))


def _load_cached(path: Path, display: str) -> Flow:
    # Loaded once per run: a run touches the same flow from several places (run, summary, JSON).
    # A flow that extends another is stale when any file of its chain changed.
    key = (path, display)
    cached = _CACHE.get(key)
    if cached and all(_stamp(file) == stamp for file, stamp in cached[0]):
        return cached[1]
    stamps = [(path, _stamp(path))]
    located, sources = read_flow(path, display)
    flow = check_flow(located)
    _CACHE[key] = (stamps + [(file, _stamp(file)) for file in sources[1:]], flow)
    return flow


_CACHE: dict[tuple[Path, str], tuple[list[tuple[Path, tuple[int, int] | None]], Flow]] = {}


def read_flow(path: Path, display: str | None = None) -> tuple[yamlsource.Located, list[Path]]:
    """A flow file as data with line numbers, merged with the flows it `extends`, and every file read."""
    return _merge_overlay(yamlsource.load(path, display or str(path)), path)


def snapshot_text(path: Path) -> str:
    """A flow's text as a session keeps it: the file itself, or for a flow composed of several files
    (`extends`, `include`) the merged flow as JSON (which is YAML too), so that a resumed session never
    depends on files that may have changed or that its name no longer leads to."""
    text = yamlsource.read_text(path)
    if not is_composed(text):
        return text
    located, _ = read_flow(path, display_path(path))
    return json.dumps(located.data, ensure_ascii=False, indent=1, default=str) + "\n"


# Only a file with one of these top-level keys is composed of others.
_COMPOSED = re.compile(r"^(extends|include)\s*:", re.MULTILINE)


def is_composed(text: str) -> bool:
    """Whether a flow file's text `extends` another or `include`s fragments."""
    return _COMPOSED.search(text) is not None


def _merge_overlay(located: yamlsource.Located, path: Path) -> tuple[yamlsource.Located, list[Path]]:
    return overlay.merged(located, path, builtin_paths(), builtin_dir())


def loaded_files() -> list[Path]:
    """Every flow file loaded in this process so far, with the files they extend."""
    return [file for stamps, _ in _CACHE.values() for file, _ in stamps]


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def heading(file: str) -> Msg:
    return Msg(f"De flow in {file} kan niet geladen worden:", f"The flow in {file} cannot be loaded:")


def parse_flow(located: yamlsource.Located) -> Flow:
    """Validate parsed YAML as a flow: first the schema, then the cross-references. A flow that
    `extends` another is merged with it first; relative paths start at the folder of its file."""
    merged, _ = _merge_overlay(located, Path(located.file))
    return check_flow(merged)


def check_flow(located: yamlsource.Located) -> Flow:
    """Validate parsed (and merged) data as a flow: first the schema, then the cross-references."""
    if overlay.is_fragment(located.data):
        raise FileProblems(
            "invalid_flow",
            heading(located.file),
            [
                located.problem(
                    ("fragment",),
                    Msg(
                        "dit is een fragment (gedeelde onderdelen), geen flow op zich. Het wordt gebruikt "
                        "en gecontroleerd in elke flow die het noemt onder 'include:'.",
                        "this is a fragment (shared parts), not a flow of its own. It is used and "
                        "checked in every flow that names it under 'include:'.",
                    ),
                    "MC100",
                    Msg("Geef een flow die het fragment opneemt.", "Give a flow that includes the fragment."),
                )
            ],
        )
    if not isinstance(located.data, dict):
        raise FileProblems(
            "invalid_flow",
            heading(located.file),
            [
                located.problem(
                    (),
                    Msg(
                        "een flow is een mapping met id, version, title, steps en nodes.",
                        "a flow is a mapping with id, version, title, steps and nodes.",
                    ),
                    "MC100",
                )
            ],
        )
    try:
        with yamlsource.paused_gc():  # the same reason as when reading: many small objects
            flow = Flow.model_validate(located.data)
    except ValidationError as exc:
        raise FileProblems("invalid_flow", heading(located.file), problems_from(exc, located, set(_keys()))) from None
    findings = integrity.check(flow)
    if findings:
        problems = [located.problem(loc, msg, code, hint) for loc, code, msg, hint in findings]
        # In the order the author reads the files (an overlay's own lines first).
        problems.sort(key=lambda p: (p.file != located.file, p.file, p.line or 0))
        raise FileProblems("invalid_flow", heading(located.file), problems)
    return flow

"""Where the built-in flows are, and which one a name on the command line means."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg

DEFAULT_FLOW = "sociaal-werk"
FLOW_SUFFIXES = (".yaml", ".yml")


def looks_like_path(reference: str) -> bool:
    """A reference with a folder in it, written the POSIX way or the Windows way (`flows\\eigen.yaml`)."""
    return "/" in reference or "\\" in reference


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
    if builtin_meant is None and (path.suffix in FLOW_SUFFIXES or looks_like_path(reference) or path.exists()):
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
    if looks_like_path(reference):  # a path: the file-not-found message says more than a guess would
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

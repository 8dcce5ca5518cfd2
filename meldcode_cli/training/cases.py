"""Training cases found and loaded, with `file:line` errors: the schema, then the checks against the flow."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from meldcode_cli.base.errors import FileProblems, MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow import yamlsource
from meldcode_cli.flow.catalog import looks_like_path
from meldcode_cli.flow.loader import FLOW_SUFFIXES, builtin_dir, builtin_paths, load_flow
from meldcode_cli.flow.model import Flow, Text
from meldcode_cli.flow.schema_errors import did_you_mean, known_keys, problems_from
from meldcode_cli.training.case_checks import Finding, check_reference_walk, check_references
from meldcode_cli.training.case_model import Accepted, Case, Expected, LoadedCase, StoryPart

CASES_FOLDER = "cases"


def cases_dir() -> Path:
    """The built-in cases: `cases/` beside the built-in flows (a subfolder, so never taken for a flow)."""
    return builtin_dir() / CASES_FOLDER


def case_paths(folder: Path) -> dict[str, Path]:
    """Case id (the file name without suffix) → file, for the YAML files directly in `folder`."""
    if not folder.is_dir():
        return {}
    return {
        p.stem: p
        for p in sorted(folder.iterdir())
        if p.suffix in FLOW_SUFFIXES and p.is_file() and not p.name.startswith(".")
    }


def builtin_case_paths() -> dict[str, Path]:
    return case_paths(cases_dir())


def resolve_case(reference: str) -> Path:
    """A built-in case id or a path to a YAML file → the file to load."""
    builtins = builtin_case_paths()
    if reference in builtins:
        return builtins[reference]
    path = Path(reference).expanduser()
    if path.suffix in FLOW_SUFFIXES or looks_like_path(reference) or path.exists():
        return path
    hint = did_you_mean(reference, builtins)
    raise MeldcodeError(
        "unknown_case",
        Msg(
            f"Er is geen ingebouwde casus '{reference}'. Bekijk ze met 'meldcode cases', of geef het pad "
            "naar een YAML-bestand.",
            f"There is no built-in case '{reference}'. List them with 'meldcode cases', or give the path "
            "to a YAML file.",
        ),
        details=[hint] if hint else None,
    )


def heading(file: str) -> Msg:
    return Msg(f"De casus in {file} kan niet geladen worden:", f"The case in {file} cannot be loaded:")


@lru_cache(maxsize=1)
def _keys() -> frozenset[str]:
    return frozenset(known_keys([Case, Accepted, StoryPart, Expected, Text]))


def load_case(reference: str | Path) -> LoadedCase:
    """Load a case and check it against its flow; FileProblems names file and line when anything is wrong."""
    path = reference if isinstance(reference, Path) else resolve_case(reference)
    return parse_case(yamlsource.load(path), path.parent)


def parse_case(located: yamlsource.Located, folder: Path | None = None) -> LoadedCase:
    """Validate parsed YAML as a case: the schema, then the references into its flow, then the walk
    of its reference answers to the expected outcome and actions."""
    if not isinstance(located.data, dict):
        raise _problems(
            located,
            [
                (
                    (),
                    "MC100",
                    Msg(
                        "een casus is een mapping met id, title, flow, summary, story, reference en expected.",
                        "a case is a mapping with id, title, flow, summary, story, reference and expected.",
                    ),
                    None,
                )
            ],
        )
    try:
        case = Case.model_validate(located.data)
    except ValidationError as exc:
        raise FileProblems("invalid_case", heading(located.file), problems_from(exc, located, set(_keys()))) from None
    flow = _flow_of(case, located, folder)
    findings = check_references(case, flow)
    if findings:  # the walk needs answers that fit their questions
        raise _problems(located, findings)
    walk, findings = check_reference_walk(case, flow)
    if findings:
        raise _problems(located, findings)
    return LoadedCase(case, flow, located.file, walk)


def _problems(located: yamlsource.Located, findings: list[Finding]) -> FileProblems:
    problems = [located.problem(loc, msg, code, hint) for loc, code, msg, hint in findings]
    problems.sort(key=lambda p: p.line or 0)  # in the order the author reads the file
    return FileProblems("invalid_case", heading(located.file), problems)


def _flow_of(case: Case, located: yamlsource.Located, folder: Path | None) -> Flow:
    builtins = builtin_paths()
    if case.flow in builtins:
        return load_flow(case.flow)
    path = Path(case.flow).expanduser()
    if folder is not None and not path.is_absolute():
        path = folder / path
    if path.suffix in FLOW_SUFFIXES and path.is_file():
        return load_flow(path)
    raise _problems(
        located,
        [
            (
                ("flow",),
                "MC501",
                Msg(
                    f"er is geen flow '{case.flow}': geef een ingebouwde flow ({', '.join(builtins)}) of het pad "
                    "naar een YAML-bestand, gezien vanuit de map van de casus.",
                    f"there is no flow '{case.flow}': give a built-in flow ({', '.join(builtins)}) or the path to a "
                    "YAML file, relative to the case's folder.",
                ),
                did_you_mean(case.flow, builtins),
            )
        ],
    )

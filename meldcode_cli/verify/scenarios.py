"""Scenario files: example walks with the outcome, actions and path each must give; running them; coverage."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from meldcode_cli.base.errors import FileProblems, MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.base.manuals import manual
from meldcode_cli.engine.walk import AnswerError, FlowRuntimeError, Walk, normalize
from meldcode_cli.flow import compiled, loader, yamlsource
from meldcode_cli.flow.kinds import OutcomeNode
from meldcode_cli.flow.model import Flow, Identifier
from meldcode_cli.flow.schema_errors import did_you_mean, known_keys, problems_from
from meldcode_cli.verify.coverage import Coverage, coverage
from meldcode_cli.verify.diagnostics import Diagnostic, from_error, from_problem


class Scenario(BaseModel):
    """One example walk: answers in, and what the walk must (not) give."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    description: str | None = None
    answers: dict[str, Any] = Field(default_factory=dict)
    outcome: Identifier | None = None
    actions: list[Identifier] = Field(default_factory=list, description="Gathered, each of them.")
    not_actions: list[Identifier] = Field(default_factory=list, description="Gathered, none of them.")
    visits: list[Identifier] = Field(default_factory=list, description="On the path, each of them.")
    avoids: list[Identifier] = Field(default_factory=list, description="On the path, none of them.")

    @field_validator("answers", mode="before")
    @classmethod
    def _no_answers_is_empty(cls, value: Any) -> Any:
        return {} if value is None else value


class ScenarioFile(BaseModel):
    """A file of scenarios for one flow: `flow` names it (default: the flow file beside it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_: str | None = Field(default=None, alias="$schema")
    flow: str | None = None
    scenarios: list[Scenario] = Field(min_length=1)


@dataclass(frozen=True)
class Outcome:
    """What a scenario's walk gave, and how it differs from what was expected."""

    scenario: Scenario
    line: int | None
    path: tuple[str, ...] = ()
    outcome: str | None = None
    actions: tuple[str, ...] = ()
    answers: dict[str, Any] = field(default_factory=dict)
    # (what, expected, actual) for each expectation that failed
    differences: tuple[tuple[str, Any, Any], ...] = ()
    stopped: Msg | None = None  # the walk did not reach an outcome: why

    @property
    def passed(self) -> bool:
        return not self.differences and self.stopped is None


@dataclass
class ScenarioRun:
    """The scenarios of one file, run against their flow."""

    file: str
    flow_file: str | None = None
    flow: Flow | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    results: list[Outcome] = field(default_factory=list)
    coverage: Coverage | None = None

    @property
    def passed(self) -> bool:
        return not self.problems and all(r.passed for r in self.results)


SCENARIO_SUFFIX = loader.SCENARIO_MARK + ".yaml"


def scenario_files(paths: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The scenario files to run: those given, those beside the flows given, those in the folders
    given (not in subfolders). A built-in flow's id stands for its scenario file."""
    found: list[Path] = []
    problems: list[Diagnostic] = []
    builtins = loader.builtin_paths()
    for path in paths:
        if not path.exists() and str(path) in builtins:
            path = builtins[str(path)]
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and loader.is_scenario_file(p))
        elif loader.is_scenario_file(path) or not path.exists():
            found.append(path)
        else:
            beside = [path.with_name(path.stem + loader.SCENARIO_MARK + s) for s in loader.FLOW_SUFFIXES]
            existing = [p for p in beside if p.is_file()]
            if existing:
                found.append(existing[0])
            else:
                problems.append(
                    Diagnostic(
                        str(path),
                        None,
                        "MC404",
                        Msg(
                            f"er staat geen scenariobestand naast deze flow (verwacht: {beside[0].name}).",
                            f"there is no scenario file beside this flow (expected: {beside[0].name}).",
                        ),
                        Msg(
                            f"Schrijf scenario's in dat bestand; zie {manual('authoring.md')}.",
                            f"Write scenarios in that file; see {manual('authoring.en.md')}.",
                        ),
                    )
                )
    return list(dict.fromkeys(found)), problems


def run_paths(paths: list[Path]) -> list[ScenarioRun]:
    files, problems = scenario_files(paths)
    runs = [ScenarioRun(d.file, problems=[d]) for d in problems]
    runs += [run_file(path) for path in files]
    _add_coverage([r for r in runs if r.flow is not None and not r.problems])
    return runs


def passed(runs: list[ScenarioRun]) -> bool:
    return bool(runs) and all(r.passed for r in runs)


def run_file(path: Path) -> ScenarioRun:
    display = str(path)
    run = ScenarioRun(display)
    try:
        located = yamlsource.load(path, display)
        spec = _parse(located)
        flow_path = _flow_of(path, spec, located)
        run.flow_file = loader.display_path(flow_path)
        # The compiled form: checked by the schema once per version of the flow, then read fast.
        run.flow = compiled.load(flow_path)
    except MeldcodeError as exc:
        run.problems = from_error(exc, display)
        return run
    run.problems = _check(spec, run.flow, located)
    if run.problems:
        return run
    run.results = [
        play(run.flow, scenario, located.line_of(("scenarios", i))) for i, scenario in enumerate(spec.scenarios)
    ]
    return run


def _parse(located: yamlsource.Located) -> ScenarioFile:
    heading = _heading(located.file)
    if not isinstance(located.data, dict):
        raise FileProblems(
            "invalid_scenarios",
            heading,
            [
                located.problem(
                    (),
                    Msg(
                        "een scenariobestand is een mapping met 'scenarios' (en eventueel 'flow').",
                        "a scenario file is a mapping with 'scenarios' (and optionally 'flow').",
                    ),
                    "MC100",
                )
            ],
        )
    try:
        return ScenarioFile.model_validate(located.data)
    except ValidationError as exc:
        raise FileProblems(
            "invalid_scenarios", heading, problems_from(exc, located, known_keys([ScenarioFile, Scenario]))
        ) from None


def _heading(file: str) -> Msg:
    return Msg(f"Het scenariobestand {file} klopt niet:", f"The scenario file {file} is not right:")


def _flow_of(path: Path, spec: ScenarioFile, located: yamlsource.Located) -> Path:
    """The flow the scenarios are for: `flow:` (a built-in id or a path from this file's folder),
    else the flow file with the same name beside it."""
    builtins = loader.builtin_paths()
    if spec.flow is not None:
        if spec.flow in builtins:
            return builtins[spec.flow]
        candidate = path.parent / spec.flow
        if candidate.is_file():
            return candidate
        raise FileProblems(
            "invalid_scenarios",
            _heading(located.file),
            [
                located.problem(
                    ("flow",),
                    Msg(
                        f"de flow '{spec.flow}' bestaat niet (geen ingebouwde flow en geen bestand).",
                        f"the flow '{spec.flow}' does not exist (no built-in flow and no file).",
                    ),
                    "MC404",
                    did_you_mean(spec.flow, builtins),
                )
            ],
        )
    stem = path.stem[: -len(loader.SCENARIO_MARK)]
    for suffix in loader.FLOW_SUFFIXES:
        candidate = path.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    raise FileProblems(
        "invalid_scenarios",
        _heading(located.file),
        [
            located.problem(
                (),
                Msg(
                    f"er staat geen flow {stem}.yaml naast dit bestand; noem de flow met 'flow:'.",
                    f"there is no flow {stem}.yaml beside this file; name the flow with 'flow:'.",
                ),
                "MC404",
            )
        ],
    )


def _check(spec: ScenarioFile, flow: Flow, located: yamlsource.Located) -> list[Diagnostic]:
    """Every name in the scenarios must exist in the flow, and every answer must fit its question."""
    problems: list[Diagnostic] = []
    # Sets to look names up (a thousand scenarios on a large flow), lists for did-you-mean.
    questions = [n.id for n in flow.questions()]
    outcomes = [n.id for n in flow.nodes if isinstance(n, OutcomeNode)]
    nodes = [n.id for n in flow.nodes]
    known_questions, known_outcomes, known_nodes, known_actions = (
        set(questions),
        set(outcomes),
        set(nodes),
        set(flow.actions),
    )
    names: set[str] = set()

    def problem(loc: tuple[Any, ...], code: str, message: Msg, hint: Msg | None = None) -> None:
        problems.append(from_problem(located.problem(loc, message, code, hint)))

    for i, scenario in enumerate(spec.scenarios):
        base = ("scenarios", i)
        if scenario.name in names:
            problem(
                base + ("name",),
                "MC403",
                Msg(
                    f"de naam '{scenario.name}' wordt al door een ander scenario gebruikt.",
                    f"the name '{scenario.name}' is already used by another scenario.",
                ),
                Msg("Geef elk scenario een eigen naam.", "Give every scenario a name of its own."),
            )
        names.add(scenario.name)
        for question, value in scenario.answers.items():
            loc = base + ("answers", question)
            if question not in known_questions:
                problem(
                    loc,
                    "MC401",
                    Msg(
                        f"de flow '{flow.id}' heeft geen vraag '{question}'.",
                        f"the flow '{flow.id}' has no question '{question}'.",
                    ),
                    did_you_mean(question, questions),
                )
                continue
            try:
                normalize(flow.node(question), value)
            except AnswerError as exc:
                problem(loc, "MC402", exc.message)
        expected = [
            (
                "outcome",
                [scenario.outcome] if scenario.outcome else [],
                outcomes,
                known_outcomes,
                Msg("uitkomst", "outcome"),
            )
        ]
        expected += [
            (key, getattr(scenario, key), list(flow.actions), known_actions, Msg("actie", "action"))
            for key in ("actions", "not_actions")
        ]
        expected += [
            (key, getattr(scenario, key), nodes, known_nodes, Msg("node", "node")) for key in ("visits", "avoids")
        ]
        for key, values, allowed, known, what in expected:
            for j, value in enumerate(values):
                if value not in known:
                    problem(
                        base + (key,) + ((j,) if key != "outcome" else ()),
                        "MC401",
                        Msg(
                            f"de flow '{flow.id}' heeft geen {what.nl} '{value}'.",
                            f"the flow '{flow.id}' has no {what.en} '{value}'.",
                        ),
                        did_you_mean(value, allowed),
                    )
    return problems


def play(flow: Flow, scenario: Scenario, line: int | None = None) -> Outcome:
    """Walk the scenario's answers through the engine and compare with what it expects."""
    answers = {q: normalize(flow.node(q), v) for q, v in scenario.answers.items()}
    walk = Walk(flow)
    stopped: Msg | None = None
    try:
        walk.fill(answers, skip_optional=True)
        if not walk.finished:
            stopped = Msg(
                f"het antwoord op '{walk.current.id}' ontbreekt.", f"the answer to '{walk.current.id}' is missing."
            )
    except FlowRuntimeError as exc:
        stopped = exc.message
    actions = tuple(a.id for a in walk.actions())
    outcome = walk.current.id if walk.finished else None
    differences = () if stopped is not None else _differences(scenario, outcome, actions, walk.path)
    return Outcome(scenario, line, tuple(walk.path), outcome, actions, dict(walk.answers), differences, stopped)


def _differences(
    scenario: Scenario, outcome: str | None, actions: tuple[str, ...], path: list[str]
) -> tuple[tuple[str, Any, Any], ...]:
    """Each expectation the walk did not meet: (key, what was expected and is not so, what happened)."""
    differences: list[tuple[str, Any, Any]] = []
    if scenario.outcome is not None and outcome != scenario.outcome:
        differences.append(("outcome", scenario.outcome, outcome))
    found = {
        "actions": ([a for a in scenario.actions if a not in actions], list(actions)),
        "not_actions": ([a for a in scenario.not_actions if a in actions], list(actions)),
        "visits": ([n for n in scenario.visits if n not in path], list(path)),
        "avoids": ([n for n in scenario.avoids if n in path], list(path)),
    }
    differences += [(key, wrong, seen) for key, (wrong, seen) in found.items() if wrong]
    return tuple(differences)


def _add_coverage(runs: list[ScenarioRun]) -> None:
    """Coverage per flow, over all scenario files of that flow: the last run of a flow carries it."""
    by_flow: dict[str, list[ScenarioRun]] = {}
    for run in runs:
        by_flow.setdefault(str(run.flow_file), []).append(run)
    for flow_file, group in by_flow.items():
        flow = group[0].flow
        assert flow is not None
        results = [r for run in group for r in run.results]
        # Lines from the compiled form when it has them: the flow's YAML is not parsed a second time.
        places = compiled.places(flow)
        located = places.shown_as(flow_file) if places is not None else _located(Path(flow_file), flow_file)
        group[-1].coverage = coverage(flow, results, located)


def _located(path: Path, display: str) -> yamlsource.Located | None:
    try:
        return loader.read_flow(path, display)[0]
    except MeldcodeError:
        return None

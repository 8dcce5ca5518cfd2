"""Training cases: the case file schema, loading with `file:line` errors, and the checks against its flow."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator

from meldcode_cli.base.errors import FileProblems, MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.walk import AnswerError, Walk, normalize
from meldcode_cli.flow import yamlsource
from meldcode_cli.flow.loader import FLOW_SUFFIXES, builtin_dir, builtin_paths, load_flow
from meldcode_cli.flow.model import Answer, Flow, Identifier, MultipleNode, OutcomeNode, SingleNode, Strict, Text
from meldcode_cli.flow.schema_errors import did_you_mean, known_keys, problems_from

CASES_FOLDER = "cases"

# ---------------------------------------------------------------------------------------------
# The schema


class Accepted(Strict):
    """One defensible answer to a question: the answer, why it is defensible, and the domain fact it
    rests on. `answer` is an exact answer; `includes` (multiple choice only) accepts every answer
    that ticks at least these options."""

    answer: Answer | None = None
    includes: list[Identifier] | None = None
    reasoning: Text
    fact: Text
    sources: list[str] = Field(default_factory=list, description="Keys as in docs/domain-sources.md.")

    @property
    def value(self) -> Answer:
        """The answer the reference walk takes with this entry."""
        return list(self.includes) if self.includes is not None else self.answer  # type: ignore[return-value]

    def accepts(self, given: Answer) -> bool:
        if self.includes is not None:
            return isinstance(given, list) and set(self.includes) <= set(given)
        if isinstance(given, list) or isinstance(self.answer, list):
            return isinstance(given, list) and isinstance(self.answer, list) and set(given) == set(self.answer)
        # True == 1 in Python: a yes/no answer must never match an option id or a number.
        return given == self.answer and type(given) is type(self.answer)


class StoryPart(Strict):
    """A part of the story, revealed when the walk reaches `step` (or, with `before`, just before
    that question)."""

    step: int = Field(ge=0, le=20)
    before: Identifier | None = None
    title: Text | None = None
    text: Text


class Expected(Strict):
    """Where the reference answers lead: the outcome, and every action gathered on the way."""

    outcome: Identifier
    actions: list[Identifier] = Field(default_factory=list)


class Case(Strict):
    """A training case as written in YAML."""

    schema_: str | None = Field(default=None, alias="$schema")
    id: Identifier
    title: Text
    flow: str = Field(min_length=1, description="A built-in flow id, or a path relative to the case file.")
    summary: Text
    setting: Text | None = Field(default=None, description="Who the learner is in this case.")
    story: list[StoryPart] = Field(min_length=1)
    reference: dict[Identifier, list[Accepted]] = Field(min_length=1)
    answers: dict[Identifier, Any] = Field(default_factory=dict)
    expected: Expected
    afterwards: Text | None = Field(default=None, description="How the story went on; shown at the end.")
    debrief: list[Text] = Field(default_factory=list)

    @field_validator("reference", mode="before")
    @classmethod
    def _one_answer_is_a_list_of_one(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: [item] if isinstance(item, dict) else item for key, item in value.items()}
        return value


# ---------------------------------------------------------------------------------------------
# A loaded case: the case, its flow, and the walk of its reference answers


@dataclass(frozen=True)
class LoadedCase:
    case: Case
    flow: Flow
    file: str
    reference_walk: Walk

    @property
    def id(self) -> str:
        return self.case.id

    def __post_init__(self) -> None:
        # Asked twice for every learner's file in a class report: found once.
        object.__setattr__(self, "_graded", [node for node in self.flow.nodes if node.id in self.case.reference])

    def graded_nodes(self) -> list[Any]:
        """The questions with reference answers, in the flow's order."""
        return list(self._graded)

    def alternatives(self, question_id: str) -> list[Accepted]:
        return self.case.reference[question_id]

    def reference_path_questions(self) -> set[str]:
        return {n for n in self.reference_walk.path if n in self.reference_walk.answers}

    @property
    def expected_outcome(self) -> OutcomeNode:
        return self.flow.node(self.case.expected.outcome)


def judge(alternatives: list[Accepted], given: Answer) -> int | None:
    """The index of the first accepted answer that `given` matches, or None."""
    return next((i for i, accepted in enumerate(alternatives) if accepted.accepts(given)), None)


def walk_answers(flow: Flow, given: Mapping[str, Answer]) -> Walk:
    """Walk the flow on `given` as far as it goes. What a training file may leave out is filled in
    empty: open notes, and lists of signals where ticking nothing is allowed — so that a case or a
    learner's file needs only the answers that matter."""
    walk = Walk(flow)
    while True:
        walk.fill(given, skip_optional=True)
        node = walk.current
        if walk.finished or not (isinstance(node, MultipleNode) and node.min_selected == 0):
            return walk
        walk.answer([])


# ---------------------------------------------------------------------------------------------
# Finding and loading cases


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
    if path.suffix in FLOW_SUFFIXES or "/" in reference or path.exists():
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


def load_builtin_cases() -> list[LoadedCase]:
    return [load_case(path) for path in builtin_case_paths().values()]


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


# ---------------------------------------------------------------------------------------------
# Checks against the flow

Loc = tuple[Any, ...]
Finding = tuple[Loc, str, Msg, Msg | None]  # where, code, what is wrong, what to do


def check_references(case: Case, flow: Flow) -> list[Finding]:
    """Every id the case names must exist in its flow, and every answer must fit its question."""
    findings: list[Finding] = []
    question_ids = [q.id for q in flow.questions()]

    def question(question_id: str, loc: Loc) -> Any:
        if flow.has_node(question_id) and flow.node(question_id).is_question:
            return flow.node(question_id)
        findings.append(
            (
                loc,
                "MC502",
                Msg(
                    f"de flow '{flow.id}' heeft geen vraag '{question_id}'.",
                    f"the flow '{flow.id}' has no question '{question_id}'.",
                ),
                did_you_mean(question_id, question_ids),
            )
        )
        return None

    for question_id, alternatives in case.reference.items():
        node = question(question_id, ("reference", question_id))
        if node is None:
            continue
        seen: list[Accepted] = []
        for i, accepted in enumerate(alternatives):
            loc = ("reference", question_id, i)
            finding = _check_accepted(node, accepted, loc)
            if finding:
                findings.append(finding)
                continue
            if any(accepted.value == earlier.value and accepted.includes == earlier.includes for earlier in seen):
                findings.append(
                    (
                        loc,
                        "MC508",
                        Msg(
                            f"'{question_id}' noemt hetzelfde antwoord twee keer.",
                            f"'{question_id}' lists the same answer twice.",
                        ),
                        None,
                    )
                )
            seen.append(accepted)
    for question_id, value in case.answers.items():
        node = question(question_id, ("answers", question_id))
        if node is None:
            continue
        finding = _check_value(node, value, ("answers", question_id))
        if finding:
            findings.append(finding)
        elif question_id in case.reference and judge(case.reference[question_id], normalize(node, value)) is None:
            findings.append(
                (
                    ("answers", question_id),
                    "MC508",
                    Msg(
                        f"het antwoord op '{question_id}' onder 'answers' staat niet bij de referentieantwoorden.",
                        f"the answer to '{question_id}' under 'answers' is not one of its reference answers.",
                    ),
                    Msg(
                        "Laat het weg: de referentiewandeling neemt dan het eerste referentieantwoord.",
                        "Leave it out: the reference walk then takes the first reference answer.",
                    ),
                )
            )
    findings += _check_story(case, flow)
    findings += _check_expected(case, flow)
    return findings


def _check_accepted(node: Any, accepted: Accepted, loc: Loc) -> Finding | None:
    if (accepted.answer is None) == (accepted.includes is None):
        return (
            loc,
            "MC509",
            Msg("geef precies één van 'answer' of 'includes'.", "give exactly one of 'answer' or 'includes'."),
            None,
        )
    if accepted.includes is not None:
        if not isinstance(node, MultipleNode):
            return (
                loc + ("includes",),
                "MC509",
                Msg(
                    f"'includes' kan alleen bij een vraag met meerdere keuzes; '{node.id}' is {node.kind}. "
                    "Gebruik 'answer'.",
                    f"'includes' only suits a multiple-choice question; '{node.id}' is {node.kind}. Use 'answer'.",
                ),
                None,
            )
        return _check_value(node, accepted.includes, loc + ("includes",))
    return _check_value(node, accepted.answer, loc + ("answer",))


def _check_value(node: Any, value: Any, loc: Loc) -> Finding | None:
    """Unknown option ids get a "did you mean"; other misfits the engine's own message."""
    if isinstance(node, (SingleNode, MultipleNode)):
        ids = [o.id for o in node.options]
        chosen = value if isinstance(value, list) else [value]
        for item in chosen:
            if isinstance(item, str) and item not in ids:
                return (
                    loc,
                    "MC503",
                    Msg(
                        f"'{node.id}' heeft geen keuze '{item}'. Kies uit: {', '.join(ids)}.",
                        f"'{node.id}' has no choice '{item}'. Choose from: {', '.join(ids)}.",
                    ),
                    did_you_mean(item, ids),
                )
    try:
        normalize(node, value)
    except AnswerError as exc:
        return (loc, "MC503", exc.message, None)
    return None


def _check_story(case: Case, flow: Flow) -> list[Finding]:
    findings: list[Finding] = []
    steps = [s.number for s in flow.steps]
    for i, part in enumerate(case.story):
        if flow.step(part.step) is None:
            findings.append(
                (
                    ("story", i, "step"),
                    "MC504",
                    Msg(
                        f"de flow '{flow.id}' heeft geen stap {part.step}; stappen: {', '.join(map(str, steps))}.",
                        f"the flow '{flow.id}' has no step {part.step}; steps: {', '.join(map(str, steps))}.",
                    ),
                    None,
                )
            )
        elif part.before is not None:
            node = flow.node(part.before) if flow.has_node(part.before) else None
            if node is None or not node.is_question:
                findings.append(
                    (
                        ("story", i, "before"),
                        "MC504",
                        Msg(
                            f"de flow '{flow.id}' heeft geen vraag '{part.before}'.",
                            f"the flow '{flow.id}' has no question '{part.before}'.",
                        ),
                        did_you_mean(part.before, [q.id for q in flow.questions()]),
                    )
                )
            elif node.step != part.step:
                findings.append(
                    (
                        ("story", i, "before"),
                        "MC504",
                        Msg(
                            f"'{part.before}' hoort bij stap {node.step}, niet bij stap {part.step}.",
                            f"'{part.before}' belongs to step {node.step}, not to step {part.step}.",
                        ),
                        None,
                    )
                )
    return findings


def _check_expected(case: Case, flow: Flow) -> list[Finding]:
    findings: list[Finding] = []
    outcomes = [n.id for n in flow.nodes if isinstance(n, OutcomeNode)]
    if case.expected.outcome not in outcomes:
        findings.append(
            (
                ("expected", "outcome"),
                "MC505",
                Msg(
                    f"de flow '{flow.id}' heeft geen uitkomst '{case.expected.outcome}'; uitkomsten: {', '.join(outcomes)}.",
                    f"the flow '{flow.id}' has no outcome '{case.expected.outcome}'; outcomes: {', '.join(outcomes)}.",
                ),
                did_you_mean(case.expected.outcome, outcomes),
            )
        )
    for i, action in enumerate(case.expected.actions):
        if action not in flow.actions:
            findings.append(
                (
                    ("expected", "actions", i),
                    "MC505",
                    Msg(
                        f"de flow '{flow.id}' heeft geen actie '{action}'.",
                        f"the flow '{flow.id}' has no action '{action}'.",
                    ),
                    did_you_mean(action, flow.actions),
                )
            )
    return findings


def reference_answers(case: Case, flow: Flow) -> dict[str, Answer]:
    """The answers of the reference walk: each graded question's first reference answer, then `answers`."""
    given = {
        question_id: normalize(flow.node(question_id), alternatives[0].value)
        for question_id, alternatives in case.reference.items()
    }
    given.update({question_id: normalize(flow.node(question_id), value) for question_id, value in case.answers.items()})
    return given


def check_reference_walk(case: Case, flow: Flow) -> tuple[Walk, list[Finding]]:
    """The reference answers must reach the expected outcome, gathering exactly the expected actions."""
    walk = walk_answers(flow, reference_answers(case, flow))
    expected = case.expected
    if not walk.finished:
        stuck = walk.current.id
        return walk, [
            (
                ("answers",) if case.answers else ("expected", "outcome"),
                "MC506",
                Msg(
                    f"de referentieantwoorden stoppen bij '{stuck}': die vraag heeft geen antwoord onder 'answers' "
                    "of 'reference'.",
                    f"the reference answers stop at '{stuck}': that question has no answer under 'answers' or "
                    "'reference'.",
                ),
                None,
            )
        ]
    if walk.current.id != expected.outcome:
        return walk, [
            (
                ("expected", "outcome"),
                "MC506",
                Msg(
                    f"de referentieantwoorden leiden naar '{walk.current.id}', niet naar '{expected.outcome}'.",
                    f"the reference answers lead to '{walk.current.id}', not to '{expected.outcome}'.",
                ),
                Msg("Pas de antwoorden of de verwachte uitkomst aan.", "Change the answers or the expected outcome."),
            )
        ]
    gathered = [a.id for a in walk.actions()]
    missing = [a for a in expected.actions if a not in gathered]
    extra = [a for a in gathered if a not in expected.actions]
    if missing or extra:
        parts_nl, parts_en = [], []
        if missing:
            parts_nl.append(f"niet verzameld: {', '.join(missing)}")
            parts_en.append(f"not gathered: {', '.join(missing)}")
        if extra:
            parts_nl.append(f"wel verzameld maar niet genoemd: {', '.join(extra)}")
            parts_en.append(f"gathered but not listed: {', '.join(extra)}")
        return walk, [
            (
                ("expected", "actions"),
                "MC507",
                Msg(
                    f"de acties kloppen niet met de referentieantwoorden ({'; '.join(parts_nl)}).",
                    f"the actions do not match the reference answers ({'; '.join(parts_en)}).",
                ),
                None,
            )
        ]
    return walk, []

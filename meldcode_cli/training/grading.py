"""Grades a learner's walk against a case's reference answers: per question, the outcome, and a score."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from meldcode_cli.base.errors import FileProblems, Problem
from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.answers import answers_from, read_json_quickly
from meldcode_cli.engine.answers import heading as answers_heading
from meldcode_cli.engine.walk import AnswerError, Walk, normalize
from meldcode_cli.flow import yamlsource
from meldcode_cli.flow.model import Answer
from meldcode_cli.training.case_model import Accepted, LoadedCase, judge, walk_answers

# Per question: the reference answer, another defensible answer, a different answer, or not reached.
MATCH, ALTERNATIVE, MISMATCH, NOT_REACHED = "match", "alternative", "mismatch", "not_reached"
AGREES = (MATCH, ALTERNATIVE)

# Keys of a learner's answers file that are not answers.
METADATA_KEYS = ("name", "case", "committed")


@dataclass(frozen=True)
class QuestionGrade:
    """One graded question. `answer` is the answer that counts: with direct feedback the first one
    committed, even if the learner went back and changed it afterwards (`changed_to`)."""

    node: Any
    alternatives: list[Accepted]
    answer: Answer | None
    result: str
    counts: bool
    accepted_index: int | None = None
    changed_to: Answer | None = None

    @property
    def agrees(self) -> bool:
        return self.result in AGREES

    @property
    def explanation(self) -> Accepted:
        """The reasoning to show: of the accepted answer given, else of the reference answer."""
        return self.alternatives[self.accepted_index if self.accepted_index is not None else 0]


@dataclass(frozen=True)
class Grade:
    loaded: LoadedCase
    walk: Walk
    questions: list[QuestionGrade]
    outcome_result: str
    name: str | None = None
    notes: dict[str, str] = field(default_factory=dict)
    file: str | None = None  # the answers file graded, if any

    @property
    def correct(self) -> int:
        return sum(1 for q in self.questions if q.counts and q.agrees)

    @property
    def total(self) -> int:
        return sum(1 for q in self.questions if q.counts)

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0

    @property
    def diverged(self) -> list[QuestionGrade]:
        """Where the learner left the reference: a different answer, or a question missed because of it."""
        return [q for q in self.questions if q.counts and not q.agrees]

    def shown(self) -> list[QuestionGrade]:
        """The questions worth a row: reached, or missed on the way to the reference outcome."""
        return [q for q in self.questions if q.result != NOT_REACHED or q.counts]


def grade(
    loaded: LoadedCase, walk: Walk, committed: Mapping[str, Answer] | None = None, name: str | None = None
) -> Grade:
    """Compare a walk with the case's reference.

    Every graded question the learner reached counts. A graded question on the reference path that
    the learner did not reach counts as missed when the learner's route left the reference through a
    different answer (or stopped early); when every answer on the route was defensible, the learner
    simply took another defensible route and the question does not count.
    """
    committed = committed or {}
    on_path = set(walk.path)
    reached: dict[str, QuestionGrade] = {}
    for node in loaded.graded_nodes():
        if node.id not in walk.answers or node.id not in on_path:
            continue
        final = walk.answers[node.id]
        answer = committed.get(node.id, final)
        reached[node.id] = grade_question(loaded, node, answer, changed_to=final if final != answer else None)
    defensible_route = walk.finished and all(q.agrees for q in reached.values())
    reference_path = loaded.reference_path_questions()
    questions = []
    for node in loaded.graded_nodes():
        if node.id in reached:
            questions.append(reached[node.id])
        else:
            missed = node.id in reference_path and not defensible_route
            questions.append(QuestionGrade(node, loaded.alternatives(node.id), None, NOT_REACHED, missed))
    return Grade(
        loaded,
        walk,
        questions,
        _outcome_result(loaded, walk, defensible_route),
        name,
        dict(getattr(walk, "notes", {}) or {}),
    )


def grade_question(loaded: LoadedCase, node: Any, answer: Answer, changed_to: Answer | None = None) -> QuestionGrade:
    """One answer to a graded question against its accepted answers."""
    alternatives = loaded.alternatives(node.id)
    index = judge(alternatives, answer)
    result = MISMATCH if index is None else (MATCH if index == 0 else ALTERNATIVE)
    return QuestionGrade(node, alternatives, answer, result, True, index, changed_to)


def _outcome_result(loaded: LoadedCase, walk: Walk, defensible_route: bool) -> str:
    if not walk.finished:
        return NOT_REACHED
    if walk.current.id == loaded.case.expected.outcome:
        return MATCH
    return ALTERNATIVE if defensible_route else MISMATCH


# ---------------------------------------------------------------------------------------------
# Learners' answers files


@dataclass(frozen=True)
class LearnerFile:
    path: Path
    name: str
    answers: dict[str, Answer]
    # Answers first committed and changed after direct feedback: those are what counts.
    committed: dict[str, Answer] = field(default_factory=dict)


def read_learner_file(path: Path, loaded: LoadedCase, display: str | None = None) -> LearnerFile:
    """A learner's answers file: a plain `question: answer` mapping (with an optional `name`), or the
    JSON that `meldcode exercise --save` or `meldcode run --json` writes. FileProblems if unusable."""
    quick = read_json_quickly(path, display)  # a class of JSON files: no YAML parser, no line numbers
    if quick is not None:
        try:
            return _learner_file(quick, path, loaded)
        except FileProblems:
            pass  # said again below, with line numbers
    return _learner_file(yamlsource.load(path, display), path, loaded)


def _learner_file(located: Any, path: Path, loaded: LoadedCase) -> LearnerFile:
    data = located.data
    problems: list[Problem] = []
    name = path.stem
    if isinstance(data, dict):
        given = data.get("name")
        if isinstance(given, str) and given.strip():
            name = given.strip()
        elif given is not None:
            problems.append(
                located.problem(
                    ("name",),
                    Msg(
                        "'name' moet tekst zijn: de naam van de deelnemer.", "'name' must be text: the learner's name."
                    ),
                )
            )
        problems += _check_belongs(located, data, loaded)
    committed = _committed(located, data, loaded, problems) if isinstance(data, dict) else {}
    if problems:
        raise FileProblems("invalid_answers", answers_heading(located.file), problems)
    answers = answers_from(located, loaded.flow, ignore=METADATA_KEYS)
    if not answers:
        raise FileProblems(
            "invalid_answers",
            answers_heading(located.file),
            [located.problem((), Msg("het bestand bevat geen antwoorden.", "the file holds no answers."))],
        )
    return LearnerFile(path, name, answers, committed)


def _committed(
    located: yamlsource.Located, data: dict[str, Any], loaded: LoadedCase, problems: list[Problem]
) -> dict[str, Answer]:
    given = data.get("committed")
    if given is None:
        return {}
    if not isinstance(given, dict):
        problems.append(
            located.problem(
                ("committed",),
                Msg(
                    "'committed' moet een mapping 'vraag-id: antwoord' zijn.",
                    "'committed' must be a mapping 'question-id: answer'.",
                ),
            )
        )
        return {}
    committed = {}
    for question_id, value in given.items():
        if question_id not in loaded.case.reference:
            problems.append(
                located.problem(
                    ("committed", question_id),
                    Msg(
                        f"'{question_id}' is geen beoordeelde vraag van deze casus.",
                        f"'{question_id}' is not a graded question of this case.",
                    ),
                )
            )
            continue
        try:
            committed[question_id] = normalize(loaded.flow.node(question_id), value)
        except AnswerError as exc:
            problems.append(located.problem(("committed", question_id), exc.message))
    return committed


def _check_belongs(located: yamlsource.Located, data: dict[str, Any], loaded: LoadedCase) -> list[Problem]:
    """A file that names another case or flow was handed in for the wrong exercise."""
    problems = []
    case = data.get("case")
    case_id = case.get("id") if isinstance(case, dict) else case
    if case_id is not None and case_id != loaded.id:
        problems.append(
            located.problem(
                ("case",),
                Msg(
                    f"dit bestand hoort bij casus '{case_id}', niet bij '{loaded.id}'.",
                    f"this file belongs to case '{case_id}', not to '{loaded.id}'.",
                ),
            )
        )
    flow = data.get("flow")
    flow_id = flow.get("id") if isinstance(flow, dict) else None
    if flow_id is not None and flow_id != loaded.flow.id:
        problems.append(
            located.problem(
                ("flow",),
                Msg(
                    f"dit bestand hoort bij flow '{flow_id}', niet bij '{loaded.flow.id}'.",
                    f"this file belongs to flow '{flow_id}', not to '{loaded.flow.id}'.",
                ),
            )
        )
    return problems


def grade_file(path: Path, loaded: LoadedCase, display: str | None = None) -> Grade:
    learner = read_learner_file(path, loaded, display)
    walk = walk_answers(loaded.flow, learner.answers, checked=True)  # answers_from checked each answer
    graded = grade(loaded, walk, learner.committed, name=learner.name)
    return replace(graded, file=display or str(path))

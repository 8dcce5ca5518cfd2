"""The class overview: every learner's answers file in a folder, graded, and counted per question."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from meldcode_cli.base.errors import FileProblems, MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow.model import MultipleNode, OutcomeNode, SingleNode, YesNoNode
from meldcode_cli.flow.yamlsource import paused_gc
from meldcode_cli.training.case_model import LoadedCase
from meldcode_cli.training.grading import NOT_REACHED, Grade, grade_file

ANSWER_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class SkippedFile:
    """A file that could not be graded, and why (so the trainer can ask for it again)."""

    file: str
    reason: Msg


@dataclass(frozen=True)
class AnswerCount:
    """How many learners gave an answer (for multiple choice: ticked an option)."""

    value: Any
    count: int
    in_reference: bool


@dataclass(frozen=True)
class QuestionSummary:
    node: Any
    counts: list[AnswerCount]
    answered: int  # learners who reached the question
    agreeing: int  # of those, how many gave a defensible answer
    missed: int  # learners who missed it because their route left the reference
    diverging: list[str]  # names of the learners who answered otherwise or missed it

    @property
    def agreement(self) -> int:
        return round(100 * self.agreeing / self.answered) if self.answered else 0


@dataclass(frozen=True)
class ClassReport:
    loaded: LoadedCase
    folder: Path
    grades: list[Grade]
    skipped: list[SkippedFile]
    questions: list[QuestionSummary]
    outcomes: list[tuple[str | None, int]]  # outcome id (None: not finished) → learners

    @property
    def average_percent(self) -> int:
        return round(sum(g.percent for g in self.grades) / len(self.grades)) if self.grades else 0


def answer_files(folder: Path) -> list[Path]:
    """The answers files directly in `folder`, by name; hidden files and other kinds are passed by."""
    if not folder.exists():
        raise MeldcodeError("not_found", Msg(f"De map {folder} bestaat niet.", f"The folder {folder} does not exist."))
    if not folder.is_dir():
        raise MeldcodeError("not_a_folder", Msg(f"{folder} is geen map.", f"{folder} is not a folder."))
    try:
        # scandir: the folder's entries know whether they are files without a stat() each.
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except PermissionError:
        raise MeldcodeError(
            "unreadable",
            Msg(f"Geen toestemming om de map {folder} te lezen.", f"No permission to read the folder {folder}."),
        ) from None
    files = [
        folder / e.name
        for e in entries
        if e.name.lower().endswith(ANSWER_SUFFIXES) and not e.name.startswith(".") and e.is_file()
    ]
    if not files:
        raise MeldcodeError(
            "no_answers",
            Msg(
                f"In {folder} staan geen antwoordenbestanden (.yaml, .yml of .json).",
                f"There are no answers files (.yaml, .yml or .json) in {folder}.",
            ),
        )
    return files


def build(loaded: LoadedCase, folder: Path) -> ClassReport:
    """Grade every answers file in the folder; a file that cannot be used is listed, never fatal."""
    # Every grade (with its walk) is kept to the end: the cycle collector would go over them all
    # again and again and free nothing (see `paused_gc`; 10,000 files: a fifth of the time).
    with paused_gc():
        return _build(loaded, folder)


def _build(loaded: LoadedCase, folder: Path) -> ClassReport:
    grades: list[Grade] = []
    skipped: list[SkippedFile] = []
    for path in answer_files(folder):
        _grade_one(path, loaded, grades, skipped)
    grades = _unique_names(grades)
    by_id = [{q.node.id: q for q in g.questions} for g in grades]  # each learner's questions, by id
    return ClassReport(
        loaded,
        folder,
        grades,
        skipped,
        [_summary(loaded, node, grades, by_id) for node in loaded.graded_nodes()],
        _outcomes(loaded, grades),
    )


def _grade_one(path: Path, loaded: LoadedCase, grades: list[Grade], skipped: list[SkippedFile]) -> None:
    """Grade one file into `grades`, or say in `skipped` why it cannot be."""
    try:
        grades.append(grade_file(path, loaded, display=path.name))
    except FileProblems as exc:
        skipped.append(SkippedFile(path.name, _first_problem(exc)))
    except MeldcodeError as exc:
        skipped.append(SkippedFile(path.name, exc.message))
    except OSError as exc:  # a file that vanished or cannot be read half-way
        reason = Msg(f"niet te lezen ({exc.strerror or exc}).", f"cannot be read ({exc.strerror or exc}).")
        skipped.append(SkippedFile(path.name, reason))


def _first_problem(exc: FileProblems) -> Msg:
    if not exc.problems:
        return exc.message
    problem = exc.problems[0]
    more = len(exc.problems) - 1
    place_nl = f"regel {problem.line}: " if problem.line else ""
    place_en = f"line {problem.line}: " if problem.line else ""
    hint_nl = f" {problem.hint.nl}" if problem.hint else ""
    hint_en = f" {problem.hint.en}" if problem.hint else ""
    extra_nl = f" (en nog {more} probleem{'en' if more > 1 else ''})" if more else ""
    extra_en = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return Msg(
        f"{place_nl}{problem.message.nl}{hint_nl}{extra_nl}", f"{place_en}{problem.message.en}{hint_en}{extra_en}"
    )


def _unique_names(grades: list[Grade]) -> list[Grade]:
    """Two files with the same `name` stay apart: the second is shown with its file name."""
    counts = Counter(g.name for g in grades)
    if all(n == 1 for n in counts.values()):
        return grades
    return [replace(g, name=f"{g.name} ({g.file})") if counts[g.name] > 1 else g for g in grades]


def _summary(loaded: LoadedCase, node: Any, grades: list[Grade], by_id: list[dict[str, Any]]) -> QuestionSummary:
    per_learner = [(g, questions[node.id]) for g, questions in zip(grades, by_id, strict=True)]
    reached = [q for _, q in per_learner if q.result != NOT_REACHED]
    return QuestionSummary(
        node=node,
        counts=_counts(node, reached, loaded.alternatives(node.id)),
        answered=len(reached),
        agreeing=sum(1 for q in reached if q.agrees),
        missed=sum(1 for _, q in per_learner if q.result == NOT_REACHED and q.counts),
        diverging=[g.name or "?" for g, q in per_learner if q.counts and not q.agrees],
    )


def _counts(node: Any, reached: list[Any], reference: list[Any]) -> list[AnswerCount]:
    """How many of the learners who reached a question gave each answer (ticked each option)."""
    if isinstance(node, MultipleNode):
        ticked = Counter(option for q in reached for option in q.answer or [])
        in_reference = set(reference[0].value or [])
        options = [o.id for o in node.options if ticked[o.id] or o.id in in_reference]
        return [AnswerCount(o, ticked[o], o in in_reference) for o in options]
    given = Counter(_key(q.answer) for q in reached)
    accepted = {_key(a.value) for a in reference}
    return [AnswerCount(v, given[_key(v)], _key(v) in accepted) for v in _possible(node, given)]


def _possible(node: Any, given: Counter[Any]) -> list[Any]:
    """The answers a row is shown for: every one a yes/no or single choice question has, else those given."""
    if isinstance(node, YesNoNode):
        return [True, False]
    if isinstance(node, SingleNode):
        return [o.id for o in node.options]
    return [value for _, value in given]


def _key(value: Any) -> Any:
    # True == 1 and lists are unhashable: count answers by kind and content.
    return (type(value).__name__, tuple(value) if isinstance(value, list) else value)


def _outcomes(loaded: LoadedCase, grades: list[Grade]) -> list[tuple[str | None, int]]:
    counts = Counter(g.walk.outcome.id if g.walk.outcome else None for g in grades)
    order = [loaded.case.expected.outcome] + [n.id for n in loaded.flow.nodes if isinstance(n, OutcomeNode)]
    ordered: list[tuple[str | None, int]] = [
        (o, counts[o]) for o in dict.fromkeys(order) if counts[o] or o == loaded.case.expected.outcome
    ]
    if counts[None]:
        ordered.append((None, counts[None]))
    return ordered

"""The class overview: every learner's answers file in a folder, graded, and counted per question."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from meldcode_cli.base.errors import FileProblems, MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow.model import MultipleNode, OutcomeNode, SingleNode, YesNoNode
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
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except PermissionError:
        raise MeldcodeError(
            "unreadable",
            Msg(f"Geen toestemming om de map {folder} te lezen.", f"No permission to read the folder {folder}."),
        ) from None
    files = [p for p in entries if p.suffix.lower() in ANSWER_SUFFIXES and not p.name.startswith(".") and p.is_file()]
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
    grades: list[Grade] = []
    skipped: list[SkippedFile] = []
    for path in answer_files(folder):
        try:
            grades.append(grade_file(path, loaded, display=path.name))
        except FileProblems as exc:
            skipped.append(SkippedFile(path.name, _first_problem(exc)))
        except MeldcodeError as exc:
            skipped.append(SkippedFile(path.name, exc.message))
        except OSError as exc:  # a file that vanished or cannot be read half-way
            skipped.append(
                SkippedFile(
                    path.name,
                    Msg(f"niet te lezen ({exc.strerror or exc}).", f"cannot be read ({exc.strerror or exc})."),
                )
            )
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
    per_learner = [(g, questions[node.id]) for g, questions in zip(grades, by_id, strict=False)]
    reached = [(g, q) for g, q in per_learner if q.result != NOT_REACHED]
    reference = loaded.alternatives(node.id)
    if isinstance(node, MultipleNode):
        ticked = Counter(option for _, q in reached for option in q.answer or [])
        value = reference[0].value
        in_reference = set(value) if isinstance(value, list) else set()
        options = [o.id for o in node.options if ticked[o.id] or o.id in in_reference]
        counts = [AnswerCount(o, ticked[o], o in in_reference) for o in options]
    else:
        given = Counter(_key(q.answer) for _, q in reached)
        values: list[Any] = (
            [True, False]
            if isinstance(node, YesNoNode)
            else ([o.id for o in node.options] if isinstance(node, SingleNode) else list(given))
        )
        accepted = [a.value for a in reference]
        counts = [AnswerCount(v, given[_key(v)], any(_key(v) == _key(a) for a in accepted)) for v in values]
    return QuestionSummary(
        node=node,
        counts=counts,
        answered=len(reached),
        agreeing=sum(1 for _, q in reached if q.agrees),
        missed=sum(1 for _, q in per_learner if q.result == NOT_REACHED and q.counts),
        diverging=[g.name or "?" for g, q in per_learner if q.counts and not q.agrees],
    )


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

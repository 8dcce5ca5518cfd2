"""Reads an answers file (YAML or JSON) and checks each answer against the flow, naming question and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from meldcode_cli import yamlsource
from meldcode_cli.engine import AnswerError, normalize
from meldcode_cli.errors import FileProblems, Problem
from meldcode_cli.i18n import Msg
from meldcode_cli.model import Answer, Flow
from meldcode_cli.schema_errors import did_you_mean


def heading(file: str) -> Msg:
    return Msg(f"Het antwoordenbestand {file} klopt niet:", f"The answers file {file} is not right:")


def load_answers(path: Path, flow: Flow) -> dict[str, Answer]:
    """Question id → answer in stored form. A JSON result of `meldcode run --json` is accepted too:
    its `answers` are used, so a finished walk can be replayed."""
    return answers_from(yamlsource.load(path), flow)


def answers_from(located: yamlsource.Located, flow: Flow, *, ignore: tuple[str, ...] = ()) -> dict[str, Answer]:
    """The answers in parsed data, checked like `load_answers`; top-level keys in `ignore` (such as a
    learner's `name` in a training answers file) are metadata, not questions."""
    data: Any = located.data
    prefix: tuple[Any, ...] = ()
    if isinstance(data, dict) and isinstance(data.get("answers"), dict) and "flow" in data:
        data, prefix = data["answers"], ("answers",)
    if not isinstance(data, dict):
        raise FileProblems("invalid_answers", heading(located.file), [located.problem(
            (), Msg("een antwoordenbestand is een lijst 'vraag-id: antwoord', bijvoorbeeld "
                    "'direct_gevaar: false'.",
                    "an answers file is a list of 'question-id: answer', for example "
                    "'direct_gevaar: false'."))])
    answers: dict[str, Answer] = {}
    problems: list[Problem] = []
    question_ids = [q.id for q in flow.questions()]
    for question_id, value in data.items():
        if not prefix and question_id in ignore:
            continue
        loc = prefix + (question_id,)
        if not flow.has_node(question_id) or not flow.node(question_id).is_question:
            problems.append(located.problem(
                loc, Msg(f"de flow '{flow.id}' heeft geen vraag '{question_id}'.",
                         f"the flow '{flow.id}' has no question '{question_id}'."),
                hint=did_you_mean(question_id, question_ids)))
            continue
        try:
            answers[question_id] = normalize(flow.node(question_id), value)
        except AnswerError as exc:
            problems.append(located.problem(loc, exc.message))
    if problems:
        raise FileProblems("invalid_answers", heading(located.file), problems)
    return answers

"""Reads an answers file (YAML or JSON) and checks each answer against the flow, naming question and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meldcode_cli.base.errors import FileProblems, Problem
from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.walk import AnswerError, normalize

if TYPE_CHECKING:
    from meldcode_cli.flow import yamlsource
    from meldcode_cli.flow.model import Answer, Flow

# A JSON answers file (what tools and `run --json` write) is read with `json` first: no YAML
# parser, no line bookkeeping. Line numbers only matter in an error message, so when anything is
# wrong (not JSON, a duplicate key, a wrong answer, too large, not UTF-8) the file is read again
# the careful way, which finds the lines and says exactly what is wrong.
QUICK_MAX_BYTES = 1_000_000


def heading(file: str) -> Msg:
    return Msg(f"Het antwoordenbestand {file} klopt niet:", f"The answers file {file} is not right:")


def load_answers(path: Path, flow: Flow) -> dict[str, Answer]:
    """Question id → answer in stored form. A JSON result of `meldcode run --json` is accepted too:
    its `answers` are used, so a finished walk can be replayed."""
    quick = read_json_quickly(path)
    if quick is not None:
        try:
            return answers_from(quick, flow)
        except FileProblems:
            pass  # said again below, with line numbers
    from meldcode_cli.flow import yamlsource

    return answers_from(yamlsource.load(path), flow)


class _Parsed:
    """Data read without line numbers (see QUICK_MAX_BYTES); problems name the file only."""

    def __init__(self, file: str, data: Any) -> None:
        self.file = file
        self.data = data

    def problem(self, loc: tuple[Any, ...], message: Msg, code: str = "", hint: Msg | None = None) -> Problem:
        return Problem(self.file, None, message, code, hint)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise ValueError("duplicate key")
    return data


def read_json_quickly(path: Path, display: str | None = None) -> _Parsed | None:
    """A `.json` file parsed by `json`, or None when the careful reader should look at it (another
    kind of file, or anything wrong with it). Whoever finds a problem in what it gives reads the
    file again with yamlsource, for the line numbers."""
    if path.suffix.lower() != ".json":
        return None
    try:
        if path.stat().st_size > QUICK_MAX_BYTES:
            return None
        text = path.read_bytes().decode("utf-8-sig")
        return _Parsed(display or str(path), json.loads(text, object_pairs_hook=_no_duplicates))
    except (OSError, ValueError, RecursionError):  # ValueError: not UTF-8, not JSON, a duplicate key
        return None


def answers_from(
    located: yamlsource.Located | _Parsed, flow: Flow, *, ignore: tuple[str, ...] = ()
) -> dict[str, Answer]:
    """The answers in parsed data, checked like `load_answers`; top-level keys in `ignore` (such as a
    learner's `name` in a training answers file) are metadata, not questions."""
    data: Any = located.data
    prefix: tuple[Any, ...] = ()
    if isinstance(data, dict) and isinstance(data.get("answers"), dict) and "flow" in data:
        data, prefix = data["answers"], ("answers",)
    if not isinstance(data, dict):
        raise FileProblems(
            "invalid_answers",
            heading(located.file),
            [
                located.problem(
                    (),
                    Msg(
                        "een antwoordenbestand is een lijst 'vraag-id: antwoord', bijvoorbeeld 'direct_gevaar: false'.",
                        "an answers file is a list of 'question-id: answer', for example 'direct_gevaar: false'.",
                    ),
                )
            ],
        )
    answers: dict[str, Answer] = {}
    problems: list[Problem] = []
    for question_id, value in data.items():
        if not prefix and question_id in ignore:
            continue
        loc = prefix + (question_id,)
        if not flow.has_node(question_id) or not flow.node(question_id).is_question:
            from meldcode_cli.flow.schema_errors import did_you_mean  # only on error: it needs every id

            problems.append(
                located.problem(
                    loc,
                    Msg(
                        f"de flow '{flow.id}' heeft geen vraag '{question_id}'.",
                        f"the flow '{flow.id}' has no question '{question_id}'.",
                    ),
                    hint=did_you_mean(question_id, [q.id for q in flow.questions()]),
                )
            )
            continue
        try:
            answers[question_id] = normalize(flow.node(question_id), value)
        except AnswerError as exc:
            problems.append(located.problem(loc, exc.message))
    if problems:
        raise FileProblems("invalid_answers", heading(located.file), problems)
    return answers

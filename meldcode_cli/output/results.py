"""The JSON results of a walk and of a graded exercise, in the language of this command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from meldcode_cli.base import json_format
from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.walk import Walk
from meldcode_cli.engine.wording import answer_text
from meldcode_cli.output import context

if TYPE_CHECKING:  # only for the annotations: a scripted run must not build the case models (pydantic)
    from meldcode_cli.training.case_model import Accepted
    from meldcode_cli.training.grading import Grade


def walk_result(walk: Walk) -> dict[str, Any]:
    """The JSON result of `meldcode run --json`, in the language of this command."""
    lang = context.lang()
    outcome = walk.outcome
    return {
        "format": json_format.RESULT,
        "flow": {"id": walk.flow.id, "version": walk.flow.version},
        "outcome": {"id": outcome.id, "title": outcome.title.get(lang)} if outcome else None,
        "actions": [a.id for a in walk.actions()],
        "path": list(walk.path),
        "answers": dict(walk.answers),
    }


def grade_result(grade: Grade) -> dict[str, Any]:
    """The JSON of `meldcode exercise --json` and `--save`: it holds `flow` and `answers`, so it can be
    handed in again as an answers file (for `class-report`)."""
    lang = context.lang()
    loaded, walk = grade.loaded, grade.walk
    expected = loaded.expected_outcome

    def accepted_json(node: Any, accepted: Accepted) -> dict[str, Any]:
        return {
            "answer": accepted.answer,
            "includes": accepted.includes,
            "text": accepted_text(node, accepted),
            "reasoning": accepted.reasoning.get(lang),
            "fact": accepted.fact.get(lang),
            "sources": list(accepted.sources),
        }

    questions = [
        {
            "id": q.node.id,
            "text": q.node.text.get(lang),
            "answer": q.answer,
            "answer_text": answer_text(q.node, q.answer).get(lang) if q.answer is not None else None,
            "changed_to": q.changed_to,
            "result": q.result,
            "counts": q.counts,
            "accepted": [accepted_json(q.node, a) for a in q.alternatives],
            "matched": q.accepted_index,
        }
        for q in grade.questions
    ]
    outcome = walk.outcome
    return {
        "format": json_format.GRADE,
        "case": {"id": loaded.id, "title": loaded.case.title.get(lang)},
        "flow": {"id": loaded.flow.id, "version": loaded.flow.version},
        "name": grade.name,
        "outcome": {
            "id": outcome.id if outcome else None,
            "title": outcome.title.get(lang) if outcome else None,
            "expected": {"id": expected.id, "title": expected.title.get(lang)},
            "result": grade.outcome_result,
        },
        "score": {"correct": grade.correct, "total": grade.total, "percent": grade.percent},
        "questions": questions,
        "actions": [a.id for a in walk.actions()],
        "path": list(walk.path),
        "answers": dict(walk.answers),
        "committed": {q.node.id: q.answer for q in grade.questions if q.changed_to is not None},
        "notes": dict(grade.notes),
    }


def accepted_text(node: Any, accepted: Accepted) -> str:
    """An accepted answer as a learner reads it: the label, or "at least: …" for `includes`."""
    lang = context.lang()
    if accepted.includes is not None:
        return Msg("minstens: ", "at least: ").get(lang) + answer_text(node, accepted.includes).get(lang)
    return answer_text(node, accepted.answer).get(lang)

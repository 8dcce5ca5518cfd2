"""A built-in flow walked to its end by a test, and what the test reads from it: actions and reasons."""

from __future__ import annotations

from typing import Any

from meldcode_cli.engine.walk import Walk, holds

# The outcomes of the home-situation route, which the staff route must never reach.
HOME_OUTCOMES = {"afsluiten", "melden", "hulp_bieden", "hulp_afsluiten"}


def finished_walk(flow: Any, answers: dict[str, Any]) -> Walk:
    """The walk of `answers` through `flow` to its outcome (optional questions left out)."""
    w = Walk(flow)
    w.fill(answers, skip_optional=True)
    assert w.finished, f"stopped at {w.current.id}"
    return w


def actions(w: Walk) -> list[str]:
    """The ids of the actions gathered, in the order the advice lists them."""
    return [a.id for a in w.actions()]


def extra_advice(w: Walk, lang: str = "nl") -> list[str]:
    """The paragraphs of the outcome's extra advice whose condition holds."""
    return [e.text.get(lang) for e in w.outcome.extra_advice if holds(e.when, w.answers)]

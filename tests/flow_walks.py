"""What a test of a built-in flow reads from a finished walk: the actions gathered and the reasons shown."""

from __future__ import annotations

from meldcode_cli.engine.walk import Walk, holds


def actions(w: Walk) -> list[str]:
    """The ids of the actions gathered, in the order the advice lists them."""
    return [a.id for a in w.actions()]


def extra_advice(w: Walk, lang: str = "nl") -> list[str]:
    """The paragraphs of the outcome's extra advice whose condition holds."""
    return [e.text.get(lang) for e in w.outcome.extra_advice if holds(e.when, w.answers)]

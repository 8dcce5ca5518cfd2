"""Hooks into a walkthrough: sessions save here, exercises reveal their story and give feedback."""

from __future__ import annotations

from typing import Any

from meldcode_cli.engine.walk import Walk


class Observer:
    """Every method is optional; the walkthrough calls them as the conversation goes."""

    def passes_by(self, walk: Walk, node: Any) -> bool:
        """Should the information node `node` go unseen? (An exercise holds back notes that hint at
        a graded answer.)"""
        return False

    def step_started(self, walk: Walk, step: int) -> None:
        """A new step's header was just shown."""

    def answered(self, walk: Walk, node: Any) -> None:
        """`node` was just answered (or passed, for information) and the walk has moved on."""

    def noted(self, walk: Walk, node: Any) -> None:
        """The reasoning note for `node` (see `ask_reason`) was just given: `walk.notes[node.id]`."""

    def went_back(self, walk: Walk) -> None:
        """The user went back; `walk.current` is the question to answer again."""

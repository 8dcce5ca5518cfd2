"""The exercise at the terminal: the story revealed step by step, feedback at the graded questions, the result."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text as RichText

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.observer import Observer
from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.model import Answer
from meldcode_cli.output import context, render, training_render
from meldcode_cli.training.case_model import LoadedCase
from meldcode_cli.training.grading import Grade, grade, grade_question

DIRECT, END = "direct", "end"


class ExerciseInterrupted(MeldcodeError):
    """Ctrl-C or the end of input during an exercise: nothing was saved or sent."""

    exit_code = 130

    def __init__(self, case_id: str) -> None:
        super().__init__(
            "interrupted",
            Msg(
                "Onderbroken. Er is niets bewaard en niets verstuurd; "
                f"begin opnieuw met 'meldcode exercise {case_id}'.",
                f"Interrupted. Nothing was saved and nothing was sent; start again with 'meldcode exercise {case_id}'.",
            ),
        )


class ExerciseObserver(Observer):
    """Reveals the story as the walk reaches each step, and gives feedback once the learner has
    committed to an answer at a graded question (after the reasoning note, where the flow asks one)."""

    def __init__(self, loaded: LoadedCase, console: Console, feedback: str) -> None:
        self.loaded = loaded
        self.console = console
        self.feedback = feedback
        self.revealed: set[int] = set()
        # The first answer given at each graded question: with direct feedback, that is what counts.
        self.committed: dict[str, Answer] = {}

    def reveal(self, walk: Walk) -> None:
        """Show the story parts due at the current node: its step's parts, and parts `before` it."""
        if walk.finished:
            return
        node = walk.current
        for index, part in enumerate(self.loaded.case.story):
            if index in self.revealed or part.step != node.step or part.before not in (None, node.id):
                continue
            self.revealed.add(index)
            self.console.print(training_render.story_panel(self.loaded, part))

    def passes_by(self, walk: Walk, node: Any) -> bool:
        # A note that points towards a graded answer would give it away: the learner commits first.
        return any(question in self.loaded.case.reference for question in getattr(node, "hint_for", []))

    def step_started(self, walk: Walk, step: int) -> None:
        self.reveal(walk)

    def answered(self, walk: Walk, node: Any) -> None:
        # Where the flow asks for a reasoning note, the learner commits after writing it.
        if not getattr(node, "ask_reason", False):
            self._commit(walk, node)
            self.reveal(walk)

    def noted(self, walk: Walk, node: Any) -> None:
        self._commit(walk, node)
        self.reveal(walk)

    def _commit(self, walk: Walk, node: Any) -> None:
        if node.id not in self.loaded.case.reference or node.id not in walk.answers:
            return
        answer = walk.answers[node.id]
        if node.id in self.committed:
            first = self.committed[node.id]
            if self.feedback == DIRECT and first != answer:
                self.console.print(RichText(context.say(training_render.T["counts_first"]), style="italic"))
            return
        self.committed[node.id] = answer
        if self.feedback == DIRECT:
            self.console.print(training_render.feedback_panel(grade_question(self.loaded, node, answer)))

    def result(self, walk: Walk, name: str | None) -> Grade:
        return grade(self.loaded, walk, self.committed if self.feedback == DIRECT else None, name)


def run_exercise(loaded: LoadedCase, conversation: Any, feedback: str, name: str | None) -> Grade:
    """Walk the case's flow at the terminal; the grade at the end. ExerciseInterrupted on Ctrl-C."""
    console: Console = conversation.console
    observer = ExerciseObserver(loaded, console, feedback)
    walk = Walk(loaded.flow)
    try:
        console.print(training_render.case_intro(loaded, feedback))
        observer.reveal(walk)
        conversation.converse(walk, observer)
    except (KeyboardInterrupt, EOFError):
        raise ExerciseInterrupted(loaded.id) from None
    result = observer.result(walk, name)
    console.print(render.outcome_panel(walk))
    console.print(training_render.result_view(result, with_feedback=feedback == END))
    return result

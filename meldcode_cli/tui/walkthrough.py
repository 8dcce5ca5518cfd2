"""The conversation at the terminal: show each node, ask it, go back or explain, until an outcome."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text as RichText

from meldcode_cli.base.i18n import Msg
from meldcode_cli.base.textsafety import clean
from meldcode_cli.engine.observer import Observer
from meldcode_cli.engine.walk import Walk
from meldcode_cli.output import context, render
from meldcode_cli.tui.prompt_texts import BACK, HELP, T

__all__ = ["Observer", "walk_interactively"]

FIRST_QUESTION = Msg(
    "Dit is de eerste vraag; er is geen vorige.", "This is the first question; there is none before it."
)


def walk_interactively(walk: Walk, prompter: Any, console: Console, observer: Observer | None = None) -> Walk:
    """Ask until the walk reaches an outcome. Ctrl-C propagates as KeyboardInterrupt."""
    lang = context.lang()
    observer = observer or Observer()
    shown_step: int | None = None
    while not walk.finished:
        node = walk.current
        if not node.is_question and observer.passes_by(walk, node):
            walk.answer()
            observer.answered(walk, node)
            continue
        new_step = node.step != shown_step
        console.print(render.question_header(walk.flow, node, new_step=new_step, lines=walk.note_lines(node)))
        if new_step:
            observer.step_started(walk, node.step)
        shown_step = node.step
        reply = _ask(walk, node, prompter, console)
        if reply is BACK:
            if walk.can_go_back():
                walk.back()
                shown_step = None
                observer.went_back(walk)
            else:
                console.print(RichText(FIRST_QUESTION.get(lang), style="yellow"))
            continue
        earlier = walk.remembered.get(node.id)
        walk.answer(reply)
        if node.is_question:
            console.print(_confirmation(node, walk.answers[node.id]))
        observer.answered(walk, node)
        if getattr(node, "ask_reason", False) and earlier is not None and earlier != walk.answers[node.id]:
            _set_aside_note(walk, node, earlier, console)
        if getattr(node, "ask_reason", False) and _ask_note(walk, node, prompter, console) is BACK:
            walk.back()
            shown_step = None
            observer.went_back(walk)
        elif getattr(node, "ask_reason", False):
            observer.noted(walk, node)
    return walk


def _set_aside_note(walk: Walk, node: Any, earlier: Any, console: Console) -> None:
    """A note written for another answer no longer explains this one: shown, not offered for reuse.
    The trail keeps the old note (the note event records what it replaced)."""
    lang = context.lang()
    note = walk.notes.pop(node.id, "")
    if note:
        console.print(
            RichText(
                T["earlier_note"].format(answer=render.answer_text(node, earlier).get(lang), note=note).get(lang),
                style="dim",
            )
        )


def _ask_note(walk: Walk, node: Any, prompter: Any, console: Console) -> Any:
    """The reasoning behind an answer, for the dossier; BACK to change the answer itself."""
    while True:
        note = prompter.ask_note(walk.notes.get(node.id, ""))
        if note is HELP:
            console.print(render.help_panel(node))
            continue
        if note is not BACK:
            walk.notes[node.id] = clean(note)  # a pasted note may hold escape codes
        return note


def _ask(walk: Walk, node: Any, prompter: Any, console: Console) -> Any:
    """The user's answer to one node, after as many explanations as they ask for."""
    if not node.is_question:
        return prompter.pause(can_go_back=walk.can_go_back())
    default = walk.remembered.get(node.id)

    def explain() -> None:
        console.print(render.help_panel(node))

    while True:
        reply = prompter.ask(node, default, can_go_back=walk.can_go_back(), explain=explain)
        if reply is not HELP:
            return reply
        console.print(render.help_panel(node))


def _confirmation(node: Any, answer: Any) -> RichText:
    lang = context.lang()
    line = RichText("✓ ", style="green")
    line.append(node.text.get(lang))
    line.append("  ")
    line.append(render.answer_text(node, answer).get(lang), style="bold")
    return line

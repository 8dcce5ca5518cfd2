"""The conversation at the terminal: show each node, ask it, go back or explain, until an outcome."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.text import Text as RichText

from meldcode_cli import render
from meldcode_cli.engine import Walk
from meldcode_cli.i18n import Msg
from meldcode_cli.prompts import BACK, HELP, Prompter

FIRST_QUESTION = Msg("Dit is de eerste vraag; er is geen vorige.", "This is the first question; there is none before it.")

# Called after every change to the walk: the seam where sessions save each answer as it is given.
OnChange = Callable[[Walk], None]


def walk_interactively(walk: Walk, prompter: Prompter, console: Console, lang: str,
                       on_change: OnChange | None = None) -> Walk:
    """Ask until the walk reaches an outcome. Ctrl-C propagates as KeyboardInterrupt."""
    notify = on_change or (lambda _walk: None)
    shown_step: int | None = None
    while not walk.finished:
        node = walk.current
        console.print(render.question_header(walk.flow, node, lang, new_step=node.step != shown_step))
        shown_step = node.step
        reply = _ask(walk, node, prompter, console, lang)
        if reply is BACK:
            if walk.can_go_back():
                walk.back()
                shown_step = None
                notify(walk)
            else:
                console.print(RichText(FIRST_QUESTION.get(lang), style="yellow"))
            continue
        walk.answer(reply)
        if node.is_question:
            console.print(_confirmation(node, walk.answers[node.id], lang))
        notify(walk)
    return walk


def _ask(walk: Walk, node: Any, prompter: Prompter, console: Console, lang: str) -> Any:
    """The user's answer to one node, after as many explanations as they ask for."""
    if not node.is_question:
        return prompter.pause(can_go_back=walk.can_go_back())
    default = walk.remembered.get(node.id)
    while True:
        reply = prompter.ask(node, default, can_go_back=walk.can_go_back())
        if reply is not HELP:
            return reply
        console.print(render.help_panel(node, lang))


def _confirmation(node: Any, answer: Any, lang: str) -> RichText:
    line = RichText("✓ ", style="green")
    line.append(node.text.get(lang))
    line.append("  ")
    line.append(render.answer_text(node, answer, lang), style="bold")
    return line

"""The terminal side of a walk: is there a terminal, plain or full prompts, and the conversation."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

from meldcode_cli.output import context

if TYPE_CHECKING:  # types only: `meldcode flows` and `sessions` make a console and need no walk
    from rich.console import Console

    from meldcode_cli.engine.observer import Observer
    from meldcode_cli.engine.walk import Walk


def terminal_available(stream: TextIO) -> bool:
    """Full-screen prompts need a keyboard and a screen: stdin and the prompt stream must both be
    terminals. Plain prompts (--plain) read lines, so any readable stdin will do."""
    try:
        return not sys.stdin.closed if context.current().plain else (sys.stdin.isatty() and stream.isatty())
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def make_console(stream: TextIO | None = None) -> Console:
    """Rich output as the display says; in plain mode without colour, highlighting or emoji, for screen
    readers. Strings are never read as markup or emoji codes: answers, references and flow texts hold
    square brackets ("Zie dossier [/2024/123]") and colons that must be shown as typed. Styles are given
    as Text."""
    from rich.console import Console

    display = context.current()
    if display.plain:
        return Console(file=stream, no_color=True, highlight=False, emoji=False, markup=False, width=display.width)
    return Console(file=stream, emoji=False, markup=False, no_color=not display.color or None, width=display.width)


class Conversation:
    """The terminal side of a walk: intro, questions, reference, passphrase and follow-up date."""

    def __init__(self, stream: TextIO, separate_stream: bool) -> None:
        self.console = make_console(stream)
        if context.current().plain:
            from meldcode_cli.tui.plain_prompts import PlainPrompter

            self.prompter: Any = PlainPrompter(stream=stream)
        else:
            # Imported here: questionary and prompt_toolkit are only needed when there is someone to ask.
            from meldcode_cli.tui import prompt_bindings
            from meldcode_cli.tui.prompts import Prompter

            prompt_bindings.install()

            self.prompter = Prompter(stream=stream if separate_stream else None)

    def intro(self, walk: Walk) -> None:
        from meldcode_cli.output import render

        self.console.print(render.intro(walk.flow))

    def converse(self, walk: Walk, observer: Observer | None) -> None:
        from meldcode_cli.tui import quiet_gc
        from meldcode_cli.tui.walkthrough import walk_interactively

        quiet_gc.settle()  # start-up is over: keep its objects out of the collections between keys
        if context.current().plain:  # numbered questions read a line: no prompt to collect while it is read
            walk_interactively(walk, self.prompter, self.console, observer)
            return
        with quiet_gc.collect_between_keys():
            walk_interactively(walk, self.prompter, self.console, observer)

    def ask_reference(self) -> str:
        reference: str = self.prompter.ask_reference(self.console)
        return reference

    def ask_new_passphrase(self) -> str:
        passphrase: str = self.prompter.ask_passphrase(confirm=True)
        return passphrase

    def ask_follow_up(self, walk: Walk, default: Any) -> Any:
        from meldcode_cli.engine.wording import follow_up_subject

        assert walk.outcome is not None  # asked only once the walk has its advice
        return self.prompter.ask_follow_up_date(follow_up_subject(walk.flow, walk.outcome.follow_up), default)

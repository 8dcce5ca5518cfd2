"""The terminal side of a walk: is there a terminal, plain or full prompts, and the conversation."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # types only: `meldcode flows` and `sessions` make a console and need no walk
    from rich.console import Console

    from meldcode_cli.engine.observer import Observer
    from meldcode_cli.engine.walk import Walk


def terminal_available(stream: TextIO, plain: bool = False) -> bool:
    """Full-screen prompts need a keyboard and a screen: stdin and the prompt stream must both be
    terminals. Plain prompts (--plain) read lines, so any readable stdin will do."""
    try:
        return not sys.stdin.closed if plain else (sys.stdin.isatty() and stream.isatty())
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def wants_plain(option: bool) -> bool:
    """--plain, MELDCODE_PLAIN=1, or a terminal that cannot draw (TERM=dumb or unset)."""
    term = os.environ.get("TERM", "")
    return option or os.environ.get("MELDCODE_PLAIN", "") not in ("", "0") or term in ("", "dumb")


def make_console(stream: TextIO | None = None, plain: bool = False, **options: Any) -> Console:
    """Rich output; in plain mode without colour, highlighting or emoji, for screen readers. Strings
    are never read as markup or emoji codes: answers, references and flow texts hold square brackets
    ("Zie dossier [/2024/123]") and colons that must be shown as typed. Styles are given as Text."""
    from rich.console import Console

    if plain:
        return Console(file=stream, no_color=True, highlight=False, emoji=False, markup=False, **options)
    return Console(file=stream, emoji=False, markup=False, **options)


class Conversation:
    """The terminal side of a walk: intro, questions, reference, passphrase and follow-up date."""

    def __init__(self, lang: str, stream: TextIO, separate_stream: bool, plain: bool = False) -> None:
        self.lang = lang
        self.plain = plain
        self.console = make_console(stream, plain)
        if plain:
            from meldcode_cli.tui.plain_prompts import PlainPrompter

            self.prompter: Any = PlainPrompter(lang, stream=stream)
        else:
            # Imported here: questionary and prompt_toolkit are only needed when there is someone to ask.
            from meldcode_cli.tui import prompt_bindings
            from meldcode_cli.tui.prompts import Prompter

            prompt_bindings.install()

            self.prompter = Prompter(lang, stream=stream if separate_stream else None)

    def intro(self, walk: Walk) -> None:
        from meldcode_cli.output import render

        self.console.print(render.intro(walk.flow, self.lang, self.plain))

    def converse(self, walk: Walk, observer: Observer | None) -> None:
        from meldcode_cli.tui import quiet_gc
        from meldcode_cli.tui.walkthrough import walk_interactively

        quiet_gc.settle()  # start-up is over: keep its objects out of the collections between keys
        walk_interactively(walk, self.prompter, self.console, self.lang, observer)

    def ask_reference(self) -> str:
        return self.prompter.ask_reference(self.console)

    def ask_new_passphrase(self) -> str:
        return self.prompter.ask_passphrase(confirm=True)

    def ask_follow_up(self, walk: Walk, default: Any) -> Any:
        from meldcode_cli.engine.wording import follow_up_subject

        return self.prompter.ask_follow_up_date(follow_up_subject(walk.flow, walk.outcome.follow_up), default)

"""How output is shown in this run — language, plain mode, colour, width, JSON — decided once at the CLI."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

from meldcode_cli.base.i18n import Msg, choose_lang

Lang = Literal["nl", "en"]


@dataclass(frozen=True)
class Display:
    """The settings every message and prompt of one command follows. Decided by the command line
    (and the environment behind it), then read where text is made: never passed by hand."""

    lang: Lang = "nl"
    plain: bool = False  # numbered questions, no colour or frames: screen readers, dumb terminals
    color: bool = True
    width: int | None = None  # None: the terminal's own width
    json: bool = False  # the result goes to stdout as JSON; the conversation to stderr

    def text(self, message: Msg) -> str:
        return message.get(self.lang)


# Ambient state as textual and copier keep it: a context variable, so a test or a thread that
# sets its own display never leaks into another.
_display: ContextVar[Display | None] = ContextVar("meldcode_display", default=None)


def wants_plain(option: bool = False) -> bool:
    """--plain, MELDCODE_PLAIN=1, or a terminal that cannot draw (TERM=dumb or unset)."""
    term = os.environ.get("TERM", "")
    return option or os.environ.get("MELDCODE_PLAIN", "") not in ("", "0") or term in ("", "dumb")


def decide(lang: str | None = None, plain: bool = False, as_json: bool = False) -> Display:
    """The display from the command line's options and the environment: --lang, then MELDCODE_LANG,
    then Dutch; --plain, or MELDCODE_PLAIN / TERM=dumb when the conversation's stream is a terminal."""
    language: Lang = "en" if choose_lang(lang) == "en" else "nl"
    stream = sys.stderr if as_json else sys.stdout  # where the conversation goes
    try:
        on_terminal = stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        on_terminal = False
    plain = plain or (wants_plain() and on_terminal)
    color = not plain and "NO_COLOR" not in os.environ
    return Display(lang=language, plain=plain, color=color, json=as_json)


def current() -> Display:
    """The display of this command; outside a command (a library call, a test) from the environment."""
    found = _display.get()
    return found if found is not None else decide()


def lang() -> Lang:
    return current().lang


def say(message: Msg) -> str:
    """A message in the language of this command."""
    return message.get(current().lang)


@contextmanager
def using(display: Display) -> Iterator[Display]:
    """Run the enclosed code with this display, and put back the one before afterwards."""
    token = _display.set(display)
    try:
        yield display
    finally:
        _display.reset(token)

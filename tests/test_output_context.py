"""The output context: decided once from the options and the environment, read wherever text is made."""

from __future__ import annotations

import io
import sys

from meldcode_cli.base.i18n import Msg
from meldcode_cli.output import context
from meldcode_cli.output.context import Display, using

HELLO = Msg("Hallo", "Hello")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_option_wins_then_the_environment_then_dutch(monkeypatch):
    monkeypatch.setenv("MELDCODE_LANG", "en")
    assert context.decide("nl").lang == "nl"
    assert context.decide(None).lang == "en"
    monkeypatch.setenv("MELDCODE_LANG", "fr")
    assert context.decide(None).lang == "nl"
    monkeypatch.delenv("MELDCODE_LANG")
    assert context.decide(" EN ").lang == "en"


def test_plain_by_option_or_by_a_terminal_that_cannot_draw(monkeypatch):
    monkeypatch.delenv("MELDCODE_PLAIN", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(sys, "stdout", Terminal())
    assert context.decide().plain is False and context.decide().color is True
    assert context.decide(plain=True).plain is True and context.decide(plain=True).color is False
    monkeypatch.setenv("TERM", "dumb")
    assert context.decide().plain is True
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # no terminal: nothing is drawn, nothing is asked
    assert context.decide().plain is False
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("NO_COLOR", "1")
    assert context.decide().color is False


def test_json_mode_talks_on_stderr_so_plainness_follows_stderr(monkeypatch):
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setattr(sys, "stderr", Terminal())
    assert context.decide(as_json=True) == Display(lang=context.decide().lang, plain=True, color=False, json=True)


def test_a_display_holds_for_the_enclosed_code_only(monkeypatch):
    monkeypatch.delenv("MELDCODE_LANG", raising=False)
    assert context.say(HELLO) == "Hallo"
    with using(Display(lang="en")):
        assert context.say(HELLO) == "Hello" and context.lang() == "en"
        with using(Display(lang="nl", plain=True)):
            assert context.say(HELLO) == "Hallo" and context.current().plain
        assert context.say(HELLO) == "Hello"
    assert context.say(HELLO) == "Hallo"

"""Drives the real `meldcode` program in a pseudo-terminal, the way a person at a keyboard would."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pexpect

UP = "\x1b[A"
DOWN = "\x1b[B"
ENTER = "\r"
SPACE = " "
CTRL_C = "\x03"
ALT_ENTER = "\x1b\r"  # what a terminal sends for Alt+Enter (and for Esc, then Enter)
# Offered after every advice but 112; Enter (the first choice, also in plain mode) records it later.
DECISION_OFFER = r"Wat is er na het advies|What was decided and done"
DECISION_READY = r"\(pijltjes|\(arrow keys|Typ een nummer|Type a number"
PROMPT_READY = r"\((pijltjes|typ en Enter|arrow keys|type and press|JJJJ-MM-DD|YYYY-MM-DD)"


def meldcode_command() -> list[str]:
    """The installed console script next to this Python, else `python -m meldcode_cli`."""
    script = shutil.which("meldcode", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "meldcode_cli"]


class Terminal:
    """One `meldcode` process in a terminal 50 rows high (200 columns unless told); `expect` waits for
    text on the screen."""

    def __init__(
        self,
        *args: str,
        home: Path,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 15,
        columns: int = 200,
        command: list[str] | None = None,
    ) -> None:
        command = command or meldcode_command()
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "MELDCODE_HOME": str(home / "meldcode"),
            # pexpect is no terminal emulator: it never answers prompt_toolkit's cursor-position
            # request, which would cost a one-second wait at every prompt.
            "PROMPT_TOOLKIT_NO_CPR": "1",
        }
        # Under `coverage run`, its settings travel in COVERAGE_* variables: pass them on, so the
        # program in the terminal is measured too.
        environment.update({key: value for key, value in os.environ.items() if key.startswith("COVERAGE_")})
        environment.update(env or {})
        self.child = pexpect.spawn(
            command[0],
            command[1:] + list(args),
            env=environment,
            cwd=str(cwd or home),
            encoding="utf-8",
            dimensions=(50, columns),
            timeout=timeout,
        )
        # pexpect waits 50 ms before every send, for a program that has not yet put its terminal in raw
        # mode; every key here is sent once the prompt shows (and so reads raw), so the wait buys nothing.
        self.child.delaybeforesend = None
        self.columns = columns
        self.log = home / "terminal.log"
        self.child.logfile_read = self.log.open("a", encoding="utf-8")

    def expect(self, text: str) -> None:
        self.child.expect_exact(text)

    def send(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)

    def answer(self, question: str, *keys: str) -> None:
        """Wait until a question's prompt is on screen, then press the keys (the last usually ENTER)."""
        self.expect(question)
        # The instruction is part of the prompt itself: once it shows, the prompt reads the keys.
        self.child.expect(PROMPT_READY)
        self.send(*keys)

    def text_answer(self, question: str, text: str) -> None:
        self.answer(question, text, ENTER)

    def finish(self) -> int:
        """Wait for the end; the optional decision question after an advice is answered 'later'."""
        while self.child.expect([pexpect.EOF, DECISION_OFFER]) == 1:
            self.child.expect(DECISION_READY)
            self.send(ENTER)
        self.child.close()
        return self.child.exitstatus if self.child.exitstatus is not None else 128 + (self.child.signalstatus or 0)

    def output_so_far(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def screen(self) -> list[str]:
        """The lines the terminal shows now, as a terminal emulator draws the output read so far."""
        import pyte

        screen = pyte.Screen(self.columns, 50)
        with self.log.open(encoding="utf-8", newline="") as raw:  # keep each \r as the terminal got it
            pyte.Stream(screen).feed(raw.read())
        return [line.rstrip() for line in screen.display]


# A yes/no question: the pointer starts on "Ja".
YES = (ENTER,)
NO = (DOWN, ENTER)


def weigh(term: Terminal, question: str, *keys: str, reason: str = "") -> None:
    """A weighing question, then the optional note with the reasoning."""
    term.answer(question, *keys)
    term.text_answer("Waarom? Licht uw antwoord kort toe", reason)


def walk_mini_to_afsluiten(term: Terminal, reference: str, note: str = "") -> None:
    """The small test flow (tests/data/mini.yaml) from its first question to the outcome Afsluiten."""
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", reference)
    term.answer("Welke vormen?", SPACE, ENTER)
    term.answer("Zijn er kinderen?", DOWN, ENTER)
    term.text_answer("Wat zag u?", note)
    term.answer("Hoe ernstig?", ENTER)
    term.expect("Advies: Afsluiten")
    assert term.finish() == 0

"""Plain mode: numbered choices and typed lines, for screen readers and dumb terminals."""

from __future__ import annotations

import os
import subprocess

from tests.e2e.pty import Terminal, meldcode_command


def test_a_dumb_terminal_gets_numbered_questions(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path, env={"TERM": "dumb"})
    term.expect("Is er direct gevaar?")
    term.expect("  1. Ja")
    term.expect("  2. Nee")
    term.child.sendline("2")
    term.expect("Zaakreferentie")
    term.child.sendline("casus-dom")
    term.expect("Welke vormen?")
    term.child.sendline("?")  # help works the same
    term.expect("Uitleg")
    term.expect("Welke vormen?")
    term.child.sendline("1,3")  # Kind and Eer
    term.expect("Zijn er kinderen?")
    term.child.sendline("<")  # and so does going back
    term.expect("Welke vormen?")
    term.expect("1. Kind (gekozen)")
    term.child.sendline("")  # Enter keeps the earlier choice
    term.expect("Zijn er kinderen?")
    term.child.sendline("9")
    term.expect("Dat is geen van de keuzes. Typ een nummer van 1 tot en met 2, of het woord.")
    term.child.sendline("1")
    term.expect("Geen gesprek met de familie.")
    term.child.sendline("")
    term.expect("Wat zag u?")
    term.child.sendline("blauwe plek")
    term.expect("Hoe ernstig?")
    term.child.sendline("2")
    term.expect("Advies: Melden")
    assert term.finish() == 0
    out = term.output_so_far()
    assert "\x1b[" not in out.split("Advies: Melden")[1]  # no colour codes or cursor moves
    assert "╭" not in out and "│" not in out  # no frames around the text


def test_plain_lines_from_a_pipe_and_end_of_input_saves(tmp_path, mini_path):
    env = {**os.environ, "MELDCODE_HOME": str(tmp_path / "meldcode")}
    result = subprocess.run(
        meldcode_command() + ["run", str(mini_path), "--plain"],
        input="2\ncasus-pijp\n1\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    # The input ends at "Zijn er kinderen?": like Ctrl-D, that stops and keeps what was answered.
    assert result.returncode == 130
    assert "Onderbroken. Uw antwoorden zijn bewaard in sessie" in result.stderr
    (path,) = (tmp_path / "meldcode" / "sessions").glob("*.json")
    assert '"casus-pijp"' in path.read_text(encoding="utf-8")

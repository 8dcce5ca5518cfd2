"""How the prompts fit a question to the terminal, and how plain mode reads typed choices."""

from __future__ import annotations

import pytest

from meldcode_cli.tui.plain_prompts import _pick
from meldcode_cli.tui.prompts import fit

QUESTION = "Om welke vorm van geweld gaat het, denkt u? U kunt meer dan één kiezen."
HINT = "(pijltjes, spatie = aanvinken, Enter = klaar, ? = uitleg, < = vorige vraag)"


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_a_question_and_its_hint_break_between_words(columns):
    message, instruction = fit(QUESTION, HINT, columns)
    lines = ("? " + message + " " + instruction).split("\n")
    assert all(len(line.rstrip()) < columns for line in lines)
    assert " ".join(" ".join(lines).split()) == "? " + QUESTION + " " + HINT


def test_a_short_hint_stays_behind_the_question():
    assert fit("Is er direct gevaar?", "(pijltjes en Enter)", 80) == ("Is er direct gevaar?", "(pijltjes en Enter)")


@pytest.mark.parametrize(
    "reply, labels, expected",
    [
        ("2", ["Ja", "Nee"], 1),
        ("ja", ["Ja", "Nee"], 0),
        ("Nee", ["Ja", "Nee"], 1),
        ("n", ["Ja", "Nee"], 1),
        ("yes", ["Ja", "Nee"], 0),
        ("nee", ["Yes", "No"], 1),
        ("zwaar", ["Licht", "Zwaar", "Weet ik niet"], 1),
        ("weet", ["Licht", "Zwaar", "Weet ik niet"], 2),
        ("3", ["Ja", "Nee"], None),
        ("misschien", ["Ja", "Nee"], None),
        ("", ["Ja", "Nee"], None),
    ],
)
def test_plain_mode_takes_a_number_or_the_word(reply, labels, expected):
    assert _pick(reply, labels) == expected

"""The real program in a pseudo-terminal on the small test flow: keys, help, back, Ctrl-C."""

from __future__ import annotations

from tests.e2e.pty import CTRL_C, DOWN, ENTER, SPACE, Terminal


def test_arrow_keys_and_enter_through_a_whole_walk(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.expect("Welkom bij de kleine flow.")
    term.expect("112")  # the pinned contacts are in sight from the first screen
    term.expect("0800-2000")
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-1")  # asked after the direct-danger question
    term.answer("Welke vormen?", SPACE, DOWN, DOWN, SPACE, ENTER)  # Kind and Eer
    term.answer("Zijn er kinderen?", ENTER)  # Ja
    term.answer("Geen gesprek met de familie.", ENTER)  # an information screen: Verder
    term.text_answer("Wat zag u?", "blauwe plek op de arm")
    term.answer("Hoe ernstig?", DOWN, ENTER)  # Zwaar
    term.expect("Advies: Melden")
    term.expect("Denk aan de kinderen.")
    assert term.finish() == 0
    out = term.output_so_far()
    assert "blauwe plek op de arm" in out
    assert "Stap 2 van 2 — Wegen" in out


def test_help_on_request(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", "?")
    term.expect("Bel bij twijfel 112.")
    term.answer("Is er direct gevaar?", ENTER)  # asked again after the explanation: Ja
    term.expect("Advies: Bel 112")
    assert term.finish() == 0


def test_going_back_and_changing_an_answer(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-2")
    term.answer("Welke vormen?", SPACE, ENTER)  # Kind
    term.answer("Zijn er kinderen?", ENTER)  # Ja
    term.text_answer("Wat zag u?", "<")  # back to the previous question
    # The earlier answer (Ja) is the default; choose Nee instead.
    term.answer("Zijn er kinderen?", DOWN, ENTER)
    term.text_answer("Wat zag u?", "")
    # From a choice list: the "back" entry under the options (Licht, Zwaar, Weet ik niet, Uitleg, Terug).
    term.answer("Hoe ernstig?", DOWN, DOWN, DOWN, DOWN, ENTER)
    term.text_answer("Wat zag u?", "niets bijzonders")
    term.answer("Hoe ernstig?", ENTER)  # Licht
    term.expect("Advies: Afsluiten")
    assert term.finish() == 0
    summary = term.output_so_far().split("Samenvatting")[-1]
    assert "Zijn er kinderen?" in summary
    assert "niets bijzonders" in summary
    assert "Let op" not in summary  # the action of the old answer is gone


def test_back_from_a_checkbox_list_with_the_back_key(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-3")
    term.answer("Welke vormen?", "<")
    term.answer("Is er direct gevaar?", ENTER)  # the remembered answer (Nee) is the default
    term.answer("Welke vormen?", DOWN, SPACE, ENTER)  # Partner
    term.answer("Zijn er kinderen?", CTRL_C)
    term.expect("Uw antwoorden zijn bewaard in sessie")
    assert term.finish() == 130


def test_ctrl_c_ends_cleanly_with_a_message(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", CTRL_C)
    term.expect("Onderbroken. Er is niets bewaard")
    assert term.finish() == 130
    assert "Traceback" not in term.output_so_far()


def test_english_walk(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), "--lang", "en", home=tmp_path)
    term.expect("Welcome to the small flow.")
    term.answer("Is there direct danger?", ENTER)
    term.expect("Advice: Call 112")
    assert term.finish() == 0

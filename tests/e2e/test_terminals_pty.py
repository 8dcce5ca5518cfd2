"""Odd terminals and interruptions at every kind of prompt: narrow, colourless, C locale, Ctrl-C, Ctrl-D."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.e2e.pty import CTRL_C, DOWN, ENTER, SPACE, Terminal, walk_mini_to_afsluiten
from tests.test_sociaal_werk import BASE

CTRL_D = "\x04"


def mini_walk(term: Terminal) -> None:
    walk_mini_to_afsluiten(
        term, "casus-smal", "een lange notitie die in een smalle terminal over meerdere regels loopt"
    )


def test_a_40_column_terminal(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path, columns=40)
    mini_walk(term)
    summary = term.output_so_far().split("Samenvatting")[-1]
    widths = [len(re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", line)) for line in summary.splitlines()]
    assert max(widths) <= 40


def test_no_color(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path, env={"NO_COLOR": "1"})
    mini_walk(term)
    colours = re.findall(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7]|38;5;\d+)m", term.output_so_far())
    assert colours == []


@pytest.mark.parametrize("locale", ["C", "POSIX"])
def test_a_c_locale(tmp_path, mini_path, locale):
    term = Terminal("run", str(mini_path), home=tmp_path, env={"LANG": locale, "LC_ALL": locale})
    mini_walk(term)


def stopped(term: Terminal, saved: bool) -> None:
    if saved:
        term.child.expect(r"Onderbroken\. Uw antwoorden zijn bewaard in sessie [a-z0-9]+ ")
    else:
        term.expect("Onderbroken. Er is niets bewaard")
    assert term.finish() == 130
    assert "Traceback" not in term.output_so_far()


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D], ids=["ctrl-c", "ctrl-d"])
def test_stopping_at_a_text_prompt(tmp_path, mini_path, key):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-tekst")
    term.answer("Welke vormen?", SPACE, ENTER)
    term.answer("Zijn er kinderen?", DOWN, ENTER)
    term.answer("Wat zag u?", key)
    stopped(term, saved=True)


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D], ids=["ctrl-c", "ctrl-d"])
def test_stopping_at_the_reference_keeps_the_first_answer(tmp_path, mini_path, key):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.answer("Zaakreferentie", key)
    stopped(term, saved=True)
    (path,) = (tmp_path / "meldcode" / "sessions").glob("*.json")
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["answers"] == {"gevaar": False}
    assert record["reference"].startswith("zonder-referentie-")


def test_stopping_at_an_information_screen(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-info")
    term.answer("Welke vormen?", DOWN, DOWN, SPACE, ENTER)  # Eer: an information screen follows
    term.answer("Geen gesprek met de familie.", CTRL_C)
    stopped(term, saved=True)


def test_stopping_at_the_passphrase_saves_nothing_unencrypted(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), "--encrypt", home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-geheim")
    term.answer("Wachtwoord voor deze sessie", CTRL_C)
    stopped(term, saved=False)
    assert not list((tmp_path / "meldcode").glob("sessions/*.json"))


def partial_answers(tmp_path, **changes) -> str:
    path = tmp_path / "antwoorden.yaml"
    path.write_text(yaml.safe_dump({**BASE, **changes}, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_stopping_at_the_reasoning_note(tmp_path):
    answers = {k: v for k, v in BASE.items() if not k.startswith("afweging")}
    path = tmp_path / "deel.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    term = Terminal("run", "sociaal-werk", "--answers", str(path), home=tmp_path)
    term.text_answer("Zaakreferentie", "casus-noot")
    term.answer("Afwegingsvraag 1:", ENTER)
    term.answer("Waarom? Licht uw antwoord kort toe", CTRL_C)
    stopped(term, saved=True)


def test_stopping_at_the_follow_up_date(tmp_path):
    term = Terminal(
        "run", "sociaal-werk", "--answers", partial_answers(tmp_path), "--reference", "casus-datum", home=tmp_path
    )
    term.answer("Op welke datum beoordeelt u deze vraag opnieuw?", CTRL_C)
    stopped(term, saved=True)

"""The decision in a terminal: offered after the advice (or 'later'), and asked by `meldcode decide`."""

from __future__ import annotations

import os
import subprocess
from datetime import date

from tests.e2e.pty import DOWN, ENTER, SPACE, Terminal, meldcode_command


def meldcode(home, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MELDCODE_HOME": str(home / "meldcode"), "COLUMNS": "200"}
    return subprocess.run(meldcode_command() + list(args), env=env, capture_output=True, text=True, timeout=60)


def to_the_advice(term: Terminal, reference: str) -> None:
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", reference)
    term.answer("Welke vormen?", SPACE, ENTER)
    term.answer("Zijn er kinderen?", DOWN, ENTER)
    term.text_answer("Wat zag u?", "")
    term.answer("Hoe ernstig?", ENTER)
    term.expect("Advies: Afsluiten")


def test_the_decision_is_recorded_right_after_the_advice(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    to_the_advice(term, "casus-klaar")
    term.answer("Wat is er na het advies besloten en gedaan?", DOWN, DOWN, DOWN, DOWN, ENTER)  # Afgesloten
    term.answer("Op welke datum is de meldcode afgesloten?", ENTER)  # today, filled in
    term.answer("Op welke datum overlegde u met de aandachtsfunctionaris?", ENTER)  # not
    term.text_answer("Waarom is de meldcode afgesloten?", "Zorgen weggenomen in het gesprek")
    term.answer("Datum voor vervolg of opnieuw beoordelen", ENTER)  # none
    term.child.expect(r"Besluit vastgelegd in sessie ([a-z0-9]+) \(casus-klaar\): Afgesloten")
    session_id = term.child.match.group(1)
    assert term.finish() == 0
    report = meldcode(tmp_path, "report", session_id).stdout
    assert "| **Wat** | Afsluiten | Afgesloten |" in report
    assert "| **Redenen** |  | Zorgen weggenomen in het gesprek |" in report


def test_later_leaves_the_decision_open_and_decide_asks_for_it(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    to_the_advice(term, "casus-later")
    term.answer("Wat is er na het advies besloten en gedaan?", ENTER)  # Later vastleggen
    assert term.finish() == 0
    assert "Nog geen besluit vastgelegd" in meldcode(tmp_path, "report", "casus-later").stdout

    agenda = tmp_path / "vervolg.ics"
    term = Terminal("decide", "casus-later", home=tmp_path)
    term.expect("advies: afsluiten")
    term.answer("Wat is er na het advies besloten en gedaan?", ENTER)  # Melding gedaan bij Veilig Thuis
    term.answer("Op welke datum is de melding gedaan?", "\x7f" * 10, "31-12-2099", ENTER)
    term.expect("Die datum ligt in de toekomst; leg vast wat al gebeurd is.")
    term.answer("Op welke datum is de melding gedaan?", ENTER)  # today
    term.answer("Wie deed de melding? (een functie, geen naam)", DOWN, ENTER)  # de aandachtsfunctionaris
    term.text_answer("Kenmerk van Veilig Thuis", "VT-77")
    term.answer("Op welke datum overlegde u met de aandachtsfunctionaris?", ENTER)
    term.text_answer("Datum voor vervolg of opnieuw beoordelen", "15-01-2099")
    term.text_answer("Een agenda-item (.ics) voor die datum?", str(agenda))
    term.expect("Besluit vastgelegd in sessie")
    term.expect(f"Agenda-item geschreven naar {agenda}.")
    assert term.finish() == 0
    text = agenda.read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20990115" in text and "casus-later" in text
    report = meldcode(tmp_path, "report", "casus-later").stdout
    assert "| **Wat** | Afsluiten | Melding gedaan bij Veilig Thuis |" in report
    assert "| **Datum** | " in report and date.today().strftime("%Y") in report
    assert "| **Kenmerk Veilig Thuis** |  | VT-77 |" in report
    assert "| **Vervolg of opnieuw beoordelen op** |  | 15 januari 2099 |" in report

"""Files and deletions asked about in a terminal: overwrite a report, delete a session, save an exercise."""

from __future__ import annotations

import os
import subprocess

import yaml

from tests.e2e.pty import Terminal, meldcode_command
from tests.test_sociaal_werk import BASE


def meldcode(home, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MELDCODE_HOME": str(home / "meldcode"), "COLUMNS": "200"}
    return subprocess.run(meldcode_command() + list(args), env=env, capture_output=True, text=True, timeout=60)


def saved(home, reference: str) -> None:
    answers = home / "antwoorden.yaml"
    answers.write_text(yaml.safe_dump(BASE, allow_unicode=True), encoding="utf-8")
    assert meldcode(home, "run", "-a", str(answers), "-r", reference).returncode == 0


def test_report_asks_before_overwriting(tmp_path):
    saved(tmp_path, "casus-o")
    target = tmp_path / "verslag.html"
    target.write_text("eigen aantekeningen", encoding="utf-8")
    term = Terminal("report", "casus-o", "-o", "verslag.html", home=tmp_path)
    term.expect("verslag.html bestaat al. Overschrijven? [j/N]")
    term.send("\r")
    term.expect("Niets geschreven; verslag.html is gebleven zoals het was.")
    assert term.finish() == 1
    assert target.read_text(encoding="utf-8") == "eigen aantekeningen"

    term = Terminal("report", "casus-o", "-o", "verslag.html", home=tmp_path)
    term.expect("Overschrijven? [j/N]")
    term.send("ja\r")
    term.expect("Verslag geschreven naar verslag.html.")
    assert term.finish() == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_delete_asks_and_says_what_was_deleted(tmp_path):
    saved(tmp_path, "casus-d")
    term = Terminal("sessions", "--delete", "casus-d", home=tmp_path)
    term.expect("Deze sessie wordt gewist:")
    term.expect("(casus-d, sociaal-werk 2.1.0, gewijzigd ")
    term.expect("Verwijderen? [j/N]")
    term.send("nee\r")
    term.expect("Niets verwijderd.")
    assert term.finish() == 1
    assert "casus-d" in meldcode(tmp_path, "sessions").stdout

    term = Terminal("sessions", "--delete", "casus-d", home=tmp_path)
    term.expect("Verwijderen? [j/N]")
    term.send("j\r")
    term.expect("Verwijderd: sessie ")
    assert term.finish() == 0
    assert "Er zijn nog geen sessies" in meldcode(tmp_path, "sessions").stdout


def test_exercise_checks_where_it_will_save_before_the_first_question(tmp_path):
    term = Terminal("exercise", "eer-en-controle", "--save", "klas/sam.json", home=tmp_path)
    term.expect("De map klas bestaat niet. Maak hem eerst (mkdir klas) of kies een andere plek.")
    assert term.finish() == 1
    assert "Is iemand op dit moment in direct gevaar?" not in term.output_so_far()

    (tmp_path / "klas").mkdir()
    (tmp_path / "klas" / "sam.json").mkdir()
    term = Terminal("exercise", "eer-en-controle", "--save", "klas/sam.json", home=tmp_path)
    term.expect("klas/sam.json is een map; geef een bestandsnaam.")
    assert term.finish() == 1

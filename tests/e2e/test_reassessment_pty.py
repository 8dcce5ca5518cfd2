"""Question 5 answered for good on resume: the re-assessment date and the NU flag go away."""

from __future__ import annotations

import os
import re
import subprocess

import yaml

from tests.e2e.pty import ENTER, UP, Terminal, meldcode_command
from tests.test_sociaal_werk import BASE


def meldcode(home, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MELDCODE_HOME": str(home / "meldcode"), "COLUMNS": "200"}
    return subprocess.run(meldcode_command() + list(args), env=env, capture_output=True, text=True, timeout=60)


def test_answering_question_5_yes_clears_the_reassessment_date(tmp_path):
    answers = tmp_path / "antwoorden.yaml"
    answers.write_text(yaml.safe_dump(BASE, allow_unicode=True), encoding="utf-8")
    assert meldcode(tmp_path, "run", "-a", str(answers), "-r", "casus-nu").returncode == 0
    listing = meldcode(tmp_path, "sessions").stdout
    assert re.search(r"casus-nu .* \d\d-\d\d-\d{4}", listing), listing

    term = Terminal("resume", "casus-nu", home=tmp_path)
    term.expect("Deze vraag wordt nu opnieuw gewogen (gepland op")
    term.answer("Afwegingsvraag 5:", UP, UP, ENTER)  # from "Nog niet bekend" up to "Ja"
    term.text_answer("Waarom? Licht uw antwoord kort toe", "Blijvend veilig")
    term.expect("Advies: De hulp afsluiten")
    assert term.finish() == 0
    assert "Opnieuw beoordelen op" not in term.output_so_far().split("Advies: De hulp afsluiten")[1]

    listing = meldcode(tmp_path, "sessions").stdout
    row = next(line for line in listing.splitlines() if "casus-nu" in line)
    assert "hulp afsluiten" in row
    assert not re.search(r"\d\d-\d\d-\d{4}\s*(NU)?\s*$", row), row
    report = meldcode(tmp_path, "report", "casus-nu").stdout
    assert "Opnieuw beoordelen op" not in report

"""The YAML parser's complaints reach an author in Dutch words, at the line to look at."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from meldcode_cli.cli.main import app

runner = CliRunner()

CASES = {
    "colon in a text": (
        "id: x\ntitle: Let op: gevaar\n",
        2,
        "hier staat een dubbele punt die YAML niet verwacht. "
        "Staat er een ':' in een tekst? Zet de tekst dan tussen aanhalingstekens.",
    ),
    "unclosed quote": ('id: x\ntitle: "Let op\n', 2, "een aanhalingsteken wordt niet gesloten."),
    "unclosed list": ("id: x\nvormen: [a, b\nversion: 1\n", 2, "een lijst tussen [ en ] wordt niet goed gesloten."),
    "tab": ("id: x\nnodes:\n\t- id: y\n", 3, "hier staat een tab; YAML springt alleen in met spaties."),
    "indentation": ("id: x\nsteps:\n  - a\n b: 2\n", 4, "de inspringing klopt hier niet"),
    "at sign": ("id: x\ntitle: @team\n", 2, "met '@' kan in YAML geen waarde beginnen."),
    "alias": ("id: x\ntitle: *belangrijk\n", 2, "een '*' verwijst naar een anker (&naam) dat niet bestaat."),
}


@pytest.mark.parametrize("name", CASES)
def test_parser_messages_are_words_with_the_line(tmp_path, name):
    text, line, words = CASES[name]
    path = tmp_path / "flow.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:{line}: MC000 {words}"), first
    for english in ("found", "expected", "mapping values", "token", "stream"):
        assert english not in first


def test_english_with_lang_en(tmp_path):
    path = tmp_path / "flow.yaml"
    path.write_text('id: x\ntitle: "Let op\n', encoding="utf-8")
    first = runner.invoke(app, ["validate", str(path), "--lang", "en"]).stdout.splitlines()[0]
    assert first == f"{path}:2: MC000 a quote is not closed. End the text with the same quote (' or \")."

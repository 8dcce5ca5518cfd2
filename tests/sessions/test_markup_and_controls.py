"""Text from users and files is shown as typed: square brackets are never markup, and escape codes,
bidi marks and raw HTML never reach a terminal or a report."""

from __future__ import annotations

import json
import re

import yaml
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from meldcode_cli.sessions.store import SessionStore
from tests.sessions.conftest import recorded_walk

runner = CliRunner()
BRACKETS = "Zie dossier [/2024/123] en [onverstaanbaar]"
# An OSC 8 link, a screen clear, a right-to-left override, a bell, a C1 control and a script.
HOSTILE = (
    "Zie \x1b]8;;https://kwaad.example\x07hier\x1b]8;;\x07 \x1b[2J\x1b[31mrood \u202eomgekeerd\u202c"
    "\x07\x9b <script>alert(1)</script> & meer"
)
SHOWN = "Zie hier rood omgekeerd <script>alert(1)</script> & meer"
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def meldcode(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def run_with(write, base_answers, text: str, reference: str) -> str:
    path = write("antwoorden.yaml", yaml.safe_dump(dict(base_answers, feiten_en_bronnen=text), allow_unicode=True))
    result = meldcode("run", "-a", str(path), "-r", reference)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_square_brackets_in_an_answer_reach_the_summary_and_the_report_as_typed(write, base_answers):
    shown = run_with(write, base_answers, BRACKETS, "casus-haken")
    assert BRACKETS in shown
    assert "Advies: " in shown
    report = meldcode("report", "casus-haken")
    assert report.exit_code == 0
    assert f"| {BRACKETS} |" in report.stdout


def test_square_brackets_in_a_reference_are_listed_as_stored(store):
    recorded_walk(store, {"direct_gevaar": False}, reference="[onverstaanbaar] [/2024/123]")
    result = meldcode("sessions")
    assert result.exit_code == 0, result.output
    assert "[onverstaanbaar] [/2024/123]" in result.stdout


def test_escape_codes_bidi_marks_and_html_never_reach_the_screen_or_a_report(write, base_answers):
    shown = run_with(write, base_answers, HOSTILE, "casus-codes")
    assert not CONTROLS.search(shown)
    assert SHOWN in shown  # the words stay, and nothing else
    markdown = meldcode("report", "casus-codes").stdout
    assert not CONTROLS.search(markdown)
    assert "Zie hier rood omgekeerd &lt;script&gt;alert(1)&lt;/script&gt; &amp; meer" in markdown
    assert "<script>" not in markdown
    for fmt in ("html", "json"):
        text = meldcode("report", "casus-codes", "--format", fmt).stdout
        assert not CONTROLS.search(text) and "\\u001b" not in text and "\\u202e" not in text
        assert "<script>" not in text or fmt == "json"


def test_a_hand_edited_session_cannot_smuggle_escape_codes_into_a_report(store, base_answers):
    _, recorder = recorded_walk(store, base_answers, reference="casus-hand")
    path = store.path_of(recorder.record.id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"]["feiten_en_bronnen"] = HOSTILE
    data["notes"]["afweging_1"] = "\x1b[2J\u202ewis het scherm"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = meldcode("report", recorder.record.id)
    assert report.exit_code == 0, report.output
    assert not CONTROLS.search(report.stdout)
    assert "Zie hier rood omgekeerd" in report.stdout
    (listed,) = SessionStore().listing()  # the listing holds the columns only, no record
    assert listed.reference == "casus-hand"
    record, _ = SessionStore().load(recorder.record.id)
    assert record.answers["feiten_en_bronnen"] == SHOWN


def test_an_error_message_never_repeats_an_escape_code(tmp_path):
    name = tmp_path / "\x1b]0;titel\x07\x1b[2Jantwoorden.yaml"
    result = meldcode("run", "--answers", str(name))
    assert result.exit_code == 1
    assert not CONTROLS.search(result.stderr)
    assert result.stderr == f"Het bestand {tmp_path}/antwoorden.yaml bestaat niet.\n"


def test_a_typed_or_pasted_text_answer_is_stored_without_escape_codes():
    from meldcode_cli.engine.walk import normalize
    from meldcode_cli.flow.loader import load_flow

    node = load_flow("sociaal-werk").node("feiten_en_bronnen")
    assert normalize(node, HOSTILE) == SHOWN

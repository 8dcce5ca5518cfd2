"""`meldcode decide` in a script: the decision is stored, in the trail, beside the advice in the report, and
as an agenda item."""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import date

import yaml
from icalendar import Calendar
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from meldcode_cli.sessions.store import SessionStore

runner = CliRunner()


def meldcode(*args: str):
    return runner.invoke(app, list(args))


def finished_session(write, answers: dict, reference: str = "casus-besluit") -> str:
    path = write("antwoorden.yaml", yaml.safe_dump(answers, allow_unicode=True))
    assert meldcode("run", "-a", str(path), "--reference", reference).exit_code == 0
    return next(i.id for i in SessionStore().listing() if i.reference == reference)


def test_a_melding_is_recorded_beside_the_advice_with_its_agenda_item(write, base_answers, tmp_path):
    session_id = finished_session(write, {**base_answers, "afweging_5": "nee"})  # advice: melden
    agenda = tmp_path / "vervolg.ics"
    result = meldcode(
        "decide",
        session_id,
        "--decision",
        "melding",
        "--date",
        "01-12-2026",
        "--by",
        "aandachtsfunctionaris",
        "--kenmerk",
        "VT-2026-0412",
        "--consulted-on",
        "2026-11-30",
        "--follow-up",
        "2027-01-15",
        "--ics",
        str(agenda),
        "--json",
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["format"] == "meldcode.decision/1" and out["outcome"] == "melden"
    assert out["decision"]["kind"] == "melding" and out["decision"]["kenmerk"] == "VT-2026-0412"
    assert out["decision"]["on"] == "2026-12-01" and out["decision"]["by"] == "aandachtsfunctionaris"

    record, _ = SessionStore().load(session_id)
    assert record.decision.follow_up == date(2027, 1, 15)
    assert record.events[-1].kind == "decision" and record.events[-1].value["kind"] == "melding"

    report = meldcode("report", session_id).stdout
    assert "## Advies en besluit" in report
    assert "| **Wat** | Melden bij Veilig Thuis | Melding gedaan bij Veilig Thuis |" in report
    assert "| **Door** | meldcode | de aandachtsfunctionaris |" in report
    assert "| **Kenmerk Veilig Thuis** |  | VT-2026-0412 |" in report
    assert "| **Overleg aandachtsfunctionaris** |  | 30 november 2026 |" in report
    # The advice (2.0.0) keeps its own follow-up date a week after the report; the decision its own.
    assert re.search(
        r"^\| \*\*Vervolg of opnieuw beoordelen op\*\* \| \d+ \w+ \d{4} \| 15 januari 2027 \|$", report, flags=re.M
    ), report

    assert stat.S_IMODE(os.stat(agenda).st_mode) == 0o600
    (event,) = Calendar.from_ical(agenda.read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart") == date(2027, 1, 15)
    assert str(event["summary"]) == "Meldcode: vervolg en opnieuw beoordelen (casus-besluit)"
    assert "VT-2026" not in agenda.read_text(encoding="utf-8")  # nothing from the dossier in an agenda


def test_a_later_decision_replaces_the_first_and_the_trail_keeps_both(write, base_answers):
    session_id = finished_session(write, base_answers)  # advice: hulp bieden
    assert meldcode("decide", session_id, "--decision", "overleg").exit_code == 0
    result = meldcode(
        "decide",
        session_id,
        "--decision",
        "afgesloten",
        "--reasons",
        "Gezin verhuisd; overgedragen aan het wijkteam daar.",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Besluit vastgelegd in sessie {session_id} (casus-besluit): Afgesloten, ")
    report = meldcode("report", session_id).stdout
    assert "| **Wat** | Hulp starten en later opnieuw wegen | Afgesloten |" in report
    assert "| **Redenen** |  | Gezin verhuisd; overgedragen aan het wijkteam daar. |" in report
    assert "Het besluit wijkt af van het advies; de professional beslist, met redenen." in report
    assert "| Besluit (professional) | Overlegd met de aandachtsfunctionaris (" in report
    html = meldcode("report", session_id, "-f", "html").stdout
    assert "<h2>Advies en besluit</h2>" in html
    raw = json.loads(meldcode("report", session_id, "-f", "json").stdout)["raw"]
    assert raw["decision"]["kind"] == "afgesloten"
    assert [e["value"]["kind"] for e in raw["events"] if e["kind"] == "decision"] == ["overleg", "afgesloten"]


def test_a_report_without_a_decision_says_how_to_record_it(write, base_answers):
    session_id = finished_session(write, base_answers)
    report = meldcode("report", session_id, "--lang", "en").stdout
    assert f"No decision recorded yet. Record it with: meldcode decide {session_id}" in report


def test_incomplete_or_wrong_decisions_are_refused_clearly(write, base_answers):
    session_id = finished_session(write, base_answers)
    result = meldcode("decide", session_id, "--decision", "afgesloten")
    assert result.exit_code == 1
    assert result.stderr == "Het besluit is niet compleet:\n  Geef de redenen om af te sluiten (--reasons).\n"
    result = meldcode("decide", session_id, "--decision", "melding", "--by", "Jan de Vries")
    assert result.exit_code == 1
    assert result.stderr.startswith("--by 'Jan de Vries' is geen functie uit de lijst; kies uit zelf, ")
    result = meldcode("decide", session_id, "--decision", "hulp", "--by", "wijkteam", "--date", "morgen")
    assert result.stderr == "--date: 'morgen' is geen datum; schrijf 2027-01-15 of 15-01-2027.\n"
    result = meldcode("decide", session_id)
    assert result.exit_code == 1
    assert result.stderr.startswith("meldcode decide vraagt naar het besluit en heeft daarvoor een terminal nodig.")
    result = meldcode("decide", session_id, "--json")
    assert json.loads(result.stdout)["error"]["code"] == "needs_decision"
    record, _ = SessionStore().load(session_id)
    assert record.decision is None


def test_no_decision_before_there_is_advice(store):
    from tests.sessions.conftest import recorded_walk

    _, recorder = recorded_walk(store, {"direct_gevaar": False}, "casus-open")
    result = meldcode("decide", recorder.record.id, "--decision", "overleg")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Sessie {recorder.record.id} (casus-open) heeft nog geen advies.")


STAFF = {
    "direct_gevaar": False,
    "acuut_komende_uren": False,
    "vermoeden_tegen_medewerker": True,
    "medewerker_feiten": "Di 14.10 u, rustkamer: collega hield de pols van de cliënte vast.",
}


def test_on_the_staff_route_a_report_to_veilig_thuis_differs_from_the_advice(write):
    # The staff route goes to the management and the aandachtsfunctionaris, not to Veilig Thuis.
    reported = finished_session(write, STAFF, reference="casus-medewerker-1")
    assert meldcode("decide", reported, "--decision", "melding", "--by", "zelf").exit_code == 0
    report = meldcode("report", reported).stdout
    assert "| **Wat** | Meld het bij de leiding en de toezichthouder Wmo | Melding gedaan bij Veilig Thuis |" in report
    assert "Het besluit wijkt af van het advies; de professional beslist, met redenen." in report

    consulted = finished_session(write, STAFF, reference="casus-medewerker-2")
    assert meldcode("decide", consulted, "--decision", "overleg").exit_code == 0
    report = meldcode("report", consulted).stdout
    assert (
        "| **Wat** | Meld het bij de leiding en de toezichthouder Wmo | Overlegd met de aandachtsfunctionaris |"
        in report
    )
    assert "wijkt af van het advies" not in report

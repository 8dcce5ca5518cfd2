"""A session begun on sociaal-werk 1.0.0 goes on with 1.0.0; a report keeps a follow-up date, shown as NU when due."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import yaml
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow import yamlsource
from meldcode_cli.flow.loader import parse_flow
from meldcode_cli.sessions.record import FlowSnapshot, Recorder
from meldcode_cli.sessions.store import SessionStore

runner = CliRunner()
OLD_FLOW = Path(__file__).parent.parent / "data" / "sociaal-werk-1.0.0.yaml"

# A walk of the first edition up to question 5 "not known yet" (no questions of 2.0.0 in it).
OLD_ANSWERS = {
    "direct_gevaar": False,
    "vormen": ["partnergeweld"],
    "signalen_partner": [],
    "signalen_algemeen": [],
    "kinderen_in_gezin": False,
    "feiten_en_bronnen": "",
    "collega_geraadpleegd": True,
    "advies_veilig_thuis": "ja_anoniem",
    "uitkomst_consultatie": "",
    "gesprek_veilig": True,
    "gesprek_gevoerd": "ja",
    "gesprek_verslag": "",
    "onthulling": False,
    "afweging_1": True,
    "afweging_2": False,
    "afweging_3": True,
    "afweging_4": True,
    "afweging_5": "nog_niet_bekend",
}


def old_session(store: SessionStore) -> str:
    text = OLD_FLOW.read_text(encoding="utf-8")
    flow = parse_flow(yamlsource.parse(text, str(OLD_FLOW)))
    assert flow.version == "1.0.0"
    walk = Walk(flow)
    walk.fill(OLD_ANSWERS)
    recorder = Recorder.start(
        walk, FlowSnapshot.of(flow, text, "sociaal-werk", True), "casus-oud", lambda r: store.save(r, None)
    )
    recorder.finished(walk)
    recorder.set_follow_up(walk, date.today())
    return recorder.record.id


def test_a_session_begun_on_1_0_0_resumes_on_1_0_0(store):
    session_id = old_session(store)
    listing = runner.invoke(app, ["sessions"], env={"COLUMNS": "200"})
    assert "sociaal-werk 1.0.0" in listing.stdout and " NU" in listing.stdout  # question 5 is due today
    result = runner.invoke(app, ["resume", session_id, "--plain"], input="1\n\n")  # question 5: ja; no note
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())  # the console wraps long lines
    assert "De sessie gaat verder met versie 1.0.0, zoals hij begon" in said
    assert "Advies: De hulp afsluiten" in said
    record, _ = store.load(session_id)
    assert record.flow.version == "1.0.0" and record.outcome == "hulp_afsluiten"
    assert "acuut_komende_uren" not in record.path  # the 2.0.0 questions were never asked


def test_a_report_keeps_a_follow_up_date_shown_as_due_and_resume_says_what_to_check(store, write, base_answers):
    path = write("a.yaml", yaml.safe_dump({**base_answers, "afweging_2": True}, allow_unicode=True))
    result = runner.invoke(app, ["run", "-a", str(path), "--reference", "casus-meld"])
    assert result.exit_code == 0, result.output
    assert f"Vervolg op {(date.today() + timedelta(days=7)).day} " in " ".join(result.stdout.split())
    (item,) = [i for i in store.listing() if i.reference == "casus-meld"]
    record, key = store.load(item.id)
    assert record.outcome == "melden" and record.reassess_on == date.today() + timedelta(days=7)
    assert [e.kind for e in record.events][-1] == "follow_up"
    listing = runner.invoke(app, ["sessions"], env={"COLUMNS": "200"}).stdout
    assert " NU" not in listing

    record.reassess_on = date.today()  # a week later
    store.save(record, key)
    listing = runner.invoke(app, ["sessions"], env={"COLUMNS": "200"}).stdout
    assert f"{date.today():%d-%m-%Y} NU" in listing
    resumed = runner.invoke(app, ["resume", item.id, "--plain"], input="")
    assert resumed.exit_code == 0, resumed.output
    said = " ".join(resumed.stdout.split())
    assert (
        f"Vervolg (gepland op {date.today().day} " in said
        and "Heeft Veilig Thuis laten weten wat het gaat doen, en doet iedereen wat is afgesproken?" in said
    )
    assert f"meldcode decide {item.id}" in said

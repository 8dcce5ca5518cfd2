"""The dossier report: every step with times, the reasoning, the advice, and the changed answers."""

from __future__ import annotations

import json
import re

from meldcode_cli.base.i18n import format_moment
from meldcode_cli.output import report
from meldcode_cli.output.context import Display, using
from meldcode_cli.sessions.record import default_follow_up
from tests.sessions.conftest import recorded_walk


def finished_with_a_change(store, base_answers):
    """Question 2 first answered yes, then changed to no; question 5 not known yet."""
    walk, recorder = recorded_walk(store, dict(base_answers, afweging_2=True))
    assert walk.outcome.id == "melden"
    walk.rewind("afweging_2")
    recorder.went_back(walk)
    for question in ("afweging_2", "afweging_3", "afweging_4", "afweging_5"):
        node = walk.current
        walk.answer(base_answers[question])
        recorder.answered(walk, node)
        if question == "afweging_2":
            walk.notes["afweging_2"] = "Geen letsel, wel zorgen over ruzies."
            recorder.noted(walk, node)
    recorder.finished(walk)
    recorder.set_follow_up(walk, default_follow_up(walk))
    return walk, recorder


def test_markdown_shows_old_and_new_values_with_times(store, base_answers):
    walk, recorder = finished_with_a_change(store, base_answers)
    text = report.write(recorder.record, walk, "md")
    assert text.startswith("# Meldcode — verslag voor het dossier\n")
    assert "- **Zaakreferentie:** casus-1" in text
    assert "- **Flow:** sociaal-werk, versie 2.1.0" in text
    for heading in (
        "## Eerst — Direct gevaar",
        "## Stap 1 van 5 — Signalen in kaart brengen",
        "## Stap 4 van 5 — Wegen van het geweld",
        "## Stap 5 van 5 — Beslissen",
    ):
        assert heading in text
    assert "## Advies: Hulp starten en later opnieuw wegen" in text
    assert "*Toelichting:* Geen letsel, wel zorgen over ruzies." in text
    assert "**Opnieuw beoordelen op:**" in text
    change = next(e for e in recorder.record.events if e.previous is not None and e.kind == "answer")
    assert change.question == "afweging_2" and change.previous is True and change.value is False
    row = re.search(r"^\| (.+?) \| (.+?) \| Afwegingsvraag 2: .+? \| Ja \| Nee \|$", text, flags=re.M)
    assert row, text.split("## Gewijzigde antwoorden")[-1]
    assert row.group(1) == format_moment(change.at).nl
    assert "U beslist zelf" in text


def test_html_is_one_self_contained_printable_page(store, base_answers):
    walk, recorder = finished_with_a_change(store, dict(base_answers, feiten_en_bronnen="<b>vet</b> & meer"))
    page = report.write(recorder.record, walk, "html")
    assert page.startswith('<!DOCTYPE html><html lang="nl">')
    assert "&lt;b&gt;vet&lt;/b&gt; &amp; meer" in page  # what the user typed is never markup
    assert "<b>vet</b>" not in page
    assert not re.search(r"(src|href)=|@import|url\(", page)
    assert "@media print" in page


def test_json_report_carries_the_raw_trail(store, base_answers):
    walk, recorder = finished_with_a_change(store, base_answers)
    with using(Display(lang="en")):
        data = json.loads(report.write(recorder.record, walk, "json"))
    assert data["outcome_title"] == "Start the help and weigh again later"
    assert data["raw"]["outcome"] == "hulp_bieden"
    assert data["raw"]["answers"]["afweging_2"] is False
    assert [c["before"] for c in data["changes"]] == ["Yes"]


def test_an_unfinished_session_says_where_it_stopped(store, base_answers):
    walk, recorder = recorded_walk(
        store,
        {
            "direct_gevaar": False,
            "acuut_komende_uren": False,
            "vermoeden_tegen_medewerker": False,
            "vormen": ["partnergeweld"],
        },
    )
    text = report.write(recorder.record, walk, "md")
    assert "Nog geen advies: de doorloop is niet af. Stopte bij: Welke signalen ziet u" in text
    assert "- **Afgerond:** nog niet afgerond" in text


def test_answers_dropped_by_a_change_are_listed(store, base_answers):
    walk, recorder = recorded_walk(
        store,
        dict(base_answers, kinderen_in_gezin=True, kinderen_zorgen=True, kindcheck_gegevens="", kinderen_getuige="nee"),
    )
    walk.rewind("kinderen_in_gezin")
    recorder.went_back(walk)
    node = walk.current
    walk.answer(False)
    recorder.answered(walk, node)
    text = report.write(recorder.record, walk, "md")
    dropped = text.split("### Vervallen antwoorden")[1]
    assert "Maakt u zich zorgen over de veiligheid van deze kinderen?: Ja" in dropped

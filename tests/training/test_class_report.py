"""`meldcode class-report`: a folder of 16 learners' files, two of them broken, counted per question."""

from __future__ import annotations

import csv
import io
import json
import stat

import pytest
import yaml

from meldcode_cli.training.case_checks import reference_answers
from meldcode_cli.training.cases import load_case
from meldcode_cli.training.class_report import build

CASE = "zoon-slaat-moeder"  # reference: 2 no, 3 yes, 4 yes, 5 not known yet → hulp_bieden


@pytest.fixture
def class_folder(tmp_path):
    """14 learners who can be graded (in YAML and JSON, some with a name) and 2 broken files."""
    loaded = load_case(CASE)
    reference = reference_answers(loaded.case, loaded.flow)
    changes = [{}] * 8 + [{"afweging_2": True}] * 3 + [{"afweging_5": "nee"}] * 2 + [{"afweging_1": False}]
    folder = tmp_path / "klas"
    folder.mkdir()
    for number, change in enumerate(changes, 1):
        answers = {**reference, **change}
        if number % 2:
            (folder / f"deelnemer{number:02}.yaml").write_text(
                yaml.safe_dump({"name": f"Deelnemer {number}", **answers}, allow_unicode=True), encoding="utf-8"
            )
        else:
            (folder / f"deelnemer{number:02}.json").write_text(json.dumps(answers), encoding="utf-8")
    (folder / "kapot.yaml").write_text("direct_gevaar: [\n", encoding="utf-8")
    (folder / "verkeerd.json").write_text('{"afweging_9": true}', encoding="utf-8")
    (folder / "notities.txt").write_text("not an answers file", encoding="utf-8")
    return folder


def test_the_counts_per_question_and_the_two_bad_files(class_folder):
    report = build(load_case(CASE), class_folder)
    assert len(report.grades) == 14
    assert [(s.file, s.reason.nl) for s in report.skipped] == [
        ("kapot.yaml", "regel 2: hier verwacht YAML een waarde, maar er staat niets bruikbaars."),
        ("verkeerd.json", "regel 1: de flow 'sociaal-werk' heeft geen vraag 'afweging_9'. Bedoelt u 'afweging_5'?"),
    ]
    questions = {q.node.id: q for q in report.questions}
    q2 = questions["afweging_2"]
    assert {c.value: c.count for c in q2.counts} == {True: 3, False: 10}
    assert (q2.answered, q2.agreeing, q2.agreement, q2.missed) == (13, 10, 77, 1)
    q5 = questions["afweging_5"]
    assert {c.value: c.count for c in q5.counts} == {"ja": 0, "nee": 2, "nog_niet_bekend": 8}
    assert (q5.answered, q5.agreeing, q5.missed) == (10, 8, 4)
    assert [c.value for c in q5.counts if c.in_reference] == ["nog_niet_bekend"]
    assert report.outcomes == [("hulp_bieden", 8), ("afsluiten", 1), ("melden", 5)]
    assert q2.diverging == ["Deelnemer 9", "deelnemer10", "Deelnemer 11", "deelnemer14"]


def test_the_names_come_from_the_name_field_or_the_file(class_folder):
    report = build(load_case(CASE), class_folder)
    assert [g.name for g in report.grades][:4] == ["Deelnemer 1", "deelnemer02", "Deelnemer 3", "deelnemer04"]


def test_on_screen(meldcode, class_folder):
    result = meldcode("class-report", CASE, str(class_folder))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Klasoverzicht: Een zoon die zijn moeder sloeg" in out
    assert "14 deelnemers · gemiddelde score 85% · 2 bestanden overgeslagen" in out
    assert "Eens met de referentie: 10 van 13 (77%) · gemist door een eerdere afwijking: 1" in out
    assert "✓ Hulp starten en later opnieuw wegen (referentie)" in out
    assert "kapot.yaml" in out and "verkeerd.json" in out
    assert "Deelnemer 9" in out
    # Which answer the learner missed: the reference answer beside the one given.
    assert "afweging_2: Ja (referentie: Nee); afweging_3: niet bereikt (referentie: Ja)" in out.replace("\n", " ")


def test_as_csv(meldcode, class_folder):
    result = meldcode("class-report", CASE, str(class_folder), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("learner;file;error;outcome;")  # a Dutch spreadsheet splits on ';'
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=";"))
    assert len(rows) == 16
    assert rows[0] == {
        "learner": "Deelnemer 1",
        "file": "deelnemer01.yaml",
        "error": "",
        "outcome": "hulp_bieden",
        "outcome_result": "match",
        "correct": "9",
        "total": "9",
        "percent": "100",
        "diverged": "",
        "direct_gevaar": "false",
        "vormen": "kind_oudergeweld",
        "kinderen_in_gezin": "true",
        "al_betrokken": "true",
        "afweging_1": "true",
        "afweging_2": "false",
        "afweging_3": "true",
        "afweging_4": "true",
        "afweging_5": "nog_niet_bekend",
    }
    assert [r["file"] for r in rows if r["error"]] == ["kapot.yaml", "verkeerd.json"]
    assert sum(r["afweging_2"] == "true" for r in rows) == 3


def test_csv_with_commas_and_as_a_file_for_a_spreadsheet(meldcode, class_folder, tmp_path):
    result = meldcode("class-report", CASE, str(class_folder), "--format", "csv", "--separator", ",")
    assert result.stdout.startswith("learner,file,error,outcome,")
    target = tmp_path / "klas.csv"
    assert meldcode("class-report", CASE, str(class_folder), "-o", str(target)).exit_code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbflearner;file;")  # UTF-8 with its mark: accents survive the import
    result = meldcode("class-report", CASE, str(class_folder), "--format", "csv", "--separator", "|")
    assert result.exit_code == 2
    assert result.stderr == "--separator '|' bestaat niet; kies uit ;, ,.\n"


def test_one_skipped_file_is_singular(meldcode, class_folder):
    (class_folder / "verkeerd.json").unlink()
    out = meldcode("class-report", CASE, str(class_folder)).stdout
    assert "14 deelnemers · gemiddelde score 85% · 1 bestand overgeslagen" in out
    out = meldcode("class-report", CASE, str(class_folder), "--lang", "en").stdout
    assert "14 learners · average score 85% · 1 file skipped" in out


def test_as_markdown_in_english(meldcode, class_folder):
    result = meldcode("class-report", CASE, str(class_folder), "--format", "md", "--lang", "en")
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.startswith("# Class overview: A son who hit his mother\n")
    assert "Agree with the reference: 10 of 13 (77%) · missed after an earlier difference: 1" in md
    assert "| ✓ No | 10 | `████████████████████` |" in md
    assert "| Yes | 3 | `██████` |" in md
    assert "| kapot.yaml | line 2: YAML expects a value here, but finds nothing it can use. |" in md


def test_a_name_with_markup_stays_text_in_the_markdown(meldcode, class_folder):
    """A Markdown viewer passes raw HTML on: a learner's name must not become a tag there."""
    answers = yaml.safe_load((class_folder / "deelnemer01.yaml").read_text(encoding="utf-8"))
    answers["name"] = "<img src=x onerror=alert(1)> & co"
    (class_folder / "deelnemer01.yaml").write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    md = meldcode("class-report", CASE, str(class_folder), "--format", "md").stdout
    assert "| &lt;img src=x onerror=alert(1)&gt; &amp; co | 9/9 (100%) |" in md
    assert "<img" not in md


def test_as_one_self_contained_html_page_written_privately(meldcode, class_folder, tmp_path):
    target = tmp_path / "klas.html"
    result = meldcode("class-report", CASE, str(class_folder), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Geschreven naar {target}.\n"
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    for external in ("http://", "https://", "<script", "src=", "<link"):
        assert external not in page
    assert "kapot.yaml" in page and "Deelnemer 9" in page
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "De map {folder} bestaat niet.\n"),
        ("empty", "In {folder} staan geen antwoordenbestanden (.yaml, .yml of .json).\n"),
    ],
)
def test_a_folder_without_answers(meldcode, tmp_path, setup, message):
    folder = tmp_path / "leeg"
    if setup == "empty":
        folder.mkdir()
    result = meldcode("class-report", CASE, str(folder))
    assert result.exit_code == 1
    assert result.stderr == message.format(folder=folder)


def test_an_unknown_format_is_wrong_usage(meldcode, class_folder):
    result = meldcode("class-report", CASE, str(class_folder), "--format", "pdf")
    assert result.exit_code == 2
    assert result.stderr == "--format 'pdf' bestaat niet; kies uit md, csv, html.\n"


def test_json_files_are_read_quickly_yet_mistakes_still_name_their_line(class_folder):
    (class_folder / "dubbel.json").write_text(
        '{\n"name": "Dubbel",\n"direct_gevaar": false,\n"direct_gevaar": true\n}', encoding="utf-8"
    )
    (class_folder / "fout.json").write_text('{\n"name": "Fout",\n"direct_gevaar": "misschien"\n}', encoding="utf-8")
    report = build(load_case(CASE), class_folder)
    reasons = {s.file: s.reason.nl for s in report.skipped}
    assert reasons["dubbel.json"].startswith("regel 4: ")
    assert reasons["fout.json"].startswith("regel 3: Het antwoord op 'direct_gevaar' moet ja of nee zijn")
    assert len(report.grades) == 14


def test_a_graded_open_question_counts_each_text_given():
    """An open question with a reference answer: each text learners gave is a row, with its count."""
    from meldcode_cli.flow.loader import load_flow
    from meldcode_cli.training.case_model import Accepted
    from meldcode_cli.training.class_report import _counts
    from meldcode_cli.training.grading import MATCH, MISMATCH, QuestionGrade

    node = next(n for n in load_flow("sociaal-werk").nodes if n.kind == "text")
    reference = [Accepted(answer="gezien", reasoning="R", fact="F")]
    given = ["gezien", "gehoord", "gezien"]
    reached = [QuestionGrade(node, reference, text, MATCH if text == "gezien" else MISMATCH, True) for text in given]
    counts = _counts(node, reached, reference)
    assert [(c.value, c.count, c.in_reference) for c in counts] == [("gezien", 2, True), ("gehoord", 1, False)]

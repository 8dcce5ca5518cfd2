"""The trainer's commands without a terminal: listing, grading a file, handouts, and wrong usage."""

from __future__ import annotations

import json

import pytest

from meldcode_cli.training.cases import builtin_case_paths


def test_cases_lists_id_title_and_expected_outcome(meldcode):
    result = meldcode("cases")
    assert result.exit_code == 0, result.output
    for case_id in builtin_case_paths():
        assert case_id in result.stdout
    assert "Eer en controle: een student die bewaakt wordt" in result.stdout
    assert "Bel nu 112" in result.stdout and "De hulp afsluiten" in result.stdout


def test_cases_for_the_class_hide_the_answers(meldcode):
    full = meldcode("cases").stdout
    assert "verwachte uitkomst" in full and "Bel nu 112" in full
    for flag in ("--voor-klas", "--hide-answers"):
        result = meldcode("cases", flag)
        assert result.exit_code == 0, result.output
        assert "Eer en controle: een student die bewaakt wordt" in result.stdout
        for telling in ("verwachte uitkomst", "Bel nu 112", "De hulp afsluiten", "bel_112", "melden"):
            assert telling not in result.stdout
        assert len(result.stdout.splitlines()) < len(full.splitlines())  # no summaries either


def test_cases_in_english(meldcode):
    result = meldcode("cases", "--lang", "en")
    assert "expected outcome" in result.stdout and "Honour and control" in result.stdout


def test_cases_in_a_folder_reports_the_broken_ones(meldcode, write, tmp_path):
    from tests.training.conftest import SMALL_CASE

    write("goed.yaml", SMALL_CASE)
    write("fout.yaml", SMALL_CASE.replace("outcome: bel_112", "outcome: bellen"))
    result = meldcode("cases", str(tmp_path))
    assert result.exit_code == 1
    assert "proef" in result.stdout
    assert result.stderr.startswith("Deze casussen kunnen niet geladen worden:\n  De casus in ")
    assert result.stderr == (
        "Deze casussen kunnen niet geladen worden:\n"
        f"  De casus in {tmp_path / 'fout.yaml'} kan niet geladen worden:\n"
        f"    {tmp_path / 'fout.yaml'}:14: de flow 'sociaal-werk' heeft geen uitkomst 'bellen'; uitkomsten: bel_112, "
        "afsluiten, melden, hulp_bieden, medewerker_route, hulp_afsluiten. Bedoelt u 'melden'?\n"
    )


def test_grading_an_answers_file_as_json(meldcode, write):
    answers = write(
        "kim.yaml",
        "name: Kim\ndirect_gevaar: false\nacuut_komende_uren: true\nvermoeden_tegen_medewerker: false\n"
        "vormen: [eergerelateerd_geweld]\nonthulling: true\n"
        "kinderen_in_gezin: false\ncollega_geraadpleegd: true\n"
        "advies_veilig_thuis: ja_met_namen\nal_betrokken: false\nafweging_1: false\n",
    )
    result = meldcode("exercise", "eer-en-controle", "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "format",
        "case",
        "flow",
        "name",
        "outcome",
        "score",
        "questions",
        "actions",
        "path",
        "answers",
        "committed",
        "notes",
    ]
    assert data["case"] == {"id": "eer-en-controle", "title": "Eer en controle: een student die bewaakt wordt"}
    assert data["name"] == "Kim"
    assert data["outcome"] == {
        "id": "afsluiten",
        "title": "De meldcode afsluiten",
        "expected": {"id": "melden", "title": "Melden bij Veilig Thuis"},
        "result": "mismatch",
    }
    assert data["score"] == {"correct": 6, "total": 8, "percent": 75}
    assert [(q["id"], q["result"], q["counts"]) for q in data["questions"]] == [
        ("direct_gevaar", "match", True),
        ("acuut_komende_uren", "match", True),
        ("vormen", "match", True),
        ("onthulling", "match", True),
        ("kinderen_in_gezin", "match", True),
        ("advies_veilig_thuis", "alternative", True),
        ("afweging_1", "mismatch", True),
        ("afweging_2", "not_reached", True),
    ]
    first = data["questions"][6]
    assert first["answer"] is False and first["answer_text"] == "Nee" and first["matched"] is None
    assert first["accepted"][0]["answer"] is True
    assert first["accepted"][0]["reasoning"].startswith("U vermoedt eergerelateerd geweld")
    assert first["accepted"][0]["sources"] == ["AKM", "NJI"]


def test_grading_an_answers_file_on_screen_shows_all_feedback(meldcode, write):
    answers = write("a.yaml", "direct_gevaar: false\n")
    result = meldcode("exercise", "jongere-belt-tijdens-geweld", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "✗ Wijkt af van de referentie" in out
    assert "Waarom: Ja. Het geweld is nu bezig" in out
    assert "Score: 0 van 1 (0%)" in out
    assert "De antwoorden stoppen bij: Is de veiligheid in de komende uren of dagen niet zeker?" in out


def test_a_broken_answers_file_in_json_mode(meldcode, write, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write("a.yaml", "direct_gevaar: misschien\n")
    result = meldcode("exercise", "escalatie-in-de-avond", "--answers", "a.yaml", "--json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "invalid_answers"
    assert error["problems"] == [
        {
            "file": "a.yaml",
            "line": 1,
            "code": "",
            "message": "Het antwoord op 'direct_gevaar' moet ja of nee zijn (of true/false).",
        }
    ]


def test_without_a_terminal_the_exercise_says_what_to_do(meldcode):
    result = meldcode("exercise", "kind-vertelt")
    assert result.exit_code == 1
    assert result.stderr == (
        "meldcode exercise heeft een terminal nodig om de vragen te stellen. Zonder terminal: beoordeel een "
        "antwoordenbestand met 'meldcode exercise kind-vertelt --answers BESTAND', of maak lesmateriaal met "
        "'--handout md'.\n"
    )


def test_json_without_an_answers_file_is_wrong_usage_reported_as_json(meldcode):
    result = meldcode("exercise", "kind-vertelt", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {
        "format": "meldcode.error/1",
        "error": {
            "code": "usage",
            "message": "--json gaat alleen samen met --answers BESTAND: het beoordeelt dat bestand zonder vragen.",
        },
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--feedback", "later"], "--feedback 'later' bestaat niet; kies uit direct, end."),
        (["--handout", "pdf"], "--handout 'pdf' bestaat niet; kies uit md, html."),
        (["--with-answers"], "--with-answers hoort bij --handout md|html."),
        (
            ["--handout", "md", "--save", "x.json"],
            "--handout maakt lesmateriaal; het gaat niet samen met --answers of --save.",
        ),
    ],
)
def test_options_that_do_not_go_together_are_wrong_usage(meldcode, args, message):
    result = meldcode("exercise", "kind-vertelt", *args)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"


def test_the_handout_for_learners_holds_the_story_and_questions_but_no_answers(meldcode):
    result = meldcode("exercise", "vgv-zomerreis", "--handout", "md")
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.startswith("# Casus: Een lange zomerreis en een feest voor de meisjes\n")
    assert "*Versie voor de deelnemers*" in md
    assert "## Stap 1 van 5 — Signalen in kaart brengen" in md
    assert "De tickets zijn al gekocht." in md
    assert "### Afwegingsvraag 2: Is er volgens u sprake van acute onveiligheid en/of structurele onveiligheid?" in md
    assert "- [ ] Ja\n- [ ] Nee" in md
    assert "Referentie" not in md and "Waarom" not in md and "Hoe het verder ging" not in md


def test_the_trainers_handout_adds_the_reference_and_reasoning(meldcode):
    result = meldcode("exercise", "vgv-zomerreis", "--handout", "md", "--with-answers")
    md = result.stdout
    assert "> Referentie: Ja\n>\n> Waarom: VGV geldt als een acute dreiging" in md
    assert "> Ook verdedigbaar: Ja, anoniem (zonder namen)" in md
    assert "## Referentie-uitkomst\n\nMelden bij Veilig Thuis (melden)" in md
    assert "- Neem meteen contact op met Veilig Thuis en de politie (vgv_spoed_veilig_thuis_en_politie)" in md
    assert "## Om te bespreken" in md


def test_the_handout_as_html_in_english(meldcode, tmp_path):
    target = tmp_path / "handout.html"
    result = meldcode(
        "exercise", "kind-vertelt", "--handout", "html", "--with-answers", "-o", str(target), "--lang", "en"
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Written to {target}.\n"
    page = target.read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert "<title>Case: A child tells: &quot;Dad hits me with his belt&quot;</title>" in page
    assert "Reference: Yes" in page and "src=" not in page and "http" not in page

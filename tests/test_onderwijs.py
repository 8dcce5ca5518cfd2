"""The built-in flow `onderwijs`: the afwegingskader for education and leerplicht, walked through the engine."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.loader import builtin_dir, builtin_paths, load_flow
from tests.flow_walks import HOME_OUTCOMES, actions, extra_advice, finished_walk

# A pupil with signs of neglect, no special route, the weighing answered up to question 5.
BASE = {
    "direct_gevaar": False,
    "acuut_komende_uren": False,
    "vermoeden_tegen_medewerker": False,
    "vormen": ["verwaarlozing"],
    "signalen_kind": ["honger"],
    "signalen_algemeen": [],
    "verzuim": False,
    "onthulling": False,
    "kinderen_in_gezin": False,
    "feiten_en_bronnen": "Leerling komt zonder ontbijt (ma, eerste uur, groep 4).",
    "collega_geraadpleegd": True,
    "advies_veilig_thuis": "ja_anoniem",
    "al_betrokken": False,
    "gesprek_veilig": True,
    "gesprek_gevoerd": "ja",
    "afweging_1": True,
    "afweging_2": "nee",
    "afweging_3": True,
    "afweging_4": True,
    "afweging_5": "nog_niet_bekend",
}
STAFF = {
    "direct_gevaar": False,
    "acuut_komende_uren": False,
    "vermoeden_tegen_medewerker": True,
    "medewerker_feiten": "Leerling vertelt na de gymles over de gymleraar.",
}


@pytest.fixture(scope="module")
def flow():
    return load_flow("onderwijs")


def walk(flow, answers=None, **changes):
    return finished_walk(flow, {**(BASE if answers is None else answers), **changes})


def test_it_is_a_built_in_flow_of_its_own_sector_on_the_shared_core(flow):
    assert "onderwijs" in builtin_paths()
    assert (flow.id, flow.version) == ("onderwijs", "1.0.1")
    assert (flow.sector.nl, flow.sector.en) == ("Onderwijs", "Education")
    text = builtin_paths()["onderwijs"].read_text(encoding="utf-8")
    assert "extends: kern/kern.yaml" in text
    assert "afweging-ja-nee" not in text.split("\nid:")[0]  # the core's yes/no question 2 is not included


def test_the_flow_keeps_the_shared_ids(flow):
    kinds = {n.id: n.kind for n in flow.nodes}
    for question in (
        "direct_gevaar",
        "kinderen_in_gezin",
        "vermoeden_tegen_medewerker",
        "afweging_1",
        "afweging_3",
        "afweging_4",
        "medewerker_zedendelict",
        "verzuim",
    ):
        assert kinds[question] == "yes_no", question
    assert kinds["vormen"] == "multiple"
    assert [o.id for o in flow.node("afweging_2").options] == ["ja", "twijfel", "nee"]
    assert [o.id for o in flow.node("afweging_5").options] == ["ja", "nee", "nog_niet_bekend"]
    outcomes = {n.id for n in flow.nodes if n.kind == "outcome"}
    assert outcomes == HOME_OUTCOMES | {"bel_112", "medewerker_route"}
    assert {"meld_bij_bevoegd_gezag", "overleg_vertrouwensinspecteur", "aangifte", "betrek_leerplichtambtenaar"} <= set(
        flow.actions
    )


def test_it_speaks_of_the_pupil_the_parents_and_the_school(flow):
    assert flow.step(3).title.nl == "Gesprek met de ouders en de leerling"
    assert "intern begeleider" in flow.step(2).title.nl
    assert "leerling" in flow.node("kinderen_in_gezin").text.nl
    assert "ouders en de leerling" in flow.node("gesprek_veilig").text.nl
    for node in ("collega_geraadpleegd", "afweging_3"):
        assert "intern begeleider" in flow.node(node).help.nl and "zorgcoördinator" in flow.node(node).help.nl
    assert "dossier van de leerling" in flow.disclaimer.nl and "U beslist zelf" in flow.disclaimer.nl


def test_direct_danger_goes_straight_to_112(flow):
    w = Walk(flow)
    w.answer(True)
    assert w.outcome.id == "bel_112"
    assert actions(w) == ["bel_112"]


def test_question_1_no_closes_and_records(flow):
    w = walk(flow, afweging_1=False)
    assert w.outcome.id == "afsluiten"
    assert "leg_vast_in_dossier" in actions(w)


def test_question_2_yes_reports(flow):
    w = walk(flow, afweging_2="ja")
    assert w.outcome.id == "melden"
    assert w.path[-3:] == ["afweging_1", "afweging_2", "melden"]
    assert {"melden_bij_veilig_thuis", "bespreek_melding_met_client", "vervolg_na_melding"} <= set(actions(w))
    assert extra_advice(w) == [flow.node("melden").extra_advice[0].text.nl]
    assert "samen met Veilig Thuis" in extra_advice(w)[0]


def test_doubt_at_question_2_reports_too_without_weighing_3_to_5_alone(flow):
    w = walk(flow, afweging_2="twijfel")
    assert w.outcome.id == "melden"
    assert not {"afweging_3", "afweging_4", "afweging_5"} & set(w.path)
    assert {"melden_bij_veilig_thuis", "vervolg_na_melding"} <= set(actions(w))
    assert "organiseer_hulp" not in actions(w)
    [reason] = extra_advice(w)
    assert reason.startswith("U twijfelt of er acute of structurele onveiligheid is.")
    assert "reason enough to report" in extra_advice(w, "en")[0]
    assert flow.node("afweging_2").ask_reason  # the reasoning is asked, as at every weighing question


def test_question_2_no_weighs_on_for_the_school_as_a_whole(flow):
    w = walk(flow)
    assert w.outcome.id == "hulp_bieden"
    assert w.path.index("afweging_2") < w.path.index("afweging_3")
    question_3 = flow.node("afweging_3").text.nl
    assert "iemand anders binnen mijn school, of een ketenpartner" in question_3
    assert "af te wenden" in question_3
    assert "bevoegd gezag" in flow.node("afweging_3").help.nl


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"afweging_3": False}, "U, uw school en de ketenpartners kunnen geen effectieve hulp bieden"),
        ({"afweging_4": False}, "De ouders of de leerling accepteren de hulp niet"),
        ({"afweging_5": "nee"}, "De hulp heeft niet geleid tot blijvende veiligheid"),
    ],
)
def test_the_other_reporting_norms_report_with_their_reason(flow, changes, reason):
    w = walk(flow, **changes)
    assert w.outcome.id == "melden"
    assert "melden_bij_veilig_thuis" in actions(w) and "vervolg_na_melding" in actions(w)
    assert [text[: len(reason)] for text in extra_advice(w)] == [reason]


def test_question_5_yes_closes_the_help_with_monitoring(flow):
    w = walk(flow, afweging_5="ja")
    assert w.outcome.id == "hulp_afsluiten"
    assert "afspraken_monitoring" in actions(w) and "organiseer_hulp" not in actions(w)


def test_help_is_organised_with_the_school_and_its_chain_partners(flow):
    w = walk(flow)
    assert {"organiseer_hulp", "herbeoordeel_vraag_5"} <= set(actions(w))
    assert "ketenpartner" in flow.actions["organiseer_hulp"].explanation.nl


def test_absence_involves_the_school_attendance_officer(flow):
    with_absence = walk(flow, verzuim=True, afweging_2="twijfel")
    assert "betrek_leerplichtambtenaar" in actions(with_absence)
    assert flow.actions["betrek_leerplichtambtenaar"].contacts == ["leerplichtambtenaar"]
    assert "Noem ook het verzuim, en stem af met de leerplichtambtenaar." in extra_advice(with_absence)
    assert "betrek_leerplichtambtenaar" not in actions(walk(flow))
    # Asked in step 1, after the signals, on every path of the home situation.
    assert flow.node("verzuim").step == 1
    path = walk(flow).path
    assert path.index("signalen_algemeen") < path.index("verzuim") < path.index("onthulling")


def test_the_kindcheck_asks_about_brothers_and_sisters(flow):
    w = walk(flow, kinderen_in_gezin=True, kinderen_zorgen=True, kinderen_getuige="nee", afweging_2="ja")
    assert {"kindcheck", "meldcode_ook_voor_kinderen"} <= set(actions(w))
    assert "Noem in de melding ook uw zorgen over de broers en zussen." in extra_advice(w)


def test_the_special_routes_of_the_core_hold_in_a_school(flow):
    honour = walk(flow, vormen=["eergerelateerd_geweld"], signalen_eer=[], afweging_2="ja")
    assert "gesprek_eer_overslaan" in honour.path and "gesprek_veilig" not in honour.path
    assert "bespreek_melding_met_client" not in actions(honour)
    assert "Vertel de ouders en de familie niets over de melding." in extra_advice(honour)[1]
    skipped = walk(flow, gesprek_veilig=False, afweging_2="twijfel")
    assert "bespreek_melding_met_client" not in actions(skipped)


# ---------------------------------------------------------------- the staff route


def test_a_sexual_offence_by_staff_goes_to_the_board_the_inspector_and_the_police(flow):
    w = walk(flow, STAFF, medewerker_zedendelict=True)
    assert w.outcome.id == "medewerker_route"
    assert w.path == [
        "direct_gevaar",
        "acuut_komende_uren",
        "vermoeden_tegen_medewerker",
        "medewerker_zedendelict",
        "medewerker_feiten",
        "medewerker_route",
    ]
    assert actions(w) == ["meld_bij_bevoegd_gezag", "overleg_vertrouwensinspecteur", "aangifte", "leg_vast_in_dossier"]
    [aangifte] = [a for a in w.actions() if a.id == "aangifte"]
    # The duty holds for a pupil under 18 (sources in docs/domain-sources.md, onderwijs 1.0.1).
    assert aangifte.reasons[0].nl.startswith(
        "Bij een redelijk vermoeden van een zedendelict door iemand die voor "
        "de school werkt, tegen een minderjarige leerling, moet het bestuur aangifte doen bij de politie."
    )
    assert "Bij een leerling van 18 of ouder overlegt het bestuur" in aangifte.reasons[0].nl
    assert extra_advice(w)[0].startswith("Het gaat om een vermoeden van een zedendelict. Is de leerling minderjarig,")


def test_other_violence_by_staff_goes_to_the_board_and_the_inspector_and_may_go_to_the_police(flow):
    w = walk(flow, STAFF, medewerker_zedendelict=False)
    assert w.outcome.id == "medewerker_route"
    assert actions(w) == ["meld_bij_bevoegd_gezag", "overleg_vertrouwensinspecteur", "aangifte", "leg_vast_in_dossier"]
    [aangifte] = [a for a in w.actions() if a.id == "aangifte"]
    assert not aangifte.reasons  # its own explanation: a report to the police is possible, not a duty
    assert "kan het bevoegd gezag" in flow.actions["aangifte"].explanation.nl
    assert extra_advice(w) == []


@pytest.mark.parametrize("sexual", [True, False])
def test_the_staff_route_names_the_board_and_the_inspector_and_never_the_home_situation(flow, sexual):
    w = walk(flow, {**STAFF, "acuut_komende_uren": True}, medewerker_zedendelict=sexual)
    assert w.outcome.id == "medewerker_route"
    assert not HOME_OUTCOMES & set(w.path)
    assert "vormen" not in w.path and "afweging_1" not in w.path
    assert actions(w)[:2] == ["bel_veilig_thuis_nu", "meld_bij_bevoegd_gezag"]  # both urgent, in path order
    assert "melden_bij_veilig_thuis" not in actions(w)
    outcome = flow.node("medewerker_route")
    assert outcome.contacts[:2] == ["bevoegd_gezag", "vertrouwensinspecteur"]
    assert flow.contacts["vertrouwensinspecteur"].phone == "0900-111 3 111"
    assert "kantooruren" in flow.contacts["vertrouwensinspecteur"].when.nl
    assert flow.actions["overleg_vertrouwensinspecteur"].contacts == ["vertrouwensinspecteur"]
    assert "bevoegd_gezag" in flow.actions["meld_bij_bevoegd_gezag"].contacts
    assert flow.actions["meld_bij_bevoegd_gezag"].urgent


def test_the_staff_question_names_the_people_of_a_school(flow):
    question = flow.node("vermoeden_tegen_medewerker")
    assert "iemand die voor de school werkt" in question.text.nl and "gymleraar" in question.text.nl
    assert "bevoegd gezag" in question.help.nl and "vertrouwensinspecteur" in question.help.nl


# ---------------------------------------------------------------- the guarantees


def runner_validate(path):
    result = CliRunner().invoke(app, ["validate", str(path), "--json"])
    return result.exit_code, json.loads(result.stdout)["diagnostics"]  # the problems, as in meldcode.validate/1


def copy_with(tmp_path, old: str, new: str):
    """The built-in flow `onderwijs` in tmp_path beside a copy of the core, with `old` replaced by `new`."""
    shutil.copytree(builtin_dir() / "kern", tmp_path / "kern")
    text = builtin_paths()["onderwijs"].read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "onderwijs.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_the_built_in_flow_proves_its_guarantees():
    code, problems = runner_validate(builtin_paths()["onderwijs"])
    assert (code, problems) == (0, [])


def test_doubt_that_does_not_report_breaks_a_guarantee(tmp_path):
    path = copy_with(tmp_path, "any_of: [ja, twijfel]}\n        goto: melden", "equals: ja}\n        goto: melden")
    code, problems = runner_validate(path)
    assert code == 1
    broken = {p["message"].split("'")[1] for p in problems if p["code"] == "MC301"}
    assert {"afweging_2_twijfel_melden", "melden_altijd_met_vervolg"} <= broken
    [example] = [p["counterexample"] for p in problems if "'afweging_2_twijfel_melden'" in p["message"]]
    assert example["answers"]["afweging_2"] == "twijfel" and "afweging_3" in example["path"]


def test_a_staff_route_without_the_inspector_breaks_a_guarantee(tmp_path):
    path = copy_with(tmp_path, "      - overleg_vertrouwensinspecteur\n", "")
    code, problems = runner_validate(path)
    assert code == 1
    broken = {p["message"].split("'")[1] for p in problems if p["code"] == "MC301"}
    assert broken == {"medewerker_naar_bevoegd_gezag_en_vertrouwensinspecteur", "medewerker_zedendelict_aangifte"}


# ---------------------------------------------------------------- the training cases


def test_the_cases_of_a_school_walk_their_own_routes():
    from meldcode_cli.training.cases import builtin_case_paths, load_case

    ours = sorted(c for c in builtin_case_paths() if c.startswith("onderwijs-"))
    assert ours == ["onderwijs-gymleraar", "onderwijs-ruzie-na-de-scheiding", "onderwijs-twijfel"]
    walks = {case_id: load_case(case_id).reference_walk for case_id in ours}
    assert all(load_case(case_id).flow.id == "onderwijs" for case_id in ours)
    staff = walks["onderwijs-gymleraar"]
    assert staff.outcome.id == "medewerker_route" and staff.answers["medewerker_zedendelict"] is True
    assert walks["onderwijs-twijfel"].answers["afweging_2"] == "twijfel"
    assert walks["onderwijs-twijfel"].outcome.id == "melden"
    assert "afweging_3" in walks["onderwijs-ruzie-na-de-scheiding"].path
    assert walks["onderwijs-ruzie-na-de-scheiding"].outcome.id == "hulp_bieden"


def test_a_class_is_graded_on_doubt_at_question_2(tmp_path):
    from meldcode_cli.training.case_checks import reference_answers
    from meldcode_cli.training.cases import load_case

    loaded = load_case("onderwijs-twijfel")
    reference = reference_answers(loaded.case, loaded.flow)
    folder = tmp_path / "klas"
    folder.mkdir()
    learners = {
        "sam": {"name": "Sam", **reference},
        "ali": {"name": "Ali", **reference, "afweging_2": "ja"},  # also defensible: structural unsafety
        "kim": {
            "name": "Kim",
            **reference,
            "verzuim": False,
            "afweging_2": "nee",
            "afweging_3": True,
            "afweging_4": True,
            "afweging_5": "nog_niet_bekend",
        },
    }
    for stem, answers in learners.items():
        (folder / f"{stem}.json").write_text(json.dumps(answers), encoding="utf-8")

    graded = CliRunner().invoke(app, ["exercise", "onderwijs-twijfel", "--answers", str(folder / "kim.json"), "--json"])
    assert graded.exit_code == 0, graded.output
    result = json.loads(graded.stdout)
    assert (result["flow"]["id"], result["outcome"]["id"], result["outcome"]["result"]) == (
        "onderwijs",
        "hulp_bieden",
        "mismatch",
    )
    assert result["score"] == {"correct": 4, "total": 6, "percent": 67}
    by_id = {q["id"]: q for q in result["questions"]}
    assert by_id["afweging_2"]["result"] == "mismatch" and by_id["verzuim"]["result"] == "mismatch"
    assert [a["answer"] for a in by_id["afweging_2"]["accepted"]] == ["twijfel", "ja"]

    report = CliRunner().invoke(app, ["class-report", "onderwijs-twijfel", str(folder), "--format", "csv"])
    assert report.exit_code == 0, report.output
    rows = {row["learner"]: row for row in csv.DictReader(io.StringIO(report.stdout), delimiter=";")}
    assert {name: (row["outcome"], row["percent"], row["afweging_2"]) for name, row in rows.items()} == {
        "Ali": ("melden", "100", "ja"),
        "Kim": ("hulp_bieden", "67", "nee"),
        "Sam": ("melden", "100", "twijfel"),
    }

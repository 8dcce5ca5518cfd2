"""The built-in flow `gezondheidszorg` (the KNMG meldcode): each route's outcome and actions, and the sector's rules."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from meldcode_cli.engine.walk import AnswerError, Walk
from meldcode_cli.flow.catalog import builtin_dir, builtin_paths
from meldcode_cli.flow.loader import load_flow, read_flow
from meldcode_cli.flow.model import OutcomeNode
from meldcode_cli.training.case_checks import reference_answers
from meldcode_cli.training.cases import builtin_case_paths, load_case
from tests.authoring.helpers import meldcode
from tests.flow_walks import HOME_OUTCOMES, actions, extra_advice, finished_walk

FLOW_ID = "gezondheidszorg"
KERN = builtin_dir() / "kern"
# A partner-violence case without a special route: Veilig Thuis consulted, a competent adult patient,
# the weighing answered up to question 5.
BASE = {
    "direct_gevaar": False,
    "acuut_komende_uren": False,
    "vermoeden_tegen_medewerker": False,
    "vormen": ["partnergeweld"],
    "signalen_partner": [],
    "signalen_algemeen": [],
    "onthulling": False,
    "kinderen_in_gezin": False,
    "mantelzorg_verlenen": False,
    "collega_geraadpleegd": True,
    "advies_veilig_thuis": "ja_anoniem",
    "al_betrokken": False,
    "gesprek_veilig": True,
    "gesprek_gevoerd": "ja",
    "wilsbekwaamheid": "volwassen_wilsbekwaam",
    "afweging_1": True,
    "afweging_2": False,
    "afweging_3": True,
    "afweging_4": True,
    "afweging_5": "nog_niet_bekend",
}
WEIGHING = [f"afweging_{n}" for n in range(1, 6)]


@pytest.fixture(scope="module")
def flow():
    return load_flow(FLOW_ID)


def walk(flow, **changes):
    return finished_walk(flow, {**BASE, **changes})


# ------------------------------------------------------------------ the flow and its composition


def test_a_built_in_flow_for_health_care_composed_of_the_core(flow):
    assert flow.id == FLOW_ID and flow.version == "1.0.0"
    assert flow.sector.nl == "Gezondheidszorg" and flow.sector.en == "Health care"
    assert "KNMG" in flow.title.nl and "BIG" in flow.description.nl
    _, sources = read_flow(builtin_paths()[FLOW_ID])
    assert [p.relative_to(builtin_dir()).as_posix() for p in sources] == [
        "gezondheidszorg.yaml",
        "kern/kern.yaml",
        "kern/afweging-ja-nee.yaml",
    ]


def test_the_shared_ids_of_every_built_in_flow(flow):
    kinds = {n.id: n.kind for n in flow.nodes}
    for question in (
        "direct_gevaar",
        "kinderen_in_gezin",
        "afweging_1",
        "afweging_2",
        "afweging_3",
        "afweging_4",
        "vermoeden_tegen_medewerker",
    ):
        assert kinds[question] == "yes_no", question
    assert kinds["vormen"] == "multiple" and kinds["afweging_5"] == "single"
    for outcome in ("bel_112", "afsluiten", "melden", "hulp_bieden", "hulp_afsluiten", "medewerker_route"):
        assert kinds[outcome] == "outcome", outcome


def test_no_block_of_the_core_is_written_again_in_the_sector_file():
    # Six non-blank lines in a row, the same in the sector file and in a core file, would be a copy.
    def windows(path) -> set[tuple[str, ...]]:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return {tuple(lines[i : i + 6]) for i in range(len(lines) - 5)}

    sector = windows(builtin_paths()[FLOW_ID])
    for core_file in sorted(KERN.glob("*.yaml")):
        assert not sector & windows(core_file), core_file


def test_all_five_weighing_questions_sit_in_step_5_and_step_4_weighs_secrecy(flow):
    assert [flow.node(q).step for q in WEIGHING] == [5, 5, 5, 5, 5]
    assert flow.node("let_op_acuut").step == 5 and flow.node("afsluiten").step == 5
    assert [n.id for n in flow.nodes if n.step == 4] == ["beroepsgeheim"]
    titles = {s.number: s.title.nl for s in flow.steps}
    assert titles[2] == "Collegiale consultatie en Veilig Thuis raadplegen"
    assert titles[3] == "Gesprek met de patiënt"
    assert "vijf afwegingsvragen" in titles[5]


# ------------------------------------------------------------------ each route's outcome and actions


def test_direct_danger_goes_straight_to_112(flow):
    w = walk(flow, direct_gevaar=True)
    assert w.outcome.id == "bel_112" and actions(w) == ["bel_112"]
    assert "advies_veilig_thuis" not in w.path


def test_question_1_no_closes_in_step_5_and_records(flow):
    w = walk(flow, afweging_1=False)
    assert w.outcome.id == "afsluiten" and w.outcome.step == 5
    assert "leg_vast_in_dossier" in actions(w) and "melden_bij_veilig_thuis" not in actions(w)


def test_question_2_yes_reports_under_the_right_to_report(flow):
    w = walk(flow, afweging_2=True)
    assert w.outcome.id == "melden"
    assert {"melden_bij_veilig_thuis", "vervolg_na_melding", "beroepsgeheim_en_meldrecht"} <= set(actions(w))
    assert "knmg_artseninfolijn" in w.outcome.contacts
    assert "afweging_3" not in w.path


@pytest.mark.parametrize("changes", [{"afweging_3": False}, {"afweging_4": False}, {"afweging_5": "nee"}])
def test_no_help_or_help_refused_or_not_working_reports(flow, changes):
    w = walk(flow, **changes)
    assert w.outcome.id == "melden"
    assert {"melden_bij_veilig_thuis", "beroepsgeheim_en_meldrecht"} <= set(actions(w))
    assert "organiseer_hulp" not in actions(w)


def test_question_5_not_known_yet_starts_help_and_weighs_again(flow):
    w = walk(flow)
    assert w.outcome.id == "hulp_bieden" and w.outcome.follow_up.question == "afweging_5"
    assert {"organiseer_hulp", "herbeoordeel_vraag_5"} <= set(actions(w))
    assert "beroepsgeheim_en_meldrecht" not in actions(w)


def test_question_5_yes_closes_the_help_with_monitoring(flow):
    w = walk(flow, afweging_5="ja")
    assert w.outcome.id == "hulp_afsluiten" and "afspraken_monitoring" in actions(w)


# ------------------------------------------------------------------ the staff route: the IGJ


def test_a_colleague_as_suspect_goes_to_the_management_and_the_igj(flow):
    w = walk(flow, vermoeden_tegen_medewerker=True, medewerker_feiten="Nachtdienst: collega kneep patiënt.")
    assert w.outcome.id == "medewerker_route"
    assert actions(w)[0] == "meld_bij_toezichthouder"  # urgent: first
    assert {"aangifte", "leg_vast_in_dossier"} <= set(actions(w))
    assert not set(w.path) & (HOME_OUTCOMES | {"vormen", "advies_veilig_thuis", "wilsbekwaamheid", "beroepsgeheim"})
    assert "igj" in w.outcome.contacts and "IGJ" in w.outcome.title.nl and "IGJ" in w.outcome.advice.nl
    action = flow.actions["meld_bij_toezichthouder"]
    assert "IGJ" in action.title.nl and "Wkkgz" in action.explanation.nl and "igj" in action.contacts


def test_the_igj_is_named_without_an_invented_phone_number(flow):
    igj = flow.contacts["igj"]
    assert igj.name.nl == "Inspectie Gezondheidszorg en Jeugd (IGJ)"
    assert not re.search(r"\d", igj.phone)  # no number in the domain sources: a placeholder, never a guess
    assert "Landelijk Meldpunt Zorg" in igj.when.nl
    assert flow.contacts["knmg_artseninfolijn"].phone == "088-440 42 42"


# ------------------------------------------------------------------ step 2: Veilig Thuis consulted, or why not


def test_no_advice_from_veilig_thuis_asks_the_reason_before_the_weighing(flow):
    w = walk(flow, advies_veilig_thuis="nee", reden_geen_advies="Veilig Thuis is al betrokken.")
    assert w.path.index("advies_veilig_thuis") < w.path.index("reden_geen_advies") < w.path.index("afweging_1")
    assert "vraag_advies_veilig_thuis_verplicht" in actions(w)
    assert w.answers["reden_geen_advies"] == "Veilig Thuis is al betrokken."


def test_the_reason_is_required(flow):
    w = Walk(flow)
    w.fill({**BASE, "advies_veilig_thuis": "nee"}, skip_optional=True)
    assert w.current.id == "reden_geen_advies" and w.current.required  # an empty note is not passed by
    with pytest.raises(AnswerError):
        w.answer("")


@pytest.mark.parametrize("asked", ["ja_anoniem", "ja_met_namen"])
def test_advice_asked_needs_no_reason(flow, asked):
    w = walk(flow, advies_veilig_thuis=asked)
    assert "reden_geen_advies" not in w.path and "vraag_advies_veilig_thuis_verplicht" not in actions(w)


def test_injury_experts_are_part_of_the_consultation(flow):
    w = walk(flow, signalen_partner=["onverklaard_letsel"])
    assert "raadpleeg_letselduiding" in actions(w)
    assert "forensisch arts" in flow.actions["raadpleeg_letselduiding"].explanation.nl


# ------------------------------------------------------------------ the mantelzorgverleningscheck


def test_the_informal_care_check_is_asked_beside_the_child_check(flow):
    w = walk(flow)
    assert w.path.index("kinderen_in_gezin") < w.path.index("mantelzorg_verlenen") < w.path.index("feiten_en_bronnen")
    assert "mantelzorg_zorgen" not in w.path and "mantelzorgverleningscheck" not in actions(w)


def test_a_patient_caring_for_someone_at_risk_brings_that_person_under_the_meldcode(flow):
    w = walk(
        flow,
        mantelzorg_verlenen=True,
        mantelzorg_zorgen=True,
        vormen=["ontspoorde_mantelzorg"],
        signalen_andere_vormen=[],
    )
    assert {"mantelzorgverleningscheck", "meldcode_ook_voor_afhankelijke"} <= set(actions(w))
    assert any("respijtzorg" in text for text in extra_advice(w))
    reported = walk(flow, mantelzorg_verlenen=True, mantelzorg_zorgen=True, afweging_2=True)
    assert any("afhankelijk" in text for text in extra_advice(reported))


def test_no_worries_about_the_dependent_person_records_the_check_only(flow):
    w = walk(flow, mantelzorg_verlenen=True, mantelzorg_zorgen=False)
    assert "mantelzorgverleningscheck" in actions(w) and "meldcode_ook_voor_afhankelijke" not in actions(w)


# ------------------------------------------------------------------ the patient's competence and wishes


@pytest.mark.parametrize(
    ("answer", "action", "asks_wish"),
    [
        ("volwassen_wilsbekwaam", "wens_patient_meewegen", True),
        ("volwassen_wilsonbekwaam", "vertegenwoordiger_betrekken", False),
        ("twijfel", "beoordeel_wilsbekwaamheid", True),
        ("minderjarig", None, False),
    ],
)
def test_competence_decides_whose_wishes_are_asked(flow, answer, action, asks_wish):
    w = walk(flow, wilsbekwaamheid=answer)
    gathered = set(actions(w)) & {"wens_patient_meewegen", "vertegenwoordiger_betrekken", "beoordeel_wilsbekwaamheid"}
    assert gathered == ({action} if action else set())
    assert ("wens_patient" in w.path) is asks_wish


@pytest.mark.parametrize(
    "route",
    [
        {},
        {"gesprek_veilig": False},
        {"gesprek_gevoerd": "nog_niet"},
        {"vormen": ["eergerelateerd_geweld"], "signalen_eer": []},
    ],
)
def test_competence_and_secrecy_are_weighed_on_every_route_before_question_1(flow, route):
    w = walk(flow, **route)
    assert w.path.index("wilsbekwaamheid") < w.path.index("beroepsgeheim") < w.path.index("afweging_1")


def test_a_competent_patients_wish_never_stops_a_report_on_acute_or_structural_unsafety(flow):
    w = walk(flow, afweging_2=True, wens_patient="Wil geen melding.")
    assert w.outcome.id == "melden" and "wens_patient_meewegen" in actions(w)
    assert any("wilsbekwaam" in text and "zonder toestemming" in text for text in extra_advice(w))


def test_the_secrecy_note_says_the_right_to_report_plainly(flow):
    text = flow.node("beroepsgeheim").text.nl
    assert "conflict van plichten" in text
    assert "U mag bij Veilig Thuis melden zonder toestemming van de patiënt, ook met uw beroepsgeheim." in text
    assert "alleen de gegevens door die nodig zijn" in text and "088-440 42 42" in text


# ------------------------------------------------------------------ the guarantees: proved, and they bind an overlay


def test_validate_proves_the_sector_guarantees():
    result = meldcode("validate", FLOW_ID)
    assert result.exit_code == 0, result.output
    assert "35 garanties bewezen" in result.stdout
    ids = {g.id for g in load_flow(FLOW_ID).guarantees}
    assert {
        "medewerker_naar_de_igj",
        "medewerker_route_niet_thuissituatie",
        "veilig_thuis_geraadpleegd_voor_het_wegen",
        "geen_advies_reden_vastgelegd",
        "melden_met_meldrecht",
        "mantelzorgverleningscheck",
        "afweging_2_ja_melden",
        "afweging_3_nee_melden",
    } <= ids


def test_an_overlay_that_skips_the_reason_breaks_a_guarantee(tmp_path):
    overlay = tmp_path / "praktijk.yaml"
    overlay.write_text(
        'extends: gezondheidszorg\nid: praktijk\nversion: "1"\nnodes:\n'
        "  - id: advies_veilig_thuis\n    next: al_betrokken\n",
        encoding="utf-8",
    )
    result = meldcode("validate", str(overlay))
    assert result.exit_code == 1
    assert "MC301 de garantie 'geen_advies_reden_vastgelegd' geldt niet" in result.stdout


def test_an_overlay_that_sends_the_staff_route_home_breaks_a_guarantee(tmp_path):
    overlay = tmp_path / "instelling.yaml"
    overlay.write_text(
        'extends: gezondheidszorg\nid: instelling\nversion: "1"\nnodes:\n  - id: medewerker_feiten\n    next: vormen\n',
        encoding="utf-8",
    )
    result = meldcode("validate", str(overlay))
    assert result.exit_code == 1
    assert "MC301 de garantie 'medewerker_naar_de_igj' geldt niet" in result.stdout


def test_the_scenarios_pass_with_full_coverage():
    result = meldcode("test", FLOW_ID)
    assert result.exit_code == 0, result.output
    assert "52 van 52 nodes (100%), 120 van 120 antwoorden (100%)" in result.stdout


def test_every_outcome_is_reached_and_says_the_professional_decides(flow):
    outcomes = [n for n in flow.nodes if isinstance(n, OutcomeNode)]
    assert {o.id for o in outcomes} == HOME_OUTCOMES | {"bel_112", "medewerker_route"}
    assert "U beslist zelf" in flow.disclaimer.nl and "dossier van de patiënt" in flow.disclaimer.nl


# ------------------------------------------------------------------ the training cases


CASES = {
    "gezondheidszorg-plekken-in-de-hals": "melden",
    "gezondheidszorg-mantelzorger-op-het-spreekuur": "hulp_bieden",
    "gezondheidszorg-zorgmedewerker-op-de-afdeling": "medewerker_route",
}


def test_three_cases_for_the_sector_one_of_them_the_staff_route():
    ours = {case_id for case_id in builtin_case_paths() if load_case(case_id).case.flow == FLOW_ID}
    assert ours == set(CASES)
    for case_id, outcome in CASES.items():
        loaded = load_case(case_id)
        assert loaded.reference_walk.outcome.id == loaded.case.expected.outcome == outcome
        assert [a.id for a in loaded.reference_walk.actions()] == loaded.case.expected.actions


def test_the_staff_case_grades_the_staff_question_and_names_the_igj():
    loaded = load_case("gezondheidszorg-zorgmedewerker-op-de-afdeling")
    assert loaded.case.reference["vermoeden_tegen_medewerker"][0].answer is True
    assert "meld_bij_toezichthouder" in loaded.case.expected.actions
    assert "IGJ" in loaded.case.afterwards.nl


def test_the_carer_case_walks_the_informal_care_check_with_an_older_patient():
    walk = load_case("gezondheidszorg-mantelzorger-op-het-spreekuur").reference_walk
    assert walk.answers["mantelzorg_verlenen"] is True and walk.answers["mantelzorg_zorgen"] is True
    assert "ontspoorde_mantelzorg" in walk.answers["vormen"]
    assert walk.answers["wilsbekwaamheid"] == "volwassen_wilsonbekwaam"


def learner(tmp_path, name: str, case_id: str, **changes) -> str:
    loaded = load_case(case_id)
    answers = {**reference_answers(loaded.case, loaded.flow), **changes, "name": name, "case": case_id}
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_exercise_grades_a_learner_who_skipped_veilig_thuis_and_did_not_report(tmp_path):
    case_id = "gezondheidszorg-plekken-in-de-hals"
    path = learner(
        tmp_path,
        "Bram",
        case_id,
        advies_veilig_thuis="nee",
        reden_geen_advies="Patiënte wil het niet.",
        afweging_2=False,
        afweging_3=True,
        afweging_4=True,
        afweging_5="nog_niet_bekend",
    )
    result = meldcode("exercise", case_id, "--answers", path, "--json")
    assert result.exit_code == 0, result.output
    graded = json.loads(result.stdout)
    assert graded["flow"] == {"id": FLOW_ID, "version": "1.0.0"}
    assert graded["outcome"]["id"] == "hulp_bieden" and graded["outcome"]["result"] == "mismatch"
    results = {q["id"]: q["result"] for q in graded["questions"]}
    assert results["advies_veilig_thuis"] == results["afweging_2"] == "mismatch"
    assert results["wilsbekwaamheid"] == results["acuut_komende_uren"] == "match"
    assert graded["score"] == {"correct": 6, "total": 8, "percent": 75}


def test_class_report_shows_how_the_group_answered_a_sector_case(tmp_path):
    case_id = "gezondheidszorg-mantelzorger-op-het-spreekuur"
    folder = tmp_path / "klas"
    folder.mkdir()
    learner(folder, "Anna", case_id)
    learner(folder, "Bram", case_id, afweging_2=True)  # also defensible: reports
    learner(folder, "Cor", case_id, mantelzorg_verlenen=False)
    result = meldcode("class-report", case_id, str(folder), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = {row["learner"]: row for row in csv.DictReader(io.StringIO(result.stdout), delimiter=";")}
    assert set(rows) == {"Anna", "Bram", "Cor"}
    assert (rows["Anna"]["outcome_result"], rows["Anna"]["percent"]) == ("match", "100")
    assert (rows["Bram"]["outcome"], rows["Bram"]["outcome_result"]) == ("melden", "alternative")  # also defensible
    assert rows["Cor"]["diverged"] == "mantelzorg_verlenen mantelzorg_zorgen"  # the check skipped: missed
    assert rows["Cor"]["mantelzorg_verlenen"] == "false"

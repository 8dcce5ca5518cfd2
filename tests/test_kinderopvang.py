"""The built-in flow `kinderopvang`: the childcare protocol's three routes, walked through the engine."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.loader import builtin_dir, builtin_paths, load_flow
from meldcode_cli.training.cases import load_case
from tests.flow_walks import HOME_OUTCOMES, actions, extra_advice, finished_walk

# A toddler with signs of neglect at home, no special route, the weighing answered up to question 5.
HOME = {
    "direct_gevaar": False,
    "gedrag_tussen_kinderen": False,
    "acuut_komende_uren": False,
    "vermoeden_tegen_medewerker": False,
    "vormen": ["verwaarlozing"],
    "signalen_kind": ["honger", "slechte_verzorging"],
    "signalen_algemeen": [],
    "onthulling": False,
    "kinderen_in_gezin": False,
    "feiten_en_bronnen": "Peuter komt met honger en een volle luier van de nacht (ma 8.15 u, groep).",
    "collega_geraadpleegd": True,
    "advies_veilig_thuis": "ja_anoniem",
    "al_betrokken": False,
    "gesprek_veilig": True,
    "gesprek_gevoerd": "ja",
    "afweging_1": True,
    "afweging_2": False,
    "afweging_3": True,
    "afweging_4": True,
    "afweging_5": "nog_niet_bekend",
}
STAFF = {
    "direct_gevaar": False,
    "gedrag_tussen_kinderen": False,
    "acuut_komende_uren": False,
    "vermoeden_tegen_medewerker": True,
    "medewerker_feiten": "Di 12.30 u, slaapkamer: collega kneep peuter hard in de arm.",
}
CHILDREN = {
    "direct_gevaar": False,
    "gedrag_tussen_kinderen": True,
    "gedrag_feiten": "Wo 15.40 u, toiletten bso: jongen (6) dwong jongen (4) zijn broek uit te doen.",
}


@pytest.fixture(scope="module")
def flow():
    return load_flow("kinderopvang")


def walk(flow, answers=None, **changes):
    return finished_walk(flow, {**(HOME if answers is None else answers), **changes})


def test_it_is_a_built_in_flow_of_its_own_sector_on_the_shared_core(flow):
    assert "kinderopvang" in builtin_paths()
    assert (flow.id, flow.version) == ("kinderopvang", "1.0.0")
    assert (flow.sector.nl, flow.sector.en) == ("Kinderopvang", "Childcare")
    text = builtin_paths()["kinderopvang"].read_text(encoding="utf-8")
    assert "extends: kern/kern.yaml" in text
    assert "include: [kern/afweging-ja-nee.yaml]" in text


def test_the_flow_keeps_the_shared_ids_and_adds_its_own(flow):
    kinds = {n.id: n.kind for n in flow.nodes}
    for question in (
        "direct_gevaar",
        "kinderen_in_gezin",
        "vermoeden_tegen_medewerker",
        "afweging_1",
        "afweging_2",
        "afweging_3",
        "afweging_4",
        "gedrag_tussen_kinderen",
        "houder_is_pleger",
        "gedrag_zorgen_thuis",
    ):
        assert kinds[question] == "yes_no", question
    assert kinds["vormen"] == "multiple" and kinds["medewerker_feiten"] == "text"
    assert [o.id for o in flow.node("afweging_5").options] == ["ja", "nee", "nog_niet_bekend"]
    outcomes = {n.id for n in flow.nodes if n.kind == "outcome"}
    assert outcomes == HOME_OUTCOMES | {"bel_112", "medewerker_route", "grensoverschrijdend_gedrag_kinderen"}
    assert "meld_bij_toezichthouder" not in flow.actions and "toezichthouder_wmo" not in flow.contacts


def test_it_speaks_of_the_child_the_parents_and_the_houder(flow):
    assert flow.step(3).title.nl == "Gesprek met de ouders"
    assert "de houder besluit" in flow.step(5).title.nl
    assert "beslist de houder" in flow.disclaimer.nl and "dossier van het kind" in flow.disclaimer.nl
    assert "ouders" in flow.node("gesprek_veilig").text.nl and "cliënt" not in flow.node("gesprek_veilig").text.nl
    assert flow.node("gesprek_gevoerd").text.nl == "Heeft u het gesprek met de ouders al gevoerd?"
    assert "broers of zussen" in flow.node("kinderen_in_gezin").text.nl
    assert flow.actions["voer_gesprek_met_client"].title.nl == "Voer het gesprek met de ouders"
    assert "gastouderbureau" in flow.contacts["aandachtsfunctionaris"].when.nl
    # The organisation's own number stays a placeholder from the core that the settings fill in.
    assert flow.contacts["aandachtsfunctionaris"].phone == "zie de meldcode van uw organisatie"


# ---------------------------------------------------------------- the three routes, asked first


def test_direct_danger_comes_before_the_choice_of_route(flow):
    w = Walk(flow)
    w.answer(True)
    assert w.outcome.id == "bel_112"
    assert w.path == ["direct_gevaar", "bel_112"]
    assert walk(flow, CHILDREN, gedrag_zorgen_thuis=False).path[:2] == ["direct_gevaar", "gedrag_tussen_kinderen"]
    assert walk(flow).path[:3] == ["direct_gevaar", "gedrag_tussen_kinderen", "acuut_komende_uren"]


# ---------------------------------------------------------------- route 1: the home situation


def test_the_home_situation_weighs_and_the_houder_decides(flow):
    w = walk(flow)
    assert w.outcome.id == "hulp_bieden"
    assert actions(w) == ["leg_vast_in_dossier", "houder_beslist", "organiseer_hulp", "herbeoordeel_vraag_5"]
    assert flow.actions["houder_beslist"].contacts == ["houder", "aandachtsfunctionaris"]


@pytest.mark.parametrize(
    ("changes", "outcome"),
    [
        ({"afweging_1": False}, "afsluiten"),
        ({"afweging_2": True}, "melden"),
        ({"afweging_3": False}, "melden"),
        ({"afweging_4": False}, "melden"),
        ({"afweging_5": "nee"}, "melden"),
        ({"afweging_5": "ja"}, "hulp_afsluiten"),
    ],
)
def test_the_meldnorm_of_the_core_holds_and_the_houder_decides_on_each(flow, changes, outcome):
    w = walk(flow, **changes)
    assert w.outcome.id == outcome
    assert "houder_beslist" in actions(w)
    if outcome == "melden":
        assert {"melden_bij_veilig_thuis", "vervolg_na_melding"} <= set(actions(w))
        assert flow.actions["bespreek_melding_met_client"].title.nl == "Bespreek de melding vooraf met de ouders"
        assert "bespreek_melding_met_client" in actions(w)


# ---------------------------------------------------------------- route 2: a staff member as suspect


def test_a_staff_member_goes_to_the_houder_the_inspector_and_the_police(flow):
    w = walk(flow, STAFF, houder_is_pleger=False)
    assert w.outcome.id == "medewerker_route"
    assert w.path == [
        "direct_gevaar",
        "gedrag_tussen_kinderen",
        "acuut_komende_uren",
        "vermoeden_tegen_medewerker",
        "houder_is_pleger",
        "medewerker_feiten",
        "medewerker_route",
    ]
    assert actions(w) == ["meld_bij_houder", "overleg_vertrouwensinspecteur", "aangifte", "leg_vast_in_dossier"]
    [advice] = extra_advice(w)
    assert advice.startswith("Meld het vandaag nog bij de houder.")
    assert flow.actions["meld_bij_houder"].urgent
    assert "gastouderbureau" in flow.actions["meld_bij_houder"].explanation.nl
    assert flow.actions["overleg_vertrouwensinspecteur"].contacts == ["vertrouwensinspecteur"]
    assert flow.contacts["vertrouwensinspecteur"].phone == "0900-111 3 111"
    assert "kantooruren" in flow.contacts["vertrouwensinspecteur"].when.nl


def test_when_the_houder_is_the_suspect_the_staff_member_goes_to_the_police(flow):
    w = walk(flow, STAFF, houder_is_pleger=True)
    assert w.outcome.id == "medewerker_route"
    assert actions(w) == ["meld_bij_politie", "advies_vertrouwensinspecteur", "leg_vast_in_dossier"]
    [advice] = extra_advice(w)
    assert advice.startswith("De houder is zelf de vermoedelijke pleger. Meld het dan niet bij de houder")
    assert flow.actions["meld_bij_politie"].urgent
    assert flow.actions["advies_vertrouwensinspecteur"].contacts == ["vertrouwensinspecteur"]


@pytest.mark.parametrize("houder", [True, False])
def test_the_staff_route_never_ends_in_the_home_situation(flow, houder):
    w = walk(flow, {**STAFF, "acuut_komende_uren": True}, houder_is_pleger=houder)
    assert w.outcome.id == "medewerker_route"
    assert not (HOME_OUTCOMES | {"vormen", "afweging_1", "grensoverschrijdend_gedrag_kinderen"}) & set(w.path)
    assert actions(w)[0] == "bel_veilig_thuis_nu"
    assert not {"melden_bij_veilig_thuis", "organiseer_hulp", "houder_beslist"} & set(actions(w))
    # Exactly one of the houder and the police is named.
    assert ("meld_bij_houder" in actions(w)) != ("meld_bij_politie" in actions(w))


def test_the_staff_question_names_the_people_of_a_childcare(flow):
    question = flow.node("vermoeden_tegen_medewerker")
    for who in ("pedagogisch medewerker", "stagiair", "vrijwilliger", "gastouder", "houder"):
        assert who in question.text.nl, who
    assert "vertrouwensinspecteur" in question.help.nl and "politie" in question.help.nl


# ---------------------------------------------------------------- route 3: between children


def test_behaviour_between_children_has_its_own_route_and_outcome(flow):
    w = walk(flow, CHILDREN, gedrag_zorgen_thuis=False)
    assert w.outcome.id == "grensoverschrijdend_gedrag_kinderen"
    assert w.path == [
        "direct_gevaar",
        "gedrag_tussen_kinderen",
        "gedrag_feiten",
        "gedrag_zorgen_thuis",
        "grensoverschrijdend_gedrag_kinderen",
    ]
    assert actions(w) == [
        "veiligheid_in_de_groep",
        "bespreek_met_aandachtsfunctionaris",
        "informeer_ouders_betrokken_kinderen",
        "leg_vast_in_dossier",
    ]
    assert extra_advice(w) == []
    outcome = flow.node("grensoverschrijdend_gedrag_kinderen")
    assert outcome.contacts == ["aandachtsfunctionaris", "houder", "veilig_thuis"]
    assert "De houder beslist welke maatregelen nodig zijn." in outcome.advice.nl


def test_behaviour_that_points_to_home_adds_veilig_thuis_and_the_home_route_for_that_child(flow):
    w = walk(flow, CHILDREN, gedrag_zorgen_thuis=True)
    assert w.outcome.id == "grensoverschrijdend_gedrag_kinderen"
    assert {"doorloop_route_thuissituatie", "raadpleeg_veilig_thuis"} <= set(actions(w))
    assert not {"melden_bij_veilig_thuis", "meld_bij_houder", "meld_bij_politie"} & set(actions(w))
    [advice] = extra_advice(w)
    assert "doorloop de meldcode apart voor dat kind" in advice


# ---------------------------------------------------------------- the guarantees


def runner_validate(path):
    result = CliRunner().invoke(app, ["validate", str(path), "--json"])
    return result.exit_code, json.loads(result.stdout)["diagnostics"]  # the problems, as in meldcode.validate/1


def copy_with(tmp_path, old: str, new: str):
    """The built-in flow `kinderopvang` in tmp_path beside a copy of the core, with `old` replaced by `new`."""
    shutil.copytree(builtin_dir() / "kern", tmp_path / "kern")
    text = builtin_paths()["kinderopvang"].read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "kinderopvang.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# The staff route's action that names the houder, only when the houder is not the suspect.
TO_THE_HOUDER = "      - id: meld_bij_houder\n        when: {question: houder_is_pleger, equals: false}\n"


def broken_guarantees(problems) -> set[str]:
    return {p["message"].split("'")[1] for p in problems if p["code"] == "MC301"}


def test_the_built_in_flow_proves_its_guarantees():
    code, problems = runner_validate(builtin_paths()["kinderopvang"])
    assert (code, problems) == (0, [])


def test_a_staff_route_that_skips_the_houder_breaks_a_guarantee(tmp_path):
    path = copy_with(tmp_path, TO_THE_HOUDER, "")
    code, problems = runner_validate(path)
    assert code == 1
    assert broken_guarantees(problems) == {"medewerker_naar_de_houder"}


def test_telling_the_houder_who_is_the_suspect_breaks_a_guarantee(tmp_path):
    path = copy_with(tmp_path, TO_THE_HOUDER, "      - meld_bij_houder\n")
    code, problems = runner_validate(path)
    assert code == 1
    assert broken_guarantees(problems) == {"houder_pleger_naar_de_politie"}
    [example] = [p["counterexample"] for p in problems if p["code"] == "MC301"]
    assert example["answers"]["houder_is_pleger"] is True and "meld_bij_houder" in example["actions"]


def test_behaviour_between_children_that_ends_in_the_home_route_breaks_guarantees(tmp_path):
    path = copy_with(tmp_path, "    next: grensoverschrijdend_gedrag_kinderen\n", "    next: acuut_komende_uren\n")
    code, problems = runner_validate(path)
    assert code == 1
    assert "gedrag_tussen_kinderen_eigen_route" in broken_guarantees(problems)


# ---------------------------------------------------------------- the training cases


@pytest.mark.parametrize(
    ("case_id", "outcome", "route"),
    [
        ("kinderopvang-collega-bij-het-slapen", "medewerker_route", "houder_is_pleger"),
        ("kinderopvang-op-de-bso", "grensoverschrijdend_gedrag_kinderen", "gedrag_zorgen_thuis"),
        ("kinderopvang-peuter-met-honger", "hulp_bieden", "afweging_5"),
    ],
)
def test_the_cases_walk_the_three_routes(case_id, outcome, route):
    loaded = load_case(case_id)
    assert loaded.case.flow == "kinderopvang"
    assert loaded.reference_walk.outcome.id == outcome
    assert route in loaded.reference_walk.path and route in loaded.case.reference


def test_exercise_and_class_report_grade_the_staff_case(tmp_path):
    case = "kinderopvang-collega-bij-het-slapen"
    folder = tmp_path / "inleveren"
    folder.mkdir()
    (folder / "a.yaml").write_text(
        "name: Deelnemer 1\ndirect_gevaar: false\ngedrag_tussen_kinderen: false\nacuut_komende_uren: false\n"
        "vermoeden_tegen_medewerker: true\nhouder_is_pleger: false\n",
        encoding="utf-8",
    )
    # The home route instead of the staff route: the houder question is missed, the outcome not reached.
    (folder / "b.yaml").write_text(
        "name: Deelnemer 2\ndirect_gevaar: false\ngedrag_tussen_kinderen: false\nacuut_komende_uren: false\n"
        "vermoeden_tegen_medewerker: false\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["exercise", case, "--answers", str(folder / "a.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    graded = json.loads(result.stdout)
    assert graded["outcome"]["result"] == "match" and graded["score"] == {"correct": 5, "total": 5, "percent": 100}
    assert graded["actions"] == ["meld_bij_houder", "overleg_vertrouwensinspecteur", "aangifte", "leg_vast_in_dossier"]
    report = CliRunner().invoke(app, ["class-report", case, str(folder), "--format", "csv"])
    assert report.exit_code == 0, report.output
    rows = {line.split(";")[0]: line.split(";") for line in report.stdout.strip().splitlines()[1:]}
    assert rows["Deelnemer 1"][4:8] == ["match", "5", "5", "100"]
    assert rows["Deelnemer 2"][4:8] == ["not_reached", "3", "5", "60"]


def test_an_organisations_overlay_on_kinderopvang_keeps_its_routes_and_guarantees(tmp_path):
    overlay = tmp_path / "mijn-opvang.yaml"
    overlay.write_text(
        'extends: kinderopvang\nid: mijn-opvang\nversion: "2026.1"\ncontacts:\n  houder: {phone: "030-123 45 67"}\n',
        encoding="utf-8",
    )
    assert runner_validate(overlay) == (0, [])
    mine = load_flow(overlay)
    assert mine.contacts["houder"].phone == "030-123 45 67"
    assert mine.contacts["houder"].name.nl == "De houder van de kinderopvang"
    w = walk(mine, STAFF, houder_is_pleger=False)
    assert actions(w)[0] == "meld_bij_houder"

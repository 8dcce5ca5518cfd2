"""The built-in case library: every case loads, walks to its expected outcome, and together they cover the flow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.loader import builtin_paths, load_flow
from meldcode_cli.flow.model import OutcomeNode, Text
from meldcode_cli.training.case_checks import reference_answers
from meldcode_cli.training.case_model import walk_answers
from meldcode_cli.training.cases import builtin_case_paths, cases_dir, load_case

ROOT = Path(__file__).parent.parent.parent
CASE_IDS = sorted(builtin_case_paths())

# The seven stories of the brochure, and the situations the brochure lacks.
BROCHURE = {
    "scheiding-met-geweld",
    "vader-en-de-bankmachtiging",
    "zoon-slaat-moeder",
    "escalatie-in-de-avond",
    "jongen-verzamelt-bewijs",
    "verwaarlozing-en-netwerk",
    "nieuw-in-de-wijk",
}
BEYOND_THE_BROCHURE = {
    "jongere-belt-tijdens-geweld": "bel_112",
    "kind-vertelt": "onthulling",
    "vgv-zomerreis": "vgv_reis_gepland",
    "eer-en-controle": "gesprek_eer_overslaan",
    "oudere-en-de-pinpas": "signalen_ouderen",
    "seksueel-geweld-recent": "seksueel_geweld_recent",
    "blauwe-plekken-voetbal": "afweging_1",
    "collega-op-de-dagbesteding": "medewerker_route",
}
WEIGHING = [f"afweging_{n}" for n in range(1, 6)]


def test_the_library_holds_the_seven_brochure_stories_and_eight_more():
    assert len(BROCHURE) == 7 and len(BEYOND_THE_BROCHURE) == 8
    # The social-work library; each sector flow has its own cases beside it (tests/test_<sector>.py).
    social_work = {case_id for case_id in CASE_IDS if load_case(case_id).case.flow == "sociaal-werk"}
    assert BROCHURE | set(BEYOND_THE_BROCHURE) == social_work
    for case_id in BROCHURE:
        # Line 1 points editors at the case schema; line 2 says where the story comes from.
        assert "brochure" in builtin_case_paths()[case_id].read_text(encoding="utf-8").splitlines()[1]


def test_the_wijnakker_story_is_the_coming_hours_triage_with_the_parents():
    loaded = load_case("escalatie-in-de-avond")
    walk = loaded.reference_walk
    assert walk.answers["direct_gevaar"] is False and walk.answers["acuut_komende_uren"] is True
    assert next(a.id for a in walk.actions()) == "bel_veilig_thuis_nu"
    assert "crisisdienst" in loaded.case.afterwards.nl and "ouders" in loaded.case.afterwards.nl


def test_the_deventer_story_weighs_recovery_at_question_5():
    walk = load_case("nieuw-in-de-wijk").reference_walk
    assert walk.outcome.id == "hulp_afsluiten" and walk.answers["afweging_5"] == "ja"


def test_the_son_who_hit_his_mother_is_child_to_parent_violence():
    loaded = load_case("zoon-slaat-moeder")
    assert "kind_oudergeweld" in loaded.reference_walk.answers["vormen"]
    assert "kindermishandeling" not in loaded.reference_walk.answers["vormen"]


def test_honour_and_control_consults_an_expert_and_informs_the_victim():
    actions = load_case("eer-en-controle").case.expected.actions
    assert {"overleg_deskundige_eer", "informeer_slachtoffer", "geen_gesprek_met_familie"} <= set(actions)
    assert "bespreek_melding_met_client" not in actions


def test_cases_live_in_a_subfolder_that_is_never_taken_for_a_flow():
    flows = builtin_paths()
    assert cases_dir().parent == flows["sociaal-werk"].parent
    assert all(path.parent != cases_dir() for path in flows.values())
    assert not set(flows) & set(CASE_IDS)


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_the_reference_answers_reach_the_expected_outcome_and_actions(case_id):
    loaded = load_case(case_id)
    assert loaded.id == case_id == builtin_case_paths()[case_id].stem
    walk = walk_answers(loaded.flow, reference_answers(loaded.case, loaded.flow))
    assert walk.finished, f"stopped at {walk.current.id}"
    assert walk.outcome.id == loaded.case.expected.outcome
    assert [a.id for a in walk.actions()] == loaded.case.expected.actions
    # The same walk, taken one answer at a time through the plain engine.
    step_by_step = Walk(loaded.flow)
    for node_id in walk.path[:-1]:
        step_by_step.answer(walk.answers.get(node_id))
    assert step_by_step.path == walk.path


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_weighing_question_on_the_reference_path_is_graded(case_id):
    loaded = load_case(case_id)
    on_path = [q for q in WEIGHING if q in loaded.reference_walk.answers]
    assert set(on_path) <= set(loaded.case.reference)
    assert "direct_gevaar" in loaded.case.reference


def test_every_outcome_of_the_built_in_flow_is_some_cases_reference_outcome():
    outcomes = {n.id for n in load_flow("sociaal-werk").nodes if isinstance(n, OutcomeNode)}
    expected = {load_case(case_id).case.expected.outcome for case_id in CASE_IDS}
    assert outcomes == {"bel_112", "afsluiten", "melden", "hulp_bieden", "hulp_afsluiten", "medewerker_route"}
    assert outcomes <= expected


@pytest.mark.parametrize(("case_id", "node_id"), sorted(BEYOND_THE_BROCHURE.items()))
def test_each_added_case_walks_the_route_it_is_about(case_id, node_id):
    loaded = load_case(case_id)
    assert node_id in loaded.reference_walk.path or node_id == loaded.reference_walk.outcome.id
    if case_id == "blauwe-plekken-voetbal":
        assert loaded.reference_walk.answers["afweging_1"] is False


def _texts(value):
    if isinstance(value, Text):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name))


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_text_is_in_dutch_and_english(case_id):
    for text in _texts(load_case(case_id).case):
        assert text.nl.strip() and text.en and text.en.strip(), text.nl


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_cases_use_todays_organisations_and_no_full_names(case_id):
    texts = " ".join(t.nl + " " + (t.en or "") for t in _texts(load_case(case_id).case))
    for old in ("AMHK", "SHG", "AMK", "Steunpunt", "Advies- en Meldpunt"):
        assert not re.search(rf"\b{old}\b", texts), old
    # First names or roles only: never a capitalised name followed by a capitalised surname.
    names = "Dilan|Sara|Amina|Mirjam|Timo|Esra|Lina|Kevin|Jesse|Noah|Fleur"
    assert not re.search(rf"\b(?:{names}) (?:van |de )?[A-Z][a-z]+", texts)


def test_the_sources_named_by_the_cases_are_in_the_domain_sources():
    known = set(
        re.findall(r"^- \[([A-Z0-9]+)\]", (ROOT / "docs" / "domain-sources.md").read_text(encoding="utf-8"), flags=re.M)
    )
    for case_id in CASE_IDS:
        for alternatives in load_case(case_id).case.reference.values():
            for accepted in alternatives:
                assert set(accepted.sources) <= known, (case_id, accepted.sources)

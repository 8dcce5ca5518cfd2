"""The built-in flow `sociaal-werk`: every branch of the afwegingskader and every special route."""

from __future__ import annotations

import pytest

from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.loader import load_flow
from meldcode_cli.output.context import Display, using
from tests.flow_walks import actions, extra_advice, finished_walk

# A partner-violence case with no special route, the weighing answered up to question 4.
BASE = {
    "direct_gevaar": False,
    "acuut_komende_uren": False,
    "vermoeden_tegen_medewerker": False,
    "vormen": ["partnergeweld"],
    "signalen_partner": [],
    "signalen_algemeen": [],
    "onthulling": False,
    "kinderen_in_gezin": False,
    "feiten_en_bronnen": "Blauwe plek op de arm gezien (ma 3 nov, spreekuur).",
    "collega_geraadpleegd": True,
    "advies_veilig_thuis": "ja_anoniem",
    "al_betrokken": False,
    "uitkomst_consultatie": "",
    "gesprek_veilig": True,
    "gesprek_gevoerd": "ja",
    "gesprek_verslag": "",
    "afweging_1": True,
    "afweging_2": False,
    "afweging_3": True,
    "afweging_4": True,
    "afweging_5": "nog_niet_bekend",
}


@pytest.fixture(scope="module")
def flow():
    return load_flow("sociaal-werk")


def walk(flow, **changes):
    return finished_walk(flow, {**BASE, **changes})


def test_the_flow_has_the_fixed_ids_of_the_contract(flow):
    kinds = {n.id: n.kind for n in flow.nodes}
    assert kinds["direct_gevaar"] == "yes_no"
    assert kinds["vormen"] == "multiple"
    assert kinds["kinderen_in_gezin"] == "yes_no"
    for n in range(1, 5):
        assert kinds[f"afweging_{n}"] == "yes_no"
    assert [o.id for o in flow.node("afweging_5").options] == ["ja", "nee", "nog_niet_bekend"]
    assert {o.id for o in flow.node("vormen").options} >= {
        "kindermishandeling",
        "partnergeweld",
        "ouderenmishandeling",
        "verwaarlozing",
        "seksueel_geweld",
        "vgv",
        "eergerelateerd_geweld",
        "huwelijksdwang_achterlating",
        "financiele_uitbuiting",
        "kind_oudergeweld",
        "stalking",
        "uitbuiting",
        "ontspoorde_mantelzorg",
    }
    for question in (
        "acuut_komende_uren",
        "vermoeden_tegen_medewerker",
        "onthulling",
        "al_betrokken",
        "seksueel_geweld_herhaling",
        "vgv_al_gebeurd",
    ):
        assert kinds[question] == "yes_no", question
    assert [o.id for o in flow.node("kinderen_getuige").options] == ["nee", "eenmalig", "regelmatig", "weet_niet"]
    assert {
        "bel_veilig_thuis_nu",
        "vervolg_na_melding",
        "overleg_deskundige_eer",
        "informeer_slachtoffer",
        "afstemmen_met_betrokkenen",
    } <= set(flow.actions)
    assert {"meld_bij_toezichthouder", "aangifte"} <= set(flow.actions)
    assert {"lkha", "buitenlandse_zaken", "toezichthouder_wmo"} <= set(flow.contacts)
    assert flow.contacts["buitenlandse_zaken"].phone == "+31 247 247 247"
    outcomes = {n.id for n in flow.nodes if n.kind == "outcome"}
    assert outcomes == {"bel_112", "afsluiten", "melden", "hulp_bieden", "hulp_afsluiten", "medewerker_route"}


def test_the_weighing_questions_sit_in_steps_4_and_5(flow):
    assert [flow.node(f"afweging_{n}").step for n in range(1, 6)] == [4, 4, 5, 5, 5]
    assert [s.number for s in flow.numbered_steps] == [1, 2, 3, 4, 5]


def test_direct_danger_goes_straight_to_112(flow):
    w = Walk(flow)
    w.answer(True)
    assert w.outcome.id == "bel_112"
    assert w.path == ["direct_gevaar", "bel_112"]
    assert actions(w) == ["bel_112"]


def test_question_1_no_closes_and_records(flow):
    w = walk(flow, afweging_1=False)
    assert w.outcome.id == "afsluiten"
    assert "afweging_2" not in w.path
    assert "leg_vast_in_dossier" in actions(w)


def test_question_2_yes_reports_and_goes_through_3_to_5_with_veilig_thuis(flow):
    w = walk(flow, afweging_2=True)
    assert w.outcome.id == "melden"
    assert w.path[-3:] == ["afweging_1", "afweging_2", "melden"]
    assert {"melden_bij_veilig_thuis", "bespreek_melding_met_client"} <= set(actions(w))
    assert any("samen met Veilig Thuis" in text for text in extra_advice(w))


@pytest.mark.parametrize("changes", [{"afweging_3": False}, {"afweging_4": False}, {"afweging_5": "nee"}])
def test_no_effective_help_or_help_not_accepted_or_not_working_reports(flow, changes):
    w = walk(flow, **changes)
    assert w.outcome.id == "melden"
    assert "melden_bij_veilig_thuis" in actions(w)
    assert len(extra_advice(w)) == 1  # one paragraph that names which norm applies


def test_question_5_not_known_yet_starts_help_and_re_assesses(flow):
    w = walk(flow, afweging_5="nog_niet_bekend")
    assert w.outcome.id == "hulp_bieden"
    assert {"organiseer_hulp", "herbeoordeel_vraag_5"} <= set(actions(w))


def test_question_5_yes_closes_the_help_with_monitoring(flow):
    w = walk(flow, afweging_5="ja")
    assert w.outcome.id == "hulp_afsluiten"
    assert "afspraken_monitoring" in actions(w)


def test_honour_related_violence_skips_the_conversation_and_consults_veilig_thuis(flow):
    w = walk(flow, vormen=["eergerelateerd_geweld"], signalen_eer=[], afweging_2=True)
    assert "gesprek_eer_overslaan" in w.path
    assert not {"gesprek_veilig", "gesprek_onveilig", "gesprek_gevoerd", "gesprek_verslag"} & set(w.path)
    assert "onthulling" in w.path  # a disclosure is asked on this route too
    assert {
        "raadpleeg_veilig_thuis",
        "geen_gesprek_met_familie",
        "overleg_deskundige_eer",
        "informeer_slachtoffer",
    } <= set(actions(w))
    assert "bespreek_melding_met_client" not in actions(w)  # never inform the family
    assert "speciale_route" in w.path


def test_without_honour_related_violence_the_conversation_is_asked(flow):
    w = walk(flow)
    assert "gesprek_eer_overslaan" not in w.path
    assert "gesprek_veilig" in w.path


@pytest.mark.parametrize("form", ["vgv", "eergerelateerd_geweld", "huwelijksdwang_achterlating"])
def test_special_forms_always_consult_veilig_thuis_and_say_why(flow, form):
    w = walk(
        flow,
        vormen=[form],
        signalen_kind=[],
        signalen_vgv=[],
        signalen_eer=[],
        vgv_al_gebeurd=False,
        vgv_reis_gepland=False,
    )
    gathered = {a.id: a for a in w.actions()}
    assert "raadpleeg_veilig_thuis" in gathered
    assert gathered["raadpleeg_veilig_thuis"].reasons, "the reason is shown with the action"
    assert "speciale_route" in w.path


def test_vgv_with_a_trip_planned_means_veilig_thuis_and_police_within_hours(flow):
    w = walk(flow, vormen=["vgv"], signalen_kind=[], signalen_vgv=[], vgv_al_gebeurd=False, vgv_reis_gepland=True)
    assert "vgv_spoed" in w.path
    assert actions(w)[0] == "vgv_spoed_veilig_thuis_en_politie"  # urgent: listed first
    assert "zo mogelijk binnen een uur" in flow.actions["vgv_spoed_veilig_thuis_en_politie"].explanation.nl
    assert "let_op_acuut" in w.path  # reminds at question 2 that this counts as acute


def test_vgv_without_a_trip_has_no_emergency_route(flow):
    w = walk(flow, vormen=["vgv"], signalen_kind=[], signalen_vgv=[], vgv_al_gebeurd=False, vgv_reis_gepland=False)
    assert "vgv_spoed" not in w.path
    assert "vgv_spoed_veilig_thuis_en_politie" not in actions(w)
    assert "let_op_acuut" not in w.path


def test_fgm_already_done_to_a_minor_counts_as_acute(flow):
    w = walk(flow, vormen=["vgv"], signalen_kind=[], signalen_vgv=[], vgv_al_gebeurd=True, vgv_reis_gepland=False)
    assert w.path.index("let_op_acuut") == w.path.index("afweging_2") - 1
    assert (
        next(line.nl for line in w.note_lines(flow.node("let_op_acuut"))) == "- een meisje onder de 18 is al besneden;"
    )


def test_forced_marriage_prepares_a_risky_trip_and_skips_the_family_conversation(flow):
    w = walk(flow, vormen=["huwelijksdwang_achterlating"], signalen_eer=[])
    assert {
        "voorbereiding_risicovolle_reis",
        "geen_gesprek_met_familie",
        "overleg_deskundige_eer",
        "informeer_slachtoffer",
    } <= set(actions(w))
    assert "gesprek_eer_overslaan" in w.path and "gesprek_veilig" not in w.path
    assert "buitenlandse_zaken" in flow.actions["voorbereiding_risicovolle_reis"].contacts


def test_recent_sexual_violence_points_to_the_centre_and_recurrence_decides_acute(flow):
    sexual = {"vormen": ["seksueel_geweld"], "signalen_kind": []}
    recent = walk(flow, **sexual, seksueel_geweld_herhaling=False, seksueel_geweld_recent=True)
    older_recurring = walk(flow, **sexual, seksueel_geweld_herhaling=True, seksueel_geweld_recent=False)
    assert "bel_centrum_seksueel_geweld" in actions(recent)
    assert "bel_centrum_seksueel_geweld" not in actions(older_recurring)
    # However long ago: what can happen again in the household is acute; the 7 days only decide the centre.
    assert "let_op_acuut" in older_recurring.path and "let_op_acuut" not in recent.path


def test_kindcheck_applies_the_meldcode_to_the_children(flow):
    w = walk(flow, kinderen_in_gezin=True, kinderen_zorgen=True, kinderen_getuige="nee", afweging_2=True)
    assert {"kindcheck", "meldcode_ook_voor_kinderen"} <= set(actions(w))
    assert any("kinderen" in text for text in extra_advice(w))


def test_no_children_no_child_questions(flow):
    w = walk(flow)
    assert "kinderen_in_gezin" in w.path
    assert not {"kindcheck_gegevens", "kinderen_zorgen", "kinderen_getuige"} & set(w.path)
    assert "kindcheck" not in actions(w)


def test_an_unsafe_conversation_is_skipped_with_an_explanation(flow):
    w = walk(flow, gesprek_veilig=False, afweging_2=True)
    assert "gesprek_onveilig" in w.path
    assert "gesprek_gevoerd" not in w.path
    assert "bespreek_melding_met_client" not in actions(w)  # telling would endanger someone


def test_a_disclosure_reminds_that_it_counts_as_acute(flow):
    w = walk(flow, onthulling=True, afweging_2=True)
    assert "let_op_acuut" in w.path


@pytest.mark.parametrize(
    "route", [{"gesprek_veilig": False}, {"vormen": ["eergerelateerd_geweld"], "signalen_eer": []}]
)
def test_a_disclosure_is_asked_in_step_1_on_every_route(flow, route):
    w = walk(flow, onthulling=True, **route)
    assert flow.node("onthulling").step == 1
    assert w.path.index("onthulling") < w.path.index("collega_geraadpleegd")
    assert "let_op_acuut" in w.path


def test_unsafe_in_the_coming_hours_calls_veilig_thuis_now_and_goes_on(flow):
    w = walk(flow, acuut_komende_uren=True, afweging_2=True)
    assert w.path[:5] == [
        "direct_gevaar",
        "acuut_komende_uren",
        "acuut_bel_veilig_thuis",
        "vermoeden_tegen_medewerker",
        "vormen",
    ]
    assert "0800-2000" in flow.node("acuut_bel_veilig_thuis").title.nl  # said at once, not only at the end
    assert actions(w)[0] == "bel_veilig_thuis_nu"
    assert "let_op_acuut" in w.path


def test_urgent_actions_come_first_and_keep_their_order(flow):
    w = walk(
        flow,
        acuut_komende_uren=True,
        vormen=["seksueel_geweld", "vgv"],
        signalen_kind=[],
        signalen_vgv=[],
        seksueel_geweld_herhaling=False,
        seksueel_geweld_recent=True,
        vgv_al_gebeurd=False,
        vgv_reis_gepland=True,
        afweging_2=True,
    )
    assert actions(w)[:3] == ["bel_veilig_thuis_nu", "bel_centrum_seksueel_geweld", "vgv_spoed_veilig_thuis_en_politie"]
    assert not any(flow.actions[a].urgent for a in actions(w)[3:])


def test_the_acute_note_names_only_the_triggers_that_apply(flow):
    w = walk(
        flow,
        onthulling=True,
        kinderen_in_gezin=True,
        kinderen_zorgen=False,
        kinderen_getuige="regelmatig",
        afweging_2=True,
    )
    lines = [line.nl for line in w.note_lines(flow.node("let_op_acuut"))]
    assert lines == [
        "- een onthulling: iemand vertelde u over geweld en vroeg om hulp;",
        "- kinderen zien of horen regelmatig geweld thuis (structurele onveiligheid).",
        flow.node("let_op_acuut").lines[-1].text.nl,
    ]
    assert flow.node("let_op_acuut").hint_for == ["afweging_2"]


@pytest.mark.parametrize(
    ("seen", "acute_note", "for_children"),
    [("nee", False, False), ("eenmalig", False, True), ("regelmatig", True, True), ("weet_niet", False, False)],
)
def test_how_often_children_witness_decides_structural_unsafety(flow, seen, acute_note, for_children):
    w = walk(flow, kinderen_in_gezin=True, kinderen_zorgen=False, kinderen_getuige=seen)
    assert ("let_op_acuut" in w.path) is acute_note
    assert ("meldcode_ook_voor_kinderen" in actions(w)) is for_children


def test_police_or_veilig_thuis_already_involved_means_coordinating(flow):
    assert "afstemmen_met_betrokkenen" in actions(walk(flow, al_betrokken=True))
    assert "afstemmen_met_betrokkenen" not in actions(walk(flow))


@pytest.mark.parametrize(
    "changes", [{"afweging_2": True}, {"afweging_3": False}, {"afweging_4": False}, {"afweging_5": "nee"}]
)
def test_every_report_carries_a_follow_up_and_a_date_to_check(flow, changes):
    w = walk(flow, **changes)
    assert "vervolg_na_melding" in actions(w)
    assert "organiseer_hulp" not in actions(w)
    follow_up = w.outcome.follow_up
    assert follow_up.question is None and follow_up.after_days == 7
    assert "Veilig Thuis" in follow_up.text.nl


def test_closing_the_help_does_not_ask_to_organise_it(flow):
    w = walk(flow, afweging_5="ja")
    assert "organiseer_hulp" not in actions(w) and "herbeoordeel_vraag_5" not in actions(w)


def test_the_kindcheck_is_recorded_as_done_with_number_ages_and_shared_care(flow):
    w = walk(
        flow,
        kinderen_in_gezin=True,
        kindcheck_gegevens="2 kinderen, 4 en 9 jaar",
        kinderen_zorgen=False,
        kinderen_getuige="nee",
    )
    assert "kindcheck_gegevens" in w.path
    assert flow.actions["kindcheck"].title.nl.startswith("Kindcheck gedaan")
    assert all(word in flow.node("kindcheck_gegevens").text.nl for word in ("hoeveel", "hoe oud", "gedeeld"))


def test_the_other_forms_have_their_own_signals(flow):
    w = walk(
        flow,
        vormen=["kind_oudergeweld", "stalking", "uitbuiting", "ontspoorde_mantelzorg"],
        signalen_andere_vormen=["ouder_bang_voor_kind"],
    )
    assert "signalen_andere_vormen" in w.path
    new = {"kind_oudergeweld", "stalking", "uitbuiting", "ontspoorde_mantelzorg"}
    assert all(option.help is not None for option in flow.node("vormen").options if option.id in new)


def test_the_weighing_questions_use_the_official_wording(flow):
    assert "af te wenden" in flow.node("afweging_3").text.nl
    assert "alle betrokkenen" in flow.node("afweging_5").text.nl
    assert "herstel" in flow.node("afweging_5").text.nl


def test_every_outcome_says_the_professional_decides(flow):
    assert "U beslist zelf" in flow.disclaimer.nl
    assert "You decide" in flow.disclaimer.en


def test_112_and_veilig_thuis_are_pinned(flow):
    assert [(c.phone) for c in flow.pinned_contacts] == ["112", "0800-2000"]


def test_the_advice_on_screen_lists_urgent_actions_first_and_each_text_once(flow):
    from rich.console import Console

    from meldcode_cli.output import render

    w = walk(
        flow,
        acuut_komende_uren=True,
        vormen=["eergerelateerd_geweld", "huwelijksdwang_achterlating"],
        signalen_eer=[],
        afweging_2=True,
    )
    console = Console(width=80, record=True, no_color=True)
    with using(Display(plain=True)):
        console.print(render.outcome_panel(w))
    screen = " ".join(console.export_text().split())
    actions = screen.split("Acties")[1]
    assert actions.index("Bel nu Veilig Thuis") < actions.index("Vraag Veilig Thuis om advies")
    # Two forms add "do not talk to the family", each with its reason: only the first is shown.
    assert actions.count("Praat niet met de familie") == 1
    assert "open contact met de ouders of de familie een groot risico" not in actions
    assert "Spreek het vervolg af" in actions and "Organiseer de hulp" not in actions

"""The engine on a small flow: branching, skipping, actions, going back, answer checks."""

from __future__ import annotations

import pytest

from meldcode_cli.engine.walk import AnswerError, FlowRuntimeError, Walk, holds
from meldcode_cli.flow.model import AnswerTest


def test_a_walk_starts_at_the_start_node(mini_flow):
    walk = Walk(mini_flow)
    assert walk.current.id == "gevaar"
    assert walk.path == ["gevaar"]
    assert not walk.finished and walk.outcome is None


def test_direct_danger_ends_at_once(mini_flow):
    walk = Walk(mini_flow)
    walk.answer(True)
    assert walk.finished
    assert walk.outcome.id == "bellen"
    assert walk.path == ["gevaar", "bellen"]
    assert [a.id for a in walk.actions()] == ["bel_112"]


def test_only_if_skips_a_question_that_does_not_apply(mini_flow):
    walk = Walk(mini_flow)
    walk.answer(False)
    walk.answer(["eer"])
    # `kinderen` applies only to kind/partner; the info node applies to eer.
    assert walk.current.id == "uitleg_eer"
    walk.answer()
    assert walk.current.id == "notitie"
    assert "kinderen" not in walk.path


def test_option_actions_carry_their_reason(mini_flow):
    walk = Walk(mini_flow)
    walk.fill({"gevaar": False, "vormen": ["eer"], "notitie": "", "ernst": "licht"})
    assert walk.outcome.id == "melden"  # vormen equals exactly [eer]
    (action,) = walk.actions()
    assert action.id == "raadpleeg"
    assert [r.nl for r in action.reasons] == ["Altijd bij eer."]


def test_conditional_node_action_only_when_its_condition_holds(mini_flow):
    yes = Walk(mini_flow)
    yes.fill({"gevaar": False, "vormen": ["kind"], "kinderen": True, "notitie": "x", "ernst": "licht"})
    no = Walk(mini_flow)
    no.fill({"gevaar": False, "vormen": ["kind"], "kinderen": False, "notitie": "x", "ernst": "licht"})
    assert [a.id for a in yes.actions()] == ["let_op"]
    assert no.actions() == []


@pytest.mark.parametrize(
    ("vormen", "ernst", "outcome"),
    [
        (["kind"], "zwaar", "melden"),  # all: zwaar and not all_of [kind, partner]
        (["kind", "partner"], "zwaar", "afsluiten"),  # the `not` blocks the first rule
        (["partner"], "onbekend", "melden"),  # any: first member
        (["partner"], "licht", "afsluiten"),  # default rule
    ],
)
def test_rules_are_tried_in_order(mini_flow, vormen, ernst, outcome):
    walk = Walk(mini_flow)
    walk.fill({"gevaar": False, "vormen": vormen, "kinderen": False, "notitie": "", "ernst": ernst})
    assert walk.outcome.id == outcome


def test_back_returns_to_the_previous_question_and_remembers_its_answer(mini_flow):
    walk = Walk(mini_flow)
    walk.fill({"gevaar": False, "vormen": ["eer"]})
    assert walk.current.id == "notitie"  # fill passed the information node
    walk.back()
    assert walk.current.id == "vormen"
    assert walk.path == ["gevaar", "vormen"]
    assert walk.answers == {"gevaar": False}
    assert walk.remembered == {"vormen": ["eer"]}


def test_back_from_an_information_node_goes_to_the_question_before_it(mini_flow):
    walk = Walk(mini_flow)
    walk.answer(False)
    walk.answer(["eer"])
    assert walk.current.id == "uitleg_eer"
    walk.back()
    assert walk.current.id == "vormen"


def test_changing_an_earlier_answer_drops_the_answers_that_no_longer_apply(mini_flow):
    walk = Walk(mini_flow)
    walk.fill({"gevaar": False, "vormen": ["kind"], "kinderen": True, "notitie": "gezien", "ernst": "licht"})
    assert walk.outcome.id == "afsluiten"
    walk.rewind("vormen")
    walk.answer(["eer"])
    walk.fill({"notitie": "gezien", "ernst": "licht"})
    assert "kinderen" not in walk.answers
    assert walk.outcome.id == "melden"
    assert walk.path == ["gevaar", "vormen", "uitleg_eer", "notitie", "ernst", "melden"]


def test_back_at_the_first_question_stays_there(mini_flow):
    walk = Walk(mini_flow)
    assert not walk.can_go_back()
    assert walk.back().id == "gevaar"


def test_rewind_refuses_a_node_not_on_the_path(mini_flow):
    walk = Walk(mini_flow)
    walk.answer(False)
    with pytest.raises(FlowRuntimeError) as caught:
        walk.rewind("ernst")
    assert caught.value.message.nl == "'ernst' ligt niet op de gevolgde weg."


def test_fill_stops_at_the_first_missing_answer(mini_flow):
    walk = Walk(mini_flow)
    node = walk.fill({"gevaar": False, "vormen": ["partner"]})
    assert node.id == "kinderen"


def test_fill_can_leave_optional_notes_empty(mini_flow):
    walk = Walk(mini_flow)
    walk.fill({"gevaar": False, "vormen": ["partner"], "kinderen": False, "ernst": "licht"}, skip_optional=True)
    assert walk.answers["notitie"] == ""
    assert walk.finished


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        ("gevaar", "misschien", "Het antwoord op 'gevaar' moet ja of nee zijn (of true/false)."),
        ("gevaar", 1, "Het antwoord op 'gevaar' moet ja of nee zijn (of true/false)."),
    ],
)
def test_a_wrong_yes_no_answer_names_the_question(mini_flow, question, value, message):
    walk = Walk(mini_flow)
    with pytest.raises(AnswerError) as caught:
        walk.answer(value)
    assert caught.value.message.nl == message
    assert walk.path == ["gevaar"]  # nothing moved


def test_a_wrong_choice_lists_the_options(mini_flow):
    walk = Walk(mini_flow)
    walk.answer(False)
    with pytest.raises(AnswerError) as caught:
        walk.answer(["kind", "buurman"])
    assert caught.value.message.nl == "'vormen' heeft geen keuze 'buurman'. Kies uit: kind, partner, eer."
    with pytest.raises(AnswerError) as caught:
        walk.answer([])
    assert caught.value.message.nl == "Kies bij 'vormen' minstens 1 mogelijkheid."


def test_multiple_answers_are_stored_in_flow_order_once(mini_flow):
    walk = Walk(mini_flow)
    walk.answer(False)
    walk.answer(["eer", "kind", "eer"])
    assert walk.answers["vormen"] == ["kind", "eer"]


def test_unanswered_questions_match_no_test_and_not_of_them_holds():
    test = AnswerTest(question="x", equals=True)
    assert not holds(test, {})
    from meldcode_cli.flow.model import Not

    assert holds(Not.model_validate({"not": {"question": "x", "equals": True}}), {})


def test_a_yes_no_test_never_matches_numbers():
    assert not holds(AnswerTest(question="x", any_of=[True]), {"x": "1"})
    assert holds(AnswerTest(question="x", any_of=[True]), {"x": True})


def test_a_finished_walk_takes_no_more_answers(mini_flow):
    walk = Walk(mini_flow)
    walk.answer(True)
    with pytest.raises(FlowRuntimeError):
        walk.answer(False)


def test_fixed_answers_that_go_round_in_a_loop_end_with_a_clear_error(write):
    from meldcode_cli.flow.loader import load_flow

    path = write(
        "rond.yaml",
        """\
id: rond
version: "1"
title: Rond
disclaimer: U beslist.
steps: [{number: 1, title: Een}]
nodes:
  - id: nog_een
    step: 1
    kind: yes_no
    text: Nog een keer?
    next:
      - when: {question: nog_een, equals: true}
        goto: nog_een
      - goto: klaar
  - id: klaar
    step: 1
    kind: outcome
    title: Klaar
    advice: Klaar.
""",
    )
    walk = Walk(load_flow(path))
    with pytest.raises(FlowRuntimeError) as caught:
        walk.fill({"nog_een": True})
    assert caught.value.message.nl == (
        "Met deze antwoorden blijft de flow rondgaan (bij 'nog_een'); er komt geen uitkomst."
    )

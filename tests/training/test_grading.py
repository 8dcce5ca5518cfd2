"""Grading a walk against a case: matches, defensible alternatives, missed questions, and the score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from meldcode_cli.base.errors import FileProblems
from meldcode_cli.output import context
from meldcode_cli.output.results import grade_result
from meldcode_cli.training.case_checks import reference_answers
from meldcode_cli.training.case_model import walk_answers
from meldcode_cli.training.cases import load_case
from meldcode_cli.training.grading import grade, grade_file, read_learner_file


def walk_with(case_id: str, **changes):
    loaded = load_case(case_id)
    answers = {**reference_answers(loaded.case, loaded.flow), **changes}
    return loaded, walk_answers(loaded.flow, answers)


def results(graded) -> dict[str, tuple[str, bool]]:
    return {q.node.id: (q.result, q.counts) for q in graded.questions}


def test_the_reference_answers_score_full_marks():
    loaded, walk = walk_with("zoon-slaat-moeder")
    graded = grade(loaded, walk)
    assert (graded.correct, graded.total, graded.percent) == (9, 9, 100)
    assert graded.outcome_result == "match"
    assert graded.diverged == []


def test_a_different_answer_counts_and_the_questions_it_skips_count_as_missed():
    loaded, walk = walk_with("eer-en-controle", afweging_1=False)
    graded = grade(loaded, walk)
    assert walk.outcome.id == "afsluiten"
    assert results(graded) == {
        "direct_gevaar": ("match", True),
        "acuut_komende_uren": ("match", True),
        "vormen": ("match", True),
        "onthulling": ("match", True),
        "kinderen_in_gezin": ("match", True),
        "advies_veilig_thuis": ("match", True),
        "afweging_1": ("mismatch", True),
        "afweging_2": ("not_reached", True),
    }
    assert (graded.correct, graded.total, graded.percent) == (6, 8, 75)
    assert graded.outcome_result == "mismatch"
    assert [q.node.id for q in graded.diverged] == ["afweging_1", "afweging_2"]


def test_another_defensible_route_is_not_penalised():
    # Question 2 "yes" is also defensible in this case: the learner reports, and never reaches 3 to 5.
    loaded, walk = walk_with("vader-en-de-bankmachtiging", afweging_2=True)
    graded = grade(loaded, walk)
    assert walk.outcome.id == "melden"
    assert results(graded)["afweging_2"] == ("alternative", True)
    assert results(graded)["afweging_3"] == ("not_reached", False)
    assert (graded.correct, graded.total) == (5, 5)
    assert graded.outcome_result == "alternative"
    assert [q.node.id for q in graded.shown()] == [
        "direct_gevaar",
        "vormen",
        "kinderen_in_gezin",
        "afweging_1",
        "afweging_2",
    ]


def test_includes_accepts_extra_ticks_and_an_exact_answer_does_not():
    loaded, walk = walk_with("blauwe-plekken-voetbal", vormen=["kindermishandeling", "verwaarlozing"])
    assert results(grade(loaded, walk))["vormen"] == ("alternative", True)
    loaded, walk = walk_with("blauwe-plekken-voetbal", vormen=["nog_onduidelijk", "verwaarlozing"])
    assert results(grade(loaded, walk))["vormen"] == ("mismatch", True)


def test_the_first_committed_answer_counts_when_it_was_changed_after_feedback():
    loaded, walk = walk_with("zoon-slaat-moeder")
    graded = grade(loaded, walk, committed={"afweging_2": True})
    question = next(q for q in graded.questions if q.node.id == "afweging_2")
    assert (question.answer, question.changed_to, question.result) == (True, False, "mismatch")
    assert (graded.correct, graded.total) == (8, 9)


def test_an_unfinished_file_is_graded_as_far_as_it_goes(write):
    loaded = load_case("zoon-slaat-moeder")
    graded = grade_file(
        write(
            "half.yaml",
            "direct_gevaar: false\nacuut_komende_uren: false\nvermoeden_tegen_medewerker: false\n"
            "vormen: [kind_oudergeweld]\n",
        ),
        loaded,
    )
    assert not graded.walk.finished and graded.walk.current.id == "onthulling"
    assert graded.outcome_result == "not_reached"
    assert (graded.correct, graded.total) == (2, 9)
    assert graded.name == "half"


def test_a_learner_file_may_carry_a_name(write):
    loaded = load_case("escalatie-in-de-avond")
    learner = read_learner_file(write("x.yaml", "name: Deelnemer 7\ndirect_gevaar: true\n"), loaded)
    assert (learner.name, learner.answers) == ("Deelnemer 7", {"direct_gevaar": True})


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name: 7\ndirect_gevaar: true\n", "x.yaml:1: 'name' moet tekst zijn: de naam van de deelnemer."),
        (
            "case: kind-vertelt\ndirect_gevaar: true\n",
            "x.yaml:1: dit bestand hoort bij casus 'kind-vertelt', niet bij 'escalatie-in-de-avond'.",
        ),
        ("name: Kim\n", "x.yaml:1: het bestand bevat geen antwoorden."),
        (
            "direct_gevaar: misschien\n",
            "x.yaml:1: Het antwoord op 'direct_gevaar' moet ja of nee zijn (of true/false).",
        ),
    ],
)
def test_a_learner_file_that_cannot_be_graded(write, monkeypatch, tmp_path, text, problem):
    monkeypatch.chdir(tmp_path)
    write("x.yaml", text)
    with pytest.raises(FileProblems) as caught:
        read_learner_file(Path("x.yaml"), load_case("escalatie-in-de-avond"))
    assert caught.value.text("nl") == f"Het antwoordenbestand x.yaml klopt niet:\n  {problem}"


def test_the_saved_result_can_be_graded_again_with_its_commitments(write):
    loaded, walk = walk_with("zoon-slaat-moeder")
    with context.using(context.Display(lang="nl")):
        saved = grade_result(grade(loaded, walk, committed={"afweging_2": True}, name="Kim"))
    assert saved["committed"] == {"afweging_2": True}
    again = grade_file(write("kim.json", json.dumps(saved)), loaded)
    assert (again.name, again.correct, again.total) == ("Kim", 8, 9)

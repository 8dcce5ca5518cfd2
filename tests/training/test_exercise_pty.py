"""An exercise in a pseudo-terminal: the story unfolds, feedback comes at once or at the end, and the score."""

from __future__ import annotations

import json
import stat

from tests.e2e.pty import CTRL_C, DOWN, ENTER, SPACE, Terminal

NO = (DOWN, ENTER)
YES = (ENTER,)
CASE = "eer-en-controle"  # graded: direct_gevaar, acuut_komende_uren, vormen, onthulling, kindcheck,
# advies_veilig_thuis, afweging_1 and 2
NOTES_THAT_HINT = ("Let op: raadpleeg altijd Veilig Thuis", "Let op: acute of structurele onveiligheid")


def walk_to_question_1(term: Terminal, *, direct: bool) -> None:
    """Honour-related violence, answered like the reference up to weighing question 1."""
    term.expect("Oefening: Eer en controle")
    term.expect("Dilan (17) komt na de les naar uw kamer.")
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    if direct:
        term.expect("✓ Komt overeen met de referentie")
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *YES)
    term.answer("Bel nu Veilig Thuis: 0800-2000", ENTER)  # not a hint: the question was answered
    term.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", *NO)
    term.expect("Sinds die dag pakt haar broer haar telefoon af.")  # the story of step 1
    term.answer("Om welke vorm van geweld gaat het", *([DOWN] * 6), SPACE, ENTER)  # Eergerelateerd geweld
    term.answer("wijzen op huwelijksdwang, achterlating of eergerelateerd geweld", ENTER)
    term.answer("Welke andere signalen of omstandigheden", ENTER)
    term.answer("Heeft iemand u zelf verteld over geweld", *YES)
    term.answer("Kindcheck: zorgt uw cliënt", *NO)
    term.text_answer("Schrijf de feiten op die u zag en hoorde", "")
    term.expect("De aandachtsfunctionaris van uw school heeft vandaag tijd")  # the story of step 2
    # The note "always consult Veilig Thuis" would give away a graded answer: it is passed by.
    term.answer("Heeft u uw zorgen besproken met een ervaren collega", *YES)
    term.answer("Heeft u Veilig Thuis om advies gevraagd?", *YES)  # ja, anoniem: the reference
    term.answer("Zijn Veilig Thuis of de politie al betrokken", *NO)
    term.text_answer("Wat kwam er uit het overleg", "")
    term.expect("Dilan vraagt u dringend om niets tegen haar ouders te zeggen.")  # the story of step 3
    term.answer("Vertel de ouders en de familie niets over uw zorgen", ENTER)


def test_direct_feedback_on_a_different_answer_with_the_reasoning_and_the_score(tmp_path):
    term = Terminal("exercise", CASE, home=tmp_path)
    walk_to_question_1(term, direct=True)
    term.answer("Afwegingsvraag 1:", *NO)  # the reference says yes
    term.text_answer("Waarom? Licht uw antwoord kort toe", "geen bewijs")
    term.expect("✗ Wijkt af van de referentie")
    term.expect("U vermoedt eergerelateerd geweld: controle, isolement en een dreiging vanuit de familie.")
    term.expect("Vraag 1 vraagt naar een vermoeden van geweld of van een dreiging daarvan")
    term.expect("Advies: De meldcode afsluiten")
    term.expect("Score: 6 van 8 (75%)")
    term.expect("Hoe het verder ging")
    assert term.finish() == 0
    before_question_1 = term.output_so_far().split("Afwegingsvraag 1:")[0]
    assert before_question_1.count("Komt overeen met de referentie") == 6
    assert not any(note in term.output_so_far() for note in NOTES_THAT_HINT)


def test_feedback_at_the_end_and_the_answers_saved_for_the_trainer(tmp_path):
    saved = tmp_path / "dilan.json"
    term = Terminal("exercise", CASE, "--feedback", "end", "--save", str(saved), "--name", "Deelnemer 4", home=tmp_path)
    walk_to_question_1(term, direct=False)
    term.answer("Afwegingsvraag 1:", *YES)
    term.text_answer("Waarom? Licht uw antwoord kort toe", "")
    term.answer("Afwegingsvraag 2:", *YES)
    term.text_answer("Waarom? Licht uw antwoord kort toe", "acuut")
    term.expect("Advies: Melden bij Veilig Thuis")
    term.expect("Feedback")
    term.expect("Score: 8 van 8 (100%)")
    term.expect(f"Uw antwoorden staan in {saved}.")
    assert term.finish() == 0
    during = term.output_so_far().split("Advies: Melden bij Veilig Thuis")[0]
    assert "Komt overeen met de referentie" not in during and "Wijkt af" not in during
    assert not any(note in during for note in NOTES_THAT_HINT)  # not before question 2 either
    result = json.loads(saved.read_text(encoding="utf-8"))
    assert result["name"] == "Deelnemer 4"
    assert result["score"] == {"correct": 8, "total": 8, "percent": 100}
    assert result["notes"] == {"afweging_1": "", "afweging_2": "acuut"}
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_ctrl_c_stops_the_exercise_with_exit_130(tmp_path):
    term = Terminal("exercise", CASE, home=tmp_path)
    term.answer("Is iemand op dit moment in direct gevaar?", CTRL_C)
    term.expect(
        "Onderbroken. Er is niets bewaard en niets verstuurd; begin opnieuw met 'meldcode exercise eer-en-controle'."
    )
    assert term.finish() == 130
    assert "Traceback" not in term.output_so_far()

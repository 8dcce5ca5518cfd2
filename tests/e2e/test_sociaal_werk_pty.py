"""A person walks the built-in flow in a pseudo-terminal to each outcome and through the special routes."""

from __future__ import annotations

import pytest

from tests.e2e.pty import CTRL_C, DOWN, ENTER, NO, SPACE, YES, Terminal, weigh


def start(tmp_path) -> Terminal:
    term = Terminal("run", "sociaal-werk", home=tmp_path)
    term.expect("Meldcode huiselijk geweld en kindermishandeling")
    term.expect("112")
    term.expect("0800-2000")
    return term


def steps_1_to_3_partner_violence(term: Terminal) -> None:
    """A partner-violence case without children, consulted, conversation held, no disclosure."""
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "casus-12")
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", *NO)
    term.answer("Om welke vorm van geweld gaat het", DOWN, SPACE, ENTER)  # Geweld tussen (ex-)partners
    term.answer("Welke signalen ziet u die wijzen op geweld tussen partners?", SPACE, ENTER)
    term.answer("Welke andere signalen of omstandigheden", DOWN, SPACE, ENTER)  # relatieproblemen
    term.answer("Heeft iemand u zelf verteld over geweld", *NO)
    term.answer("Kindcheck: zorgt uw cliënt", *NO)
    term.text_answer("Schrijf de feiten op die u zag en hoorde", "Blauwe plek op de arm, ma 3 nov, spreekuur")
    term.expect("Stap 2 van 5 — Collegiale consultatie")
    term.answer("Heeft u uw zorgen besproken met een ervaren collega", *YES)
    term.answer("Heeft u Veilig Thuis om advies gevraagd?", *YES)  # ja, anoniem
    term.answer("Zijn Veilig Thuis of de politie al betrokken", *NO)
    term.text_answer("Wat kwam er uit het overleg", "Advies: gesprek voeren, dan wegen")
    term.expect("Stap 3 van 5 — Gesprek met de cliënt")
    term.answer("Kunt u het gesprek over uw zorgen voeren", *YES)
    term.answer("Heeft u het gesprek met de cliënt al gevoerd?", *YES)
    term.text_answer("Wat is er in het gesprek gezegd?", "Cliënte bevestigt ruzies thuis")
    term.expect("Stap 4 van 5 — Wegen van het geweld")


def test_direct_danger_to_bel_112(tmp_path):
    term = start(tmp_path)
    term.answer("Is iemand op dit moment in direct gevaar?", *YES)
    term.expect("Advies: Bel nu 112")
    assert term.finish() == 0


def test_question_1_no_to_afsluiten(tmp_path):
    term = start(tmp_path)
    steps_1_to_3_partner_violence(term)
    weigh(term, "Afwegingsvraag 1:", *NO)
    term.expect("Advies: De meldcode afsluiten")
    term.expect("U beslist zelf")
    assert term.finish() == 0
    summary = term.output_so_far().split("Samenvatting")[-1]
    for step in ("Eerst — Direct gevaar", "Stap 1 van 5", "Stap 2 van 5", "Stap 3 van 5", "Stap 4 van 5"):
        assert step in summary
    assert "Blauwe plek op de arm, ma 3 nov, spreekuur" in summary


def test_question_2_yes_to_melden(tmp_path):
    term = start(tmp_path)
    steps_1_to_3_partner_violence(term)
    weigh(term, "Afwegingsvraag 1:", *YES)
    weigh(term, "Afwegingsvraag 2:", *YES)
    term.answer("Op welke datum beoordeelt u deze vraag opnieuw? Heeft Veilig Thuis", ENTER)  # after a report
    term.expect("Advies: Melden bij Veilig Thuis")
    term.expect("Vervolg op")
    assert term.finish() == 0


@pytest.mark.parametrize(
    ("keys", "outcome"),
    [
        ((ENTER,), "Advies: De hulp afsluiten"),  # 5: ja
        ((DOWN, DOWN, ENTER), "Advies: Hulp starten en later opnieuw wegen"),  # 5: nog niet bekend
        ((DOWN, ENTER), "Advies: Melden bij Veilig Thuis"),  # 5: nee, report after all
    ],
)
def test_questions_3_to_5(tmp_path, keys, outcome):
    term = start(tmp_path)
    steps_1_to_3_partner_violence(term)
    weigh(term, "Afwegingsvraag 1:", *YES)
    weigh(term, "Afwegingsvraag 2:", *NO)
    term.expect("Stap 5 van 5 — Beslissen")
    weigh(term, "Afwegingsvraag 3:", *YES)
    weigh(term, "Afwegingsvraag 4:", *YES)
    weigh(term, "Afwegingsvraag 5:", *keys)
    if "Hulp starten" in outcome:  # question 5 not known yet: a date to weigh it again
        term.answer("Op welke datum beoordeelt u deze vraag opnieuw?", ENTER)
    if "Melden" in outcome:  # a report: a date to check what follows
        term.answer("Op welke datum", ENTER)
    term.expect(outcome)
    assert term.finish() == 0


def test_honour_related_violence_skips_the_conversation(tmp_path):
    term = start(tmp_path)
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "casus-eer")
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *YES)
    term.expect("Bel nu Veilig Thuis: 0800-2000")  # said at once
    term.answer("Bij spoed zijn zij dag en nacht bereikbaar", ENTER)
    term.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", *NO)
    term.answer("Om welke vorm van geweld gaat het", *([DOWN] * 6), SPACE, ENTER)  # Eergerelateerd geweld
    term.answer("wijzen op huwelijksdwang, achterlating of eergerelateerd geweld", ENTER)
    term.answer("Welke andere signalen of omstandigheden", ENTER)
    term.answer("Heeft iemand u zelf verteld over geweld", *YES)  # asked on this route too
    term.answer("Kindcheck: zorgt uw cliënt", *NO)
    term.text_answer("Schrijf de feiten op die u zag en hoorde", "")
    term.expect("Let op: raadpleeg altijd Veilig Thuis")
    term.answer("- Eergerelateerd geweld: overleg eerst met een deskundige", ENTER)  # information: Verder
    term.answer("Heeft u uw zorgen besproken met een ervaren collega", *YES)
    term.answer("Heeft u Veilig Thuis om advies gevraagd?", *YES)
    term.answer("Zijn Veilig Thuis of de politie al betrokken", *NO)
    term.text_answer("Wat kwam er uit het overleg", "")
    term.answer("Vertel de ouders en de familie niets over uw zorgen", ENTER)  # information: no conversation
    weigh(term, "Afwegingsvraag 1:", *YES)
    term.expect("Let op: acute of structurele onveiligheid")
    term.answer("- een onthulling: iemand vertelde u over geweld en vroeg om hulp;", ENTER)
    weigh(term, "Afwegingsvraag 2:", *YES)
    term.answer("Op welke datum beoordeelt u deze vraag opnieuw? Heeft Veilig Thuis", ENTER)  # after a report
    term.expect("Advies: Melden bij Veilig Thuis")
    assert term.finish() == 0
    out = term.output_so_far()
    assert "Kunt u het gesprek over uw zorgen voeren" not in out
    # The notes name only what applies: no FGM or forced-marriage lines, no sexual violence.
    for absent in ("- Meisjesbesnijdenis (VGV):", "- Huwelijksdwang of achterlating:", "- seksueel geweld dat"):
        assert absent not in out
    advice = out.split("Advies: Melden bij Veilig Thuis")[-1]
    actions = advice.split("Acties")[1]
    assert actions.index("Bel nu Veilig Thuis") < actions.index("Vraag Veilig Thuis om advies")  # urgent first
    for action in (
        "Praat niet met de familie",
        "Overleg eerst met een deskundige",
        "Betrek en informeer het (mogelijke) slachtoffer",
        "Spreek het vervolg af",
    ):
        assert action in actions
    assert "Bespreek de melding vooraf met de cliënt" not in actions


def test_going_back_from_question_3_and_changing_question_2(tmp_path):
    term = start(tmp_path)
    steps_1_to_3_partner_violence(term)
    weigh(term, "Afwegingsvraag 1:", *YES)
    weigh(term, "Afwegingsvraag 2:", *NO)
    term.answer("Afwegingsvraag 3:", "<")
    weigh(term, "Afwegingsvraag 2:", UP_TO_YES, ENTER)  # the pointer starts on the earlier "Nee"
    term.answer("Op welke datum beoordeelt u deze vraag opnieuw? Heeft Veilig Thuis", ENTER)  # after a report
    term.expect("Advies: Melden bij Veilig Thuis")
    assert term.finish() == 0


UP_TO_YES = "\x1b[A"


def test_ctrl_c_in_step_3(tmp_path):
    term = start(tmp_path)
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "casus-13")
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", *NO)
    term.answer("Om welke vorm van geweld gaat het", DOWN, SPACE, ENTER)
    term.answer("Welke signalen ziet u die wijzen op geweld tussen partners?", CTRL_C)
    term.expect("Onderbroken.")
    assert term.finish() == 130


def test_a_colleague_as_suspect_goes_to_the_management_and_the_wmo_supervisor(tmp_path):
    term = start(tmp_path)
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "casus-collega")
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", *YES)
    term.text_answer("Wat zag of hoorde u? Schrijf de feiten op", "Di 14.10 u rustkamer, pols vastgehouden")
    term.expect("Advies: Meld het bij de leiding en de toezichthouder Wmo")
    term.expect("Toezichthouder Wmo van de gemeente")
    assert term.finish() == 0
    screen = term.output_so_far()
    assert "Om welke vorm van geweld gaat het" not in screen  # not the home-situation route
    assert "Afwegingsvraag 1" not in screen
    assert "Di 14.10 u rustkamer, pols vastgehouden" in screen.split("Samenvatting")[-1]

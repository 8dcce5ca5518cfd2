"""A teacher walks the built-in flow `onderwijs` in a pseudo-terminal: the staff route, and doubt at question 2."""

from __future__ import annotations

import json

from tests.e2e.pty import DOWN, ENTER, NO, SPACE, UP, YES, Terminal, weigh


def test_a_teacher_chooses_the_sector_and_reports_a_pe_teacher_to_the_board(tmp_path):
    term = Terminal("run", home=tmp_path)
    # With more than one built-in flow, `meldcode run` asks the sector once: up from sociaal-werk.
    term.answer("In welke sector werkt u?", UP, ENTER)
    term.expect("Onthouden: onderwijs.")
    term.expect("Meldcode huiselijk geweld en kindermishandeling — onderwijs")
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "mentorklas-2b")
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is iemand die voor de school werkt de vermoedelijke pleger?", *YES)
    term.answer("Gaat het om een vermoeden van een zedendelict?", *YES)
    term.text_answer("Wat zag of hoorde u? Schrijf de feiten op", "Di 10.15 u: leerling vertelt over de gymleraar")
    term.expect("Advies: Meld het bij het bevoegd gezag; het bestuur overlegt met de vertrouwensinspecteur")
    term.expect("0900-111 3 111")
    assert term.finish() == 0
    screen = " ".join(term.output_so_far().split())
    advice = screen.split("Advies: Meld het bij het bevoegd gezag")[-1]
    assert "Meld het meteen bij het bevoegd gezag (het schoolbestuur)" in advice
    assert "Het bestuur overlegt met de vertrouwensinspecteur" in advice
    assert "moet het bestuur aangifte doen bij de politie" in advice
    assert "Om welke vorm van geweld gaat het" not in screen  # not the home-situation route
    assert "Afwegingsvraag 1" not in screen and "Melden bij Veilig Thuis" not in screen
    assert "Di 10.15 u: leerling vertelt over de gymleraar" in screen.split("Samenvatting")[-1]
    config = tmp_path / "meldcode-config" / "config.json"
    assert json.loads(config.read_text(encoding="utf-8"))["settings"] == {"sector": "onderwijs"}


def test_doubt_at_question_2_reports_and_absence_involves_leerplicht(tmp_path):
    term = Terminal("run", "onderwijs", home=tmp_path)
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "groep4-noah")
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is iemand die voor de school werkt de vermoedelijke pleger?", *NO)
    term.answer("Om welke vorm van geweld gaat het", SPACE, ENTER)  # Kindermishandeling
    term.answer("Welke signalen ziet of hoort u bij het kind?", ENTER)
    term.answer("Welke andere signalen of omstandigheden ziet u bij de leerling of in het gezin?", ENTER)
    term.answer("Verzuimt de leerling vaak of lang van school", *YES)
    term.answer("Heeft iemand u zelf verteld over geweld", *NO)
    term.answer("Kindcheck: wonen er bij de leerling thuis nog andere kinderen", *NO)
    term.text_answer("Schrijf de feiten op die u zag en hoorde", "Komt zonder ontbijt, mist elke week een dag")
    term.expect("Stap 2 van 5 — Overleg met de aandachtsfunctionaris of intern begeleider")
    term.answer("Heeft u uw zorgen besproken met de aandachtsfunctionaris, de intern begeleider", *YES)
    term.answer("Heeft u Veilig Thuis om advies gevraagd?", *YES)  # ja, anoniem
    term.answer("Zijn Veilig Thuis of de politie al betrokken bij deze leerling", *NO)
    term.text_answer("Wat kwam er uit het overleg", "")
    term.expect("Stap 3 van 5 — Gesprek met de ouders en de leerling")
    term.answer("Kunt u het gesprek over uw zorgen met de ouders en de leerling voeren", *YES)
    term.answer("Heeft u het gesprek met de ouders en de leerling al gevoerd?", *YES)
    term.text_answer("Hoe reageerden de ouders en de leerling", "Moeder: zware tijd")
    weigh(term, "Afwegingsvraag 1:", *YES)
    weigh(term, "Of twijfelt u daarover?", DOWN, ENTER, reason="Signalen blijven terugkomen")  # Ik twijfel
    term.answer("Op welke datum beoordeelt u deze vraag opnieuw? Heeft Veilig Thuis", ENTER)  # after a report
    term.expect("Advies: Melden bij Veilig Thuis")
    assert term.finish() == 0
    screen = " ".join(term.output_so_far().split())
    advice = screen.split("Advies: Melden bij Veilig Thuis")[-1]
    assert "U twijfelt of er acute of structurele onveiligheid is." in advice
    assert "Betrek de leerplichtambtenaar" in advice and "via de gemeente waar de leerling woont" in advice
    assert "Bespreek de melding vooraf met de ouders en de leerling" in advice
    assert "Afwegingsvraag 3" not in screen
    assert "Ik twijfel" in screen.split("Samenvatting")[-1]

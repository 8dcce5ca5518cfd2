"""A childcare worker walks the built-in flow `kinderopvang` in a pseudo-terminal: the three routes of the protocol."""

from __future__ import annotations

import json

from tests.e2e.pty import DOWN, ENTER, SPACE, Terminal

NO = (DOWN, ENTER)
YES = (ENTER,)


def advice_after(term: Terminal, title: str) -> str:
    """The screen from the advice with this title on, with the lines joined (the panel wraps them)."""
    return " ".join(term.output_so_far().split()).split(f"Advies: {title}")[-1]


def test_the_remembered_sector_walks_the_houder_as_suspect_to_the_police(tmp_path):
    setup = Terminal("config", "sector", "kinderopvang", home=tmp_path)
    assert setup.finish() == 0
    config = tmp_path / "meldcode-config" / "config.json"
    assert json.loads(config.read_text(encoding="utf-8"))["settings"] == {"sector": "kinderopvang"}

    term = Terminal("run", home=tmp_path)  # no flow named: the remembered sector
    term.expect("Meldcode huiselijk geweld en kindermishandeling — kinderopvang")
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "peuters-blauw")
    term.answer("Gaat uw zorg over seksueel grensoverschrijdend gedrag tussen kinderen", *NO)
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is iemand die voor de opvang werkt de vermoedelijke pleger?", *YES)
    term.answer("Is de houder zelf de vermoedelijke pleger?", *YES)
    term.text_answer("Wat zag of hoorde u? Schrijf de feiten op", "Do 9.00 u: eigenaar sloeg peuter")
    title = "Meld het bij de houder, of bij de politie als het om de houder gaat"
    term.expect(f"Advies: {title}")
    assert term.finish() == 0
    advice = advice_after(term, title)
    assert "De houder is zelf de vermoedelijke pleger. Meld het dan niet bij de houder" in advice
    assert "De houder is de vermoedelijke pleger: ga zelf naar de politie" in advice
    assert "Vraag de vertrouwensinspecteur om advies" in advice and "0900-111 3 111" in advice
    assert "Meld het meteen bij de houder" not in advice
    screen = " ".join(term.output_so_far().split())
    assert "Om welke vorm van geweld gaat het" not in screen and "Afwegingsvraag 1" not in screen
    assert "Do 9.00 u: eigenaar sloeg peuter" in screen.split("Samenvatting")[-1]


def test_behaviour_between_children_has_its_own_outcome(tmp_path):
    term = Terminal("run", "kinderopvang", home=tmp_path)
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "bso-toiletten")
    term.answer("Gaat uw zorg over seksueel grensoverschrijdend gedrag tussen kinderen", *YES)
    term.text_answer("Wat zag of hoorde u? Schrijf de feiten op", "Wo 15.40 u: jongen (6) dwong jongen (4)")
    term.answer("Wijst het gedrag van een van de kinderen ook op zorgen over de thuissituatie?", *YES)
    title = "Grensoverschrijdend gedrag tussen kinderen: de eigen route"
    term.expect(f"Advies: {title}")
    assert term.finish() == 0
    advice = advice_after(term, title)
    assert "Zorg dat de kinderen in de groep veilig zijn" in advice
    assert "Informeer de ouders van alle betrokken kinderen" in advice
    assert "Doorloop ook de route voor de thuissituatie, voor dat kind" in advice
    assert "0800-2000" in advice
    summary = " ".join(term.output_so_far().split()).split("Samenvatting")[-1]
    assert "Wo 15.40 u: jongen (6) dwong jongen (4)" in summary
    assert "Gaat uw zorg over seksueel grensoverschrijdend gedrag tussen kinderen" in summary
    # Its own route: neither the triage of the home situation nor the staff question was asked.
    assert "Is de veiligheid in de komende uren" not in summary
    assert "Is iemand die voor de opvang werkt" not in summary and "Afwegingsvraag 1" not in summary


def test_the_home_situation_weighs_and_the_houder_decides(tmp_path):
    term = Terminal("run", "kinderopvang", home=tmp_path)
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "peuter-honger")
    term.answer("Gaat uw zorg over seksueel grensoverschrijdend gedrag tussen kinderen", *NO)
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is iemand die voor de opvang werkt de vermoedelijke pleger?", *NO)
    term.answer("Om welke vorm van geweld gaat het", DOWN, DOWN, DOWN, SPACE, ENTER)  # Verwaarlozing
    term.answer("Welke signalen ziet of hoort u bij het kind?", ENTER)
    term.answer("Welke andere signalen of omstandigheden ziet u bij de ouders of in het gezin?", ENTER)
    term.answer("Heeft iemand u zelf verteld over geweld", *NO)
    term.answer("Kindcheck: zijn er bij het kind thuis nog andere kinderen onder de 18", *NO)
    term.text_answer("Schrijf de feiten op die u zag en hoorde", "Komt met honger en een volle luier")
    term.expect("Stap 2 van 5 — Overleg met de aandachtsfunctionaris en zo nodig Veilig Thuis")
    term.answer("Heeft u uw zorgen besproken met een ervaren collega of met de aandachtsfunctionaris?", *YES)
    term.answer("Heeft u Veilig Thuis om advies gevraagd?", *YES)  # ja, anoniem
    term.answer("Zijn Veilig Thuis of de politie al betrokken", *NO)
    term.text_answer("Wat kwam er uit het overleg", "")
    term.expect("Stap 3 van 5 — Gesprek met de ouders")
    term.answer("Kunt u het gesprek over uw zorgen met de ouders voeren", *YES)
    term.answer("Heeft u het gesprek met de ouders al gevoerd?", *YES)
    term.text_answer("Hoe reageerden de ouders", "Moeder: redt het niet")
    term.answer("Afwegingsvraag 1:", *YES)
    term.text_answer("Waarom? Licht uw antwoord kort toe", "")
    term.answer("Afwegingsvraag 2:", *YES)
    term.text_answer("Waarom? Licht uw antwoord kort toe", "Blijft terugkomen")
    term.answer("Op welke datum", ENTER)
    term.expect("Advies: Melden bij Veilig Thuis")
    assert term.finish() == 0
    advice = advice_after(term, "Melden bij Veilig Thuis")
    assert "De houder beslist, samen met de aandachtsfunctionaris" in advice
    assert "Bespreek de melding vooraf met de ouders" in advice

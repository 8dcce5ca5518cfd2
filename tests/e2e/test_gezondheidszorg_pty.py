"""A doctor walks `gezondheidszorg` in a terminal: a report under the right to report; the staff route to the IGJ."""

from __future__ import annotations

import subprocess

from tests.e2e.pty import DOWN, ENTER, NO, SPACE, YES, Terminal, meldcode_command, weigh


def start(tmp_path, *args: str) -> Terminal:
    term = Terminal("run", *args, home=tmp_path)
    term.expect("Meldcode huiselijk geweld en kindermishandeling — gezondheidszorg (KNMG)")
    term.expect("Voor artsen hoort bij stap 2 altijd advies van Veilig Thuis.")
    return term


def test_a_report_with_the_reason_for_no_advice_the_informal_care_check_and_the_right_to_report(tmp_path):
    term = start(tmp_path, "gezondheidszorg")
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "casus-gz-1")
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is een zorgverlener of andere medewerker van uw praktijk of instelling de vermoedelijke pleger?", *NO)
    term.answer("Om welke vorm van geweld gaat het", DOWN, SPACE, ENTER)  # Geweld tussen (ex-)partners
    term.answer("Welke signalen ziet u die wijzen op geweld tussen partners?", SPACE, ENTER)
    term.answer("Welke andere signalen of omstandigheden ziet u bij de patiënt", ENTER)
    term.answer("Heeft iemand u zelf verteld over geweld", *NO)
    term.answer("Kindcheck: zorgt uw patiënt", *NO)
    term.answer("Mantelzorgverleningscheck: zorgt uw patiënt voor iemand die van hem of haar afhankelijk is?", *YES)
    term.answer("Maakt u zich zorgen over de zorg voor, of de veiligheid van, die persoon?", *YES)
    term.text_answer("Schrijf de feiten op die u zag en hoorde", "Blauwe plek bovenarm, spreekuur di 4 nov")
    term.expect("Stap 2 van 5 — Collegiale consultatie en Veilig Thuis raadplegen")
    term.answer("Heeft u uw zorgen besproken met een ervaren collega", *YES)
    term.answer("Heeft u Veilig Thuis om advies gevraagd? In de KNMG-meldcode hoort dat bij stap 2.", DOWN, DOWN, ENTER)
    term.answer("Waarom vroeg u Veilig Thuis (nog) niet om advies?", ENTER)  # empty: refused, the reason is required
    term.expect("Vul hier iets in (of typ ? voor uitleg).")  # the prompt stays and reads on
    term.send("Eerst overlegd met de POH; Veilig Thuis bel ik morgen", ENTER)
    term.answer("Zijn Veilig Thuis of de politie al betrokken bij deze patiënt", *NO)
    term.text_answer("Wat kwam er uit het overleg", "")
    term.expect("Stap 3 van 5 — Gesprek met de patiënt")
    term.answer("Kunt u het gesprek over uw zorgen voeren", *YES)
    term.answer("Heeft u het gesprek met de patiënt al gevoerd?", *YES)
    term.text_answer("Wat is er in het gesprek gezegd? Hoe reageerde de patiënt", "Bevestigt ruzies thuis")
    term.answer("Over wie gaat uw zorg? En kan die persoon zelf beslissen", ENTER)  # a competent adult
    term.text_answer("Wat wil uw patiënt zelf?", "Wil geen melding")
    term.expect("Stap 4 van 5 — Wegen: beroepsgeheim en meldrecht")
    term.expect("U mag bij Veilig Thuis melden zonder toestemming van de patiënt, ook met uw beroepsgeheim.")
    term.answer("Bel de KNMG Artseninfolijn: 088-440 42 42.", ENTER)  # the note: Verder
    term.expect("Stap 5 van 5 — Beslissen met de vijf afwegingsvragen")
    weigh(term, "Afwegingsvraag 1:", *YES)
    weigh(term, "Afwegingsvraag 2:", *YES, reason="Structureel: het gebeurt steeds weer")
    term.answer("Op welke datum", ENTER)  # after a report: a date to check what follows
    term.expect("Advies: Melden bij Veilig Thuis")
    assert term.finish() == 0
    advice = term.output_so_far().split("Advies: Melden bij Veilig Thuis")[-1]
    for shown in (
        "Meld met uw meldrecht, en geef alleen wat nodig is",
        "Vraag Veilig Thuis alsnog om advies",
        "Mantelzorgverleningscheck gedaan",
        "Weeg de wens van uw wilsbekwame patiënt mee",
        "KNMG Artseninfolijn",
        "088-440 42 42",
    ):
        assert shown in advice, shown
    summary = term.output_so_far().split("Samenvatting")[-1]
    assert "Eerst overlegd met de POH; Veilig Thuis bel ik morgen" in summary
    assert "Wil geen melding" in summary


def test_a_colleague_as_suspect_goes_to_the_management_and_the_igj(tmp_path):
    # The sector remembered in the user's settings: `meldcode run` without a flow walks it.
    done = subprocess.run(
        [*meldcode_command(), "config", "sector", "gezondheidszorg"],
        capture_output=True,
        text=True,
        env={"HOME": str(tmp_path), "MELDCODE_HOME": str(tmp_path / "meldcode"), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    term = start(tmp_path)
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "casus-gz-collega")
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is een zorgverlener of andere medewerker van uw praktijk of instelling de vermoedelijke pleger?", *YES)
    term.text_answer("Wat zag of hoorde u? Schrijf de feiten op", "Vr 16.45 u, zorgmedewerker sloeg bewoner op de hand")
    term.expect("Advies: Meld het bij de leiding; de zorgaanbieder meldt het bij de IGJ")
    term.expect("Inspectie Gezondheidszorg en Jeugd (IGJ)")
    assert term.finish() == 0
    screen = term.output_so_far()
    assert "In welke sector werkt u?" not in screen  # remembered: not asked
    assert "Om welke vorm van geweld gaat het" not in screen  # not the home-situation route
    assert "Heeft u Veilig Thuis om advies gevraagd?" not in screen and "Afwegingsvraag 1" not in screen
    assert "Vr 16.45 u, zorgmedewerker sloeg bewoner op de hand" in screen.split("Samenvatting")[-1]

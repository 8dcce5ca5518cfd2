"""A case file that does not fit: every problem as `file:line: message`, with a "did you mean"."""

from __future__ import annotations

import pytest

from meldcode_cli.flow.loader import builtin_paths
from tests.training.conftest import SMALL_CASE

BUILT_IN = ", ".join(sorted(builtin_paths()))


def broken(old: str, new: str) -> str:
    assert old in SMALL_CASE
    return SMALL_CASE.replace(old, new)


CASES = {
    "unknown_question": (
        broken("  direct_gevaar:\n", "  direct_gevaarr:\n"),
        "proef.yaml:9: de flow 'sociaal-werk' heeft geen vraag 'direct_gevaarr'. Bedoelt u 'direct_gevaar'?",
    ),
    "unknown_option": (
        broken(
            "expected:\n", "  advies_veilig_thuis:\n    answer: ja_anonien\n    reasoning: r\n    fact: f\nexpected:\n"
        ),
        "proef.yaml:14: 'advies_veilig_thuis' heeft geen keuze 'ja_anonien'. Kies uit: ja_anoniem, ja_met_namen, "
        "nee. Bedoelt u 'ja_anoniem'?",
    ),
    "unknown_key": (
        broken("    reasoning: {nl: Het", "    reasonning: {nl: Het"),
        "proef.yaml:9: 'reasoning' ontbreekt.\n  proef.yaml:11: onbekende sleutel 'reasonning'. Bedoelt u 'reasoning'?",
    ),
    "wrong_answer_kind": (
        broken("    answer: true\n", "    answer: misschien\n"),
        "proef.yaml:10: Het antwoord op 'direct_gevaar' moet ja of nee zijn (of true/false).",
    ),
    "includes_on_yes_no": (
        broken("    answer: true\n", "    includes: [ja]\n"),
        "proef.yaml:10: 'includes' kan alleen bij een vraag met meerdere keuzes; 'direct_gevaar' is yes_no. "
        "Gebruik 'answer'.",
    ),
    "answer_and_includes": (
        broken("    answer: true\n", "    answer: true\n    includes: [vgv]\n"),
        "proef.yaml:9: geef precies één van 'answer' of 'includes'.",
    ),
    "unknown_flow": (
        broken("flow: sociaal-werk", "flow: sociaal-werkk"),
        f"proef.yaml:3: er is geen flow 'sociaal-werkk': geef een ingebouwde flow ({BUILT_IN}) of het pad naar "
        "een YAML-bestand, gezien vanuit de map van de casus. Bedoelt u 'sociaal-werk'?",
    ),
    "unknown_step": (
        broken("  - step: 0\n", "  - step: 9\n"),
        "proef.yaml:6: de flow 'sociaal-werk' heeft geen stap 9; stappen: 0, 1, 2, 3, 4, 5.",
    ),
    "before_in_another_step": (
        broken("  - step: 0\n", "  - step: 0\n    before: afweging_1\n"),
        "proef.yaml:7: 'afweging_1' hoort bij stap 4, niet bij stap 0.",
    ),
    "unknown_outcome": (
        broken("  outcome: bel_112", "  outcome: bel112"),
        "proef.yaml:14: de flow 'sociaal-werk' heeft geen uitkomst 'bel112'; uitkomsten: bel_112, afsluiten, "
        "melden, hulp_bieden, medewerker_route, hulp_afsluiten. Bedoelt u 'bel_112'?",
    ),
    "unknown_action": (
        broken("  actions: [bel_112]", "  actions: [bel_113]"),
        "proef.yaml:15: de flow 'sociaal-werk' heeft geen actie 'bel_113'. Bedoelt u 'bel_112'?",
    ),
    "other_outcome": (
        broken("  outcome: bel_112", "  outcome: melden"),
        "proef.yaml:14: de referentieantwoorden leiden naar 'bel_112', niet naar 'melden'. Pas de antwoorden of "
        "de verwachte uitkomst aan.",
    ),
    "other_actions": (
        broken("  actions: [bel_112]", "  actions: [bel_112, kindcheck]"),
        "proef.yaml:15: de acties kloppen niet met de referentieantwoorden (niet verzameld: kindcheck).",
    ),
    "walk_stops": (
        broken("    answer: true\n", "    answer: false\n"),
        "proef.yaml:14: de referentieantwoorden stoppen bij 'acuut_komende_uren': die vraag heeft geen antwoord onder "
        "'answers' of 'reference'.",
    ),
    "not_yaml": (
        broken("flow: sociaal-werk", "flow: [sociaal-werk"),
        "proef.yaml:3: een lijst tussen [ en ] wordt niet goed gesloten. Sluit hem met ] en zet komma's tussen "
        "de items.",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_broken_case_is_refused_with_file_and_line(name, meldcode, write, monkeypatch, tmp_path):
    text, problem = CASES[name]
    write("proef.yaml", text)
    monkeypatch.chdir(tmp_path)
    result = meldcode("exercise", "proef.yaml", "--handout", "md")
    assert result.exit_code == 1
    heading = (
        "Het bestand proef.yaml is geen geldige YAML."
        if name == "not_yaml"
        else "De casus in proef.yaml kan niet geladen worden:"
    )
    assert result.stderr == f"{heading}\n  {problem}\n"
    assert result.stdout == ""


def test_the_problems_in_english(meldcode, write, monkeypatch, tmp_path):
    write("proef.yaml", broken("  direct_gevaar:\n", "  direct_gevaarr:\n"))
    monkeypatch.chdir(tmp_path)
    result = meldcode("exercise", "proef.yaml", "--handout", "md", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == (
        "The case in proef.yaml cannot be loaded:\n"
        "  proef.yaml:9: the flow 'sociaal-werk' has no question 'direct_gevaarr'. "
        "Did you mean 'direct_gevaar'?\n"
    )


def test_an_unknown_built_in_case_gets_a_did_you_mean(meldcode):
    result = meldcode("exercise", "kind-verteld", "--handout", "md")
    assert result.exit_code == 1
    assert result.stderr == (
        "Er is geen ingebouwde casus 'kind-verteld'. Bekijk ze met 'meldcode cases', of geef "
        "het pad naar een YAML-bestand.\n  Bedoelt u 'kind-vertelt'?\n"
    )


def test_a_case_may_use_a_flow_file_beside_it(meldcode, write, mini_path, tmp_path):
    write("mini.yaml", mini_path.read_text(encoding="utf-8"))
    case = write(
        "kort.yaml",
        "id: kort\ntitle: Kort\nflow: mini.yaml\nsummary: Kort.\n"
        "story: [{step: 0, text: Nu gevaar.}]\n"
        "reference:\n  gevaar: {answer: true, reasoning: Nu., fact: Eerst 112.}\n"
        "expected: {outcome: bellen, actions: [bel_112]}\n",
    )
    result = meldcode("exercise", str(case), "--handout", "md")
    assert result.exit_code == 0, result.output
    assert "# Casus: Kort" in result.stdout

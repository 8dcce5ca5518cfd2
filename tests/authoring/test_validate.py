"""`meldcode validate`: each kind of mistake, planted in a copy of the built-in flow, is caught at its line."""

from __future__ import annotations

import json

from meldcode_cli.flow.loader import builtin_paths
from tests.authoring.helpers import before_guarantees, core_text, line_of, meldcode, plant


def problems(result) -> list[str]:
    """The problem lines of the output (without the example lines and the summary)."""
    return [line for line in result.stdout.splitlines() if ": MC" in line and not line.startswith(" ")]


def test_the_built_in_flows_validate_clean():
    result = meldcode("validate", "flows/")
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    assert "flows/sociaal-werk.yaml: in orde; 26 garanties bewezen over alle mogelijke wegen." in lines
    assert len(lines) == len(builtin_paths()) and all(": in orde; " in line for line in lines)


def test_a_built_in_flow_by_its_id():
    result = meldcode("validate", "sociaal-werk")
    assert (result.exit_code, result.stdout) == (
        0,
        "flows/sociaal-werk.yaml: in orde; 26 garanties bewezen over alle mogelijke wegen.\n",
    )


def test_in_english():
    result = meldcode("validate", "flows/sociaal-werk.yaml", "--lang", "en")
    assert result.stdout == "flows/sociaal-werk.yaml: OK; 26 guarantees proved over every possible path.\n"


def test_an_unknown_target_says_did_you_mean(tmp_path):
    path, text = plant(tmp_path, "goto: afweging_3", "goto: afweging3")
    result = meldcode("validate", str(path))
    assert result.exit_code == 1
    assert problems(result) == [
        f"{path}:{line_of(text, 'goto: afweging3')}: MC101 'afweging_2' gaat naar 'afweging3', maar die node "
        "bestaat niet. Bedoelt u 'afweging_3'?"
    ]


def test_a_duplicate_id(tmp_path):
    path, text = before_guarantees(
        tmp_path,
        """\
  - id: afsluiten
    step: 5
    kind: info
    text: {nl: Nog een scherm., en: One more screen.}
    next: melden
""",
    )
    result = meldcode("validate", str(path))
    assert result.exit_code == 1
    assert problems(result) == [
        f"{path}:{line_of(text, '- id: afsluiten', after='  - id: hulp_afsluiten')}: MC102 de id 'afsluiten' wordt al "
        "door een andere node gebruikt. Geef elke node een eigen id."
    ]


def test_an_option_used_twice(tmp_path):
    path, text = plant(
        tmp_path, "      - id: nog_niet\n", "      - {id: ja, label: {nl: Ja, en: Ja}}\n      - id: nog_niet\n"
    )
    result = meldcode("validate", str(path))
    assert problems(result) == [
        f"{path}:{line_of(text, '- {id: ja, label')}: MC103 de optie 'ja' staat twee keer bij 'gesprek_gevoerd'."
    ]


def test_a_condition_on_a_question_not_asked_yet(tmp_path):
    # Closing (question 1: no) never passes question 2, so this extra advice can never be shown.
    path, text = plant(
        tmp_path,
        "- when: {question: kinderen_in_gezin, equals: true}",
        "- when: {question: afweging_2, equals: true}",
        after="  - id: afsluiten",
    )
    result = meldcode("validate", str(path))
    assert result.exit_code == 1
    assert problems(result) == [
        f"{path}:{line_of(text, 'question: afweging_2, equals: true}', after='  - id: afsluiten')}: MC201 de "
        "voorwaarde kijkt naar 'afweging_2', maar die vraag wordt op geen enkele weg vóór de uitkomst 'afsluiten' "
        "gesteld; deze test geldt dus nooit. Verwijs naar een vraag die eerder komt, of zet 'afweging_2' eerder in "
        "de flow."
    ]


def test_a_node_no_path_reaches(tmp_path):
    path, text = before_guarantees(
        tmp_path,
        """\
  - id: vergeten_vraag
    step: 2
    kind: yes_no
    text: {nl: Vergeten?, en: Forgotten?}
    next: afweging_1
""",
    )
    result = meldcode("validate", str(path))
    assert problems(result) == [
        f"{path}:{line_of(text, '- id: vergeten_vraag')}: MC202 geen enkele weg komt bij 'vergeten_vraag'. "
        "Laat een 'next' naar 'vergeten_vraag' wijzen, of haal de node weg."
    ]


def test_a_dead_end_with_the_answers_that_lead_there(tmp_path):
    path, text = plant(
        tmp_path,
        "    next: al_betrokken\n",
        "    next:\n      - when: {question: advies_veilig_thuis, equals: nee}\n        goto: al_betrokken\n",
    )
    result = meldcode("validate", str(path))
    assert result.exit_code == 1
    line = line_of(text, "    next:\n      - when: {question: advies_veilig_thuis") + 0
    assert problems(result) == [
        f"{path}:{line}: MC204 doodlopend: na 'advies_veilig_thuis' past bij sommige antwoorden geen enkele regel "
        "onder 'next'. Voeg als laatste een regel zonder 'when' toe."
    ]
    example = result.stdout.split(problems(result)[0] + "\n")[1].split("\n\n")[0]
    assert example.splitlines()[0] == "    # antwoorden (plak ze in een antwoordenbestand):"
    assert example.splitlines()[-2:] == [
        "    advies_veilig_thuis: ja_anoniem",
        "    # → doodlopend na 'advies_veilig_thuis'",
    ]


def test_a_loop_with_no_way_out(tmp_path):
    path, text = plant(
        tmp_path, "    next: afweging_1\n", "    next: gesprek_onveilig\n", after="  - id: gesprek_onveilig"
    )
    result = meldcode("validate", str(path))
    assert problems(result) == [
        f"{path}:{line_of(text, '- id: gesprek_onveilig')}: MC205 een lus zonder uitweg: vanaf 'gesprek_onveilig' "
        "komt geen enkele weg nog bij een uitkomst (de lus: 'gesprek_onveilig'). Geef een van deze nodes een regel "
        "die de lus verlaat."
    ]
    assert "    gesprek_veilig: false" in result.stdout


def test_an_outcome_no_path_reaches(tmp_path):
    path, text = before_guarantees(
        tmp_path,
        """\
  - id: doorverwijzen
    step: 5
    kind: outcome
    title: {nl: Doorverwijzen, en: Refer}
    advice: {nl: Verwijs door., en: Refer on.}
""",
    )
    result = meldcode("validate", str(path))
    assert problems(result) == [
        f"{path}:{line_of(text, '- id: doorverwijzen')}: MC206 geen enkele weg eindigt bij de uitkomst "
        "'doorverwijzen'. Laat een 'next' naar 'doorverwijzen' wijzen, of haal de node weg."
    ]


def test_a_missing_translation_is_only_a_warning(tmp_path):
    path, text = plant(tmp_path, 'title: {nl: "Direct gevaar", en: "Direct danger"}', 'title: {nl: "Direct gevaar"}')
    result = meldcode("validate", str(path))
    assert result.exit_code == 0
    line = line_of(text, 'title: {nl: "Direct gevaar"}')
    assert result.stdout == (
        f"{path}:{line}: MC250 waarschuwing: de Engelse vertaling ontbreekt. Schrijf de tekst als {{nl: …, en: …}}; "
        "tot dan ziet wie Engels kiest de Nederlandse tekst.\n\n"
        f"{path}: in orde (1 waarschuwing); 23 garanties bewezen over alle mogelijke wegen.\n"
    )


def test_json_lists_every_problem(tmp_path):
    path, text = plant(tmp_path, "goto: afweging_3", "goto: afweging3")
    result = meldcode("validate", str(path), "--json", "--lang", "en")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found.pop("files") == [{"file": str(path), "errors": 1, "warnings": 0, "guarantees": 0, "proved": 0}]
    assert found == {
        "format": "meldcode.validate/1",
        "ok": False,
        "errors": 1,
        "warnings": 0,
        "diagnostics": [
            {
                "file": str(path),
                "line": line_of(text, "goto: afweging3"),
                "code": "MC101",
                "severity": "error",
                "message": "'afweging_2' goes to 'afweging3', which does not exist.",
                "hint": "Did you mean 'afweging_3'?",
            }
        ],
    }


def test_a_file_that_is_not_yaml(tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text("id: [kapot\n", encoding="utf-8")
    result = meldcode("validate", str(path))
    assert result.exit_code == 1
    assert problems(result)[0] == (
        f"{path}:1: MC000 een lijst tussen [ en ] wordt niet goed gesloten. Sluit hem "
        "met ] en zet komma's tussen de items."
    )


def test_a_folder_skips_scenario_files_subfolders_and_other_yaml(tmp_path):
    (tmp_path / "flow.yaml").write_text(core_text(), encoding="utf-8")  # the core: a whole flow
    (tmp_path / "flow.scenarios.yaml").write_text("scenarios: []\n", encoding="utf-8")
    (tmp_path / "antwoorden.yaml").write_text("direct_gevaar: true\n", encoding="utf-8")
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "casus.yaml").write_text("kapot: [\n", encoding="utf-8")
    result = meldcode("validate", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout == f"{tmp_path / 'flow.yaml'}: in orde; 23 garanties bewezen over alle mogelijke wegen.\n"


def test_a_missing_file_and_an_empty_folder(tmp_path):
    missing = meldcode("validate", str(tmp_path / "weg.yaml"))
    assert missing.exit_code == 1
    assert f"{tmp_path / 'weg.yaml'}: MC000 Het bestand {tmp_path / 'weg.yaml'} bestaat niet." in missing.stdout
    empty = meldcode("validate", str(tmp_path))
    assert (empty.exit_code, empty.stdout) == (1, "Geen flowbestanden gevonden.\n")


def test_without_a_path_is_wrong_usage():
    assert meldcode("validate").exit_code == 2

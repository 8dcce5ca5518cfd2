"""Loading flows: good ones load, broken ones are refused with `file:line: message` and what to fix."""

from __future__ import annotations

import pytest

from meldcode_cli.base.errors import FileProblems, MeldcodeError
from meldcode_cli.flow.loader import builtin_paths, load_flow, resolve

HEADER = """\
id: kapot
version: "1"
title: Kapot
disclaimer: U beslist.
steps:
  - {number: 0, title: Nul}
  - {number: 1, title: Een}
"""


def refused(path) -> str:
    with pytest.raises(FileProblems) as caught:
        load_flow(path)
    return caught.value.text("nl")


def test_the_mini_flow_loads_with_its_texts(mini_flow):
    assert mini_flow.id == "mini"
    assert mini_flow.node("vormen").text.get("en") == "Which forms?"
    # English falls back to Dutch where a translation is missing.
    assert mini_flow.node("kinderen").text.get("en") == "Zijn er kinderen?"
    assert [c.phone for c in mini_flow.pinned_contacts] == ["112", "0800-2000"]


def test_an_unknown_next_target_says_did_you_mean(write):
    path = write(
        "f.yaml",
        HEADER
        + """\
nodes:
  - id: afweging_3
    step: 1
    kind: yes_no
    text: Vraag?
    next: afweging3
""",
    )
    assert refused(path) == (
        f"De flow in {path} kan niet geladen worden:\n"
        f"  {path}:13: 'afweging_3' gaat naar 'afweging3', maar die node bestaat niet. Bedoelt u 'afweging_3'?"
    )


def test_schema_errors_name_the_line_and_the_fix(write):
    path = write(
        "f.yaml",
        HEADER
        + """\
nodes:
  - id: vraag
    step: 1
    kind: multi
    text: Vraag?
    next: einde
  - id: einde
    step: 1
    kind: outcome
    titel: Einde
    advice: Klaar.
""",
    )
    assert refused(path).splitlines()[1:] == [
        f"  {path}:11: kind 'multi' bestaat niet; kies uit 'info', 'yes_no', 'single', 'multiple', 'text', "
        "'outcome'. Bedoelt u 'multiple'?",
        f"  {path}:14: 'title' ontbreekt.",
        f"  {path}:17: onbekende sleutel 'titel'. Bedoelt u 'title'?",
    ]


def test_every_reference_problem_is_reported_at_once(write):
    path = write(
        "f.yaml",
        HEADER
        + """\
nodes:
  - id: vraag
    step: 3
    kind: single
    text: Vraag?
    options:
      - {id: a, label: A, actions: [bel_113]}
      - {id: a, label: B}
    next:
      - when: {question: vraagg, equals: a}
        goto: einde
      - when: {question: vraag, equals: c}
        goto: einde
      - when: {question: vraag, contains: a}
        goto: einde
      - goto: einde
  - id: einde
    step: 1
    kind: outcome
    title: Einde
    advice: Klaar.
    contacts: [veilig_thuis]
  - id: einde
    step: 1
    kind: outcome
    title: Nog een einde
    advice: Klaar.
""",
    )
    lines = refused(path).splitlines()[1:]
    assert lines == [
        f"  {path}:10: 'vraag' hoort bij stap 3, maar die stap staat niet onder 'steps'. Kies uit [0, 1].",
        f"  {path}:14: de actie 'bel_113' staat niet onder 'actions'.",
        f"  {path}:15: de optie 'a' staat twee keer bij 'vraag'.",
        f"  {path}:17: de voorwaarde noemt de vraag 'vraagg', die niet bestaat. Bedoelt u 'vraag'?",
        f"  {path}:19: 'c' is geen mogelijk antwoord op 'vraag'. Kies uit: a, a.",
        f"  {path}:21: 'contains' past niet bij de vraag 'vraag' (single); gebruik equals, any_of.",
        f"  {path}:29: het contact 'veilig_thuis' staat niet onder 'contacts'.",
        f"  {path}:30: de id 'einde' wordt al door een andere node gebruikt. Geef elke node een eigen id.",
    ]


def test_english_messages_with_lang_en(write):
    path = write("f.yaml", HEADER + "nodes: []\n")
    with pytest.raises(FileProblems) as caught:
        load_flow(path)
    assert caught.value.text("en") == (
        f"The flow in {path} cannot be loaded:\n  {path}:8: 'nodes' must hold at least 1 item."
    )


def test_yaml_syntax_error_names_the_line(write):
    path = write("f.yaml", HEADER + "nodes:\n  - id: x\n    text: [niet gesloten\n")
    text = refused(path)
    assert text.startswith(f"Het bestand {path} is geen geldige YAML.\n  {path}:")
    # In words, at the line where the list was opened.
    assert f"{path}:10: een lijst tussen [ en ] wordt niet goed gesloten." in text


def test_duplicate_keys_are_refused_not_silently_overwritten(write):
    path = write("f.yaml", HEADER + "title: Nog een titel\nnodes: []\n")
    assert refused(path).splitlines()[1] == (f"  {path}:8: de sleutel 'title' staat twee keer in dezelfde mapping.")


def test_python_object_tags_are_refused(write):
    path = write("f.yaml", "id: !!python/object/apply:os.system ['echo hoi']\n")
    assert refused(path).splitlines()[1] == (
        f"  {path}:1: de YAML-tag tag:yaml.org,2002:python/object/apply:os.system is niet toegestaan; "
        "gebruik gewone tekst, getallen, lijsten en mappings."
    )


def test_an_empty_file_and_a_list_are_refused(write):
    assert refused(write("leeg.yaml", "")).endswith("leeg.yaml:1: het bestand is leeg.")
    assert refused(write("lijst.yaml", "- a\n")).endswith(
        "lijst.yaml:1: een flow is een mapping met id, version, title, steps en nodes."
    )


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(MeldcodeError) as caught:
        load_flow(tmp_path / "nergens.yaml")
    assert caught.value.text("nl") == f"Het bestand {tmp_path / 'nergens.yaml'} bestaat niet."


def test_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"id: a\ntitle: caf\xe9\n")
    assert refused(path).endswith(f"{path}:2: de tekst is geen UTF-8. Sla het bestand op als UTF-8.")


def test_an_unknown_builtin_id_lists_the_builtins():
    with pytest.raises(MeldcodeError) as caught:
        resolve("sociaal-werkk")
    text = caught.value.text("nl")
    built_in = ", ".join(sorted(builtin_paths()))
    assert text.startswith(f"Er is geen ingebouwde flow 'sociaal-werkk'. Ingebouwd: {built_in}.")
    assert text.endswith("Bedoelt u 'sociaal-werk'?")


def test_the_builtin_flows_are_found():
    assert "sociaal-werk" in builtin_paths()
    assert resolve(None).builtin_id == "sociaal-werk"


def test_equals_that_can_never_hold_is_refused(write):
    path = write(
        "f.yaml",
        HEADER
        + """\
nodes:
  - id: vormen
    step: 1
    kind: multiple
    text: Vormen?
    options: [{id: vgv, label: VGV}, {id: eer, label: Eer}]
    next:
      - when: {question: vormen, equals: vgv}
        goto: einde
      - goto: einde
  - id: einde
    step: 1
    kind: outcome
    title: Einde
    advice: Klaar.
""",
    )
    assert refused(path).splitlines()[1] == (
        f"  {path}:15: 'equals' bij 'vormen' (multiple) kan zo nooit kloppen: het antwoord is een lijst; "
        "schrijf [..] of gebruik contains."
    )


def test_a_follow_up_must_name_a_question(write):
    path = write(
        "f.yaml",
        HEADER
        + """\
nodes:
  - id: einde
    step: 1
    kind: outcome
    title: Einde
    advice: Klaar.
    follow_up: {question: afweging_5}
""",
    )
    assert refused(path).splitlines()[1] == (
        f"  {path}:14: de uitkomst 'einde' laat 'afweging_5' later opnieuw beoordelen, maar dat is geen vraag "
        "in deze flow."
    )

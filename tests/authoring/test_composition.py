"""Composition: a sector flow extends a core, includes shared fragments, and states only what differs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from meldcode_cli.base.errors import FileProblems
from meldcode_cli.cli.resume import flow_change
from meldcode_cli.flow.json_schema import flow_schema
from meldcode_cli.flow.loader import load_flow
from meldcode_cli.sessions.record import FlowSnapshot
from tests.authoring.helpers import line_of, meldcode
from tests.authoring.schema_check import errors

FIXTURES = Path(__file__).parent.parent / "data" / "composition"


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "flows"
    shutil.copytree(FIXTURES, target)
    return target


def refused(path: Path) -> list[str]:
    with pytest.raises(FileProblems) as caught:
        load_flow(path)
    return [
        f"{Path(p.file).name}:{p.line}: {p.code} {p.message.nl}" + (f" {p.hint.nl}" if p.hint else "")
        for p in caught.value.problems
    ]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_sector_flow_is_the_core_plus_its_fragment_plus_what_differs():
    flow = load_flow(FIXTURES / "school.yaml")
    assert (flow.id, flow.version, flow.sector.nl) == ("school", "1", "Onderwijs")
    # Inserted where `after`/`before` say, the rest in the core's order.
    assert [n.id for n in flow.nodes] == [
        "gevaar",
        "tegen_medewerker",
        "vormen",
        "signalen",
        "intern_begeleider",
        "afweging_1",
        "afweging_2",
        "bel_112",
        "medewerker_route",
        "afsluiten",
        "melden",
        "hulp",
    ]
    # An option removed, another relabelled; a node replaced by one of another kind; a rerouted `next`.
    assert [(o.id, o.label.nl) for o in flow.node("vormen").options] == [
        ("kind", "Een leerling"),
        ("partner", "Partner"),
    ]
    assert flow.node("afweging_2").kind == "single"
    assert [o.id for o in flow.node("afweging_2").options] == ["ja", "twijfel", "nee"]
    assert flow.node("signalen").next[0].goto == "intern_begeleider"
    # The fragment's rule, tried before the core's own (`next+`); lists added to with `key+`.
    assert [(rule.goto, rule.when is not None) for rule in flow.node("gevaar").next] == [
        ("tegen_medewerker", True),
        ("bel_112", True),
        ("vormen", False),
    ]
    assert [text.nl for text in flow.node("melden").next_steps] == [
        "Laat de leerplichtambtenaar weten als de leerling verzuimt."
    ]
    assert flow.node("hulp").contacts == ["vt", "inspectie"]
    # The fragment's action, changed by the sector flow that includes it.
    assert flow.actions["meld_bij_leiding"].title.nl == "Meld het bij het bevoegd gezag"
    assert flow.actions["meld_bij_leiding"].contacts == ["inspectie"]
    assert [g.id for g in flow.guarantees] == ["gevaar_bel_112", "medewerker_naar_de_leiding", "twijfel_is_melden"]
    # A fragment's name and description say what the fragment is, not the flow.
    assert flow.description is None


def test_validate_proves_every_guarantee_and_the_scenarios_cover_everything():
    result = meldcode("validate", str(FIXTURES))
    assert result.exit_code == 0, result.stdout
    # The fragment in delen/ is checked with the flow that includes it, not on its own.
    assert result.stdout.splitlines() == [
        f"{FIXTURES / 'kern.yaml'}: in orde; 1 garantie bewezen over alle mogelijke wegen.",
        f"{FIXTURES / 'organisatie.yaml'}: in orde; 3 garanties bewezen over alle mogelijke wegen.",
        f"{FIXTURES / 'school.yaml'}: in orde; 3 garanties bewezen over alle mogelijke wegen.",
    ]
    tested = meldcode("test", str(FIXTURES / "school.yaml"))
    assert tested.exit_code == 0, tested.stdout
    assert "12 van 12 nodes (100%), 13 van 13 antwoorden (100%)" in tested.stdout


def test_a_guarantee_of_the_fragment_binds_the_flow_that_includes_it(folder):
    edit(folder / "school.yaml", "  - id: signalen\n", "  - id: tegen_medewerker\n    next: vormen\n  - id: signalen\n")
    result = meldcode("validate", str(folder / "school.yaml"))
    assert result.exit_code == 1
    fragment = folder / "delen" / "medewerker.yaml"
    broken = [line for line in result.stdout.splitlines() if "MC301" in line]
    assert broken[0].startswith(
        f"{fragment}:{line_of(fragment.read_text(), '- id: medewerker_naar_de_leiding')}: MC301 de garantie "
        "'medewerker_naar_de_leiding' geldt niet"
    )


def test_graph_draws_the_resolved_flow():
    result = meldcode("graph", str(FIXTURES / "school.yaml"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert '  gevaar -->|"nee"| tegen_medewerker' in lines
    assert '  tegen_medewerker -->|"ja"| medewerker_route' in lines
    assert "  signalen --> intern_begeleider" in lines
    assert '  afweging_2 -->|"Ja, Ik twijfel"| melden' in lines


def test_an_organisation_overlay_works_on_top_of_a_sector_flow(tmp_path):
    flow = load_flow(FIXTURES / "organisatie.yaml")
    assert (flow.id, flow.version, flow.sector.nl) == ("school-de-linde", "2026.1", "Onderwijs")
    assert flow.contacts["inspectie"].phone == "0900-111 3 111"
    assert flow.contacts["inspectie"].when.nl == "Op werkdagen."
    assert flow.actions["meld_bij_leiding"].contacts == ["inspectie", "aandachtsfunctionaris"]
    answers = tmp_path / "a.yaml"
    answers.write_text("gevaar: false\ntegen_medewerker: true\n", encoding="utf-8")
    result = meldcode("run", str(FIXTURES / "organisatie.yaml"), "--answers", str(answers), "--no-save")
    assert result.exit_code == 0, result.output
    assert "Route bij een medewerker" in result.stdout
    assert "030-123 45 67" in result.stdout and "0900-111 3 111" in result.stdout


def test_a_whole_flow_can_include_fragments_too(folder):
    edit(folder / "kern.yaml", "id: kern\n", "id: kern\ninclude: [delen/medewerker.yaml]\n")
    flow = load_flow(folder / "kern.yaml")
    assert [n.id for n in flow.nodes][:2] == ["gevaar", "tegen_medewerker"]
    assert "medewerker_naar_de_leiding" in [g.id for g in flow.guarantees]


def test_mistakes_point_at_the_file_and_line_they_are_in(folder):
    school, fragment = folder / "school.yaml", folder / "delen" / "medewerker.yaml"
    edit(school, "after: signalen", "after: signalenn")
    assert refused(school) == [
        f"school.yaml:{line_of(school.read_text(), 'after: signalenn')}: MC125 'after' noemt "
        "'signalenn', maar die node is er niet (of wordt weggehaald). Bedoelt u 'signalen'?"
    ]
    edit(school, "after: signalenn", "after: signalen")
    edit(fragment, "    after: gevaar\n", "    after: gevaar\n    before: vormen\n")
    assert refused(school) == [
        f"medewerker.yaml:{line_of(fragment.read_text(), 'before: vormen')}: MC125 geef "
        "'after' of 'before', niet allebei."
    ]
    edit(fragment, "    before: vormen\n", "")
    edit(school, "{id: eer, remove: true}", "{id: eerr, remove: true}")
    assert refused(school) == [
        f"school.yaml:{line_of(school.read_text(), 'eerr')}: MC123 de basisflow heeft geen optie "
        "bij 'vormen' 'eerr' om aan te passen, en een nieuwe optie bij 'vormen' is niet compleet. "
        "Bedoelt u 'eer'?"
    ]
    edit(school, "{id: eerr, remove: true}", "{id: eer, remove: true, label: Eer}")
    assert refused(school) == [
        f"school.yaml:{line_of(school.read_text(), 'remove: true, label')}: MC100 wat weggaat, "
        "krijgt geen andere velden (label)."
    ]


def test_removing_what_the_core_still_uses_points_at_the_core(folder):
    kern = folder / "kern.yaml"
    edit(
        kern,
        "    next: signalen\n",
        "    next:\n      - when: {question: vormen, contains: eer}\n        goto: "
        "afweging_1\n      - goto: signalen\n",
    )
    problems = refused(folder / "school.yaml")
    assert len(problems) == 1
    assert problems[0].startswith(f"kern.yaml:{line_of(kern.read_text(), 'contains: eer')}: MC105 ")


@pytest.mark.parametrize(
    ("include", "expected"),
    [
        (
            "[../buiten.yaml]",
            "MC121 '../buiten.yaml' ligt buiten de map van de flow; een flow kan alleen een bestand in zijn "
            "eigen map (of een submap) of een ingebouwde flow opnemen. Zet het fragment naast deze flow of "
            "in een submap.",
        ),
        ("[delen/weg.yaml]", "MC120 het bestand 'delen/weg.yaml' om op te nemen bestaat niet."),
        ("delen/medewerker.yaml", "MC100 'include' moet een lijst zijn van paden naar fragmenten (YAML-bestanden)."),
        (
            "[kern.yaml]",
            "MC100 een fragment om op te nemen begint met 'fragment: <naam>' en bevat alleen steps, "
            "contacts, actions, nodes en guarantees.",
        ),
    ],
)
def test_an_include_that_cannot_be_taken_in(folder, include, expected):
    (folder.parent / "buiten.yaml").write_text("fragment: buiten\n", encoding="utf-8")
    edit(folder / "school.yaml", "include: [delen/medewerker.yaml]", f"include: {include}")
    problem = refused(folder / "school.yaml")[0]
    assert problem.split(": ", 1)[1] == expected
    assert problem.startswith("kern.yaml:" if include == "[kern.yaml]" else "school.yaml:3:")


def test_an_include_written_with_windows_separators_names_the_same_file(folder):
    edit(folder / "school.yaml", "include: [delen/medewerker.yaml]", "include: ['delen\\medewerker.yaml']")
    assert [n.id for n in load_flow(folder / "school.yaml").nodes] == [
        n.id for n in load_flow(FIXTURES / "school.yaml").nodes
    ]


def test_a_windows_separator_does_not_climb_out_of_the_flows_folder(folder):
    (folder.parent / "buiten.yaml").write_text("fragment: buiten\n", encoding="utf-8")
    edit(folder / "school.yaml", "include: [delen/medewerker.yaml]", "include: ['..\\buiten.yaml']")
    assert refused(folder / "school.yaml")[0] == (
        "school.yaml:3: MC121 '..\\buiten.yaml' ligt buiten de map van de flow; een flow kan alleen een bestand "
        "in zijn eigen map (of een submap) of een ingebouwde flow opnemen. Zet het fragment naast deze flow of "
        "in een submap."
    )


def test_a_fragment_holds_only_shared_parts(folder):
    fragment = folder / "delen" / "medewerker.yaml"
    edit(fragment, "fragment: medewerker\n", "fragment: medewerker\nstart: gevaar\n")
    assert refused(folder / "school.yaml") == [
        "medewerker.yaml:3: MC100 onbekende sleutel 'start' in een fragment. Haal de sleutel weg."
    ]


def test_a_session_keeps_the_resolved_flow(folder, tmp_path, monkeypatch):
    """A session of a composed flow does not depend on its files: they may change or go."""
    monkeypatch.setenv("MELDCODE_HOME", str(tmp_path / "home"))
    answers = tmp_path / "a.yaml"
    answers.write_text("gevaar: false\ntegen_medewerker: true\n", encoding="utf-8")
    result = meldcode("run", str(folder / "school.yaml"), "--answers", str(answers), "--reference", "casus-1", "--json")
    assert result.exit_code == 0, result.output
    session = json.loads(next((tmp_path / "home" / "sessions").glob("*.json")).read_text(encoding="utf-8"))
    # The flow's text is kept once per version beside the sessions (snapshots.py), named by its hash.
    from meldcode_cli.sessions import snapshots

    session["flow"]["text"] = snapshots.text_of(tmp_path / "home" / "sessions", session["flow"]["sha256"])
    kept = yaml.safe_load(session["flow"]["text"])
    assert "extends" not in kept and "include" not in kept
    assert [n["id"] for n in kept["nodes"]][:2] == ["gevaar", "tegen_medewerker"]
    snapshot = FlowSnapshot.model_validate(session["flow"])
    assert flow_change(snapshot) is None  # the files are as they were
    shutil.rmtree(folder / "delen")
    assert "is niet meer te vinden" in flow_change(snapshot).nl
    report = meldcode("report", session["id"])
    assert report.exit_code == 0, report.output
    assert "Route bij een medewerker" in report.stdout


def test_the_fixtures_fit_the_schema():
    schema = flow_schema()
    for name in ("kern.yaml", "school.yaml", "organisatie.yaml", "delen/medewerker.yaml"):
        data = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
        assert errors(data, schema) == [], name
    wrong = yaml.safe_load((FIXTURES / "delen" / "medewerker.yaml").read_text(encoding="utf-8"))
    wrong["start"] = "gevaar"
    assert errors(wrong, schema)


def test_a_fragment_named_on_its_own_says_what_it_is():
    fragment = FIXTURES / "delen" / "medewerker.yaml"
    result = meldcode("validate", str(fragment))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{fragment}:2: MC100 dit is een fragment (gedeelde onderdelen), geen flow op zich. Het wordt gebruikt en "
        "gecontroleerd in elke flow die het noemt onder 'include:'. Geef een flow die het fragment opneemt."
    )
    assert refused(fragment) == [
        "medewerker.yaml:2: MC100 dit is een fragment (gedeelde onderdelen), geen flow op zich. Het wordt gebruikt en "
        "gecontroleerd in elke flow die het noemt onder 'include:'. Geef een flow die het fragment opneemt."
    ]


def test_adding_to_a_list_of_the_base(folder):
    school = folder / "school.yaml"
    edit(school, "    contacts+: [inspectie]\n", "    contacts+: [inspectie]\n    contacts: [vt]\n")
    assert refused(school) == [
        f"school.yaml:{line_of(school.read_text(), 'contacts+')}: MC100 geef 'contacts' of 'contacts+', niet allebei."
    ]
    edit(school, "    contacts+: [inspectie]\n    contacts: [vt]\n", "    contacts+: inspectie\n    advice+: [Extra]\n")
    text = school.read_text()
    assert refused(school) == [
        f"school.yaml:{line_of(text, 'contacts+')}: MC100 'contacts+' is een lijst met wat erbij komt.",
        f"school.yaml:{line_of(text, 'advice+')}: MC100 'advice' is in de basisflow geen lijst; 'advice+' kan er "
        "niets aan toevoegen.",
    ]


def test_a_new_node_takes_key_plus_as_the_key_itself(folder):
    edit(
        folder / "school.yaml",
        "    next: afweging_1\n  - id: afweging_2\n",
        "    next+: [{goto: afweging_1}]\n    actions+: [meld_bij_leiding]\n  - id: afweging_2\n",
    )
    flow = load_flow(folder / "school.yaml")
    assert flow.node("intern_begeleider").next[0].goto == "afweging_1"
    assert [a.id for a in flow.node("intern_begeleider").actions] == ["meld_bij_leiding"]

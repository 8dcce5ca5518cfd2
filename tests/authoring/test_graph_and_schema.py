"""`meldcode graph` and `meldcode schema`: the committed diagram and schema are what the commands print now."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from meldcode_cli.flow import yamlsource
from meldcode_cli.flow.json_schema import flow_schema
from meldcode_cli.flow.loader import builtin_paths, parse_flow
from meldcode_cli.output.graph import mermaid
from tests.authoring.helpers import meldcode
from tests.authoring.schema_check import errors

ROOT = Path(__file__).parent.parent.parent
DIAGRAM = ROOT / "docs" / "sociaal-werk-diagram.md"
SCHEMA = ROOT / "docs" / "flow.schema.json"


@pytest.mark.parametrize("document", [DIAGRAM, ROOT / "README.md"], ids=["diagram page", "README"])
def test_the_committed_diagram_is_the_current_one(document):
    committed = re.search(r"```mermaid\n(.*?)```", document.read_text(encoding="utf-8"), flags=re.S).group(1)
    result = meldcode("graph", "sociaal-werk")
    assert result.exit_code == 0
    assert committed == result.stdout, "run `meldcode graph sociaal-werk` and replace the block in " + str(document)


def test_mermaid_groups_by_step_styles_outcomes_and_labels_edges():
    out = meldcode("graph", "sociaal-werk", "--format", "mermaid").stdout.splitlines()
    assert out[0] == "flowchart TD"
    assert '  subgraph step_0["Eerst — Direct gevaar"]' in out
    assert '  subgraph step_4["Stap 4 — Wegen van het geweld"]' in out
    assert '    bel_112(["Bel nu 112"])' in out
    assert '  direct_gevaar -->|"ja"| bel_112' in out
    assert '  direct_gevaar -->|"anders"| acuut_komende_uren' in out
    assert (
        '  uitkomst_consultatie -->|"vormen bevat een van eergerelateerd_geweld, huwelijksdwang_achterlating"| '
        "gesprek_eer_overslaan"
    ) in out
    assert '  afweging_5 -->|"Nee, het blijft onveilig of wordt weer…"| melden' in out
    assert "  class bel_112,afsluiten,melden,hulp_bieden,medewerker_route,hulp_afsluiten outcome" in out


def test_english_labels():
    out = meldcode("graph", "sociaal-werk", "--lang", "en").stdout
    assert '  direct_gevaar -->|"yes"| bel_112' in out and '  subgraph step_0["First — Direct danger"]' in out


def test_dot_has_a_cluster_per_step_and_labelled_edges():
    out = meldcode("graph", "sociaal-werk", "-f", "dot").stdout
    assert out.startswith("// sociaal-werk")
    assert 'digraph "sociaal-werk" {' in out
    assert out.count("subgraph cluster_step_") == 6
    assert '"direct_gevaar" -> "bel_112" [label="ja"];' in out
    assert '"melden" [label="Melden bij Veilig Thuis", fillcolor="#e8f5e9"' in out
    assert out.rstrip().endswith("}")


def test_mermaid_never_uses_a_keyword_or_dash_as_a_node_name():
    text = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("goto: afsluiten", "goto: end").replace("- id: afsluiten", "- id: end")
    text = text.replace("goto: bellen", "goto: bel-112").replace("- id: bellen", "- id: bel-112")
    drawn = mermaid(parse_flow(yamlsource.parse(text, "mini.yaml")))
    assert "bel-112" not in drawn
    assert re.search(r"(^\s+end[\[(> ]|--> end$)", drawn, flags=re.M) is None  # a bare `end` closes a subgraph
    assert '    node_6(["Bel 112"])' in drawn and '    node_8(["Afsluiten"])' in drawn


def test_an_unknown_format_is_wrong_usage():
    assert meldcode("graph", "sociaal-werk", "--format", "png").exit_code == 2


def test_the_committed_schema_is_the_current_one():
    result = meldcode("schema")
    assert result.exit_code == 0
    assert SCHEMA.read_text(encoding="utf-8") == result.stdout, "run `meldcode schema -o docs/flow.schema.json`"


def test_schema_to_a_file(tmp_path):
    target = tmp_path / "flow.schema.json"
    assert meldcode("schema", "--output", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == flow_schema()


def test_the_built_in_flows_point_editors_at_the_schema():
    for path in builtin_paths().values():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../docs/flow.schema.json"
        assert (ROOT / "flows" / "../docs/flow.schema.json").resolve() == SCHEMA.resolve()
    example = ROOT / "docs" / "examples" / "mijn-organisatie.yaml"
    assert example.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../flow.schema.json\n")


def test_flows_and_overlays_fit_the_schema_and_mistakes_do_not():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for path in [
        *builtin_paths().values(),
        ROOT / "tests" / "data" / "mini.yaml",
        ROOT / "docs" / "examples" / "mijn-organisatie.yaml",
    ]:
        assert errors(yamlsource.load(path).data, schema) == [], path
    flow = yamlsource.load(ROOT / "tests" / "data" / "mini.yaml").data
    flow["nodes"][1]["nxt"] = "kinderen"
    assert errors(flow, schema) == ["/nodes/1: does not match exactly one of oneOf"]
    overlay = yamlsource.load(ROOT / "docs" / "examples" / "mijn-organisatie.yaml").data
    overlay["contacts"]["wijkteam"]["telefoon"] = "0"
    assert errors(overlay, schema) == ["/contacts/wijkteam: has unknown key telefoon"]

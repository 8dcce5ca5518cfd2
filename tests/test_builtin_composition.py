"""The built-in flows are composed of one core: sociaal-werk, resolved, is the 2.1.0 flow it was as one file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from meldcode_cli.flow.loader import builtin_dir, builtin_paths, load_flow, read_flow
from tests.authoring.helpers import meldcode
from tests.e2e.pty import meldcode_command

# The flow as it was written in one file before the core was taken out of it (model_dump, as JSON).
GOLDEN = Path(__file__).parent / "data" / "sociaal-werk-2.1.0.resolved.json"
KERN = builtin_dir() / "kern"

SHARED_QUESTIONS = [
    "direct_gevaar",
    "vormen",
    "kinderen_in_gezin",
    "afweging_1",
    "afweging_2",
    "afweging_3",
    "afweging_4",
    "afweging_5",
    "vermoeden_tegen_medewerker",
    "medewerker_feiten",
]
SHARED_OUTCOMES = ["bel_112", "afsluiten", "melden", "hulp_bieden", "hulp_afsluiten", "medewerker_route"]


def resolved() -> dict:
    return load_flow("sociaal-werk").model_dump(mode="json")


def test_the_resolved_flow_is_the_one_file_flow_of_2_1_0():
    before, after = json.loads(GOLDEN.read_text(encoding="utf-8")), resolved()
    assert after.keys() == before.keys()
    for key in before:
        if key not in ("guarantees", "sector"):
            assert after[key] == before[key], key  # every node, text, action, contact, step: the same
    # The one addition: the sector `meldcode flows` shows and `meldcode run` offers it by.
    assert before["sector"] is None
    assert after["sector"] == {"nl": "Sociaal werk en Wmo", "en": "Social work and social support (Wmo)"}


def test_the_guarantees_are_those_of_2_1_0_with_the_staff_route_proved_in_the_core():
    before = {g["id"]: g for g in json.loads(GOLDEN.read_text(encoding="utf-8"))["guarantees"]}
    after = {g["id"]: g for g in resolved()["guarantees"]}
    assert set(after) == set(before) | {"medewerker_route_niet_thuissituatie"}
    for guarantee_id, guarantee in before.items():
        if guarantee_id != "medewerker_naar_de_toezichthouder":
            assert after[guarantee_id] == guarantee, guarantee_id
    # The staff route's guarantee of 2.1.0, now one half in the core and the Wmo supervisor in the sector.
    old, core, sector = (
        before["medewerker_naar_de_toezichthouder"],
        after["medewerker_route_niet_thuissituatie"],
        after["medewerker_naar_de_toezichthouder"],
    )
    assert core["when"] == sector["when"] == old["when"]
    assert core["then"]["outcome"] == sector["then"]["outcome"] == old["then"]["outcome"]
    assert set(core["then"]["actions"]) | set(sector["then"]["actions"]) == set(old["then"]["actions"])
    for key in ("not_actions", "avoids"):
        assert core["then"][key] == old["then"][key]


def test_the_sector_file_extends_the_core_and_includes_the_yes_no_fragment():
    located, sources = read_flow(builtin_paths()["sociaal-werk"])
    assert [p.relative_to(builtin_dir()).as_posix() for p in sources] == [
        "sociaal-werk.yaml",
        "kern/kern.yaml",
        "kern/afweging-ja-nee.yaml",
    ]
    assert "extends" not in located.data and "include" not in located.data


def test_the_core_is_a_whole_flow_with_the_shared_ids_and_is_not_listed_as_a_built_in_flow():
    core = load_flow(KERN / "kern.yaml")
    assert core.id == "kern"
    ids = {node.id: node.kind for node in core.nodes}
    assert all(ids[q] != "outcome" for q in SHARED_QUESTIONS)
    assert all(ids[o] == "outcome" for o in SHARED_OUTCOMES)
    assert "kern" not in builtin_paths()
    result = meldcode("validate", "flows/kern/")
    assert result.exit_code == 0
    assert result.stdout == "flows/kern/kern.yaml: in orde; 23 garanties bewezen over alle mogelijke wegen.\n"


def reads(value, question: str) -> bool:
    """Whether a part of a flow holds a test of `question`'s answer."""
    if isinstance(value, dict):
        return value.get("question") == question or any(reads(v, question) for v in value.values())
    return isinstance(value, list) and any(reads(v, question) for v in value)


def test_no_answer_of_question_2_is_read_in_the_core_outside_the_question_itself():
    # A sector that asks question 2 otherwise (onderwijs: ja / twijfel / nee) replaces the node whole and
    # leaves the yes/no fragment out: nothing else in the core may read afweging_2's yes or no.
    data = yaml.safe_load((KERN / "kern.yaml").read_text(encoding="utf-8"))
    assert [node["id"] for node in data["nodes"] if reads(node, "afweging_2")] == ["afweging_2"]
    assert [g["id"] for g in data["guarantees"] if reads(g, "afweging_2")] == []
    fragment = yaml.safe_load((KERN / "afweging-ja-nee.yaml").read_text(encoding="utf-8"))
    assert [node["id"] for node in fragment["nodes"] if reads(node, "afweging_2")] == ["melden"]
    assert [g["id"] for g in fragment["guarantees"]] == ["afweging_2_ja_melden", "melden_altijd_met_vervolg"]
    assert all(reads(g, "afweging_2") for g in fragment["guarantees"])


def test_no_block_of_the_core_is_written_again_in_the_sector_file():
    # Six lines in a row, the same in the sector file and in a core file, would be a copy.
    def windows(path: Path) -> set[tuple[str, ...]]:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return {tuple(lines[i : i + 6]) for i in range(len(lines) - 5)}

    sector = windows(builtin_paths()["sociaal-werk"])
    for core_file in sorted(KERN.glob("*.yaml")):
        assert not sector & windows(core_file), core_file


def test_graph_draws_the_resolved_flow(tmp_path):
    # The diagram of the composed built-in flow is the diagram of the same flow written out whole.
    whole = tmp_path / "heel.yaml"
    assert meldcode("flows", "--export", "sociaal-werk", "-o", str(whole)).exit_code == 0
    for fmt in ("mermaid", "dot"):
        composed, written = meldcode("graph", "sociaal-werk", "-f", fmt), meldcode("graph", str(whole), "-f", fmt)
        assert composed.exit_code == written.exit_code == 0
        drop_command = lambda out: [line for line in out.splitlines() if "meldcode graph" not in line]  # noqa: E731
        assert drop_command(composed.stdout) == drop_command(written.stdout)
        assert "medewerker_route" in composed.stdout and "kern" not in composed.stdout


def test_export_writes_the_whole_flow_that_runs_like_the_built_in_one(tmp_path):
    done = subprocess.run(
        [*meldcode_command(), "flows", "--export", "sociaal-werk", "-o", "eigen.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    written = yaml.safe_load((tmp_path / "eigen.yaml").read_text(encoding="utf-8"))
    assert written["id"] == "sociaal-werk" and "extends" not in written and "include" not in written
    assert [n["id"] for n in written["nodes"]] == [n.id for n in load_flow("sociaal-werk").nodes]
    assert len(written["guarantees"]) == 26
    assert not (tmp_path / "kern").exists()  # it stands on its own
    checked = subprocess.run(
        [*meldcode_command(), "test", "eigen.yaml"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert checked.returncode == 0, checked.stdout
    assert "46 van 46 nodes (100%), 112 van 112 antwoorden (100%)" in checked.stdout


@pytest.mark.parametrize("flow_id", sorted(builtin_paths()))
def test_every_question_of_every_built_in_flow_says_why_it_is_asked_and_helps(flow_id):
    # Every text in Dutch and English is proved by validate (MC250), and the built-in flows validate
    # without a single warning (tests/authoring/test_validate.py). What validate does not ask: the why
    # and the help on every question.
    flow = load_flow(flow_id)
    assert [n.id for n in flow.nodes if n.is_question and (n.help is None or n.why is None)] == []

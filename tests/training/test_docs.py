"""docs/training.md stays true: its example case loads and walks, its learner file can be graded."""

from __future__ import annotations

import re
from pathlib import Path

from meldcode_cli.flow import yamlsource
from meldcode_cli.training.cases import builtin_case_paths, load_case, parse_case
from meldcode_cli.training.grading import grade_file

DOC = (Path(__file__).parent.parent.parent / "docs" / "training.md").read_text(encoding="utf-8")


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S)


def test_the_example_case_is_a_valid_case():
    example = next(block for block in yaml_blocks() if block.startswith("id: ruzie-om-geld"))
    loaded = parse_case(yamlsource.parse(example, "ruzie.yaml"))
    assert loaded.reference_walk.outcome.id == "hulp_bieden"


def test_the_example_answers_file_can_be_graded(tmp_path):
    example = next(block for block in yaml_blocks() if block.startswith("name: Deelnemer 3"))
    path = tmp_path / "d3.yaml"
    path.write_text(example, encoding="utf-8")
    graded = grade_file(path, load_case("kind-vertelt"))
    assert graded.name == "Deelnemer 3"


def test_the_table_of_built_in_cases_is_complete_and_right():
    rows = dict(re.findall(r"^\| `([a-z0-9-]+)` \| ([a-z_0-9]+) \|", DOC, flags=re.M))
    assert set(rows) == set(builtin_case_paths())
    for case_id, outcome in rows.items():
        assert load_case(case_id).case.expected.outcome == outcome, case_id

"""What a flow author meets first: a copy of a built-in flow, a quoted version, the right flow suggested,
a diagram header that works, and warnings that do not bury the error."""

from __future__ import annotations

import os
import re
import shlex
import subprocess

import yaml

from meldcode_cli.flow.loader import load_flow
from tests.authoring.helpers import built_in_copy
from tests.e2e.pty import meldcode_command


def meldcode(cwd, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "MELDCODE_HOME": str(cwd / "home"), "COLUMNS": "200"}
    return subprocess.run(
        meldcode_command() + list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=60, input=stdin
    )


def test_export_writes_a_built_in_flow_and_its_scenarios_to_adapt(tmp_path):
    result = meldcode(tmp_path, "flows", "--export", "sociaal-werk", "-o", "mijn-flow.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("Geschreven: mijn-flow.yaml + mijn-flow.scenarios.yaml.\n")
    # The built-in flow extends the shared core: the copy is the whole flow, standing on its own.
    written = yaml.safe_load((tmp_path / "mijn-flow.yaml").read_text(encoding="utf-8"))
    assert "extends" not in written and "include" not in written and len(written["nodes"]) == 46
    assert load_flow(tmp_path / "mijn-flow.yaml").model_dump() == load_flow("sociaal-werk").model_dump()
    assert "flow: mijn-flow.yaml" in (tmp_path / "mijn-flow.scenarios.yaml").read_text(encoding="utf-8")
    assert meldcode(tmp_path, "validate", "mijn-flow.yaml").returncode == 0
    assert meldcode(tmp_path, "test", "mijn-flow.yaml").returncode == 0
    again = meldcode(tmp_path, "flows", "--export", "sociaal-werk", "-o", "mijn-flow.yaml")
    assert again.returncode == 1
    assert again.stderr == "mijn-flow.yaml bestaat al. Kies een andere naam, of overschrijf het bestand met --force.\n"
    wrong = meldcode(tmp_path, "flows", "--export", "sociaal_werk")
    assert wrong.returncode == 1 and "Bedoelt u 'sociaal-werk'?" in wrong.stderr


def test_an_unquoted_version_number_says_to_quote_it(tmp_path):
    flow = built_in_copy(tmp_path)
    flow.write_text(flow.read_text(encoding="utf-8").replace('version: "2.1.0"', "version: 1.0", 1), encoding="utf-8")
    result = meldcode(tmp_path, "validate", "flow.yaml")
    assert result.returncode == 1
    assert re.search(
        r"^flow\.yaml:\d+: MC100 'version' moet tekst zijn, maar YAML leest 1\.0 als getal\. "
        r'Zet het tussen aanhalingstekens: version: "1\.0"$',
        result.stdout,
        flags=re.M,
    ), result.stdout


def test_a_near_miss_suggests_the_built_in_flow(tmp_path):
    for typed in ("sociaal_werk", "Sociaal-Werk", "sociaal-werk.yml", "werk"):
        result = meldcode(tmp_path, "graph", typed)
        assert result.returncode == 1
        assert result.stderr.endswith("  Bedoelt u 'sociaal-werk'?\n"), (typed, result.stderr)


def test_the_diagram_header_names_a_command_that_draws_it_again(tmp_path, mini_path):
    for args in (
        ["graph", str(mini_path)],
        ["graph", str(mini_path), "-f", "dot", "--lang", "en"],
        ["graph", "sociaal-werk"],
    ):
        drawn = meldcode(tmp_path, *args).stdout
        header = re.search(r"(?:%%|//) \S+ \S+: (meldcode .*)", drawn).group(1)
        again = meldcode(tmp_path, *shlex.split(header)[1:])
        assert again.returncode == 0 and again.stdout == drawn
    help_text = meldcode(tmp_path, "graph", "--help").stdout
    example = re.search(r"Voorbeeld: meldcode (graph \S+ --format dot)", help_text).group(1)
    assert meldcode(tmp_path, *example.split()).stdout.startswith("// sociaal-werk")


DUTCH_ONLY = """\
id: alleen-nl
version: "1"
title: Alleen Nederlands
disclaimer: U beslist.
steps: [{{number: 1, title: Een}}]
nodes:
{questions}
  - id: einde
    step: 1
    kind: outcome
    only_if: {{question: vraag_1, equals: true}}
    title: Einde
    advice: Klaar.
"""


def dutch_only_flow(questions: int) -> str:
    nodes = []
    for n in range(1, questions + 1):
        target = f"vraag_{n + 1}" if n < questions else "einde"
        nodes.append(f"  - id: vraag_{n}\n    step: 1\n    kind: yes_no\n    text: Vraag {n}?\n    next: {target}")
    return DUTCH_ONLY.format(questions="\n".join(nodes))


def test_repeated_warnings_share_one_line_and_the_error_comes_first(tmp_path):
    (tmp_path / "flow.yaml").write_text(dutch_only_flow(40), encoding="utf-8")
    result = meldcode(tmp_path, "validate", "flow.yaml")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert re.match(r"flow\.yaml:\d+: MC207 ", lines[0])  # the one real error, on top
    missing = [line for line in lines if "MC250" in line]
    assert len(missing) == 1
    assert re.search(
        r"MC250 waarschuwing: de Engelse vertaling ontbreekt\..* \(en nog 44 keer: regel \d+, \d+, "
        r"\d+, \d+, \d+, \d+, \d+, \d+, …\)$",
        missing[0],
    ), missing[0]
    assert "(Herhaalde waarschuwingen staan samen op één regel; alle regels: --verbose.)" in lines
    assert lines[-1] == "1 fout en 45 waarschuwingen in 1 van 1 bestand."
    assert len([line for line in lines if line.startswith("flow.yaml:")]) == 2
    verbose = meldcode(tmp_path, "validate", "flow.yaml", "--verbose").stdout.splitlines()
    assert re.match(r"flow\.yaml:\d+: MC207 ", verbose[0])
    assert sum("MC250" in line for line in verbose) > 40

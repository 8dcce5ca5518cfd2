"""What start-up imports: the quick commands must not pay for prompts, schemas or reports (a test of
*what* is imported, never of time; the figures are in benchmarks/ and docs/performance.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("questionary", "prompt_toolkit", "rich", "yaml", "cryptography", "platformdirs")


def modules_after(code: str) -> set[str]:
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_importing_the_command_line_pulls_in_no_prompts_schemas_or_reports():
    loaded = modules_after("import meldcode_cli.cli.app")
    assert "typer" in loaded  # the probe sees what was imported
    assert not loaded & {*HEAVY, "pydantic"}, loaded & {*HEAVY, "pydantic"}


@pytest.mark.parametrize("command", [["--help"], ["--version"], ["flows"]])
def test_the_quick_commands_never_load_the_prompts(command):
    code = (
        f"import sys; sys.argv = ['meldcode', *{command!r}]\n"
        "from meldcode_cli.cli.main import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    loaded = modules_after(code)
    assert not loaded & {"questionary", "prompt_toolkit", "cryptography", "platformdirs"}


@pytest.mark.parametrize("flow", [[], ["sociaal-werk"]])
def test_a_scripted_json_run_needs_no_rich_and_no_prompts(tmp_path, monkeypatch, flow):
    monkeypatch.delenv("MELDCODE_HOME", raising=False)
    monkeypatch.delenv("MELDCODE_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    answers = tmp_path / "a.json"
    answers.write_text('{"direct_gevaar": true}', encoding="utf-8")
    code = (
        f"import sys; sys.argv = ['meldcode', 'run', *{flow!r}, '--answers', {str(answers)!r}, '--json']\n"
        "from meldcode_cli.cli.main import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    loaded = modules_after(code)
    assert not loaded & {"questionary", "prompt_toolkit", "rich", "cryptography"}
    # Without a flow the run reads the user's remembered sector, from the folder platformdirs knows.
    assert ("platformdirs" in loaded) == (not flow)


@pytest.mark.parametrize("command", [["run", "--answers", "{answers}", "--json"], ["flows"], ["cases"], ["sessions"]])
def test_once_the_flow_is_compiled_the_quick_commands_need_no_schema_library_and_no_yaml(
    tmp_path, monkeypatch, command
):
    """The compiled flow (compiled.py) and the remembered case list keep pydantic and PyYAML off
    these paths; the first run, which compiles the flow, may use them. (`sessions` here has nothing
    saved: with sessions it goes through the session store, which checks its folder first.)"""
    monkeypatch.setenv("MELDCODE_HOME", str(tmp_path / "home"))
    answers = tmp_path / "a.json"
    answers.write_text('{"direct_gevaar": true}', encoding="utf-8")
    argv = [part.format(answers=answers) for part in command]
    code = (
        f"import sys; sys.argv = ['meldcode', *{argv!r}]\n"
        "from meldcode_cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    modules_after(code)  # the first run compiles the built-in flow
    loaded = modules_after(code)
    assert not loaded & {"pydantic", "yaml", "questionary", "prompt_toolkit", "cryptography"}, loaded


def loaded_by(argv: list[str], home) -> set[str]:
    """Every module (not only the top-level names) a command line imported."""
    code = (
        f"import sys; sys.argv = ['meldcode', *{argv!r}]\n"
        "from meldcode_cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import json; print(json.dumps(sorted(sys.modules)))"
    )
    env = {**os.environ, "MELDCODE_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


@pytest.mark.parametrize(("command", "group"), [("flows", "flows"), ("sessions", "sessions"), ("cases", "training")])
def test_a_quick_command_imports_its_own_command_group_only(tmp_path, command, group):
    """cli/main.py builds only the group of the command asked for; the others are never imported."""
    loaded = loaded_by([command], tmp_path / "home")
    groups = {
        f"meldcode_cli.cli.{name}"
        for name in ("walk", "flows", "authoring", "config", "decide", "sessions", "training")
    }
    assert loaded & groups == {f"meldcode_cli.cli.{group}"}


def test_listing_the_flows_needs_no_walk_and_listing_no_sessions_needs_no_rich(tmp_path):
    flows = loaded_by(["flows"], tmp_path / "home")
    assert "meldcode_cli.cli.flows" in flows
    assert not {m for m in flows if m.startswith("meldcode_cli.engine")}
    # Nothing saved yet: one line of text, no table to draw.
    sessions = loaded_by(["sessions"], tmp_path / "home")
    assert "meldcode_cli.cli.sessions" in sessions
    assert not {m for m in sessions if m == "rich" or m.startswith("rich.")}

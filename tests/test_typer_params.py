"""Parameters parsed without pydantic still behave as typer's own: texts, paths, flags, bounded numbers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from meldcode_cli.cli.main import app

runner = CliRunner()


def test_a_path_option_reaches_the_command_as_a_path(mini_path, write):
    answers = write("a.json", json.dumps({"gevaar": True}))
    result = runner.invoke(app, ["run", str(mini_path), "--answers", str(answers), "--json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["outcome"]["id"] == "bellen"


def test_a_missing_answers_file_is_our_own_message(mini_path, tmp_path):
    result = runner.invoke(app, ["run", str(mini_path), "--answers", str(tmp_path / "weg.json"), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "not_found"


def test_a_bounded_number_is_still_checked_by_typer(tmp_path, monkeypatch):
    monkeypatch.setenv("MELDCODE_HOME", str(tmp_path))
    below = runner.invoke(app, ["sessions", "--purge-older-than", "-1"])
    assert below.exit_code == 2
    assert "--purge-older-than" in below.output
    not_a_number = runner.invoke(app, ["sessions", "--purge-older-than", "veel"])
    assert not_a_number.exit_code == 2
    assert "--purge-older-than" in not_a_number.output
    fine = runner.invoke(app, ["sessions", "--purge-older-than", "0"])
    assert fine.exit_code == 0, fine.output


def test_the_quick_commands_do_not_import_pydantic_for_their_parameters(tmp_path):
    code = (
        "import sys; sys.argv = ['meldcode', 'flows', '--lang', 'en']\n"
        "from meldcode_cli.cli.main import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules)"
    )
    # The first run compiles the built-in flow (with the schema, so with pydantic); later ones not.
    first, later = [
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=Path(__file__).parent.parent,
            env={"MELDCODE_HOME": str(tmp_path), "PATH": ""},
        )
        for _ in range(2)
    ]
    assert first.returncode == 0 and later.returncode == 0, first.stderr + later.stderr
    assert later.stdout.splitlines()[-1] == "False"
    assert "sociaal-werk" in later.stdout and later.stdout.splitlines()[:-1] == first.stdout.splitlines()[:-1]


def test_the_version_is_answered_by_the_program_itself_without_the_command_line_library():
    code = (
        "import sys; sys.argv = ['meldcode', '--version']\n"
        "from meldcode_cli.entry import main\nmain()\n"
        "print('typer' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    from meldcode_cli import __version__

    assert done.stdout.splitlines() == [f"meldcode {__version__}", "False"]


def test_the_installed_program_starts_at_the_entry_point(tmp_path):
    from tests.e2e.pty import meldcode_command

    version = subprocess.run(meldcode_command() + ["--version"], capture_output=True, text=True, timeout=60)
    flows = subprocess.run(
        meldcode_command() + ["flows", "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"MELDCODE_HOME": str(tmp_path), "PATH": ""},
    )
    assert version.returncode == 0 and version.stdout.startswith("meldcode ")
    assert flows.returncode == 0 and "sociaal-werk" in flows.stdout

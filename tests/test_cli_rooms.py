"""The command line in rooms: each command group on its own, only the asked one built, and one place
for exit codes (cli/main.py, cli/exits.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer

from meldcode_cli.cli import main as cli_main
from meldcode_cli.cli.exits import ChecksFailed, exit_code
from meldcode_cli.output.context import Display, using


def names(app: typer.Typer) -> list[str]:
    return list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_has_its_group_in_the_order_help_lists_them():
    assert names(cli_main.whole()) == list(cli_main.GROUPS)


@pytest.mark.parametrize("command", list(cli_main.GROUPS))
def test_a_command_is_built_with_its_own_group_only(command):
    group = cli_main.GROUPS[command]
    built = names(cli_main.app_for([command, "--help"]))
    assert built == [name for name, owner in cli_main.GROUPS.items() if owner == group]


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["flows"], "flows"),
        (["--lang", "en", "sessions"], "sessions"),
        (["--lang=en", "cases", "--lang", "nl"], "cases"),
        (["--help"], None),
        (["-h", "run"], None),
        (["--version"], None),
        ([], None),
        (["flow"], None),  # a typo: the whole app, which suggests the command meant
        (["--lang"], None),
    ],
)
def test_the_command_asked_for_is_read_before_parsing(argv, command):
    assert cli_main.command_in(argv) == command


def meldcode(*args: str) -> subprocess.CompletedProcess[str]:
    code = f"import sys; sys.argv = ['meldcode', *{list(args)!r}]\nfrom meldcode_cli.entry import main\nmain()"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_a_mistyped_command_still_gets_a_suggestion_from_the_whole_app():
    result = meldcode("flow", "--lang", "en")
    assert result.returncode == 2
    assert "No such command 'flow'" in result.stderr
    assert "flows" in result.stderr


def test_only_the_group_asked_for_is_imported():
    code = (
        "import sys; sys.argv = ['meldcode', 'flows', '--help']\n"
        "from meldcode_cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import json; print(json.dumps([m for m in sys.modules if m.startswith('meldcode_cli.cli.')]), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    loaded = set(json.loads(result.stderr.strip().splitlines()[-1]))
    assert "meldcode_cli.cli.flows" in loaded
    others = {f"meldcode_cli.cli.{group}" for group in cli_main.GROUPS.values()} - {"meldcode_cli.cli.flows"}
    assert not loaded & others


def test_a_failed_check_exits_1_and_adds_nothing_to_its_report(capsys):
    assert exit_code(ChecksFailed()) == 1
    assert capsys.readouterr() == ("", "")


def test_a_crash_names_only_its_kind(capsys, monkeypatch):
    monkeypatch.delenv("MELDCODE_DEBUG", raising=False)
    with using(Display(lang="en")):
        assert exit_code(ValueError("Jan de Vries, BSN 123456782")) == 1
    err = capsys.readouterr().err
    assert "ValueError" in err and "Jan" not in err and "MELDCODE_DEBUG=1" in err
    assert err.startswith("Something went wrong inside meldcode")


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["--lang", "en", "--help"], ["--lang=en", "-h"]])
def test_the_list_of_commands_is_the_whole_apps_help_without_reading_every_signature(argv):
    from typer.testing import CliRunner

    assert cli_main.only_help(argv)
    listed = CliRunner().invoke(cli_main.app_for(argv), argv)
    whole = CliRunner().invoke(cli_main.whole(), argv)
    assert listed.exit_code == whole.exit_code == 0
    assert listed.output == whole.output
    assert "class-report" in listed.output


@pytest.mark.parametrize("argv", [["--help", "flows"], ["--version"], ["--lang", "en", "run", "--help"]])
def test_help_with_more_than_the_list_is_not_the_list(argv):
    assert not cli_main.only_help(argv)

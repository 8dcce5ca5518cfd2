"""`meldcode run` without a flow: the remembered sector, else asked once in a terminal, else sociaal-werk."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from meldcode_cli.flow import catalog
from meldcode_cli.output.context import Display, using
from meldcode_cli.sessions import settings
from meldcode_cli.tui import sector
from meldcode_cli.tui.conversation import make_console
from meldcode_cli.tui.plain_prompts import PlainPrompter

runner = CliRunner()
FLOW = Path(__file__).parent.parent / "data" / "contacten.yaml"


@pytest.fixture
def two_sectors(tmp_path, monkeypatch):
    """Built-in flows for two sectors (the real ones come with the sector flows)."""
    folder = tmp_path / "flows"
    folder.mkdir()
    for flow_id, name in (("sociaal-werk", "Sociaal werk"), ("onderwijs", "Onderwijs")):
        text = FLOW.read_text(encoding="utf-8").replace(
            "id: contacten", f"id: {flow_id}\nsector: {{nl: {name}, en: {name}}}"
        )
        (folder / f"{flow_id}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(catalog, "builtin_dir", lambda: folder)
    return folder


@pytest.fixture(autouse=True)
def plain_display():
    """Every question here is asked in plain mode, in Dutch, as `--plain` would have it."""
    with using(Display(lang="nl", plain=True)):
        yield


def plain_ui(typed: str):
    screen = io.StringIO()
    prompter = PlainPrompter(stream=screen, source=io.StringIO(typed))
    return SimpleNamespace(prompter=prompter, console=make_console(screen)), screen


def test_asked_once_then_remembered(two_sectors):
    ui, screen = plain_ui("?\n1\n")
    assert sector.choose(sector.load_settings(), ui) == "onderwijs"
    shown = screen.getvalue()
    assert "In welke sector werkt u?\n  1. Onderwijs\n  2. Sociaal werk\n" in shown
    assert "Elke sector heeft een eigen versie van de meldcode" in shown  # '?' explains, then asks again
    assert "Onthouden: onderwijs. Wijzig dit met 'meldcode config sector ID'." in shown
    assert settings.load() == {"sector": "onderwijs"}
    again, screen = plain_ui("")
    assert sector.choose(sector.load_settings(), again) == "onderwijs"
    assert screen.getvalue() == ""  # not asked again


def test_enter_takes_sociaal_werk(two_sectors):
    ui, _ = plain_ui("\n")
    assert sector.choose({}, ui) == "sociaal-werk"


def test_without_a_terminal_or_with_one_flow_nothing_is_asked(two_sectors):
    assert sector.choose({}, None) == "sociaal-werk"
    assert settings.load() == {}
    (two_sectors / "onderwijs.yaml").unlink()
    ui, screen = plain_ui("")
    assert sector.choose({}, ui) == "sociaal-werk"
    assert screen.getvalue() == ""


def test_a_remembered_sector_that_is_gone_is_asked_again(two_sectors):
    ui, _ = plain_ui("1\n")
    assert sector.choose({"sector": "kinderopvang"}, ui) == "onderwijs"


def test_run_uses_the_remembered_sector_and_the_named_flow_wins(two_sectors, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("direct_gevaar: true\n", encoding="utf-8")
    assert runner.invoke(app, ["config", "sector", "onderwijs"]).exit_code == 0
    result = runner.invoke(app, ["run", "--answers", str(answers), "--json"])
    assert result.exit_code == 0, result.output
    assert '"id": "onderwijs"' in result.stdout
    named = runner.invoke(app, ["run", "sociaal-werk", "--answers", str(answers), "--json"])
    assert '"id": "sociaal-werk"' in named.stdout


def test_json_without_a_remembered_sector_is_sociaal_werk(two_sectors, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("direct_gevaar: true\n", encoding="utf-8")
    result = runner.invoke(app, ["run", "--answers", str(answers), "--json"])
    assert '"id": "sociaal-werk"' in result.stdout
    assert settings.load() == {}


def test_a_damaged_settings_file_never_stops_a_walk(tmp_path):
    settings.config_home().mkdir(parents=True, exist_ok=True)
    settings.config_path().write_text("[]", encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text("direct_gevaar: true\n", encoding="utf-8")
    result = runner.invoke(app, ["run", "--answers", str(answers), "--no-save"])
    assert result.exit_code == 0
    assert "Bel nu 112" in result.stdout
    assert "is beschadigd of met de hand gewijzigd" in result.stderr


def test_flows_lists_each_flow_with_its_sector(two_sectors, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    result = runner.invoke(app, ["flows"])
    rows = [line.split("│")[1:3] for line in result.stdout.splitlines() if line.startswith("│")]
    assert [[cell.strip() for cell in row] for row in rows] == [
        ["onderwijs", "Onderwijs"],
        ["sociaal-werk", "Sociaal werk"],
    ]

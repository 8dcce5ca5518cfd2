"""The organisation's contacts from `meldcode config` are shown instead of the placeholder: walk, outcome, report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from meldcode_cli.flow.loader import load_flow
from meldcode_cli.output import render
from meldcode_cli.sessions import organisation
from tests.e2e.pty import DOWN, ENTER, Terminal

runner = CliRunner()
FLOW = Path(__file__).parent.parent / "data" / "contacten.yaml"
PLACEHOLDER = "zie de meldcode van uw organisatie"


def run(tmp_path: Path, answers: str, *extra: str):
    path = tmp_path / "a.yaml"
    path.write_text(answers, encoding="utf-8")
    return runner.invoke(app, ["run", str(FLOW), "--answers", str(path), *extra])


def configure() -> None:
    for key, value in (
        ("aandachtsfunctionaris.naam", "M. de Vries"),
        ("aandachtsfunctionaris.telefoon", "030-123 45 67"),
        ("veilig-thuis.naam", "Veilig Thuis Utrecht"),
        ("veilig-thuis.telefoon", "030-123 00 00"),
        ("wijkteam.naam", "Noord"),
        ("wijkteam.telefoon", "06-12345678"),
    ):
        assert runner.invoke(app, ["config", key, value]).exit_code == 0


def contact_rows(summary: str) -> list[str]:
    """The rows of the Contact table as 'name phone' (the terminal is wide: no row wraps)."""
    lines = summary.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip("│ ") == "Contact")
    rows = []
    for line in lines[start + 1 :]:
        cells = re.split(r"\s{2,}", line.strip("│ ").strip())
        if len(cells) < 2:
            break
        rows.append(f"{cells[0]} {cells[1]}")
    return rows


@pytest.fixture(autouse=True)
def _wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


def test_without_settings_the_placeholder_says_how_to_fill_it_in(tmp_path):
    result = run(tmp_path, "direct_gevaar: false\nzorgen: licht\n", "--no-save")
    assert result.exit_code == 0, result.output
    assert contact_rows(result.stdout) == [f"Aandachtsfunctionaris van uw organisatie {PLACEHOLDER}"]
    assert "Voor overleg bij elke stap. Vul naam en nummer in met: meldcode config" in result.stdout


def test_with_settings_the_outcome_shows_the_organisation(tmp_path):
    configure()
    result = run(tmp_path, "direct_gevaar: false\nzorgen: zwaar\n", "--no-save")
    assert result.exit_code == 0, result.output
    assert PLACEHOLDER not in result.stdout
    assert contact_rows(result.stdout) == [
        "Veilig Thuis 0800-2000",
        "Veilig Thuis Utrecht 030-123 00 00",  # beside the national number
        "Aandachtsfunctionaris: M. de Vries 030-123 45 67",
        "Wijkteam: Noord 06-12345678",
        "Politie (geen spoed) 0900-8844",  # with the action that sends the user to the police
    ]


def test_the_112_outcome_stays_short(tmp_path):
    configure()
    result = run(tmp_path, "direct_gevaar: true\n", "--no-save")
    assert contact_rows(result.stdout) == ["Alarmnummer 112"]


def test_the_police_number_can_be_changed(tmp_path):
    assert runner.invoke(app, ["config", "politie.telefoon", "0900-1234"]).exit_code == 0
    result = run(tmp_path, "direct_gevaar: false\nzorgen: zwaar\n", "--no-save")
    assert "Politie (geen spoed) 0900-1234" in contact_rows(result.stdout)


def test_the_officer_is_in_sight_on_every_screen():
    from meldcode_cli.sessions.settings import load

    configure()
    flow = organisation.apply(load_flow(FLOW), load())
    assert render.contacts_line(flow).plain == (
        "Alarmnummer 112  ·  Veilig Thuis 0800-2000  ·  Aandachtsfunctionaris: M. de Vries 030-123 45 67"
    )
    assert render.contacts_line(load_flow(FLOW)).plain == "Alarmnummer 112  ·  Veilig Thuis 0800-2000"


def test_only_what_is_shown_changes():
    configure()
    from meldcode_cli.sessions.settings import load

    plain, adapted = load_flow(FLOW), organisation.apply(load_flow(FLOW), load())
    assert [(n.id, getattr(n, "next", None)) for n in plain.nodes] == [
        (n.id, getattr(n, "next", None)) for n in adapted.nodes
    ]
    assert plain.actions.keys() == adapted.actions.keys()


def test_the_report_shows_the_organisation(tmp_path, monkeypatch):
    monkeypatch.setenv("MELDCODE_HOME", str(tmp_path / "home"))
    configure()
    result = run(tmp_path, "direct_gevaar: false\nzorgen: zwaar\n", "--reference", "casus-7", "--json")
    assert result.exit_code == 0, result.output
    session_id = next((tmp_path / "home" / "sessions").glob("*.json")).stem
    report = runner.invoke(app, ["report", session_id])
    assert report.exit_code == 0, report.output
    assert "- Aandachtsfunctionaris: M. de Vries: 030-123 45 67" in report.stdout
    assert "- Veilig Thuis Utrecht: 030-123 00 00" in report.stdout
    assert PLACEHOLDER not in report.stdout


def test_in_a_real_terminal_the_walk_shows_the_officer(tmp_path, monkeypatch):
    # The terminal's settings live beside its data folder (MELDCODE_HOME), as they would for a user.
    monkeypatch.setenv("MELDCODE_CONFIG_HOME", str(tmp_path / "meldcode-config"))
    configure()
    term = Terminal("run", str(FLOW), "--no-save", home=tmp_path, env={"MELDCODE_CONFIG_HOME": ""})
    term.expect("Aandachtsfunctionaris: M. de Vries")  # in the line of numbers in sight (name and number styled apart)
    term.expect("030-123 45 67")
    term.answer("Is iemand nu in direct gevaar?", DOWN, ENTER)
    term.answer("Hoe ernstig?", ENTER)
    term.expect("Afsluiten")
    assert term.finish() == 0
    assert PLACEHOLDER not in term.output_so_far()


def test_a_flows_own_police_contact_stays_until_the_user_sets_one():
    from meldcode_cli.sessions.settings import load

    flow = load_flow(FLOW)
    own = flow.model_copy(update={"contacts": {**flow.contacts, "politie_geen_spoed": flow.contacts["veilig_thuis"]}})
    assert organisation.apply(own, load()).contacts["politie_geen_spoed"].phone == "0800-2000"
    assert runner.invoke(app, ["config", "politie.telefoon", "0900-1234"]).exit_code == 0
    assert organisation.apply(own, load()).contacts["politie_geen_spoed"].phone == "0900-1234"

"""`meldcode run --answers F --json` on the built-in flow, for every branch of the afwegingskader."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from tests.e2e.pty import meldcode_command
from tests.test_sociaal_werk import BASE

runner = CliRunner()

TAIL = [
    "direct_gevaar",
    "acuut_komende_uren",
    "vermoeden_tegen_medewerker",
    "vormen",
    "signalen_partner",
    "signalen_algemeen",
    "onthulling",
    "kinderen_in_gezin",
    "feiten_en_bronnen",
    "collega_geraadpleegd",
    "advies_veilig_thuis",
    "al_betrokken",
    "uitkomst_consultatie",
    "gesprek_veilig",
    "gesprek_gevoerd",
    "gesprek_verslag",
    "afweging_1",
]


@pytest.mark.parametrize(
    ("changes", "outcome", "title", "path_end"),
    [
        ({"afweging_1": False}, "afsluiten", "De meldcode afsluiten", ["afsluiten"]),
        ({"afweging_2": True}, "melden", "Melden bij Veilig Thuis", ["afweging_2", "melden"]),
        ({"afweging_3": False}, "melden", "Melden bij Veilig Thuis", ["afweging_2", "afweging_3", "melden"]),
        (
            {"afweging_4": False},
            "melden",
            "Melden bij Veilig Thuis",
            ["afweging_2", "afweging_3", "afweging_4", "melden"],
        ),
        (
            {"afweging_5": "nee"},
            "melden",
            "Melden bij Veilig Thuis",
            ["afweging_2", "afweging_3", "afweging_4", "afweging_5", "melden"],
        ),
        (
            {"afweging_5": "nog_niet_bekend"},
            "hulp_bieden",
            "Hulp starten en later opnieuw wegen",
            ["afweging_2", "afweging_3", "afweging_4", "afweging_5", "hulp_bieden"],
        ),
        (
            {"afweging_5": "ja"},
            "hulp_afsluiten",
            "De hulp afsluiten, met afspraken over een vinger aan de pols",
            ["afweging_2", "afweging_3", "afweging_4", "afweging_5", "hulp_afsluiten"],
        ),
    ],
)
def test_every_weighing_branch_as_json(write, changes, outcome, title, path_end):
    answers = write("antwoorden.yaml", yaml.safe_dump({**BASE, **changes}, allow_unicode=True))
    result = runner.invoke(app, ["run", "--answers", str(answers), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["flow"] == {"id": "sociaal-werk", "version": "2.1.0"}
    assert data["outcome"] == {"id": outcome, "title": title}
    assert data["path"] == TAIL + path_end
    assert set(data) == {"format", "flow", "outcome", "actions", "path", "answers"}
    assert data["format"] == "meldcode.result/1"
    assert set(data["answers"]) == {n for n in data["path"] if n in BASE}
    assert "leg_vast_in_dossier" in data["actions"]


def test_direct_danger_as_json(write):
    answers = write("a.json", '{"direct_gevaar": true}')
    data = json.loads(runner.invoke(app, ["run", "sociaal-werk", "-a", str(answers), "--json"]).stdout)
    assert data["outcome"] == {"id": "bel_112", "title": "Bel nu 112"}
    assert data["actions"] == ["bel_112"]
    assert data["path"] == ["direct_gevaar", "bel_112"]


def test_unsafe_in_the_coming_hours_puts_calling_veilig_thuis_first_in_json(write):
    answers = write(
        "a.yaml",
        yaml.safe_dump({**BASE, "acuut_komende_uren": True, "vermoeden_tegen_medewerker": False, "afweging_2": True}),
    )
    data = json.loads(runner.invoke(app, ["run", "-a", str(answers), "--json"]).stdout)
    assert data["outcome"]["id"] == "melden"
    assert data["actions"][0] == "bel_veilig_thuis_nu"
    assert data["path"][:5] == [
        "direct_gevaar",
        "acuut_komende_uren",
        "acuut_bel_veilig_thuis",
        "vermoeden_tegen_medewerker",
        "vormen",
    ]
    assert data["path"][-3:] == ["let_op_acuut", "afweging_2", "melden"]
    assert {"melden_bij_veilig_thuis", "vervolg_na_melding"} <= set(data["actions"])


def test_filling_an_answers_file_step_by_step_from_the_json_errors(write):
    """What a tool does with `missing`: answer the first option, run again, until an outcome."""
    answers: dict = {}
    for _ in range(40):
        path = write("a.json", json.dumps(answers))
        data = json.loads(runner.invoke(app, ["run", "-a", str(path), "--json"]).stdout)
        if "outcome" in data:
            break
        (missing,) = data["error"]["missing"]
        kind, options = missing["kind"], missing["options"]
        answers[missing["id"]] = {"yes_no": False, "single": options[0] if options else None, "multiple": options[:1]}[
            kind
        ]
    # Every yes/no answered no, every choice its first option: no danger … question 1 no.
    assert data["outcome"]["id"] == "afsluiten"


def test_flows_lists_the_builtin_flow():
    result = runner.invoke(app, ["flows"])
    assert result.exit_code == 0
    assert "sociaal-werk" in result.stdout and "2.1.0" in result.stdout
    # The title may wrap in its column: compare the words.
    words = " ".join(result.stdout.replace("│", " ").split())
    assert "sector" in result.stdout.splitlines()[1]
    assert all(word in words for word in ["Meldcode", "huiselijk", "geweld", "en", "kindermishandeling"])


def test_the_installed_program_finds_its_flows_from_any_folder(tmp_path):
    command = meldcode_command()
    result = subprocess.run(command + ["flows"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "sociaal-werk" in result.stdout


def test_python_dash_m_runs_the_same_program(tmp_path):
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "meldcode_cli", "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.startswith("meldcode ")

"""`meldcode config`: shows, checks and changes the settings, in a private file written atomically."""

from __future__ import annotations

import json
import stat

import pytest
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from meldcode_cli.flow.loader import builtin_paths
from meldcode_cli.sessions import settings

runner = CliRunner()


def meldcode(*args: str):
    return runner.invoke(app, list(args))


def test_nothing_set_shows_every_setting_with_the_police_default():
    result = meldcode("config")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"Uw instellingen ({settings.config_path()}):"
    assert "  sector                          (niet ingesteld)" in lines
    assert "  politie.telefoon                0900-8844 (standaard)" in lines
    assert lines[-1].startswith("Wijzigen: meldcode config SLEUTEL WAARDE")
    assert not settings.config_path().exists()  # showing writes nothing


def test_set_show_and_unset():
    assert (
        meldcode("config", "aandachtsfunctionaris.naam", "M. de Vries").stdout
        == "aandachtsfunctionaris.naam is ingesteld op: M. de Vries\n"
    )
    assert meldcode("config", "aandachtsfunctionaris.telefoon", " 030-123 45 67 ").exit_code == 0
    assert meldcode("config", "aandachtsfunctionaris.telefoon").stdout == "030-123 45 67\n"
    assert meldcode("config", "politie.telefoon").stdout == "0900-8844\n"
    assert meldcode("config", "sector", "sociaal-werk").exit_code == 0
    shown = meldcode("config", "--json")
    assert json.loads(shown.stdout) == {
        "format": "meldcode.config/1",
        "file": str(settings.config_path()),
        "settings": {
            "sector": "sociaal-werk",
            "aandachtsfunctionaris.naam": "M. de Vries",
            "aandachtsfunctionaris.telefoon": "030-123 45 67",
        },
    }
    assert (
        meldcode("config", "--unset", "aandachtsfunctionaris.naam").stdout
        == "aandachtsfunctionaris.naam is weggehaald.\n"
    )
    assert meldcode("config", "aandachtsfunctionaris.naam").stdout == "(niet ingesteld)\n"
    assert "  aandachtsfunctionaris.telefoon  030-123 45 67" in meldcode("config", "--lang", "en").stdout.splitlines()


def test_the_file_is_private_and_written_whole():
    meldcode("config", "wijkteam.telefoon", "06-12345678")
    path = settings.config_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["config.json"]  # no temporary file left behind
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "format": "meldcode.config/1",
        "settings": {"wijkteam.telefoon": "06-12345678"},
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["wijkteam.telefon", "06-12345678"],
            "Er is geen instelling 'wijkteam.telefon'. Instellingen: sector, aandachtsfunctionaris.naam, "
            "aandachtsfunctionaris.telefoon, veilig-thuis.naam, veilig-thuis.telefoon, "
            "wijkteam.naam, wijkteam.telefoon, "
            "politie.telefoon.\n  Bedoelt u 'wijkteam.telefoon'?\n",
        ),
        (
            ["wijkteam.telefoon", "123456782 Jansen"],
            "'wijkteam.telefoon' is geen telefoonnummer: gebruik cijfers, spaties en streepjes, "
            "bijvoorbeeld 030-123 45 67.\n",
        ),
        (["sector", "onderwys"], None),
        (
            ["aandachtsfunctionaris.naam", "   "],
            "'aandachtsfunctionaris.naam' mag niet leeg zijn; haal de instelling weg met --unset.\n",
        ),
        (
            ["aandachtsfunctionaris.naam", "M.\tde Vries"],
            "'aandachtsfunctionaris.naam' is één regel tekst, zonder tabs of stuurtekens.\n",
        ),
        (["--unset", "wijkteam.naam", "x"], "Gebruik: meldcode config --unset SLEUTEL\n"),
    ],
)
def test_a_wrong_key_or_value_is_refused_without_echoing_it(args, message):
    result = runner.invoke(app, ["config", *args])
    assert result.exit_code == 1
    if message is not None:
        assert result.stderr == message
    assert "Jansen" not in result.output and "123456782" not in result.output
    assert not settings.config_path().exists()


def test_the_sector_is_a_built_in_flow():
    result = meldcode("config", "sector", "onderwys")
    assert result.exit_code == 1
    built_in = ", ".join(sorted(builtin_paths()))
    assert result.stderr.startswith(f"'sector' is de id van een ingebouwde flow: {built_in}")


def test_a_damaged_file_is_said_and_kept():
    path = settings.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{kapot", encoding="utf-8")
    result = meldcode("config", "wijkteam.naam", "Noord")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Het instellingenbestand {path} is beschadigd of met de hand gewijzigd. Het wordt niet "
        "overschreven; verwijder of herstel het, en stel opnieuw in met 'meldcode config'.\n"
    )
    assert path.read_text(encoding="utf-8") == "{kapot"


def test_where_the_settings_live(monkeypatch, tmp_path):
    monkeypatch.setenv("MELDCODE_CONFIG_HOME", str(tmp_path / "eigen"))
    assert settings.config_path() == tmp_path / "eigen" / "config.json"
    monkeypatch.delenv("MELDCODE_CONFIG_HOME")
    monkeypatch.setenv("MELDCODE_HOME", str(tmp_path / "meldcode"))
    assert settings.config_path() == tmp_path / "meldcode-config" / "config.json"  # beside the data folder
    monkeypatch.delenv("MELDCODE_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr("sys.platform", "linux")
    assert settings.config_path() == tmp_path / "xdg" / "meldcode" / "config.json"


def test_a_saving_problem_is_a_clear_error(monkeypatch, tmp_path):
    blocked = tmp_path / "bestand"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("MELDCODE_CONFIG_HOME", str(blocked / "map"))
    result = meldcode("config", "wijkteam.naam", "Noord")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"De instellingen konden niet worden bewaard in {blocked / 'map'} (")

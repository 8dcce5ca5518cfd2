"""A failing disk: a data folder that cannot be made, a full disk on write or rename. A clear message,
and the last good record survives."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from meldcode_cli.sessions.store import SessionError, SessionStore
from tests.sessions.conftest import recorded_walk
from tests.test_sociaal_werk import BASE

runner = CliRunner()


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("MELDCODE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MELDCODE_PASSPHRASE", raising=False)


def test_a_data_folder_that_cannot_be_made(tmp_path, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump(BASE), encoding="utf-8")
    result = runner.invoke(app, ["run", "-a", str(answers), "-r", "casus-1"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"De map {tmp_path / 'home' / 'sessions'} kan niet worden gemaakt of gebruikt (Permission denied). "
        "Kies een andere map met MELDCODE_HOME.\n"
    )


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_full_disk_keeps_the_last_good_record(tmp_path, monkeypatch, failing):
    store = SessionStore()
    walk, recorder = recorded_walk(
        store, {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False}
    )
    path = store.path_of(recorder.record.id)
    before = path.read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, failing, full)
    walk.answer(["partnergeweld"])
    with pytest.raises(SessionError) as caught:
        recorder.answered(walk, walk.flow.node("vormen"))
    monkeypatch.undo()
    assert caught.value.message.nl.startswith(
        "De sessie kon niet worden bewaard (No space left on device). "
        "Het laatst bewaarde antwoord staat nog in het bestand"
    )
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if not p.name.startswith(".")] == [path.name]
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_report_that_cannot_be_written(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump(BASE), encoding="utf-8")
    assert runner.invoke(app, ["run", "-a", str(answers), "-r", "casus-2"]).exit_code == 0
    target = tmp_path / "bestaat-niet" / "verslag.md"
    result = runner.invoke(app, ["report", "casus-2", "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"De map {target.parent} bestaat niet. Maak hem eerst (mkdir {target.parent}) of kies een andere plek.\n"
    )

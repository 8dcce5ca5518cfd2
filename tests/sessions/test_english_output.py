"""`--lang en` reaches every message of the sessions commands: damaged files are described in English,
whichever language listed them first (the program itself is run, as a user runs it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.sessions.conftest import recorded_walk

DUTCH = ("beschadigd", "geen gewoon bestand", "regel ", "momentopname", "geen JSON", "de id in het bestand")


def meldcode(home, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "MELDCODE_HOME": str(home), "COLUMNS": "2000", **env}
    environ.pop("MELDCODE_LANG", None) if "MELDCODE_LANG" not in env else None
    return subprocess.run(
        [sys.executable, "-m", "meldcode_cli", *args], env=environ, capture_output=True, text=True, timeout=60
    )


def no_dutch(text: str) -> None:
    for word in DUTCH:
        assert word not in text, text


@pytest.fixture
def damaged_folder(store, base_answers):
    """One good session, one cut-off file, one that is not a JSON object, one that is a pipe."""
    _, recorder = recorded_walk(store, base_answers)
    folder = store.folder
    (folder / "kapot1.json").write_text('{"format": 1, "id": ', encoding="utf-8")
    (folder / "lijst2.json").write_text("[]", encoding="utf-8")
    os.mkfifo(folder / "pijp33.json")
    return recorder.record.id


def test_sessions_lists_damaged_files_in_english_even_after_a_dutch_listing(home, damaged_folder):
    dutch = meldcode(home, "sessions")  # writes the index beside the files, in the Dutch listing
    assert dutch.returncode == 0, dutch.stderr
    assert "geen gewoon bestand" in dutch.stdout and "regel 1" in dutch.stdout
    for args, env in (
        (("sessions", "--lang", "en"), {}),
        (("--lang", "en", "sessions"), {}),
        (("sessions",), {"MELDCODE_LANG": "en"}),
    ):
        english = meldcode(home, *args, **env)
        assert english.returncode == 0, english.stderr
        assert "not a regular file (a link or something else)" in english.stdout
        assert "line 1: Expecting value" in english.stdout
        assert "not a JSON object" in english.stdout
        no_dutch(english.stdout)


def test_report_of_a_damaged_file_says_what_is_wrong_in_english(home, damaged_folder):
    for session_id, detail in (("lijst2", "not a JSON object"), ("pijp33", "not a regular file")):
        result = meldcode(home, "report", session_id, "--lang", "en")
        assert result.returncode == 1
        assert detail in result.stderr
        no_dutch(result.stderr)


def test_a_missing_flow_snapshot_is_said_in_english(home, store, damaged_folder):
    snapshots = list((store.folder / ".flows").glob("*.yaml"))
    assert snapshots, "the session keeps its flow apart, as a snapshot"
    for path in snapshots:
        path.unlink()
    result = meldcode(home, "report", damaged_folder, "--lang", "en")
    assert result.returncode == 1
    assert "is missing or was changed" in result.stderr and "The session file" in result.stderr
    no_dutch(result.stderr)


def test_a_record_whose_answers_no_longer_replay_is_said_in_english(home, store, damaged_folder):
    path = store.path_of(damaged_folder)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["path"] = [*data["path"][:1], "geen_vraag_van_deze_flow"]
    path.write_text(json.dumps(data), encoding="utf-8")
    result = meldcode(home, "report", damaged_folder, "--lang", "en")
    assert result.returncode == 1
    assert "The session file" in result.stderr and "is damaged or was edited by hand" in result.stderr
    assert "(The saved path does not fit the flow (stuck at 'acuut_komende_uren').)" in result.stderr
    no_dutch(result.stderr)
    dutch = meldcode(home, "report", damaged_folder)
    assert "Het sessiebestand" in dutch.stderr and "The saved path" not in dutch.stderr

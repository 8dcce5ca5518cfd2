"""Attacks on the data folder: planted links, loose folders, stale temp files, purges during a walk,
hostile scrypt settings, files that never end, id collisions and a read-only disk."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from datetime import timedelta

import pytest
import yaml
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.loader import load_flow
from meldcode_cli.sessions.crypto import Key
from meldcode_cli.sessions.record import Recorder, now
from meldcode_cli.sessions.store import SessionError, SessionStore
from tests.sessions.conftest import recorded_walk, snapshot

runner = CliRunner()
OUTSIDE = "niet van meldcode\n"


def meldcode(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


@pytest.fixture
def outside(tmp_path):
    """A file of the user's outside the data folder, which no attack may change."""
    path = tmp_path / "elders.txt"
    path.write_text(OUTSIDE, encoding="utf-8")
    return path


# -- 1. planted links, loose folders -----------------------------------------------------------


def test_a_planted_lock_link_is_refused_and_its_target_untouched(store, outside):
    _, recorder = recorded_walk(store, {"direct_gevaar": False})
    session_id = recorder.record.id
    lock = store.folder / f".{session_id}.lock"
    lock.symlink_to(outside)
    result = meldcode("sessions", "--delete", session_id, "--yes")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{lock} is geen gewoon bestand (een koppeling of iets anders); meldcode opent in de map "
        f"{store.folder} alleen eigen bestanden. Verwijder het en probeer het opnieuw.\n"
    )
    with pytest.raises(SessionError), store.lock(session_id):
        pass
    assert outside.read_text(encoding="utf-8") == OUTSIDE
    assert store.path_of(session_id).exists()


def test_deleting_a_session_that_is_a_link_removes_only_the_link(store, outside):
    link = store.path_of("kwaad1")
    store.folder.mkdir(parents=True)
    link.symlink_to(outside)
    result = meldcode("sessions", "--delete", "kwaad1", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Verwijderd: sessie kwaad1.\n"
    assert not os.path.lexists(link)
    assert outside.read_text(encoding="utf-8") == OUTSIDE


def test_a_session_link_is_listed_as_not_a_file_and_never_read(store, outside):
    store.folder.mkdir(parents=True)
    store.path_of("kwaad2").symlink_to(outside)
    (listed,) = store.listing()
    assert listed.problem is not None and listed.problem.nl == "geen gewoon bestand (een koppeling of iets anders)"
    assert outside.read_text(encoding="utf-8") == OUTSIDE


def test_a_data_folder_open_to_others_is_made_private(store, home):
    recorded_walk(store, {"direct_gevaar": False})
    os.chmod(home, 0o777)
    os.chmod(store.folder, 0o777)
    assert meldcode("sessions").exit_code == 0
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(store.folder).st_mode) == 0o700


def test_a_sessions_folder_that_is_a_link_is_refused(store, home, tmp_path):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    home.mkdir()
    store.folder.symlink_to(elsewhere)
    result = meldcode("sessions")
    assert result.exit_code == 1
    assert result.stderr == (
        f"De map {store.folder} is een koppeling naar een andere plek, of niet van u. meldcode bewaart "
        "sessies alleen in een eigen map; verwijder de koppeling of kies een andere map met MELDCODE_HOME.\n"
    )
    assert list(elsewhere.iterdir()) == []


# -- 3. temporary files ------------------------------------------------------------------------


def stale_temp(store: SessionStore, session_id: str):
    temp = store.folder / f".{session_id}.json.0badc0de.tmp"
    temp.write_text('{"answers": {"feiten_en_bronnen": "geheim"}}', encoding="utf-8")
    return temp


@pytest.mark.parametrize(
    "command", [["sessions"], ["sessions", "--delete", "ID", "--yes"], ["sessions", "--purge-older-than", "0", "--yes"]]
)
def test_a_stale_plaintext_temp_file_is_erased(store, command):
    _, recorder = recorded_walk(store, {"direct_gevaar": False})
    session_id = recorder.record.id
    temp = stale_temp(store, session_id)
    result = meldcode(*[session_id if part == "ID" else part for part in command])
    assert result.exit_code == 0, result.output
    assert not temp.exists()


def test_the_temp_file_of_a_session_in_use_is_left_alone(store):
    _, recorder = recorded_walk(store, {"direct_gevaar": False})
    session_id = recorder.record.id
    with SessionStore().lock(session_id):  # another window is writing this session
        temp = stale_temp(store, session_id)
        assert meldcode("sessions").exit_code == 0
        assert temp.exists()


def test_an_encrypted_session_never_writes_plain_text(store, monkeypatch):
    written: list[bytes] = []
    real_write = os.write

    def spy(fd, data):
        written.append(bytes(data))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", spy)
    recorded_walk(store, {"direct_gevaar": False, "vormen": ["partnergeweld"]}, key=Key.derive("geheim wachtwoord"))
    assert written
    assert not [chunk for chunk in written if b"partnergeweld" in chunk or b"direct_gevaar" in chunk]


# -- 4. purge during a walk, damaged files ---------------------------------------------------


def test_a_purge_skips_and_names_a_session_in_use_and_goes_on(store):
    _, first = recorded_walk(store, {"direct_gevaar": False}, reference="eerste")
    _, busy = recorded_walk(store, {"direct_gevaar": False}, reference="bezig")
    _, last = recorded_walk(store, {"direct_gevaar": False}, reference="laatste")
    busy_id = busy.record.id
    with SessionStore().lock(busy_id):
        result = meldcode("sessions", "--purge-older-than", "0", "--yes")
    assert result.exit_code == 0, result.output
    gone = sorted([first.record.id, last.record.id])
    assert result.stdout.startswith("2 sessies verwijderd:\n")
    assert [line.split()[1] for line in result.stdout.splitlines()[1:3]] == gone
    assert result.stdout.endswith(f"Overgeslagen omdat ze in een ander venster open zijn: {busy_id}.\n")
    assert [i.id for i in store.listing()] == [busy_id]


def test_a_damaged_session_can_be_purged(store):
    store.folder.mkdir(parents=True)
    damaged = store.path_of("kapot1")
    damaged.write_text("{ dit is geen JSON", encoding="utf-8")
    old = (now() - timedelta(days=40)).timestamp()
    os.utime(damaged, (old, old))
    result = meldcode("sessions", "--purge-older-than", "30")
    assert result.exit_code == 1  # a damaged file is not erased without a yes either
    assert damaged.exists()
    result = meldcode("sessions", "--purge-older-than", "30", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 sessie verwijderd:\n  sessie kapot1\n"
    assert not damaged.exists()


# -- 5. scrypt settings from the file ---------------------------------------------------------


@pytest.mark.parametrize("field,value", [("n", 2**24), ("n", 2**60), ("r", 2**20), ("p", 64), ("n", 3), ("n", "veel")])
def test_scrypt_settings_that_meldcode_never_writes_are_refused_before_deriving(store, field, value):
    _, recorder = recorded_walk(store, {"direct_gevaar": False}, key=Key.derive("geheim wachtwoord"))
    path = store.path_of(recorder.record.id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["sealed"][field] = value
    path.write_text(json.dumps(data), encoding="utf-8")

    def never_asked() -> str:
        raise AssertionError("the passphrase was asked for a file that is refused anyway")

    with pytest.raises(SessionError) as caught:
        store.load(recorder.record.id, passphrase=never_asked)
    assert caught.value.message.nl == (
        f"Het sessiebestand {path} is beschadigd of met de hand gewijzigd (de versleuteling gebruikt "
        "instellingen die meldcode niet schrijft). Het wordt niet overschreven; maak er een kopie van en "
        "vraag hulp als u de gegevens nodig heeft."
    )


# -- 8. reads without end -----------------------------------------------------------------------


def run_meldcode(home, *args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    env = {**os.environ, "MELDCODE_HOME": str(home), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "meldcode_cli", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def test_an_answers_file_that_never_ends_is_refused(home, tmp_path):
    link = tmp_path / "nul.yaml"
    link.symlink_to("/dev/zero")
    for source in ("/dev/zero", str(link)):
        result = run_meldcode(home, "run", "--answers", source, "--json")
        assert result.returncode == 1
        assert json.loads(result.stdout)["error"]["message"] == f"{source} is geen gewoon bestand."


def test_an_answers_fifo_is_refused_without_waiting(home, tmp_path):
    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)
    result = run_meldcode(home, "run", "--answers", str(fifo))
    assert result.returncode == 1
    assert result.stderr == f"{fifo} is geen gewoon bestand.\n"


def test_session_files_that_never_end_are_listed_as_damaged(home):
    folder = home / "sessions"
    folder.mkdir(parents=True)
    (folder / "nul111.json").symlink_to("/dev/zero")
    os.mkfifo(folder / "pijp22.json")
    result = run_meldcode(home, "sessions")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("geen gewoon bestand") == 2
    result = run_meldcode(home, "report", "pijp22")
    assert result.returncode == 1
    assert "geen gewoon bestand" in result.stderr


# -- 9. what an encrypted file shows -----------------------------------------------------------


def test_an_encrypted_file_does_not_show_when_it_is_weighed_again(store, base_answers):
    walk, recorder = recorded_walk(store, base_answers, key=Key.derive("geheim wachtwoord"))
    assert walk.outcome.follow_up is not None  # this advice plans a re-assessment
    due = now().date() + timedelta(days=90)
    recorder.set_follow_up(walk, due)
    text = store.path_of(recorder.record.id).read_text(encoding="utf-8")
    assert json.loads(text)["reassess_on"] is None
    assert due.isoformat() not in text
    (listed,) = store.listing()
    assert listed.reassess_on is None
    record, _ = store.load(recorder.record.id, passphrase=lambda: "geheim wachtwoord")
    assert record.reassess_on == due


# -- 10. id collisions, a read-only disk --------------------------------------------------------


def assert_a_colliding_id_gets_a_new_session(store, monkeypatch):
    """A new session drawn with the id of an old one ("oud") is saved under another id; the old stays."""
    old = next(i for i in store.listing() if i.reference == "oud")
    before = store.path_of(old.id).read_bytes()
    monkeypatch.setattr("meldcode_cli.sessions.record.new_session_id", lambda: old.id)
    walk = Walk(load_flow("sociaal-werk"))
    walk.answer(False)
    fresh = SessionStore()
    recorder = Recorder.start(walk, snapshot(), "nieuw", fresh.save)
    assert recorder.record.id != old.id
    assert store.path_of(old.id).read_bytes() == before
    assert fresh.load(recorder.record.id)[0].reference == "nieuw"


def test_a_new_session_never_overwrites_one_with_the_same_id(store, monkeypatch):
    recorded_walk(store, {"direct_gevaar": False}, reference="oud")
    assert_a_colliding_id_gets_a_new_session(store, monkeypatch)


def test_a_read_only_data_folder_gives_words(store, monkeypatch, tmp_path, base_answers):
    _, recorder = recorded_walk(store, {"direct_gevaar": False})
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR) and str(path).startswith(str(store.folder)):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    result = meldcode("sessions", "--delete", recorder.record.id, "--yes")
    assert result.exit_code == 1
    assert result.stderr == (
        f"De map {store.folder} kan niet worden gemaakt of gebruikt (Read-only file "
        "system). Kies een andere map met MELDCODE_HOME.\n"
    )
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump(base_answers, allow_unicode=True), encoding="utf-8")
    result = meldcode("run", "-a", str(answers), "-r", "casus-ro")
    assert result.exit_code == 1
    assert "Read-only file system" in result.stderr and "internal" not in result.stderr


def test_a_flow_or_case_that_never_ends_is_refused(home, tmp_path):
    fifo = tmp_path / "flow.yaml"
    os.mkfifo(fifo)
    result = run_meldcode(home, "run", str(fifo))
    assert result.returncode == 1
    assert result.stderr == f"{fifo} is geen gewoon bestand.\n"
    result = run_meldcode(home, "validate", "/dev/zero")
    assert result.returncode == 1
    assert "/dev/zero: MC000 /dev/zero is geen gewoon bestand." in result.stdout + result.stderr
    result = run_meldcode(home, "exercise", "/dev/zero")
    assert result.returncode == 1
    assert result.stderr == "/dev/zero is geen gewoon bestand.\n"


def test_delete_overwrites_the_current_copy_before_removing_it(store, tmp_path):
    _, recorder = recorded_walk(store, {"direct_gevaar": False})
    path = store.path_of(recorder.record.id)
    witness = tmp_path / "zelfde-inode"
    os.link(path, witness)  # a second name for the same bytes on disk
    size = witness.stat().st_size
    store.delete(recorder.record.id)
    assert not path.exists()
    assert witness.read_bytes() == b"\0" * size


def test_a_file_system_without_hard_links_still_creates_sessions_exclusively(store, monkeypatch):
    recorded_walk(store, {"direct_gevaar": False}, reference="oud")

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    assert_a_colliding_id_gets_a_new_session(store, monkeypatch)

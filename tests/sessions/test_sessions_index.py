"""The sessions index: lists exactly what the records say, reads only changed files, heals itself, forgets deletions."""

from __future__ import annotations

import json
import stat

import pytest
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from meldcode_cli.sessions import index as sessions_index
from meldcode_cli.sessions.crypto import Key
from meldcode_cli.sessions.store import SessionStore
from tests.sessions.conftest import recorded_walk

INDEX = sessions_index.INDEX_NAME


def careful(store: SessionStore) -> list[sessions_index.Entry]:
    """The listing as it would be with no index at all: every file read the careful way."""
    entries = [store.entry(session_id) for session_id in store.ids()]
    return sorted(
        entries,
        key=lambda e: (
            e.updated is None,
            -(e.updated.timestamp() if e.updated else 0),
            -e.path.stat().st_mtime_ns,
            e.id,
        ),
    )


@pytest.fixture
def three(store, base_answers):
    _, open_one = recorded_walk(store, {"direct_gevaar": False}, reference="casus-open")
    _, finished = recorded_walk(store, base_answers, reference="casus-klaar")
    _, sealed = recorded_walk(store, {"direct_gevaar": False}, reference="casus-geheim", key=Key.derive("wachtwoord"))
    return open_one.record, finished.record, sealed.record


def test_the_listing_is_what_the_records_say_and_the_index_is_private(store, three):
    listed = store.listing()
    assert listed == careful(store)
    by_reference = {e.reference: e for e in listed}
    assert by_reference["casus-klaar"].outcome == three[1].outcome and three[1].outcome is not None
    assert by_reference["casus-open"].outcome is None and by_reference["casus-open"].step == three[0].step
    assert by_reference["casus-geheim"].encrypted and by_reference["casus-geheim"].outcome is None
    index = store.folder / INDEX
    assert stat.S_IMODE(index.stat().st_mode) == 0o600
    assert "partnergeweld" not in index.read_text(encoding="utf-8")  # no answers, only the columns


def test_a_fresh_index_reads_no_record(store, three):
    store.listing()

    def no_reading(session_id):
        raise AssertionError(f"read {session_id}")

    assert sessions_index.listing(store.folder, no_reading) == careful(store)


def test_only_a_changed_file_is_read_again(store, three, base_answers):
    store.listing()
    record = three[0]
    data = json.loads(store.path_of(record.id).read_text(encoding="utf-8"))
    data["reference"] = "casus-hernoemd"
    store.path_of(record.id).write_text(json.dumps(data), encoding="utf-8")  # changed behind our back
    read = []

    def reader(session_id):
        read.append(session_id)
        return store.entry(session_id)

    listed = sessions_index.listing(store.folder, reader)
    assert read == [record.id]
    assert "casus-hernoemd" in [e.reference for e in listed]
    assert listed == careful(store)


@pytest.mark.parametrize(
    "damage",
    [
        None,
        "",
        "{",
        '{"format": 2, "sessions": {}}',
        '{"format": 1, "sessions": []}',
        '{"format": 1, "sessions": {"abcdef": [1, 2]}}',
        "[]",
    ],
)
def test_a_missing_damaged_or_foreign_index_is_rebuilt(store, three, damage):
    store.listing()
    index = store.folder / INDEX
    if damage is None:
        index.unlink()
    else:
        index.write_text(damage, encoding="utf-8")
    assert store.listing() == careful(store)
    assert json.loads(index.read_text(encoding="utf-8"))["format"] == sessions_index.FORMAT


def test_a_stale_entry_for_a_file_that_is_gone_is_dropped(store, three):
    store.listing()
    store.path_of(three[0].id).unlink()
    assert [e.id for e in store.listing()] == [e.id for e in careful(store)]
    assert three[0].id not in (store.folder / INDEX).read_text(encoding="utf-8")


def test_a_deleted_session_leaves_the_index_at_once(store, three):
    store.listing()
    store.delete(three[1].id)
    text = (store.folder / INDEX).read_text(encoding="utf-8")
    assert "casus-klaar" not in text and three[1].id not in text


def test_a_damaged_record_is_listed_with_its_problem(store, three):
    store.listing()
    store.path_of(three[0].id).write_text('{"format": 1, "id": ', encoding="utf-8")
    (damaged,) = [e for e in store.listing() if e.id == three[0].id]
    assert damaged.problem is not None and damaged.updated is None
    assert store.listing()[-1].id == three[0].id


def test_the_index_and_the_store_agree_on_the_folder(tmp_path, monkeypatch):
    assert sessions_index.sessions_folder() == SessionStore().folder
    monkeypatch.delenv("MELDCODE_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert sessions_index.sessions_folder() == SessionStore().folder


def test_resume_without_an_id_still_finds_the_newest_open_session(store, three):
    assert store.find(None) in {three[0].id, three[2].id}
    store.listing()
    assert store.find(None) in {three[0].id, three[2].id}


def test_meldcode_sessions_shows_the_newest_fifty_and_all_on_request(store, three, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    record = three[0]
    text = store.path_of(record.id).read_text(encoding="utf-8")
    data = json.loads(text)
    for i in range(60):
        data["id"] = f"kopie{i:02}"
        data["reference"] = f"kopie-{i:02}"
        data["updated"] = f"2026-01-{1 + i % 28:02}T10:{i % 60:02}:00+01:00"
        store.path_of(data["id"]).write_text(json.dumps(data), encoding="utf-8")
    runner = CliRunner()
    some = runner.invoke(app, ["sessions", "--lang", "en"])
    assert some.exit_code == 0, some.output
    assert "The 50 most recently changed of 63 sessions. All sessions: meldcode sessions --all" in some.output
    assert "casus-klaar" in some.output  # saved today: among the newest
    every = runner.invoke(app, ["sessions", "--all"])
    assert every.exit_code == 0
    assert all(f"kopie-{i:02}" in every.output for i in range(60))
    assert "meldcode sessions --all" not in every.output


def test_sessions_saved_in_the_same_second_are_listed_in_the_order_they_were_written(store):
    import os

    _, first = recorded_walk(store, {"direct_gevaar": False}, reference="casus-eerst")
    _, second = recorded_walk(store, {"direct_gevaar": False}, reference="casus-daarna")
    second.record.updated = first.record.updated  # the same second, as a record counts time
    store.save(second.record)
    older = store.path_of(first.record.id).stat().st_mtime_ns
    os.utime(store.path_of(second.record.id), ns=(older + 1_000_000, older + 1_000_000))
    assert [e.reference for e in store.listing()] == ["casus-daarna", "casus-eerst"]


def test_an_index_that_is_a_link_is_not_read_and_is_replaced(store, three, tmp_path):
    store.listing()
    index = store.folder / INDEX
    planted = tmp_path / "planted.json"
    planted.write_text(json.dumps({"format": 1, "sessions": {}}), encoding="utf-8")
    index.unlink()
    index.symlink_to(planted)
    assert store.listing() == careful(store)
    assert not index.is_symlink()
    assert planted.read_text(encoding="utf-8") == json.dumps({"format": 1, "sessions": {}})

"""Flow snapshots kept once per flow version beside the sessions; records from before (text inside) still resume."""

from __future__ import annotations

import json
import stat

import pytest

from meldcode_cli.cli.resume import rebuild
from meldcode_cli.sessions import snapshots
from meldcode_cli.sessions.crypto import Key
from meldcode_cli.sessions.store import SessionError
from tests.e2e.pty import Terminal
from tests.sessions.conftest import recorded_walk, snapshot


def test_a_save_names_its_flow_and_the_text_is_kept_once(store, base_answers):
    _, first = recorded_walk(store, base_answers, reference="casus-a")
    _, second = recorded_walk(store, {"direct_gevaar": False}, reference="casus-b")
    for recorder in (first, second):
        data = json.loads(store.path_of(recorder.record.id).read_text(encoding="utf-8"))
        assert "text" not in data["flow"]
        assert data["flow"]["sha256"] == snapshot().sha256
    kept = list((store.folder / snapshots.FOLDER).iterdir())
    assert [p.name for p in kept] == [f"{snapshot().sha256}.yaml"]
    assert kept[0].read_text(encoding="utf-8") == snapshot().text
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(kept[0].parent.stat().st_mode) == 0o700
    record, _ = store.load(first.record.id)
    assert record.flow == first.record.flow  # the text is back in the record
    assert rebuild(record).path == first.record.path


def test_a_record_from_before_with_the_flow_inside_still_loads_and_resumes(store, base_answers):
    _, recorder = recorded_walk(store, {"direct_gevaar": False})
    path = store.path_of(recorder.record.id)
    path.write_text(recorder.record.model_dump_json(indent=1), encoding="utf-8")  # as saved before
    (store.folder / snapshots.FOLDER / f"{snapshot().sha256}.yaml").unlink()
    record, _ = store.load(recorder.record.id)
    assert record.flow.text == snapshot().text
    assert rebuild(record).current.id == recorder.record.path[-1]
    store.save(record)  # saved again: now in the new way, and the snapshot is kept
    assert "text" not in json.loads(path.read_text(encoding="utf-8"))["flow"]
    assert snapshots.text_of(store.folder, snapshot().sha256) == snapshot().text


@pytest.mark.parametrize("damage", ["missing", "changed"])
def test_a_missing_or_changed_snapshot_makes_a_damaged_session_never_another_flow(store, damage):
    _, recorder = recorded_walk(store, {"direct_gevaar": False})
    kept = store.folder / snapshots.FOLDER / f"{snapshot().sha256}.yaml"
    if damage == "missing":
        kept.unlink()
    else:
        kept.write_text(snapshot().text.replace("Bel nu 112", "Bel maar niet"), encoding="utf-8")
    with pytest.raises(SessionError) as caught:
        store.load(recorder.record.id)
    assert caught.value.code == "damaged_session"
    assert snapshot().sha256 in caught.value.message.nl
    (listed,) = store.listing()
    assert listed.problem is not None


def test_an_encrypted_session_keeps_its_flow_sealed_and_writes_no_snapshot(store, base_answers):
    key = Key.derive("wachtwoord")
    _, recorder = recorded_walk(store, base_answers, key=key)
    record, _ = store.load(recorder.record.id, passphrase=lambda: "wachtwoord")
    assert record.flow.text == snapshot().text
    assert not (store.folder / snapshots.FOLDER).exists()  # nothing of it in plain text


def test_resume_in_a_terminal_from_a_record_saved_before(tmp_path, store, home):
    _, recorder = recorded_walk(store, {"direct_gevaar": False}, reference="casus-oud")
    store.path_of(recorder.record.id).write_text(recorder.record.model_dump_json(indent=1), encoding="utf-8")
    term = Terminal("resume", recorder.record.id, home=tmp_path, env={"MELDCODE_HOME": str(home)})
    term.expect("casus-oud")
    term.child.expect(r"\((pijltjes|typ en Enter)")
    term.send("\x03")
    assert term.finish() == 130


def test_a_snapshot_that_is_a_link_is_never_followed(store, tmp_path):
    _, recorder = recorded_walk(store, {"direct_gevaar": False})
    kept = store.folder / snapshots.FOLDER / f"{snapshot().sha256}.yaml"
    elsewhere = tmp_path / "elders.yaml"
    elsewhere.write_text(snapshot().text, encoding="utf-8")  # even the right text, through a link
    kept.unlink()
    kept.symlink_to(elsewhere)
    with pytest.raises(SessionError) as caught:
        store.load(recorder.record.id)
    assert caught.value.code == "damaged_session"

"""Session files: private, atomic, refused when damaged, locked, encrypted, removed on request."""

from __future__ import annotations

import json
import os
import stat
from datetime import timedelta

import pytest

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.sessions.crypto import Key, WrongPassphrase
from meldcode_cli.sessions.record import now
from meldcode_cli.sessions.store import SessionError
from tests.sessions.conftest import recorded_walk


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_session_files_are_private_even_under_a_permissive_umask(store, base_answers, home):
    old = os.umask(0)
    try:
        _, recorder = recorded_walk(store, base_answers)
    finally:
        os.umask(old)
    path = store.path_of(recorder.record.id)
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert mode(home) == 0o700
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_every_answer_is_saved_as_it_is_given(store, base_answers):
    walk, recorder = recorded_walk(
        store,
        {k: base_answers[k] for k in ("direct_gevaar", "acuut_komende_uren", "vermoeden_tegen_medewerker", "vormen")},
    )
    record, _ = store.load(recorder.record.id)
    assert record.answers == {
        "direct_gevaar": False,
        "acuut_komende_uren": False,
        "vermoeden_tegen_medewerker": False,
        "vormen": ["partnergeweld"],
    }
    assert record.path == walk.path
    assert [e.kind for e in record.events] == ["started", "answer", "answer", "answer", "answer"]


def test_a_failed_rename_keeps_the_last_good_file(store, base_answers, monkeypatch):
    walk, recorder = recorded_walk(
        store, {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False}
    )
    path = store.path_of(recorder.record.id)
    before = path.read_bytes()

    def broken_replace(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    walk.answer(["partnergeweld"])
    with pytest.raises(SessionError) as caught:
        recorder.answered(walk, walk.flow.node("vormen"))
    assert caught.value.message.nl.startswith("De sessie kon niet worden bewaard (No space left on device).")
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_damaged_file_is_named_and_never_overwritten(store, base_answers):
    _, recorder = recorded_walk(
        store, {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False}
    )
    path = store.path_of(recorder.record.id)
    path.write_text('{"format": 1, "id": ', encoding="utf-8")
    with pytest.raises(SessionError) as caught:
        store.load(recorder.record.id)
    assert caught.value.message.nl.startswith(f"Het sessiebestand {path} is beschadigd of met de hand gewijzigd")
    assert "Het wordt niet overschreven" in caught.value.message.nl
    assert path.read_text(encoding="utf-8") == '{"format": 1, "id": '
    (listed,) = store.listing()
    assert listed.problem is not None


def test_a_hand_edited_file_with_wrong_types_is_refused(store, base_answers):
    _, recorder = recorded_walk(
        store, {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False}
    )
    path = store.path_of(recorder.record.id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["events"] = "gewist"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SessionError) as caught:
        store.load(recorder.record.id)
    assert "events" in caught.value.message.nl


def test_a_session_from_a_newer_version_is_refused_clearly(store, base_answers):
    _, recorder = recorded_walk(
        store, {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False}
    )
    path = store.path_of(recorder.record.id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format"] = 2
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SessionError) as caught:
        store.load(recorder.record.id)
    assert caught.value.message.nl == (
        f"De sessie {recorder.record.id} is gemaakt met een andere versie van "
        "meldcode (formaat 2). Werk meldcode bij om hem te openen."
    )


def test_a_second_terminal_on_the_same_session_is_refused(store, base_answers):
    _, recorder = recorded_walk(
        store, {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False}
    )
    session_id = recorder.record.id
    with store.lock(session_id), pytest.raises(SessionError) as caught, store.lock(session_id):
        pass
    assert caught.value.message.nl == (
        f"De sessie {session_id} is al geopend in een ander venster (proces {os.getpid()}). "
        "Ga daar verder, of sluit dat eerst."
    )
    with store.lock(session_id):  # released again
        pass


def test_find_by_id_reference_or_latest_open(store, base_answers):
    _, first = recorded_walk(
        store,
        {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False},
        reference="casus-a",
    )
    _, second = recorded_walk(store, base_answers, reference="casus-b")  # finished at hulp_bieden? no: q5 set
    assert store.find(first.record.id) == first.record.id
    assert store.find("casus-b") == second.record.id
    assert store.find(None) == first.record.id  # the open one (second is finished)
    with pytest.raises(SessionError) as caught:
        store.find("casus-z")
    assert caught.value.message.nl == ("Er is geen sessie met id of referentie 'casus-z'. Zie 'meldcode sessions'.")


def test_delete_erases_the_file(store, base_answers):
    _, recorder = recorded_walk(
        store, {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False}
    )
    path = store.path_of(recorder.record.id)
    store.delete(recorder.record.id)
    assert not path.exists()
    assert store.listing() == []


def test_purge_removes_only_old_sessions(store, base_answers):
    _, old = recorded_walk(
        store,
        {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False},
        reference="oud",
    )
    _, new = recorded_walk(
        store,
        {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False},
        reference="nieuw",
    )
    old.record.updated = now() - timedelta(days=400)
    store.save(old.record)
    assert store.purge(365).gone == [old.record.id]
    assert [i.id for i in store.listing()] == [new.record.id]


def test_an_encrypted_file_holds_no_answer_in_plain_text(store, base_answers):
    key = Key.derive("geheim wachtwoord")
    answers = dict(base_answers, feiten_en_bronnen="Unieke notitie over de buurvrouw")
    _walk, recorder = recorded_walk(store, answers, key=key)
    text = store.path_of(recorder.record.id).read_text(encoding="utf-8")
    for secret in ("Unieke notitie", "partnergeweld", "afweging_2", "hulp_bieden"):
        assert secret not in text
    record, loaded_key = store.load(recorder.record.id, passphrase=lambda: "geheim wachtwoord")
    assert record.answers["feiten_en_bronnen"] == "Unieke notitie over de buurvrouw"
    assert loaded_key is not None
    (listed,) = store.listing()
    assert listed.encrypted and listed.reference == "casus-1"


def test_a_wrong_passphrase_changes_nothing(store, base_answers):
    key = Key.derive("geheim wachtwoord")
    _, recorder = recorded_walk(
        store, {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False}, key=key
    )
    path = store.path_of(recorder.record.id)
    before = path.read_bytes()
    with pytest.raises(WrongPassphrase) as caught:
        store.load(recorder.record.id, passphrase=lambda: "verkeerd")
    assert caught.value.message.nl == (
        "Het wachtwoord klopt niet, of het bestand is beschadigd. Er is niets gewijzigd."
    )
    assert path.read_bytes() == before


def test_the_readable_header_of_an_encrypted_file_cannot_be_swapped(store, base_answers):
    key = Key.derive("geheim wachtwoord")
    _, recorder = recorded_walk(
        store, {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False}, key=key
    )
    path = store.path_of(recorder.record.id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["reference"] = "iemand-anders"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(MeldcodeError):
        store.load(recorder.record.id, passphrase=lambda: "geheim wachtwoord")


def test_a_file_replaced_during_a_walk_is_kept_and_the_answers_go_to_a_new_session(store, base_answers):
    walk, recorder = recorded_walk(
        store, {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False}
    )
    path = store.path_of(recorder.record.id)
    old_id = recorder.record.id
    path.write_text('{"iets": "anders"}', encoding="utf-8")  # replaced by someone else
    walk.answer(["partnergeweld"])
    with pytest.raises(SessionError) as caught:
        recorder.answered(walk, walk.flow.node("vormen"))
    new_id = recorder.record.id
    assert new_id != old_id
    assert caught.value.message.nl.startswith(
        f"Het sessiebestand {path} is buiten meldcode om gewijzigd of vervangen; het wordt niet overschreven."
    )
    assert caught.value.message.nl.endswith(f"meldcode resume {new_id}")
    assert path.read_text(encoding="utf-8") == '{"iets": "anders"}'
    record, _ = store.load(new_id)
    assert record.answers == {
        "direct_gevaar": False,
        "acuut_komende_uren": False,
        "vermoeden_tegen_medewerker": False,
        "vormen": ["partnergeweld"],
    }


def test_a_file_deleted_during_a_walk_is_written_again(store, base_answers):
    walk, recorder = recorded_walk(
        store, {"direct_gevaar": False, "acuut_komende_uren": False, "vermoeden_tegen_medewerker": False}
    )
    path = store.path_of(recorder.record.id)
    path.unlink()
    walk.answer(["partnergeweld"])
    recorder.answered(walk, walk.flow.node("vormen"))
    record, _ = store.load(recorder.record.id)
    assert record.answers == {
        "direct_gevaar": False,
        "acuut_komende_uren": False,
        "vermoeden_tegen_medewerker": False,
        "vormen": ["partnergeweld"],
    }

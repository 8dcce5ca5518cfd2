"""Sessions live in a temporary MELDCODE_HOME; helpers build recorded walks without a terminal."""

from __future__ import annotations

import pytest

from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.loader import builtin_paths, load_flow, resolve, snapshot_text
from meldcode_cli.sessions.record import FlowSnapshot, Recorder
from meldcode_cli.sessions.store import SessionStore
from tests.test_sociaal_werk import BASE


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("MELDCODE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MELDCODE_PASSPHRASE", raising=False)
    return tmp_path / "home"


@pytest.fixture
def store() -> SessionStore:
    return SessionStore()


def snapshot() -> FlowSnapshot:
    path = builtin_paths()["sociaal-werk"]
    return FlowSnapshot.of(load_flow(resolve("sociaal-werk").path), snapshot_text(path), "sociaal-werk", True)


def recorded_walk(store: SessionStore, answers: dict, reference: str = "casus-1", key=None):
    """A walk answered question by question, each answer recorded and saved as the terminal would."""
    walk = Walk(load_flow("sociaal-werk"))
    recorder = None
    while not walk.finished and (walk.current.id in answers or not walk.current.is_question):
        node = walk.current
        walk.answer(answers.get(node.id) if node.is_question else None)
        if recorder is None:
            recorder = Recorder.start(walk, snapshot(), reference, lambda r: store.save(r, key))
        else:
            recorder.answered(walk, node)
    return walk, recorder


@pytest.fixture
def base_answers() -> dict:
    return dict(BASE)

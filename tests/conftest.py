"""Shared fixtures: the small test flow, and a helper to write files into a temporary folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from meldcode_cli.flow.loader import load_flow

DATA = Path(__file__).parent / "data"


@pytest.fixture
def mini_path() -> Path:
    return DATA / "mini.yaml"


@pytest.fixture
def mini_flow(mini_path):
    return load_flow(mini_path)


@pytest.fixture
def write(tmp_path):
    """write("name.yaml", text) → the path of a new file in a temporary folder."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True)
def _own_settings(tmp_path_factory, monkeypatch):
    """Every test has settings of its own (sector, organisation contacts): never the user's real ones."""
    monkeypatch.setenv("MELDCODE_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


# Compiled flows (meldcode_cli/flow/compiled.py) are cached in the user's cache folder: the tests keep
# theirs in a temporary one, shared by the whole run (and by the programs the tests start).
if "XDG_CACHE_HOME" not in os.environ or not os.environ["XDG_CACHE_HOME"].startswith(tempfile.gettempdir()):
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="meldcode-test-cache-")

"""The installed package says who may use it and which version it is, from one source of truth."""

from __future__ import annotations

from importlib import metadata
from importlib.resources import files

import meldcode_cli


def test_the_version_comes_from_one_place():
    assert metadata.version("meldcode") == meldcode_cli.__version__


def test_the_licence_is_the_eupl():
    meta = metadata.metadata("meldcode")
    assert meta["License-Expression"] == "EUPL-1.2"


def test_type_checkers_may_read_the_package():
    assert files("meldcode_cli").joinpath("py.typed").is_file()

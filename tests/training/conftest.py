"""Fixtures for the training tests: a small valid case, and the command line through typer's runner."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from meldcode_cli.cli.main import app

# The shortest walk of the built-in flow: direct danger → call 112.
SMALL_CASE = """\
id: proef
title: {nl: Proef, en: Trial}
flow: sociaal-werk
summary: {nl: Een korte proefcasus., en: A short trial case.}
story:
  - step: 0
    text: {nl: Iemand wordt nu bedreigd., en: Someone is being threatened right now.}
reference:
  direct_gevaar:
    answer: true
    reasoning: {nl: Het gebeurt nu., en: It is happening now.}
    fact: {nl: Bij direct gevaar eerst 112., en: In direct danger 112 first.}
expected:
  outcome: bel_112
  actions: [bel_112]
"""


@pytest.fixture
def meldcode():
    runner = CliRunner()

    def _run(*args: str, **env: str):
        # A wide screen, so that rich tables do not fold ids and names.
        return runner.invoke(app, list(args), env={"COLUMNS": "200", **env})

    return _run

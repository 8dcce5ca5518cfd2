"""Helpers for the authoring tests: a copy of the built-in flow with one mistake planted in it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from meldcode_cli.cli.app import app
from meldcode_cli.flow.loader import builtin_paths

runner = CliRunner()


def meldcode(*args: str):
    return runner.invoke(app, list(args))


def builtin_text() -> str:
    return builtin_paths()["sociaal-werk"].read_text(encoding="utf-8")


def line_of(text: str, fragment: str, after: str | None = None) -> int:
    """The 1-based line where `fragment` first occurs (after `after`, when given)."""
    start = text.index(after) if after else 0
    return text[: text.index(fragment, start)].count("\n") + 1


def plant(tmp_path: Path, old: str, new: str, *, after: str | None = None, name: str = "flow.yaml") -> tuple[Path, str]:
    """A copy of the built-in flow with `old` (the first one after `after`) replaced by `new`."""
    text = builtin_text()
    start = text.index(after) if after else 0
    at = text.index(old, start)
    planted = text[:at] + new + text[at + len(old) :]
    path = tmp_path / name
    path.write_text(planted, encoding="utf-8")
    return path, planted


def before_guarantees(tmp_path: Path, block: str) -> tuple[Path, str]:
    """A copy of the built-in flow with nodes added at the end of its node list."""
    return plant(tmp_path, "\n# Invariants of the afwegingskader", block + "\n# Invariants of the afwegingskader")

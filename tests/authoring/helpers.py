"""Helpers for the authoring tests: a copy of the built-in flow with one mistake planted in it."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from meldcode_cli.flow.loader import builtin_dir, builtin_paths

runner = CliRunner()


def meldcode(*args: str):
    return runner.invoke(app, list(args))


def builtin_text() -> str:
    """The built-in flow's own file: since 2.1.0 a sector file that extends the core (flows/kern/)."""
    return builtin_paths()["sociaal-werk"].read_text(encoding="utf-8")


def core_text() -> str:
    """The shared core of the built-in flows, a whole flow of its own."""
    return (builtin_dir() / "kern" / "kern.yaml").read_text(encoding="utf-8")


def built_in_copy(tmp_path: Path, name: str = "flow.yaml") -> Path:
    """The built-in flow `sociaal-werk` as `name` in tmp_path, with the core folder it is composed of."""
    shutil.copytree(builtin_dir() / "kern", tmp_path / "kern", dirs_exist_ok=True)
    path = tmp_path / name
    path.write_text(builtin_text(), encoding="utf-8")
    return path


def line_of(text: str, fragment: str, after: str | None = None) -> int:
    """The 1-based line where `fragment` first occurs (after `after`, when given)."""
    start = text.index(after) if after else 0
    return text[: text.index(fragment, start)].count("\n") + 1


def plant(tmp_path: Path, old: str, new: str, *, after: str | None = None, name: str = "flow.yaml") -> tuple[Path, str]:
    """A copy of the built-in flow (`built_in_copy`) with `old` (the first one after `after`) replaced by
    `new` in the file that holds it: the sector file (`name`), else the core (kern/kern.yaml, a whole flow
    of its own), else a fragment. Returns that file and its new text."""
    flow = built_in_copy(tmp_path, name)
    for path in (flow, tmp_path / "kern" / "kern.yaml", *sorted((tmp_path / "kern").glob("*.yaml"))):
        text = path.read_text(encoding="utf-8")
        start = text.index(after) if after and after in text else 0
        if (after is None or after in text) and old in text[start:]:
            at = text.index(old, start)
            planted = text[:at] + new + text[at + len(old) :]
            path.write_text(planted, encoding="utf-8")
            return path, planted
    raise ValueError(f"{old!r} is in no file of the built-in flow")


def before_guarantees(tmp_path: Path, block: str) -> tuple[Path, str]:
    """A copy of the built-in flow with nodes added at the end of its node list."""
    return plant(tmp_path, "\n# Invariants of the afwegingskader", block + "\n# Invariants of the afwegingskader")

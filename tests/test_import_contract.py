"""The import rule of docs/architecture.md: each layer imports only from the layers below it, and no
modules import each other around a circle (the contracts in pyproject.toml, run by import-linter)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

import meldcode_cli

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(meldcode_cli.__file__).parent


def contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def test_the_package_keeps_its_import_contracts(capsys):
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    output = capsys.readouterr().out
    assert code == 0, output
    assert f"{len(contracts())} kept, 0 broken" in output


def test_every_subpackage_has_its_place_in_the_layers():
    """A new subpackage outside the layers would escape the rule: it must be given a place."""
    (layers,) = [c for c in contracts() if c["type"] == "layers"]
    placed = {name.strip() for layer in layers["layers"] for name in layer.split("|")}
    subpackages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert placed == subpackages

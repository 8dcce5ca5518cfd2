"""docs/architecture.md draws the package's tree: every module it has is on the map, and nothing that is gone."""

from __future__ import annotations

import re
from pathlib import Path

import meldcode_cli

PACKAGE = Path(meldcode_cli.__file__).parent
DOC = Path(__file__).parent.parent / "docs" / "architecture.md"


def drawn_tree() -> dict[str, set[str]]:
    text = DOC.read_text(encoding="utf-8")
    block = text[text.index("```\nmeldcode_cli/\n") :]
    block = block[: block.index("```", 4)]
    modules: dict[str, set[str]] = {}
    folder = ""
    for line in block.splitlines()[2:]:
        found = re.match(r"  (\w+)/ ", line)
        if found:
            folder = found.group(1)
        modules.setdefault(folder, set()).update(re.findall(r"\b(\w+\.py)\b", line))
    return modules


def test_the_tree_in_the_architecture_notes_is_the_package():
    real = {
        folder.name: {p.name for p in folder.glob("*.py") if p.name != "__init__.py"}
        for folder in PACKAGE.iterdir()
        if folder.is_dir() and (folder / "__init__.py").exists()
    }
    drawn = drawn_tree()
    assert {folder: drawn.get(folder, set()) for folder in real} == real

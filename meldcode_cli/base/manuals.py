"""Where the manuals are: inside the installed package, or in the docs folder of a source checkout."""

from __future__ import annotations

from pathlib import Path


def manual(name: str) -> str:
    """The path of the manual `name` (such as "authoring.md") that this copy of meldcode has, so that a
    message points at a file the user can open; the bare name when this copy has none."""
    package = Path(__file__).parent.parent
    for folder in (package / "docs", package.parent / "docs"):
        if (folder / name).is_file():
            return str(folder / name)
    return name

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


def test_the_wheel_ships_the_built_in_flows_with_the_core_they_are_composed_of():
    # The sector flows extend flows/kern/: the whole folder goes into the package, sub-folders included
    # (.ci/run installs a wheel and runs `meldcode flows` from another folder).
    import tomllib
    from pathlib import Path

    root = Path(__file__).parent.parent
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"] == {
        "flows": "meldcode_cli/flows",
        "docs": "meldcode_cli/docs",
    }
    assert (root / "flows" / "kern" / "kern.yaml").is_file()
    assert "flows" in pyproject["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


def test_every_manual_a_message_points_at_is_shipped():
    # Messages name manuals by `manual(name)`; the wheel ships docs/ (above), so each must be there.
    import re
    from pathlib import Path

    root = Path(__file__).parent.parent
    named = {
        name
        for source in (root / "meldcode_cli").rglob("*.py")
        for name in re.findall(r"manual\('([^']+)'\)", source.read_text(encoding="utf-8"))
    }
    assert named >= {"authoring.md", "authoring.en.md"}
    assert all((root / "docs" / name).is_file() for name in named), named
    # and no message points at a docs/ path by hand any more
    for source in (root / "meldcode_cli").rglob("*.py"):
        for line in source.read_text(encoding="utf-8").splitlines():
            code = line.split("#")[0]
            assert "docs/" not in code or "description=" in code, (source, line)  # a field's note for authors

"""Composition: a flow that `extends` another and `include`s shared fragments, merged with each value's file:line."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from meldcode_cli.base.errors import FileProblems
from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow import yamlsource
from meldcode_cli.flow.overlay_files import Context, file_of, heading
from meldcode_cli.flow.overlay_merge import Merge
from meldcode_cli.flow.overlay_shape import FRAGMENT_KEYS, check_fragment, check_includes, check_overlay
from meldcode_cli.flow.yamlsource import Located

__all__ = ["FRAGMENT_KEYS", "heading", "is_fragment", "merged"]


def is_fragment(data: Any) -> bool:
    """A file of shared parts for flows to `include`, not a flow of its own."""
    return isinstance(data, dict) and "fragment" in data


def merged(located: Located, path: Path, builtins: Mapping[str, Path], builtin_dir: Path) -> tuple[Located, list[Path]]:
    """The flow with its `extends` chain and its `include`d fragments resolved and merged, and every
    file it was read from. A flow with neither comes back as it is. `path` is the real file of `located`."""
    roots = (path.resolve().parent, builtin_dir.resolve())
    return _merged(located, path.resolve(), Context(builtins, roots), ())


def _merged(
    located: Located, path: Path, ctx: Context, chain: tuple[tuple[Path, str], ...]
) -> tuple[Located, list[Path]]:
    data = located.data
    if not isinstance(data, dict) or not ("extends" in data or "include" in data):
        return located, [path]
    chain = chain + ((path, located.file),)
    if "extends" in data:
        check_overlay(located)
        base_path, base_display = file_of(located, ("extends",), path, ctx, chain)
        base, sources = _merged(yamlsource.load(base_path, base_display), base_path, ctx, chain)
        if not isinstance(base.data, dict):
            raise FileProblems(
                "invalid_flow",
                heading(base.file),
                [
                    base.problem(
                        (),
                        Msg(
                            "een flow is een mapping met id, version, title, steps en nodes.",
                            "a flow is a mapping with id, version, title, steps en nodes.",
                        ),
                        "MC100",
                    )
                ],
            )
    else:  # a whole flow: its own parts come first, the fragments add to them
        check_includes(located)
        own = {key: value for key, value in data.items() if key != "include"}
        base, sources = Located(located.file, own, located.lines, located.files), []
    # Fragments are applied in the order named, each like an overlay of what came before.
    for i in range(len(data.get("include") or [])):
        part_path, part_display = file_of(located, ("include", i), path, ctx, chain)
        part = yamlsource.load(part_path, part_display)
        check_fragment(part)
        base = _relabel(Merge(part, base, fragment=True).result(), base.file)
        sources.append(part_path)
    if "extends" in data:
        return Merge(located, base).result(), [path, *sources]
    return _relabel(base, located.file), [path, *sources]


def _relabel(located: Located, file: str) -> Located:
    """The same merged data, told as coming from `file` (values from elsewhere keep their file)."""
    if located.file == file:
        return located
    files = {loc: source for loc, source in located.files.items() if source != file}
    for loc in located.lines:
        if loc not in located.files:
            files[loc] = located.file
    return Located(file, located.data, located.lines, files)

"""Which file `extends` or an `include` entry names, kept inside the flow's folder and the built-in flows."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from meldcode_cli.base.errors import FileProblems
from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow.catalog import looks_like_path
from meldcode_cli.flow.schema_errors import did_you_mean
from meldcode_cli.flow.yamlsource import Located, Path_

MAX_CHAIN = 8
FLOW_SUFFIXES = (".yaml", ".yml")


class Context:
    """What every file of one flow's chain may reach: the built-in flows, and these folders."""

    def __init__(self, builtins: Mapping[str, Path], roots: tuple[Path, ...]) -> None:
        self.builtins = builtins
        self.roots = roots


def heading(file: str) -> Msg:
    """The first line of every message about a flow that cannot be loaded."""
    return Msg(f"De flow in {file} kan niet geladen worden:", f"The flow in {file} cannot be loaded:")


def file_of(
    located: Located, loc: Path_, path: Path, ctx: Context, chain: tuple[tuple[Path, str], ...]
) -> tuple[Path, str]:
    """The file `extends` (a built-in flow's id, or a path) or an `include` entry (a path) names,
    inside the allowed folders."""
    reference = str(_at(located.data, loc)).strip()
    extending = loc == ("extends",)
    verb_nl, verb_en = ("om uit te breiden", "to extend") if extending else ("om op te nemen", "to include")

    def refuse(code: str, nl: str, en: str, hint: Msg | None = None) -> FileProblems:
        return FileProblems("invalid_flow", heading(located.file), [located.problem(loc, Msg(nl, en), code, hint)])

    is_path = looks_like_path(reference) or reference.endswith(FLOW_SUFFIXES)
    if extending and not is_path:
        if reference not in ctx.builtins:
            raise refuse(
                "MC120",
                f"er is geen ingebouwde flow '{reference}' om uit te breiden (ingebouwd: {', '.join(ctx.builtins)}).",
                f"there is no built-in flow '{reference}' to extend (built in: {', '.join(ctx.builtins)}).",
                did_you_mean(reference, ctx.builtins),
            )
        target = ctx.builtins[reference].resolve()
        display = _display(target)
    else:
        # A flow written on Windows (`fragmenten\contacten.yaml`) names the same file everywhere; and a
        # `..\` cannot climb out of the flow's folder where the backslash is an ordinary letter.
        relative = reference.replace("\\", "/")
        target = (path.parent / relative).resolve()
        display = os.path.normpath(os.path.join(os.path.dirname(located.file), relative))
        if not any(target.is_relative_to(root) for root in ctx.roots):
            raise refuse(
                "MC121",
                f"'{reference}' ligt buiten de map van de flow; een flow kan alleen een "
                "bestand in zijn eigen map (of een submap) of een ingebouwde flow "
                f"{'uitbreiden' if extending else 'opnemen'}.",
                f"'{reference}' lies outside the flow's folder; a flow can only "
                f"{'extend' if extending else 'include'} a file in its own folder (or a subfolder) "
                "or a built-in flow.",
                Msg(
                    "Zet de basisflow naast deze flow, of gebruik de id van een ingebouwde flow.",
                    "Put the base flow next to this flow, or use the id of a built-in flow.",
                )
                if extending
                else Msg(
                    "Zet het fragment naast deze flow of in een submap.",
                    "Put the fragment next to this flow or in a subfolder.",
                ),
            )
        if not target.is_file():
            raise refuse(
                "MC120",
                f"het bestand '{reference}' {verb_nl} bestaat niet.",
                f"the file '{reference}' {verb_en} does not exist.",
            )
    seen = [p for p, _ in chain]
    if target in seen:
        names = [name for _, name in chain[seen.index(target) :]] + [display]
        raise refuse(
            "MC122",
            f"'{loc[0]}' vormt een kring: {' → '.join(names)}.",
            f"'{loc[0]}' forms a loop: {' → '.join(names)}.",
            Msg("Laat één van deze flows niets uitbreiden.", "Make one of these flows extend nothing."),
        )
    if len(chain) >= MAX_CHAIN:
        raise refuse(
            "MC122",
            f"te veel flows breiden elkaar uit (hooguit {MAX_CHAIN}).",
            f"too many flows extend one another (at most {MAX_CHAIN}).",
        )
    return target, display


def _display(path: Path) -> str:
    """A built-in flow's file as messages show it: relative to the current folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _at(data: object, path: Path_) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data

"""Overlays: a flow that `extends` another and overrides named parts, merged with each value's own file:line."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from meldcode_cli import yamlsource
from meldcode_cli.errors import FileProblems, Problem
from meldcode_cli.i18n import Msg
from meldcode_cli.schema_errors import did_you_mean
from meldcode_cli.yamlsource import Located, Path_

MAX_CHAIN = 8
FLOW_SUFFIXES = (".yaml", ".yml")

# Replaced whole by the overlay's value.
PLAIN_KEYS = ("id", "version", "title", "description", "intro", "disclaimer", "start")
OVERLAY_KEYS = ("$schema", "extends", *PLAIN_KEYS, "steps", "contacts", "actions", "nodes", "guarantees")
# Required in an overlay: an organisation's flow must be told apart from the one it adapts, in
# every result and session record.
REQUIRED_KEYS = ("id", "version")


def heading(file: str) -> Msg:
    return Msg(f"De flow in {file} kan niet geladen worden:", f"The flow in {file} cannot be loaded:")


def merged(located: Located, path: Path, builtins: Mapping[str, Path], builtin_dir: Path) -> tuple[Located, list[Path]]:
    """The flow with its `extends` chain resolved and merged, and every file it was read from.
    A flow without `extends` comes back as it is. `path` is the real file of `located`."""
    roots = (path.resolve().parent, builtin_dir.resolve())
    return _merged(located, path.resolve(), _Context(builtins, roots), ())


class _Context:
    def __init__(self, builtins: Mapping[str, Path], roots: tuple[Path, ...]) -> None:
        self.builtins = builtins
        self.roots = roots


def _merged(located: Located, path: Path, ctx: _Context, chain: tuple[tuple[Path, str], ...]) -> tuple[Located, list[Path]]:
    data = located.data
    if not isinstance(data, dict) or "extends" not in data:
        return located, [path]
    chain = chain + ((path, located.file),)
    _check_shape(located)
    base_path, base_display = _base_of(located, path, ctx, chain)
    base, sources = _merged(yamlsource.load(base_path, base_display), base_path, ctx, chain)
    if not isinstance(base.data, dict):
        raise FileProblems("invalid_flow", heading(base.file), [base.problem(
            (), Msg("een flow is een mapping met id, version, title, steps en nodes.",
                    "a flow is a mapping with id, version, title, steps and nodes."), "MC100")])
    return _Merge(located, base).result(), [path, *sources]


# ---------------------------------------------------------------------------------------------
# The overlay's own shape, checked before merging so that mistakes point at the overlay's lines


def _check_shape(located: Located) -> None:
    data: dict[str, Any] = located.data
    problems: list[Problem] = []

    def wrong(loc: Path_, nl: str, en: str, hint: Msg | None = None, code: str = "MC100") -> None:
        problems.append(located.problem(loc, Msg(nl, en), code, hint))

    for key in REQUIRED_KEYS:
        if key not in data:
            wrong((), f"'{key}' ontbreekt: een flow die een andere uitbreidt heeft een eigen {key}.",
                  f"'{key}' is missing: a flow that extends another has an {key} of its own.")
    for key in data:
        if key not in OVERLAY_KEYS:
            wrong((key,), f"onbekende sleutel '{key}' in een flow die een andere uitbreidt.",
                  f"unknown key '{key}' in a flow that extends another.",
                  did_you_mean(key, OVERLAY_KEYS) or Msg("Haal de sleutel weg.", "Remove the key."))
    if not isinstance(data["extends"], str) or not data["extends"].strip():
        wrong(("extends",), "'extends' moet de id van een ingebouwde flow zijn, of een pad naar een YAML-bestand.",
              "'extends' must be the id of a built-in flow, or a path to a YAML file.")
    for key, id_key, id_type in (("steps", "number", int), ("nodes", "id", str), ("guarantees", "id", str)):
        if key not in data:
            continue
        if not isinstance(data[key], list):
            wrong((key,), f"'{key}' moet een lijst zijn.", f"'{key}' must be a list.")
            continue
        for i, entry in enumerate(data[key]):
            if not isinstance(entry, dict) or not isinstance(entry.get(id_key), id_type) or isinstance(entry.get(id_key), bool):
                wrong((key, i), f"elk element van '{key}' is een mapping met een '{id_key}'.",
                      f"every item of '{key}' is a mapping with an '{id_key}'.")
            elif key == "nodes" and "remove" in entry and entry["remove"] is not True:
                wrong((key, i, "remove"), "'remove' kan alleen true zijn.", "'remove' can only be true.")
            elif key == "nodes" and "options" in entry and not _is_list_of_ids(entry["options"]):
                wrong((key, i, "options"), "'options' moet een lijst zijn van mappings met een 'id'.",
                      "'options' must be a list of mappings with an 'id'.")
    for key in ("contacts", "actions"):
        if key in data and not (isinstance(data[key], dict) and all(isinstance(v, dict) for v in data[key].values())):
            wrong((key,), f"'{key}' moet een mapping zijn van id naar gegevens.",
                  f"'{key}' must be a mapping from id to details.")
    if problems:
        raise FileProblems("invalid_flow", heading(located.file), problems)


def _is_list_of_ids(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(o, dict) and isinstance(o.get("id"), str) for o in value)


def _base_of(located: Located, path: Path, ctx: _Context, chain: tuple[tuple[Path, str], ...]) -> tuple[Path, str]:
    """The file `extends` names: a built-in flow's id, or a path inside the allowed folders."""
    reference: str = located.data["extends"].strip()

    def refuse(code: str, nl: str, en: str, hint: Msg | None = None) -> FileProblems:
        return FileProblems("invalid_flow", heading(located.file),
                            [located.problem(("extends",), Msg(nl, en), code, hint)])

    is_path = "/" in reference or "\\" in reference or reference.endswith(FLOW_SUFFIXES)
    if not is_path:
        if reference not in ctx.builtins:
            raise refuse("MC120", f"er is geen ingebouwde flow '{reference}' om uit te breiden "
                         f"(ingebouwd: {', '.join(ctx.builtins)}).",
                         f"there is no built-in flow '{reference}' to extend (built in: {', '.join(ctx.builtins)}).",
                         did_you_mean(reference, ctx.builtins))
        base = ctx.builtins[reference].resolve()
        display = _display(base)
    else:
        base = (path.parent / reference).resolve()
        display = os.path.normpath(os.path.join(os.path.dirname(located.file), reference))
        if not any(base.is_relative_to(root) for root in ctx.roots):
            raise refuse("MC121", f"'{reference}' ligt buiten de map van de flow; een flow kan alleen een "
                         "bestand in zijn eigen map (of een submap) of een ingebouwde flow uitbreiden.",
                         f"'{reference}' lies outside the flow's folder; a flow can only extend a file in its "
                         "own folder (or a subfolder) or a built-in flow.",
                         Msg("Zet de basisflow naast deze flow, of gebruik de id van een ingebouwde flow.",
                             "Put the base flow next to this flow, or use the id of a built-in flow."))
        if not base.is_file():
            raise refuse("MC120", f"het bestand '{reference}' om uit te breiden bestaat niet.",
                         f"the file '{reference}' to extend does not exist.")
    seen = [p for p, _ in chain]
    if base in seen:
        names = [name for _, name in chain[seen.index(base):]] + [display]
        raise refuse("MC122", f"'extends' vormt een kring: {' → '.join(names)}.",
                     f"'extends' forms a loop: {' → '.join(names)}.",
                     Msg("Laat één van deze flows niets uitbreiden.", "Make one of these flows extend nothing."))
    if len(chain) >= MAX_CHAIN:
        raise refuse("MC122", f"te veel flows breiden elkaar uit (hooguit {MAX_CHAIN}).",
                     f"too many flows extend one another (at most {MAX_CHAIN}).")
    return base, display


# ---------------------------------------------------------------------------------------------
# Merging: plain keys are replaced, contacts and actions merge by id, steps by number, nodes by id
# (and their options by id), guarantees are added to the base's.


class _Merge:
    """Builds the merged data while remembering, for each value, the file and line it came from."""

    def __init__(self, overlay: Located, base: Located) -> None:
        self.overlay = overlay
        self.base = base
        self.lines: dict[Path_, int] = {}
        self.files: dict[Path_, str] = {}
        self.problems: list[Problem] = []

    def result(self) -> Located:
        over, base = self.overlay.data, self.base.data
        data: dict[str, Any] = {}
        self._place((), self.overlay, ())
        for key in list(base) + [k for k in over if k not in base]:
            if key in ("extends", "$schema"):
                continue
            if key not in over:
                data[key] = self._copy(self.base, (key,), (key,))
            elif key not in base or key in PLAIN_KEYS:
                data[key] = self._copy(self.overlay, (key,), (key,))
            elif key in ("contacts", "actions"):
                data[key] = self._merge_mapping(key)
            elif key == "steps":
                data[key] = self._merge_list(key, "number", self._patch)
            elif key == "nodes":
                data[key] = self._merge_list(key, "id", self._patch_node)
            elif key == "guarantees":
                data[key] = self._add_guarantees()
            else:  # a key the base has in a shape we do not merge: the overlay's wins
                data[key] = self._copy(self.overlay, (key,), (key,))
        if self.problems:
            raise FileProblems("invalid_flow", heading(self.overlay.file), self.problems)
        return Located(self.overlay.file, data, self.lines, self.files)

    # -- copying with origins

    def _place(self, dst: Path_, src: Located, src_path: Path_) -> None:
        line = src.lines.get(src_path)
        if line is not None:
            self.lines[dst] = line
        file = src.files.get(src_path, src.file)
        if file != self.overlay.file:
            self.files[dst] = file
        else:
            self.files.pop(dst, None)

    def _copy(self, src: Located, src_path: Path_, dst: Path_, value: Any = None) -> Any:
        if value is None:
            value = _at(src.data, src_path)
        self._place(dst, src, src_path)
        if isinstance(value, dict):
            return {k: self._copy(src, src_path + (k,), dst + (k,), v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._copy(src, src_path + (i,), dst + (i,), v) for i, v in enumerate(value)]
        return value

    # -- the merge rules

    def _merge_mapping(self, key: str) -> dict[str, Any]:
        over, base = self.overlay.data[key], self.base.data[key]
        result: dict[str, Any] = {}
        self._place((key,), self.overlay, (key,))
        for name in list(base) + [n for n in over if n not in base]:
            path = (key, name)
            if name not in over:
                result[name] = self._copy(self.base, path, path)
            elif name not in base or not isinstance(base[name], dict):
                result[name] = self._copy(self.overlay, path, path)
            else:
                result[name] = self._patch(path, path, path)
        return result

    def _patch(self, dst: Path_, base_path: Path_, over_path: Path_) -> dict[str, Any]:
        """A base mapping with the overlay's keys put in its place, key by key."""
        base, over = _at(self.base.data, base_path), _at(self.overlay.data, over_path)
        result: dict[str, Any] = {}
        self._place(dst, self.overlay, over_path)
        for name in list(base) + [n for n in over if n not in base]:
            if name in over:
                result[name] = self._copy(self.overlay, over_path + (name,), dst + (name,))
            else:
                result[name] = self._copy(self.base, base_path + (name,), dst + (name,))
        return result

    def _merge_list(self, key: str, id_key: str, patch: Any) -> list[Any]:
        base, over = self.base.data[key], self.overlay.data[key]
        if not isinstance(base, list):
            return self._copy(self.overlay, (key,), (key,))
        self._place((key,), self.overlay, (key,))
        where = {entry.get(id_key): i for i, entry in enumerate(base) if isinstance(entry, dict)}
        changes = {entry[id_key]: j for j, entry in enumerate(over)}
        result: list[Any] = []
        for i, entry in enumerate(base):
            j = changes.get(entry.get(id_key)) if isinstance(entry, dict) else None
            if j is None:
                result.append(self._copy(self.base, (key, i), (key, len(result))))
            elif over[j].get("remove") is True:
                continue
            else:
                entry_result = patch((key, len(result)), (key, i), (key, j))
                result.append(entry_result)
        for j, entry in enumerate(over):
            if entry[id_key] in where:
                continue
            if key == "nodes" and "kind" not in entry:
                self._unknown((key, j, id_key), "node", entry[id_key], [e.get("id") for e in base
                                                                         if isinstance(e, dict)])
                continue
            result.append(self._copy(self.overlay, (key, j), (key, len(result))))
        return result

    def _patch_node(self, dst: Path_, base_path: Path_, over_path: Path_) -> dict[str, Any]:
        base, over = _at(self.base.data, base_path), _at(self.overlay.data, over_path)
        if "kind" in over and over["kind"] != base.get("kind"):
            return self._copy(self.overlay, over_path, dst)  # another kind: the node is replaced whole
        result = self._patch(dst, base_path, over_path)
        if "options" in over and isinstance(base.get("options"), list):
            result["options"] = self._merge_options(dst + ("options",), base_path + ("options",),
                                                    over_path + ("options",), base["id"])
        return result

    def _merge_options(self, dst: Path_, base_path: Path_, over_path: Path_, node_id: str) -> list[Any]:
        base, over = _at(self.base.data, base_path), _at(self.overlay.data, over_path)
        self._place(dst, self.overlay, over_path)
        changes = {option["id"]: j for j, option in enumerate(over)}
        known = [o.get("id") for o in base if isinstance(o, dict)]
        result: list[Any] = []
        for i, option in enumerate(base):
            j = changes.get(option.get("id")) if isinstance(option, dict) else None
            if j is None:
                result.append(self._copy(self.base, base_path + (i,), dst + (len(result),)))
            else:
                result.append(self._patch(dst + (len(result),), base_path + (i,), over_path + (j,)))
        for j, option in enumerate(over):
            if option["id"] in known:
                continue
            if "label" not in option:
                self._unknown(over_path + (j, "id"), f"optie bij '{node_id}'", option["id"], known,
                              f"option of '{node_id}'")
                continue
            result.append(self._copy(self.overlay, over_path + (j,), dst + (len(result),)))
        return result

    def _add_guarantees(self) -> list[Any]:
        base, over = self.base.data["guarantees"], self.overlay.data["guarantees"]
        if not isinstance(base, list):
            return self._copy(self.overlay, ("guarantees",), ("guarantees",))
        self._place(("guarantees",), self.base, ("guarantees",))
        result = [self._copy(self.base, ("guarantees", i), ("guarantees", i)) for i in range(len(base))]
        known = {g.get("id") for g in base if isinstance(g, dict)}
        for j, guarantee in enumerate(over):
            if guarantee["id"] in known:
                self.problems.append(self.overlay.problem(
                    ("guarantees", j, "id"),
                    Msg(f"de garantie '{guarantee['id']}' komt uit de basisflow en kan niet veranderd worden.",
                        f"the guarantee '{guarantee['id']}' comes from the base flow and cannot be changed."),
                    "MC124",
                    Msg("De garanties van de basisflow gelden ook voor deze flow. Voeg eigen garanties toe "
                        "met een nieuwe id.",
                        "The base flow's guarantees hold for this flow too. Add guarantees of your own "
                        "with a new id.")))
                continue
            result.append(self._copy(self.overlay, ("guarantees", j), ("guarantees", len(result))))
        return result

    def _unknown(self, loc: Path_, what_nl: str, name: str, known: list[Any], what_en: str | None = None) -> None:
        what_en = what_en or what_nl
        self.problems.append(self.overlay.problem(
            loc,
            Msg(f"de basisflow heeft geen {what_nl} '{name}' om aan te passen, en een nieuwe "
                f"{what_nl} is niet compleet.",
                f"the base flow has no {what_en} '{name}' to change, and a new {what_en} is not complete."),
            "MC123",
            did_you_mean(name, [k for k in known if isinstance(k, str)])
            or Msg("Geef een nieuwe node ook 'kind', 'step' en de andere velden; geef een nieuwe optie een 'label'.",
                   "Give a new node 'kind', 'step' and the other fields too; give a new option a 'label'.")))


def _display(path: Path) -> str:
    """A built-in flow's file as messages show it: relative to the current folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data

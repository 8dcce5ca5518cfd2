"""Two flow files merged into one: plain keys replaced, contacts, actions, steps and nodes merged by id."""

from __future__ import annotations

from typing import Any

from meldcode_cli.base.errors import FileProblems, Problem
from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow.overlay_files import heading
from meldcode_cli.flow.overlay_shape import PLACE_KEYS
from meldcode_cli.flow.schema_errors import did_you_mean
from meldcode_cli.flow.yamlsource import Located, Path_

# Replaced whole by the overlay's value.
PLAIN_KEYS = ("id", "version", "title", "description", "sector", "intro", "disclaimer", "start")

# An entry of a merged list: its id, its index in the base and in the overlay (None where it is not).
_Entry = tuple[Any, int | None, int | None]
_Placed = tuple[Any, int | None, int]  # one the overlay puts `after` or `before` another


class Merge:
    """Builds the merged data while remembering, for each value, the file and line it came from."""

    def __init__(self, overlay: Located, base: Located, fragment: bool = False) -> None:
        self.overlay = overlay
        self.base = base
        self.fragment = fragment
        self.lines: dict[Path_, int] = {}
        self.files: dict[Path_, str] = {}
        self.problems: list[Problem] = []

    def result(self) -> Located:
        over, base = self.overlay.data, self.base.data
        data: dict[str, Any] = {}
        self._place((), self.overlay, ())
        # A fragment's `fragment` and `description` say what the fragment is, not the flow.
        own = ("fragment", "description") if self.fragment else ()
        for key in list(base) + [k for k in over if k not in base]:
            if key in ("extends", "include", "$schema") or (key in own and key not in base):
                continue
            if key not in over or key in own:
                data[key] = self._copy(self.base, (key,), (key,))
            elif key not in base or key in PLAIN_KEYS:
                data[key] = self._copy(self.overlay, (key,), (key,))
            elif key in ("contacts", "actions") and isinstance(base[key], dict):
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

    def _copy(
        self, src: Located, src_path: Path_, dst: Path_, value: Any = None, leave_out: tuple[str, ...] = ()
    ) -> Any:
        if value is None:
            value = _at(src.data, src_path)
        self._place(dst, src, src_path)
        if isinstance(value, dict):
            return {k: self._copy(src, src_path + (k,), dst + (k,), v) for k, v in value.items() if k not in leave_out}
        if isinstance(value, list):
            return [self._copy(src, src_path + (i,), dst + (i,), v) for i, v in enumerate(value)]
        return value

    # -- the merge rules

    def _merge_mapping(self, key: str) -> dict[str, Any]:
        over, base = self.overlay.data[key], self.base.data[key]
        result: dict[str, Any] = {}
        self._place((key,), self.overlay, (key,))
        what_nl, what_en = ("contact", "contact") if key == "contacts" else ("actie", "action")
        for name in list(base) + [n for n in over if n not in base]:
            path = (key, name)
            if name in over and over[name].get("remove") is True:
                if name not in base:
                    self._unknown(path, what_nl, name, list(base), what_en)
                continue
            if name not in over:
                result[name] = self._copy(self.base, path, path)
            elif name not in base or not isinstance(base[name], dict):
                result[name] = self._copy_new(self.overlay, path, path)
            else:
                result[name] = self._patch(path, path, path)
        return result

    def _patch(self, dst: Path_, base_path: Path_, over_path: Path_) -> dict[str, Any]:
        """A base mapping with the overlay's keys put in its place, key by key."""
        base, over = _at(self.base.data, base_path), _at(self.overlay.data, over_path)
        result: dict[str, Any] = {}
        self._place(dst, self.overlay, over_path)
        for name in list(base) + [n for n in over if n not in base]:
            if (name in PLACE_KEYS and over_path[0] == "nodes") or _adds(name):
                continue
            if name in over:
                result[name] = self._copy(self.overlay, over_path + (name,), dst + (name,))
            else:
                result[name] = self._copy(self.base, base_path + (name,), dst + (name,))
        for name in over:
            if _adds(name):
                self._add_to(result, name[:-1], dst, base_path, over_path)
        return result

    def _add_to(self, result: dict[str, Any], key: str, dst: Path_, base_path: Path_, over_path: Path_) -> None:
        """`key+`: the overlay's items added to the base's list (for `next`: tried before the base's rules,
        as a rule after the default one would never be tried)."""
        base, over = _at(self.base.data, base_path), _at(self.overlay.data, over_path)
        added = over[key + ADD]
        loc = over_path + (key + ADD,)
        if key in over:
            self._problem(
                loc, f"geef '{key}' of '{key}{ADD}', niet allebei.", f"give '{key}' or '{key}{ADD}', not both."
            )
            return
        if not isinstance(added, list):
            self._problem(
                loc, f"'{key}{ADD}' is een lijst met wat erbij komt.", f"'{key}{ADD}' is a list of what to add."
            )
            return
        present = base.get(key, [])
        if isinstance(present, str) and key == "next":  # `next: some_node`, the short form of one rule
            present = [{"goto": present}]
        if not isinstance(present, list):
            self._problem(
                loc,
                f"'{key}' is in de basisflow geen lijst; '{key}{ADD}' kan er niets aan toevoegen.",
                f"'{key}' is no list in the base flow; '{key}{ADD}' cannot add to it.",
            )
            return
        ours = [(self.overlay, loc + (j,), item) for j, item in enumerate(added)]
        theirs = [(self.base, base_path + (key, i), item) for i, item in enumerate(present)]
        self._place(dst + (key,), self.overlay, loc)
        result[key] = [
            self._copy(src, path, dst + (key, k), item)
            for k, (src, path, item) in enumerate(ours + theirs if key == "next" else theirs + ours)
        ]

    def _problem(self, loc: Path_, nl: str, en: str) -> None:
        self.problems.append(self.overlay.problem(loc, Msg(nl, en), "MC100"))

    def _copy_new(self, src: Located, src_path: Path_, dst: Path_) -> Any:
        """A new entry (node, option, contact, action): `key+` has nothing to add to, so it is `key`."""
        value = _at(src.data, src_path)
        if not isinstance(value, dict):
            return self._copy(src, src_path, dst)
        self._place(dst, src, src_path)
        result: dict[str, Any] = {}
        for name, item in value.items():
            if name in PLACE_KEYS and src_path[0] == "nodes":
                continue
            target = name[:-1] if _adds(name) else name
            if _adds(name) and target in value:
                self._problem(
                    src_path + (name,),
                    f"geef '{target}' of '{name}', niet allebei.",
                    f"give '{target}' or '{name}', not both.",
                )
                continue
            result[target] = self._copy(src, src_path + (name,), dst + (target,), item)
        return result

    def _merge_list(self, key: str, id_key: str, patch: Any) -> list[Any]:
        if not isinstance(self.base.data[key], list):
            copied: list[Any] = self._copy(self.overlay, (key,), (key,))
            return copied
        self._place((key,), self.overlay, (key,))
        # First the order: the base's entries less those removed, then the new ones; an entry with
        # `after` or `before` is put there, in the order the overlay names them.
        order, placed = self._kept(key, id_key)
        self._add_new(key, id_key, order, placed)
        for item in placed:
            self._put(order, item, key)
        return [self._merged_entry(key, n, i, j, patch) for n, (_, i, j) in enumerate(order)]

    def _kept(self, key: str, id_key: str) -> tuple[list[_Entry], list[_Placed]]:
        """The base's entries that stay: in their place, or moved by the overlay's `after`/`before`."""
        base, over = self.base.data[key], self.overlay.data[key]
        changes = {entry[id_key]: j for j, entry in enumerate(over)}
        order: list[_Entry] = []
        placed: list[_Placed] = []
        for i, entry in enumerate(base):
            entry_id = entry.get(id_key) if isinstance(entry, dict) else None
            j = changes.get(entry_id) if isinstance(entry, dict) else None
            if j is not None and over[j].get("remove") is True:
                continue
            if j is not None and any(k in over[j] for k in PLACE_KEYS):
                placed.append((entry_id, i, j))
            else:
                order.append((entry_id, i, j))
        return order, placed

    def _add_new(self, key: str, id_key: str, order: list[_Entry], placed: list[_Placed]) -> None:
        """The overlay's entries the base lacks; a node needs a kind (else it names one that is not there)."""
        base, over = self.base.data[key], self.overlay.data[key]
        known = {entry.get(id_key) for entry in base if isinstance(entry, dict)}
        for j, entry in enumerate(over):
            if entry[id_key] in known:
                continue
            if key == "nodes" and ("kind" not in entry or entry.get("remove") is True):
                self._unknown(
                    (key, j, id_key), "node", entry[id_key], [e.get("id") for e in base if isinstance(e, dict)]
                )
                continue
            if any(k in entry for k in PLACE_KEYS):
                placed.append((entry[id_key], None, j))
            else:
                order.append((entry[id_key], None, j))

    def _merged_entry(self, key: str, n: int, i: int | None, j: int | None, patch: Any) -> Any:
        """Entry `n` of the result: from the base (i), from the overlay (j), or the base patched by it."""
        dst = (key, n)
        if j is None:
            return self._copy(self.base, (key, i), dst)
        if i is None:
            return self._copy_new(self.overlay, (key, j), dst)
        return patch(dst, (key, i), (key, j))

    def _put(self, order: list[_Entry], item: _Placed, key: str) -> None:
        """Put an entry after or before the node its `after`/`before` names."""
        entry = self.overlay.data[key][item[2]]
        where = "after" if "after" in entry else "before"
        ids = [entry_id for entry_id, _, _ in order]
        if entry[where] in ids:
            at = ids.index(entry[where])
            order.insert(at + 1 if where == "after" else at, item)
            return
        order.append(item)
        self.problems.append(
            self.overlay.problem(
                (key, item[2], where),
                Msg(
                    f"'{where}' noemt '{entry[where]}', maar die node is er niet (of wordt weggehaald).",
                    f"'{where}' names '{entry[where]}', but there is no such node (or it is removed).",
                ),
                "MC125",
                did_you_mean(str(entry[where]), [i for i in ids if isinstance(i, str)]),
            )
        )

    def _patch_node(self, dst: Path_, base_path: Path_, over_path: Path_) -> dict[str, Any]:
        base, over = _at(self.base.data, base_path), _at(self.overlay.data, over_path)
        if "kind" in over and over["kind"] != base.get("kind"):
            # another kind: the node is replaced whole
            replaced: dict[str, Any] = self._copy_new(self.overlay, over_path, dst)
            return replaced
        result = self._patch(dst, base_path, over_path)
        if "options" in over and isinstance(base.get("options"), list):
            result["options"] = self._merge_options(
                dst + ("options",), base_path + ("options",), over_path + ("options",), base["id"]
            )
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
            elif over[j].get("remove") is True:
                continue
            else:
                result.append(self._patch(dst + (len(result),), base_path + (i,), over_path + (j,)))
        for j, option in enumerate(over):
            if option["id"] in known:
                continue
            if "label" not in option or option.get("remove") is True:
                self._unknown(
                    over_path + (j, "id"), f"optie bij '{node_id}'", option["id"], known, f"option of '{node_id}'"
                )
                continue
            result.append(self._copy_new(self.overlay, over_path + (j,), dst + (len(result),)))
        return result

    def _add_guarantees(self) -> list[Any]:
        base, over = self.base.data["guarantees"], self.overlay.data["guarantees"]
        if not isinstance(base, list):
            copied: list[Any] = self._copy(self.overlay, ("guarantees",), ("guarantees",))
            return copied
        self._place(("guarantees",), self.base, ("guarantees",))
        result = [self._copy(self.base, ("guarantees", i), ("guarantees", i)) for i in range(len(base))]
        known = {g.get("id") for g in base if isinstance(g, dict)}
        for j, guarantee in enumerate(over):
            if guarantee["id"] in known:
                self.problems.append(
                    self.overlay.problem(
                        ("guarantees", j, "id"),
                        Msg(
                            f"de garantie '{guarantee['id']}' komt uit de basisflow en kan niet veranderd worden.",
                            f"the guarantee '{guarantee['id']}' comes from the base flow and cannot be changed.",
                        ),
                        "MC124",
                        Msg(
                            "De garanties van de basisflow gelden ook voor deze flow. Voeg eigen garanties toe "
                            "met een nieuwe id.",
                            "The base flow's guarantees hold for this flow too. Add guarantees of your own "
                            "with a new id.",
                        ),
                    )
                )
                continue
            result.append(self._copy(self.overlay, ("guarantees", j), ("guarantees", len(result))))
        return result

    def _unknown(self, loc: Path_, what_nl: str, name: str, known: list[Any], what_en: str | None = None) -> None:
        what_en = what_en or what_nl
        self.problems.append(
            self.overlay.problem(
                loc,
                Msg(
                    f"de basisflow heeft geen {what_nl} '{name}' om aan te passen, en een nieuwe "
                    f"{what_nl} is niet compleet.",
                    f"the base flow has no {what_en} '{name}' to change, and a new {what_en} is not complete.",
                ),
                "MC123",
                did_you_mean(name, [k for k in known if isinstance(k, str)])
                or Msg(
                    "Geef een nieuwe node ook 'kind', 'step' en de andere velden; geef een nieuwe optie een 'label'.",
                    "Give a new node 'kind', 'step' and the other fields too; give a new option a 'label'.",
                ),
            )
        )


# `actions+: [...]`, `next_steps+`, `next+` …: add to the base's list instead of replacing it.
ADD = "+"


def _adds(name: Any) -> bool:
    return isinstance(name, str) and name.endswith(ADD) and len(name) > 1


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data

"""The shape of an overlay, a fragment and an `include` list, checked before merging so that mistakes
point at their own lines."""

from __future__ import annotations

from typing import Any

from meldcode_cli.base.errors import FileProblems, Problem
from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow.overlay_files import heading
from meldcode_cli.flow.schema_errors import did_you_mean
from meldcode_cli.flow.yamlsource import Located, Path_

OVERLAY_KEYS = (
    "$schema",
    "extends",
    "include",
    "id",
    "version",
    "title",
    "description",
    "sector",
    "intro",
    "disclaimer",
    "start",
    "steps",
    "contacts",
    "actions",
    "nodes",
    "guarantees",
)
# A fragment holds shared parts that flows `include`; `fragment` names it.
FRAGMENT_KEYS = ("$schema", "fragment", "description", "steps", "contacts", "actions", "nodes", "guarantees")
# Required in an overlay: an organisation's flow must be told apart from the one it adapts, in
# every result and session record.
REQUIRED_KEYS = ("id", "version")
# Where a node goes in the merged list: after or before another node.
PLACE_KEYS = ("after", "before")


class _Problems:
    def __init__(self, located: Located) -> None:
        self.located = located
        self.found: list[Problem] = []

    def wrong(self, loc: Path_, nl: str, en: str, hint: Msg | None = None, code: str = "MC100") -> None:
        self.found.append(self.located.problem(loc, Msg(nl, en), code, hint))

    def raise_any(self) -> None:
        if self.found:
            raise FileProblems("invalid_flow", heading(self.located.file), self.found)


def check_overlay(located: Located) -> None:
    """A flow with `extends`: its own id and version, known keys, and parts that merge by id."""
    data: dict[str, Any] = located.data
    problems = _Problems(located)
    for key in REQUIRED_KEYS:
        if key not in data:
            problems.wrong(
                (),
                f"'{key}' ontbreekt: een flow die een andere uitbreidt heeft een eigen {key}.",
                f"'{key}' is missing: a flow that extends another has an {key} of its own.",
            )
    _unknown_keys(
        problems, data, OVERLAY_KEYS, "in een flow die een andere uitbreidt", "in a flow that extends another"
    )
    if not isinstance(data["extends"], str) or not data["extends"].strip():
        problems.wrong(
            ("extends",),
            "'extends' moet de id van een ingebouwde flow zijn, of een pad naar een YAML-bestand.",
            "'extends' must be the id of a built-in flow, or a path to a YAML file.",
        )
    _include_list(problems, data)
    _parts(problems, data)
    problems.raise_any()


def check_includes(located: Located) -> None:
    """A whole flow that includes fragments: only the `include` list is checked here (the rest is
    checked as a flow, after merging)."""
    problems = _Problems(located)
    _include_list(problems, located.data)
    problems.raise_any()


def check_fragment(located: Located) -> None:
    """A fragment: `fragment:` first, then only parts that merge by id."""
    data = located.data
    problems = _Problems(located)
    if not isinstance(data, dict) or "fragment" not in data:
        problems.wrong(
            (),
            "een fragment om op te nemen begint met 'fragment: <naam>' en bevat alleen steps, "
            "contacts, actions, nodes en guarantees.",
            "a fragment to include starts with 'fragment: <name>' and holds only steps, contacts, "
            "actions, nodes and guarantees.",
        )
        problems.raise_any()
    _unknown_keys(problems, data, FRAGMENT_KEYS, "in een fragment", "in a fragment")
    _parts(problems, data)
    problems.raise_any()


def _unknown_keys(
    problems: _Problems, data: dict[str, Any], known: tuple[str, ...], where_nl: str, where_en: str
) -> None:
    for key in data:
        if key not in known:
            problems.wrong(
                (key,),
                f"onbekende sleutel '{key}' {where_nl}.",
                f"unknown key '{key}' {where_en}.",
                did_you_mean(str(key), known) or Msg("Haal de sleutel weg.", "Remove the key."),
            )


def _include_list(problems: _Problems, data: dict[str, Any]) -> None:
    if "include" not in data:
        return
    value = data["include"]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.wrong(
            ("include",),
            "'include' moet een lijst zijn van paden naar fragmenten (YAML-bestanden).",
            "'include' must be a list of paths to fragments (YAML files).",
        )


def _parts(problems: _Problems, data: dict[str, Any]) -> None:
    """steps, nodes and guarantees are lists of mappings with an id; contacts and actions mappings."""
    for key, id_key, id_type in (("steps", "number", int), ("nodes", "id", str), ("guarantees", "id", str)):
        if key not in data:
            continue
        if not isinstance(data[key], list):
            problems.wrong((key,), f"'{key}' moet een lijst zijn.", f"'{key}' must be a list.")
            continue
        for i, entry in enumerate(data[key]):
            if (
                not isinstance(entry, dict)
                or not isinstance(entry.get(id_key), id_type)
                or isinstance(entry.get(id_key), bool)
            ):
                problems.wrong(
                    (key, i),
                    f"elk element van '{key}' is een mapping met een '{id_key}'.",
                    f"every item of '{key}' is a mapping with an '{id_key}'.",
                )
            elif key == "nodes":
                _node(problems, entry, i)
    for key in ("contacts", "actions"):
        if key not in data:
            continue
        if not (isinstance(data[key], dict) and all(isinstance(v, dict) for v in data[key].values())):
            problems.wrong(
                (key,),
                f"'{key}' moet een mapping zijn van id naar gegevens.",
                f"'{key}' must be a mapping from id to details.",
            )
            continue
        for name, entry in data[key].items():
            _removal(problems, entry, (key, name))


def _node(problems: _Problems, entry: dict[str, Any], i: int) -> None:
    _removal(problems, entry, ("nodes", i))
    if "options" in entry:
        if not (
            isinstance(entry["options"], list)
            and all(isinstance(o, dict) and isinstance(o.get("id"), str) for o in entry["options"])
        ):
            problems.wrong(
                ("nodes", i, "options"),
                "'options' moet een lijst zijn van mappings met een 'id'.",
                "'options' must be a list of mappings with an 'id'.",
            )
        else:
            for k, option in enumerate(entry["options"]):
                _removal(problems, option, ("nodes", i, "options", k))
    places = [key for key in PLACE_KEYS if key in entry]
    if len(places) == 2:
        problems.wrong(
            ("nodes", i, "before"),
            "geef 'after' of 'before', niet allebei.",
            "give 'after' or 'before', not both.",
            code="MC125",
        )
    for key in places:
        if not isinstance(entry[key], str):
            problems.wrong(
                ("nodes", i, key), f"'{key}' is de id van een node.", f"'{key}' is the id of a node.", code="MC125"
            )
    if places and entry.get("remove") is True:
        problems.wrong(
            ("nodes", i, places[0]),
            "een node die weggaat, krijgt geen plaats.",
            "a node that is removed gets no place.",
            code="MC125",
        )


def _removal(problems: _Problems, entry: dict[str, Any], loc: Path_) -> None:
    if "remove" not in entry:
        return
    if entry["remove"] is not True:
        problems.wrong(loc + ("remove",), "'remove' kan alleen true zijn.", "'remove' can only be true.")
    elif extra := [k for k in entry if k not in ("id", "remove")]:  # only the id (nodes, options) may stay
        problems.wrong(
            loc + ("remove",),
            f"wat weggaat, krijgt geen andere velden ({', '.join(map(str, extra))}).",
            f"what is removed gets no other fields ({', '.join(map(str, extra))}).",
        )

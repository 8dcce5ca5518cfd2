"""The JSON Schema of the flow format (and of overlays), for editors that check YAML as it is typed."""

from __future__ import annotations

import copy
import json
from typing import Any

from meldcode_cli.flow.model import Flow

DRAFT = "http://json-schema.org/draft-07/schema#"
NODE_KINDS = ("InfoNode", "YesNoNode", "SingleNode", "MultipleNode", "TextNode", "OutcomeNode")
ROUTED_KINDS = ("InfoNode", "YesNoNode", "SingleNode", "MultipleNode", "TextNode")


def flow_schema() -> dict[str, Any]:
    """A flow file is either a whole flow or, when it has `extends`, an overlay of named parts."""
    generated = Flow.model_json_schema(by_alias=True)
    defs: dict[str, Any] = generated.pop("$defs")
    _drop_titles(defs)
    _drop_titles(generated)
    _allow_short_forms(defs)
    defs["Flow"] = generated
    generated["properties"]["include"] = INCLUDE
    defs["NodePatch"] = _node_patch(defs)
    defs["Overlay"] = _overlay(defs, generated)
    defs["Fragment"] = _fragment(defs["Overlay"])
    return {
        "$schema": DRAFT,
        "title": "meldcode flow",
        "description": "A meldcode flow (its manual: flow-format.md), with `extends` an overlay of one, or with "
        "`fragment` shared parts that flows include (its manual: authoring.md).",
        "if": {"type": "object", "required": ["extends"]},
        "then": {"$ref": "#/$defs/Overlay"},
        "else": {
            "if": {"type": "object", "required": ["fragment"]},
            "then": {"$ref": "#/$defs/Fragment"},
            "else": {"$ref": "#/$defs/Flow"},
        },
        "$defs": dict(sorted(defs.items())),
    }


INCLUDE = {
    "type": "array",
    "items": {"type": "string", "minLength": 1},
    "description": "Fragments (YAML files in this folder or below) whose parts are merged into this flow, in order.",
}
REMOVE = {"const": True, "description": "Leave this part of the base flow out."}
ADDED = {"type": "array", "description": "Added to the end of the base flow's list."}


def schema_text() -> str:
    return json.dumps(flow_schema(), ensure_ascii=False, indent=2) + "\n"


def _drop_titles(schema: Any) -> None:
    """Pydantic titles every field after its name ("Goto"); an editor shows the description instead."""
    if isinstance(schema, dict):
        properties = schema.get("properties")
        if isinstance(properties, dict):
            for value in properties.values():
                if isinstance(value, dict):
                    value.pop("title", None)
        for value in schema.values():
            _drop_titles(value)
    elif isinstance(schema, list):
        for value in schema:
            _drop_titles(value)


def _allow_short_forms(defs: dict[str, Any]) -> None:
    """The model accepts short forms its types do not show: a plain string as a Dutch text, as an
    action id, as the one target of `next`, and as the one outcome of a guarantee."""
    defs["Text"] = {"anyOf": [{"type": "string", "minLength": 1, "description": "Dutch text."}, defs["Text"]]}
    identifier = copy.deepcopy(defs["Rule"]["properties"]["goto"])
    defs["ActionRef"] = {"anyOf": [identifier, defs["ActionRef"]]}
    for kind in ROUTED_KINDS:
        nxt = defs[kind]["properties"]["next"]
        defs[kind]["properties"]["next"] = {
            "anyOf": [identifier, nxt],
            "description": "A node id, or rules tried in order.",
        }
    outcome = defs["GuaranteeThen"]["properties"]["outcome"]
    defs["GuaranteeThen"]["properties"]["outcome"] = {
        "anyOf": [identifier, outcome],
        "description": outcome.get("description", ""),
    }


def _node_patch(defs: dict[str, Any]) -> dict[str, Any]:
    """An overlay's entry under `nodes`: an id, and any fields of any kind of node (a new node
    gives them all; an existing node gets the ones given)."""
    properties: dict[str, list[Any]] = {}
    for kind in NODE_KINDS:
        for name, schema in defs[kind]["properties"].items():
            variants = properties.setdefault(name, [])
            if schema not in variants:
                variants.append(schema)
    merged = {name: variants[0] if len(variants) == 1 else {"anyOf": variants} for name, variants in properties.items()}
    option = copy.deepcopy(defs["Option"])
    option["required"] = ["id"]
    merged["options"] = {
        "type": "array",
        "items": option,
        "description": "Options merged by id: an existing option gets the fields given.",
    }
    option["properties"]["remove"] = REMOVE
    option["properties"]["actions+"] = ADDED
    for name in ("next", "actions", "next_steps", "extra_advice", "contacts"):
        merged[f"{name}+"] = {
            **ADDED,
            "description": "Rules tried before the base flow's own." if name == "next" else ADDED["description"],
        }
    merged["remove"] = {"const": True, "description": "Leave this node of the base flow out."}
    for key, where in (("after", "after"), ("before", "before")):
        merged[key] = {"type": "string", "description": f"Put this node {where} the node with this id."}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["id"],
        "properties": merged,
        "description": "A node of the base flow to change (by id), or a new node.",
    }


def _overlay(defs: dict[str, Any], flow: dict[str, Any]) -> dict[str, Any]:
    properties = copy.deepcopy(flow["properties"])
    properties["extends"] = {
        "type": "string",
        "minLength": 1,
        "description": "The flow this one adapts: a built-in flow's id, or a path to a YAML file in this folder.",
    }
    step = copy.deepcopy(defs["Step"])
    step["required"] = ["number"]
    properties["steps"] = {"type": "array", "items": step, "description": "Steps merged by number."}
    for key, model in (("contacts", "Contact"), ("actions", "ActionDef")):
        patch = copy.deepcopy(defs[model])
        patch.pop("required", None)
        patch["properties"]["remove"] = REMOVE
        if key == "actions":
            patch["properties"]["contacts+"] = ADDED
        properties[key] = {
            "type": "object",
            "additionalProperties": patch,
            "description": f"{key.capitalize()} merged by id: an existing one gets the fields given.",
        }
    properties["nodes"] = {
        "type": "array",
        "items": {"$ref": "#/$defs/NodePatch"},
        "description": "Nodes merged by id; new nodes are added.",
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["extends", "id", "version"],
        "properties": properties,
        "description": "A flow that extends another and changes only what it names.",
    }


def _fragment(overlay: dict[str, Any]) -> dict[str, Any]:
    properties = {
        key: copy.deepcopy(overlay["properties"][key])
        for key in ("$schema", "description", "steps", "contacts", "actions", "nodes", "guarantees")
        if key in overlay["properties"]
    }
    properties["fragment"] = {"type": "string", "minLength": 1, "description": "The fragment's name."}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["fragment"],
        "properties": properties,
        "description": "Shared parts that flows take in with `include`, merged like an overlay.",
    }

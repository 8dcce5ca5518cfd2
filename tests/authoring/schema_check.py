"""A small JSON Schema checker (the keywords our flow schema uses), so the tests need no extra package."""

from __future__ import annotations

import re
from typing import Any


def errors(instance: Any, schema: dict[str, Any], root: dict[str, Any] | None = None, where: str = "") -> list[str]:
    """Every place where `instance` does not fit `schema`, as 'path: reason'."""
    root = root or schema
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return errors(instance, target, root, where)
    found: list[str] = []
    if "if" in schema:
        branch = "then" if not errors(instance, schema["if"], root, where) else "else"
        if branch in schema:
            found += errors(instance, schema[branch], root, where)
    if "anyOf" in schema and all(errors(instance, s, root, where) for s in schema["anyOf"]):
        found.append(f"{where}: matches none of anyOf")
    if "oneOf" in schema and sum(not errors(instance, s, root, where) for s in schema["oneOf"]) != 1:
        found.append(f"{where}: does not match exactly one of oneOf")
    if "const" in schema and instance != schema["const"]:
        found.append(f"{where}: is not {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        found.append(f"{where}: is not one of {schema['enum']}")
    kind = schema.get("type")
    if kind is not None and not _is(instance, kind):
        return found + [f"{where}: is not of type {kind}"]
    if isinstance(instance, str):
        if len(instance) < schema.get("minLength", 0) or len(instance) > schema.get("maxLength", 10**9):
            found.append(f"{where}: has the wrong length")
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            found.append(f"{where}: does not match {schema['pattern']}")
    if (
        isinstance(instance, (int, float))
        and not isinstance(instance, bool)
        and (instance < schema.get("minimum", -(10**18)) or instance > schema.get("maximum", 10**18))
    ):
        found.append(f"{where}: is out of range")
    if isinstance(instance, list):
        if len(instance) < schema.get("minItems", 0):
            found.append(f"{where}: has too few items")
        for i, item in enumerate(instance):
            if "items" in schema:
                found += errors(item, schema["items"], root, f"{where}/{i}")
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            if key not in instance:
                found.append(f"{where}: misses {key}")
        properties = schema.get("properties", {})
        for key, value in instance.items():
            if key in properties:
                found += errors(value, properties[key], root, f"{where}/{key}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{where}: has unknown key {key}")
            elif isinstance(schema.get("additionalProperties"), dict):
                found += errors(value, schema["additionalProperties"], root, f"{where}/{key}")
    return found


def _is(instance: Any, kind: str) -> bool:
    return {
        "object": isinstance(instance, dict),
        "array": isinstance(instance, list),
        "string": isinstance(instance, str),
        "boolean": isinstance(instance, bool),
        "integer": isinstance(instance, int) and not isinstance(instance, bool),
        "number": isinstance(instance, (int, float)) and not isinstance(instance, bool),
        "null": instance is None,
    }[kind]

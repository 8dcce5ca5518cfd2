"""Turns pydantic's validation errors into short Dutch and English problems at `file:line`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from meldcode_cli.base.errors import Problem
from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow.yamlsource import Located

SCHEMA_CODE = "MC100"


def known_keys(models: Iterable[type[BaseModel]]) -> set[str]:
    """Every key the schema accepts, for "did you mean" on an unknown key: the keys of these
    models, of their subclasses, and of the models their fields hold (a contact's `phone`)."""
    keys: set[str] = set()
    pending = list(models)
    seen: set[type] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            keys.add(field.alias or name)
            pending += _models_in(field.annotation)
        for sub in model.__subclasses__():
            pending.append(sub)
    return keys


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field's type names, however deeply (list[...], dict[..., ...], unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def did_you_mean(word: str, candidates: Iterable[str]) -> Msg | None:
    match = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    if not match:
        return None
    return Msg(f"Bedoelt u '{match[0]}'?", f"Did you mean '{match[0]}'?")


# Union members that pydantic names in a loc although they are not keys in the file.
_TRAILING_TAGS = {"bool", "str", "int", "float", "list[str]", "test", "not", "all", "any"}


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [p for p in loc if isinstance(p, str)]
    if len(parts) > 1 and parts[-1] in _TRAILING_TAGS:
        parts.pop()
    return parts[-1] if parts else "?"


Explained = tuple[Msg, Msg | None]  # what is wrong, and a hint to put it right

_TYPE_ERRORS = {"string_type", "bool_type", "bool_parsing", "int_type", "int_parsing", "int_from_float", "list_type"}
_TYPE_ERRORS |= {"dict_type", "model_type", "model_attributes_type"}
_SIZE_ERRORS = {"string_too_short", "too_short", "string_too_long", "too_long"}
_CHOICE_ERRORS = {"string_pattern_mismatch", "literal_error", "union_tag_invalid", "union_tag_not_found"}
_RANGE_ERRORS = {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}

# What a value of each type is called in "'x' must be ...".
_TYPE_NAMES = {
    "string_type": Msg("tekst", "text"),
    "bool_type": Msg("true of false", "true or false"),
    "int_type": Msg("een heel getal", "a whole number"),
    "list_type": Msg("een lijst", "a list"),
    "dict_type": Msg("een mapping (sleutel: waarde)", "a mapping (key: value)"),
}
_SAME_TYPE = {
    "bool_parsing": "bool_type",
    "int_parsing": "int_type",
    "int_from_float": "int_type",
    "model_type": "dict_type",
    "model_attributes_type": "dict_type",
}


def _message(error: dict[str, Any], field: str, keys: set[str]) -> Explained:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return Msg(f"'{field}' ontbreekt.", f"'{field}' is missing."), None
    if kind == "extra_forbidden":
        return (
            Msg(f"onbekende sleutel '{field}'.", f"unknown key '{field}'."),
            did_you_mean(field, keys) or Msg("Haal de sleutel weg.", "Remove the key."),
        )
    if kind in _TYPE_ERRORS:
        return _wrong_type(kind, field, value, ctx)
    if kind in _SIZE_ERRORS:
        return _wrong_size(kind, field, ctx), None
    if kind in _CHOICE_ERRORS:
        return _not_a_choice(kind, value, ctx)
    if kind in _RANGE_ERRORS:
        return _out_of_range(kind, field, ctx), None
    if kind == "value_error":
        text = str(ctx.get("error", error["msg"]))
        return Msg(f"'{field}': {text}.", f"'{field}': {text}."), None
    return Msg(f"'{field}': {error['msg']}.", f"'{field}': {error['msg']}."), None


def _wrong_type(kind: str, field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        # `version: 1` or `1.0`: YAML reads a bare number as a number, the flow wants text.
        return (
            Msg(
                f"'{field}' moet tekst zijn, maar YAML leest {value} als getal.",
                f"'{field}' must be text, but YAML reads {value} as a number.",
            ),
            Msg(f'Zet het tussen aanhalingstekens: {field}: "{value}"', f'Put it in quotes: {field}: "{value}"'),
        )
    if _SAME_TYPE.get(kind, kind) == "dict_type" and ctx.get("class_name") == "Text":
        return (
            Msg(
                f"'{field}' moet een tekst zijn, of {{nl: …, en: …}}.",
                f"'{field}' must be a text, or {{nl: …, en: …}}.",
            ),
            None,
        )
    name = _TYPE_NAMES[_SAME_TYPE.get(kind, kind)]
    return Msg(f"'{field}' moet {name.nl} zijn.", f"'{field}' must be {name.en}."), None


def _wrong_size(kind: str, field: str, ctx: dict[str, Any]) -> Msg:
    if kind == "string_too_short":
        return Msg(f"'{field}' mag niet leeg zijn.", f"'{field}' must not be empty.")
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return Msg(
            f"'{field}' moet minstens {n} {'element' if n == 1 else 'elementen'} bevatten.",
            f"'{field}' must hold at least {n} {'item' if n == 1 else 'items'}.",
        )
    n = ctx.get("max_length")
    return Msg(f"'{field}' is te lang (hooguit {n}).", f"'{field}' is too long (at most {n}).")


def _not_a_choice(kind: str, value: Any, ctx: dict[str, Any]) -> Explained:
    """An id that is no id, a value outside its list, a node kind that does not exist."""
    if kind == "string_pattern_mismatch":
        return Msg(
            f"'{value}' is geen geldige id: gebruik kleine letters, cijfers, '_' en '-'.",
            f"'{value}' is not a valid id: use lower-case letters, digits, '_' and '-'.",
        ), None
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return Msg(
            f"'{value}' is hier niet toegestaan; kies uit {expected}.",
            f"'{value}' is not allowed here; choose from {expected}.",
        ), None
    if kind == "union_tag_invalid":
        tags = ctx.get("expected_tags", "")
        return (
            Msg(
                f"kind '{ctx.get('tag')}' bestaat niet; kies uit {tags}.",
                f"kind '{ctx.get('tag')}' does not exist; choose from {tags}.",
            ),
            did_you_mean(str(ctx.get("tag")), [t.strip(" '") for t in str(tags).split(",")]),
        )
    return Msg(
        "'kind' ontbreekt; kies uit info, yes_no, single, multiple, text, outcome.",
        "'kind' is missing; choose from info, yes_no, single, multiple, text, outcome.",
    ), None


def _out_of_range(kind: str, field: str, ctx: dict[str, Any]) -> Msg:
    if kind.startswith("greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        return Msg(f"'{field}' moet minstens {bound} zijn.", f"'{field}' must be at least {bound}.")
    bound = ctx.get("le", ctx.get("lt"))
    return Msg(f"'{field}' mag hooguit {bound} zijn.", f"'{field}' must be at most {bound}.")


def problems_from(exc: ValidationError, located: Located, keys: set[str]) -> list[Problem]:
    """One problem per place in the file; pydantic reports each member of a union, we report one."""
    grouped: dict[tuple[int | None, str], list[tuple[tuple[Any, ...], dict[str, Any]]]] = {}
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        if error["type"] == "union_tag_invalid":
            loc += ("kind",)  # point at the `kind:` line, not at the start of the node
        grouped.setdefault((located.line_of(loc), _field_name(loc)), []).append((loc, dict(error)))
    problems = []
    for (_, field), errors in grouped.items():
        loc, first = errors[0]
        if len({e["type"] for _, e in errors}) > 1:
            message, hint = (
                Msg(
                    f"'{field}' heeft een waarde van het verkeerde soort.", f"'{field}' has a value of the wrong kind."
                ),
                None,
            )
        else:
            message, hint = _message(first, field, keys)
        problems.append(located.problem(loc, message, SCHEMA_CODE, hint))
    return problems

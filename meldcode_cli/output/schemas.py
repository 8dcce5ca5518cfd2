"""JSON Schemas generated from the models: the flow format, scenario and case files, and every JSON output."""

from __future__ import annotations

import copy
import json
from typing import Any

# Editors (the YAML language server) read draft-07 best; tools reading our output get the current draft.
EDITOR_DRAFT = "http://json-schema.org/draft-07/schema#"
OUTPUT_DRAFT = "https://json-schema.org/draft/2020-12/schema"

FILES = ("flow", "scenarios", "case")


def kinds() -> list[str]:
    """Every schema `meldcode schema` can print: the files people write, then the outputs."""
    from meldcode_cli.output.json_shapes import OUTPUTS

    return [*FILES, *OUTPUTS]


def schema(kind: str) -> dict[str, Any]:
    if kind == "flow":
        from meldcode_cli.flow.json_schema import flow_schema

        return flow_schema()
    if kind == "scenarios":
        return _scenarios()
    if kind == "case":
        return _case()
    from meldcode_cli.output.json_shapes import FORMATS, OUTPUTS

    model = OUTPUTS[kind]
    generated = model.model_json_schema(mode="serialization")
    _tidy(generated)
    return {
        "$schema": OUTPUT_DRAFT,
        "title": f"meldcode {kind} ({FORMATS[kind]})",
        **{key: value for key, value in generated.items() if key != "title"},
    }


def schema_text(kind: str = "flow") -> str:
    return json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n"


def _scenarios() -> dict[str, Any]:
    from meldcode_cli.verify.scenarios import ScenarioFile

    generated = ScenarioFile.model_json_schema(by_alias=True)
    _tidy(generated)
    generated["properties"]["$schema"] = SCHEMA_KEY
    return {
        "$schema": EDITOR_DRAFT,
        "title": "meldcode scenarios",
        "description": "Example walks through a flow with what each must give; `meldcode test` runs them "
        "(its manual: authoring.md).",
        **{key: value for key, value in generated.items() if key not in ("title", "description")},
    }


def _case() -> dict[str, Any]:
    from meldcode_cli.training.case_model import Case

    generated = Case.model_json_schema(by_alias=True)
    _tidy(generated)
    defs = generated["$defs"]
    # The model takes short forms its types do not show: a plain string as a Dutch text, and one
    # accepted answer instead of a list of one.
    defs["Text"] = {"anyOf": [{"type": "string", "minLength": 1, "description": "Dutch text."}, defs["Text"]]}
    by_question = generated["properties"]["reference"]["patternProperties"]
    for pattern, accepted in by_question.items():
        by_question[pattern] = {
            "anyOf": [copy.deepcopy(accepted["items"]), accepted],
            "description": "One accepted answer, or several.",
        }
    generated["properties"]["$schema"] = SCHEMA_KEY
    return {
        "$schema": EDITOR_DRAFT,
        "title": "meldcode training case",
        "description": "A case story with reference answers for `meldcode exercise` (its manual: training.md).",
        **{key: value for key, value in generated.items() if key not in ("title", "description")},
    }


SCHEMA_KEY = {"type": "string", "description": "The schema this file follows, for editors."}


def _tidy(schema: dict[str, Any]) -> None:
    """No generated titles ("Goto"): an editor shows the description; the $defs in a stable order."""
    from meldcode_cli.flow.json_schema import _drop_titles

    _drop_titles(schema)
    if "$defs" in schema:
        for value in schema["$defs"].values():
            value.pop("title", None)
        schema["$defs"] = dict(sorted(schema.pop("$defs").items()))

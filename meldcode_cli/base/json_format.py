"""The names of meldcode's JSON shapes: every `--json` object opens with `"format": "meldcode.<kind>/1"`."""

from __future__ import annotations

from typing import Any

# The number goes up only when a shape changes in a way a reader would trip over (a key removed or
# its meaning changed); new keys come without a new number. docs/schemas/ holds each shape's schema.
RESULT = "meldcode.result/1"  # meldcode run --json
VALIDATE = "meldcode.validate/1"  # meldcode validate --json
TEST = "meldcode.test/1"  # meldcode test --json
CONFIG = "meldcode.config/1"  # meldcode config --json (and the settings file itself)
DECISION = "meldcode.decision/1"  # meldcode decide --json
GRADE = "meldcode.grade/1"  # meldcode exercise --answers --json, and --save
REPORT = "meldcode.report/1"  # meldcode report --format json
ERROR = "meldcode.error/1"  # any command's error in --json mode


def tagged(name: str, data: dict[str, Any]) -> dict[str, Any]:
    """`data` with its format first, where a reader looks for it."""
    return {"format": name, **data}

"""What the author's checks report: a problem at `file:line` with a stable code, what to do, and an example walk."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from meldcode_cli.base.errors import FileProblems, MeldcodeError, Problem
from meldcode_cli.base.i18n import Msg

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Example:
    """A walk that shows the problem: the answers in the order they are asked, and where it ends."""

    steps: tuple[tuple[str, Any], ...]
    ends: Msg
    path: tuple[str, ...] = ()
    outcome: str | None = None
    actions: tuple[str, ...] = ()

    @property
    def replayable(self) -> bool:
        """An answers file holds one answer per question: a question asked twice (in a flow that
        loops) must have been answered the same way both times."""
        given: dict[str, Any] = {}
        return all(given.setdefault(q, v) == v for q, v in self.steps)

    def as_json(self) -> dict[str, Any]:
        return {
            "answers": dict(self.steps) if self.replayable else None,
            "sequence": [{"question": q, "answer": v} for q, v in self.steps],
            "outcome": self.outcome,
            "actions": list(self.actions),
            "path": list(self.path),
            "replayable": self.replayable,
        }


@dataclass(frozen=True)
class Diagnostic:
    """One problem in a flow (or scenario) file."""

    file: str
    line: int | None
    code: str
    message: Msg
    hint: Msg | None = None
    severity: str = ERROR
    example: Example | None = None


def from_problem(problem: Problem) -> Diagnostic:
    return Diagnostic(problem.file, problem.line, problem.code or "MC000", problem.message, problem.hint)


def from_error(exc: MeldcodeError, file: str) -> list[Diagnostic]:
    """A file that could not be read or loaded, as diagnostics."""
    if isinstance(exc, FileProblems) and exc.problems:
        return [from_problem(p) for p in exc.problems]
    return [Diagnostic(file, None, "MC000", exc.message)]


_PLAIN = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


def yaml_value(value: Any) -> str:
    """An answer written the way an answers file holds it, quoted where YAML would misread it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, str) and _PLAIN.match(value) and not _yaml_would_change(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _yaml_would_change(text: str) -> bool:
    # YAML 1.1 reads yes/no/on/off/y/n (and numbers) as something other than text.
    import yaml

    return bool(yaml.safe_load(text) != text)

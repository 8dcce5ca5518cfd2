"""The one error type the user sees, with its code; the CLI turns it into a message and an exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from meldcode_cli.base.i18n import Msg


class MeldcodeError(Exception):
    """A problem the user can fix: a stable code, a message in both languages, and details."""

    exit_code = 1

    def __init__(
        self, code: str, message: Msg, *, details: list[Msg] | None = None, data: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message.en)
        self.code = code
        self.message = message
        self.details = details or []
        self.data = data or {}

    def text(self, lang: str) -> str:
        lines = [self.message.get(lang)]
        lines += ["  " + d.get(lang) for d in self.details]
        return "\n".join(lines)


@dataclass(frozen=True)
class Problem:
    """One problem in a file, at a place: `file:line: message`."""

    file: str
    line: int | None
    message: Msg
    code: str = ""
    hint: Msg | None = field(default=None)

    def text(self, lang: str) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        hint = f" {self.hint.get(lang)}" if self.hint else ""
        return f"{place}: {self.message.get(lang)}{hint}"


class FileProblems(MeldcodeError):
    """A file that cannot be used, with every problem found in it."""

    def __init__(self, code: str, heading: Msg, problems: list[Problem]) -> None:
        super().__init__(code, heading)
        self.problems = problems

    def text(self, lang: str) -> str:
        return "\n".join([self.message.get(lang)] + ["  " + p.text(lang) for p in self.problems])

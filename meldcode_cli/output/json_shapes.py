"""The models of meldcode's JSON outputs: what each `--json` object holds, the source of their JSON Schemas."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from meldcode_cli.base import json_format
from meldcode_cli.flow.model import Answer
from meldcode_cli.output.dossier import Dossier
from meldcode_cli.sessions.decision import Decision
from meldcode_cli.sessions.record import Event


class Shape(BaseModel):
    """Every key is described: an output with a key the model lacks fails the contract test."""

    model_config = ConfigDict(extra="forbid")


class FlowRef(Shape):
    id: str
    version: str


class OutcomeRef(Shape):
    id: str
    title: str


# -- meldcode run --json --------------------------------------------------------------------


class Result(Shape):
    """The advice a walk ended in; it can be handed back to `meldcode run --answers`."""

    format: Literal["meldcode.result/1"]
    flow: FlowRef
    outcome: OutcomeRef | None = Field(description="None only if the walk stopped before an outcome.")
    actions: list[str] = Field(description="The advisory actions gathered on the way, in the flow's order.")
    path: list[str] = Field(description="The node ids in the order visited.")
    answers: dict[str, Answer] = Field(description="Question id → answer, as in an answers file.")


# -- meldcode validate --json -----------------------------------------------------------------


class Step(Shape):
    question: str
    answer: Any


class Counterexample(Shape):
    """The shortest walk that breaks a guarantee or reaches a dead end."""

    answers: dict[str, Any] | None = Field(description="An answers file that replays it; None if it cannot.")
    sequence: list[Step]
    outcome: str | None
    actions: list[str]
    path: list[str]
    replayable: bool


class Diagnostic(Shape):
    file: str
    line: int | None
    code: str = Field(description="MC000–MC399; see docs/authoring.md.")
    severity: Literal["error", "warning"]
    message: str
    hint: str | None
    counterexample: Counterexample | None = None


class CheckedFile(Shape):
    file: str
    errors: int
    warnings: int
    guarantees: int
    proved: int


class Validate(Shape):
    """Every problem in the flow files checked; `ok` is false when any has an error (exit code 1)."""

    format: Literal["meldcode.validate/1"]
    ok: bool
    errors: int
    warnings: int
    files: list[CheckedFile]
    diagnostics: list[Diagnostic]


# -- meldcode test --json ---------------------------------------------------------------------


class Difference(Shape):
    what: str
    expected: Any
    actual: Any


class ScenarioResult(Shape):
    name: str
    line: int | None
    passed: bool
    outcome: str | None
    actions: list[str]
    path: list[str]
    differences: list[Difference]
    stopped: str | None = Field(description="Why the walk stopped before an outcome, if it did.")


class MissedNode(Shape):
    file: str
    line: int | None
    node: str


class MissedAnswer(MissedNode):
    answer: str


class Coverage(Shape):
    nodes: int
    nodes_reached: int
    answers: int
    answers_given: int
    missed_nodes: list[MissedNode]
    missed_answers: list[MissedAnswer]


class ScenarioFileRun(Shape):
    file: str
    flow: str | None
    problems: list[Diagnostic]
    scenarios: list[ScenarioResult]
    coverage: Coverage | None = None


class Test(Shape):
    format: Literal["meldcode.test/1"]
    files: list[ScenarioFileRun]
    passed: int
    failed: int


# -- meldcode config --json, meldcode decide --json -------------------------------------------


class Config(Shape):
    format: Literal["meldcode.config/1"]
    file: str = Field(description="The settings file.")
    settings: dict[str, str]


class DecisionOut(Shape):
    format: Literal["meldcode.decision/1"]
    session: str
    reference: str
    outcome: str | None
    decision: Decision
    ics: str | None = Field(description="The agenda item written, if any.")


# -- meldcode exercise --answers --json (and --save) ------------------------------------------


class CaseRef(Shape):
    id: str
    title: str


class GradedOutcome(Shape):
    id: str | None
    title: str | None
    expected: OutcomeRef
    result: str


class Score(Shape):
    correct: int
    total: int
    percent: int


class AcceptedAnswer(Shape):
    answer: Answer | None
    includes: list[str] | None
    text: str
    reasoning: str
    fact: str
    sources: list[str]


class GradedQuestion(Shape):
    id: str
    text: str
    answer: Answer | None
    answer_text: str | None
    changed_to: Answer | None
    result: str
    counts: bool
    accepted: list[AcceptedAnswer]
    matched: int | None


class Grade(Shape):
    """A graded exercise; with `flow` and `answers` it is an answers file for `class-report` too."""

    format: Literal["meldcode.grade/1"]
    case: CaseRef
    flow: FlowRef
    name: str | None
    outcome: GradedOutcome
    score: Score
    questions: list[GradedQuestion]
    actions: list[str]
    path: list[str]
    answers: dict[str, Answer]
    committed: dict[str, Answer]
    notes: dict[str, str]


# -- meldcode report --format json ------------------------------------------------------------


class ReportRaw(Shape):
    """The record's machine-readable values beside the readable ones."""

    flow: FlowRef
    outcome: str | None
    path: list[str]
    answers: dict[str, Answer]
    notes: dict[str, str]
    reassess_on: str | None
    decision: Decision | None
    events: list[Event]


class ReportHead(Shape):
    format: Literal["meldcode.report/1"]
    raw: ReportRaw


def _report() -> type[Shape]:
    """The dossier's fields as the report writes them (the Dossier dataclass), with its format and raw values."""
    hints = typing.get_type_hints(Dossier)
    fields: dict[str, Any] = {f.name: (hints[f.name], ...) for f in dataclasses.fields(Dossier)}
    return create_model(
        "Report", __base__=ReportHead, __doc__="A session's dossier report, already in the reader's language.", **fields
    )


Report = _report()


# -- any error in --json mode -----------------------------------------------------------------


class Problem(Shape):
    file: str
    line: int | None
    code: str
    message: str


class Missing(Shape):
    id: str
    kind: Literal["yes_no", "single", "multiple", "text"]
    options: list[Any] = Field(description="The option ids ([true, false] for yes/no).")


class ErrorBody(BaseModel):
    """`code` and `message` always; the rest where the error has it. Other keys may come with new errors."""

    model_config = ConfigDict(extra="allow")

    code: str = Field(description="A stable code, e.g. missing_answers, invalid_flow, unknown_session.")
    message: str = Field(description="In the language asked for (--lang).")
    file: str | None = Field(default=None, description="The file of the first problem.")
    line: int | None = Field(default=None, description="Its line.")
    problems: list[Problem] | None = None
    missing: list[Missing] | None = Field(default=None, description="missing_answers: the next questions to answer.")
    question: str | None = Field(default=None, description="invalid_answer: the question.")
    session: str | None = None
    replaced: str | None = None


class Error(Shape):
    format: Literal["meldcode.error/1"]
    error: ErrorBody


# Each output by its kind, the name in its format ("meldcode.<kind>/1") and in docs/schemas/.
OUTPUTS: dict[str, type[BaseModel]] = {
    "result": Result,
    "validate": Validate,
    "test": Test,
    "config": Config,
    "decision": DecisionOut,
    "grade": Grade,
    "report": Report,
    "error": Error,
}
FORMATS = {
    "result": json_format.RESULT,
    "validate": json_format.VALIDATE,
    "test": json_format.TEST,
    "config": json_format.CONFIG,
    "decision": json_format.DECISION,
    "grade": json_format.GRADE,
    "report": json_format.REPORT,
    "error": json_format.ERROR,
}

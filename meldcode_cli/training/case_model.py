"""The training case file's schema, and a loaded case: the case, its flow and the walk of its reference answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import Field, field_validator

from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.model import Answer, Flow, Identifier, MultipleNode, OutcomeNode, Strict, Text


class Accepted(Strict):
    """One defensible answer to a question: the answer, why it is defensible, and the domain fact it
    rests on. `answer` is an exact answer; `includes` (multiple choice only) accepts every answer
    that ticks at least these options."""

    answer: Answer | None = None
    includes: list[Identifier] | None = None
    reasoning: Text
    fact: Text
    sources: list[str] = Field(default_factory=list, description="Keys as in docs/domain-sources.md.")

    @property
    def value(self) -> Answer:
        """The answer the reference walk takes with this entry."""
        return list(self.includes) if self.includes is not None else self.answer  # type: ignore[return-value]

    def accepts(self, given: Answer) -> bool:
        if self.includes is not None:
            return isinstance(given, list) and set(self.includes) <= set(given)
        if isinstance(given, list) or isinstance(self.answer, list):
            return isinstance(given, list) and isinstance(self.answer, list) and set(given) == set(self.answer)
        # True == 1 in Python: a yes/no answer must never match an option id or a number.
        return given == self.answer and type(given) is type(self.answer)


class StoryPart(Strict):
    """A part of the story, revealed when the walk reaches `step` (or, with `before`, just before
    that question)."""

    step: int = Field(ge=0, le=20)
    before: Identifier | None = None
    title: Text | None = None
    text: Text


class Expected(Strict):
    """Where the reference answers lead: the outcome, and every action gathered on the way."""

    outcome: Identifier
    actions: list[Identifier] = Field(default_factory=list)


class Case(Strict):
    """A training case as written in YAML."""

    schema_: str | None = Field(default=None, alias="$schema")
    id: Identifier
    title: Text
    flow: str = Field(min_length=1, description="A built-in flow id, or a path relative to the case file.")
    summary: Text
    setting: Text | None = Field(default=None, description="Who the learner is in this case.")
    story: list[StoryPart] = Field(min_length=1)
    reference: dict[Identifier, list[Accepted]] = Field(min_length=1)
    answers: dict[Identifier, Any] = Field(default_factory=dict)
    expected: Expected
    afterwards: Text | None = Field(default=None, description="How the story went on; shown at the end.")
    debrief: list[Text] = Field(default_factory=list)

    @field_validator("reference", mode="before")
    @classmethod
    def _one_answer_is_a_list_of_one(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: [item] if isinstance(item, dict) else item for key, item in value.items()}
        return value


# ---------------------------------------------------------------------------------------------
# A loaded case: the case, its flow, and the walk of its reference answers


@dataclass(frozen=True)
class LoadedCase:
    case: Case
    flow: Flow
    file: str
    reference_walk: Walk
    # Asked for every learner's file in a class report: found once.
    _graded: list[Any] = field(init=False, repr=False, compare=False)
    _on_reference_path: frozenset[str] = field(init=False, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.case.id

    def __post_init__(self) -> None:
        object.__setattr__(self, "_graded", [node for node in self.flow.nodes if node.id in self.case.reference])
        on_path = {n for n in self.reference_walk.path if n in self.reference_walk.answers}
        object.__setattr__(self, "_on_reference_path", frozenset(on_path))

    def graded_nodes(self) -> list[Any]:
        """The questions with reference answers, in the flow's order."""
        return list(self._graded)

    def alternatives(self, question_id: str) -> list[Accepted]:
        return self.case.reference[question_id]

    def reference_path_questions(self) -> frozenset[str]:
        return self._on_reference_path

    @property
    def expected_outcome(self) -> OutcomeNode:
        node: OutcomeNode = self.flow.node(self.case.expected.outcome)
        return node


def judge(alternatives: list[Accepted], given: Answer) -> int | None:
    """The index of the first accepted answer that `given` matches, or None."""
    return next((i for i, accepted in enumerate(alternatives) if accepted.accepts(given)), None)


def walk_answers(flow: Flow, given: Mapping[str, Answer], *, checked: bool = False) -> Walk:
    """Walk the flow on `given` as far as it goes. What a training file may leave out is filled in
    empty: open notes, and lists of signals where ticking nothing is allowed — so that a case or a
    learner's file needs only the answers that matter. `checked`: `given` is in stored form
    already (as `answers_from` gives it), so each answer is checked once, not twice."""
    walk = Walk(flow)
    while True:
        node = walk.fill(given, skip_optional=True, checked=checked)
        if walk.finished or not (isinstance(node, MultipleNode) and node.min_selected == 0):
            return walk
        walk.answer([])

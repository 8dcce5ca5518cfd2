"""The flow format: a pydantic v2 schema of steps, nodes, options, conditions, actions and texts."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    field_validator,
    model_validator,
)

from meldcode_cli.flow import kinds

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")

# An answer as the engine stores it: yes/no → bool, single → option id, multiple → list of option
# ids, text → str.
Answer = bool | str | list[str]

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_\-]*$",
        min_length=1,
        max_length=80,
        description="Lower-case letters, digits, '_' and '-'; starts with a letter or digit.",
    ),
]


class Strict(BaseModel):
    """Base of every flow model: unknown keys are an error, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text the user reads: Dutch required, English optional (falls back to Dutch)."""

    nl: str = Field(min_length=1)
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_dutch(cls, value: Any) -> Any:
        return {"nl": value} if isinstance(value, str) else value

    def get(self, lang: str) -> str:
        return (self.en if lang == "en" else None) or self.nl


# ---------------------------------------------------------------------------------------------
# Conditions: branching is data. A leaf tests one earlier answer; `not`, `all` and `any` combine.


class AnswerTest(Strict, kinds.AnswerTest):
    """A test of one earlier answer; exactly one operator is given."""

    question: Identifier
    equals: Answer | None = None
    contains: str | None = None
    any_of: list[bool | str] | None = Field(default=None, min_length=1)
    all_of: list[str] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_operator(self) -> AnswerTest:
        given = [name for name in OPERATORS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                f"geef precies één van equals, contains, any_of of all_of (gevonden: {', '.join(given) or 'geen'})"
            )
        return self

    _operator: str = PrivateAttr(default="")  # found once: see engine.holds for why speed matters

    def model_post_init(self, context: Any) -> None:
        self._operator = next(name for name in OPERATORS if getattr(self, name) is not None)

    @property
    def operator(self) -> str:
        return self._operator

    @property
    def operand(self) -> Any:
        return getattr(self, self._operator)


OPERATORS = ("equals", "contains", "any_of", "all_of")


class Not(Strict, kinds.Not):
    not_: Condition = Field(alias="not")


class All(Strict, kinds.All):
    all: list[Condition] = Field(min_length=1)


class AnyOf(Strict, kinds.AnyOf):
    any: list[Condition] = Field(min_length=1)


def _condition_kind(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("not", "all", "any"):
            if key in value:
                return key
        return "test"
    if isinstance(value, BaseModel):
        names: dict[type[BaseModel], str] = {Not: "not", All: "all", AnyOf: "any"}
        return names.get(type(value), "test")
    return "test"


Condition = Annotated[
    Annotated[AnswerTest, Tag("test")]
    | Annotated[Not, Tag("not")]
    | Annotated[All, Tag("all")]
    | Annotated[AnyOf, Tag("any")],
    Discriminator(_condition_kind),
]

Not.model_rebuild()
All.model_rebuild()
AnyOf.model_rebuild()


# ---------------------------------------------------------------------------------------------
# Actions and contacts


class ActionRef(Strict):
    """An advisory action added by an option or node, optionally only when a condition holds."""

    id: Identifier
    when: Condition | None = None
    because: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_id(cls, value: Any) -> Any:
        return {"id": value} if isinstance(value, str) else value


class ActionDef(Strict):
    """An advisory action the flow can gather: what to do, and whom to contact for it."""

    title: Text
    explanation: Text | None = None
    contacts: list[Identifier] = Field(default_factory=list)
    # Urgent actions (112, Veilig Thuis now, ...) are listed before all others, whatever the path.
    urgent: bool = Field(default=False, description="List this action first: it cannot wait.")


class Contact(Strict):
    """Someone the user can call; `pinned` contacts are in sight on every screen."""

    name: Text
    phone: str = Field(min_length=1)
    when: Text | None = None
    pinned: bool = False


class ExtraAdvice(Strict):
    """A paragraph of advice shown with an outcome only when its condition holds."""

    when: Condition
    text: Text


class NoteLine(Strict):
    """A line of a note (info node), shown only when its condition holds (always, without one)."""

    when: Condition | None = None
    text: Text


class Rule(Strict):
    """One branch: go to `goto` when `when` holds (or always, when there is no `when`)."""

    when: Condition | None = None
    goto: Identifier


# ---------------------------------------------------------------------------------------------
# Nodes


class Option(Strict):
    id: Identifier
    label: Text
    help: Text | None = None
    actions: list[ActionRef] = Field(default_factory=list)


class NodeBase(Strict):
    id: Identifier
    step: int = Field(ge=0, le=20)
    only_if: Condition | None = Field(
        default=None, description="Ask this node only when the condition holds; else skip it."
    )
    actions: list[ActionRef] = Field(default_factory=list)

    @property
    def is_question(self) -> bool:
        return False


class Routed(NodeBase):
    """A node that leads on: `next` is a node id or a list of rules tried in order."""

    next: list[Rule] = Field(min_length=1)

    @field_validator("next", mode="before")
    @classmethod
    def _plain_target(cls, value: Any) -> Any:
        return [{"goto": value}] if isinstance(value, str) else value


class InfoNode(Routed, kinds.InfoNode):
    kind: Literal["info"]
    title: Text | None = None
    text: Text
    # Lines shown under the text only when their condition holds: a note names only what applies.
    lines: list[NoteLine] = Field(
        default_factory=list, description="Lines shown under the text, each only when its condition holds."
    )
    # A note that points towards the answer of these questions; an exercise that grades one of them
    # passes the note by unseen, so that it never gives the answer away.
    hint_for: list[Identifier] = Field(
        default_factory=list, description="Questions whose answer this note points towards (held back in exercises)."
    )


class QuestionNode(Routed, kinds.QuestionNode):
    text: Text
    help: Text | None = None
    why: Text | None = None
    # After the answer, ask for an optional note with the reasoning (kept in the session's record,
    # not an answer: branching never depends on it).
    ask_reason: bool = False

    @property
    def is_question(self) -> bool:
        return True


class YesNoNode(QuestionNode, kinds.YesNoNode):
    kind: Literal["yes_no"]


class SingleNode(QuestionNode, kinds.SingleNode):
    kind: Literal["single"]
    options: list[Option] = Field(min_length=2)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class MultipleNode(QuestionNode, kinds.MultipleNode):
    kind: Literal["multiple"]
    options: list[Option] = Field(min_length=1)
    min_selected: int = Field(default=0, ge=0)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class TextNode(QuestionNode, kinds.TextNode):
    kind: Literal["text"]
    required: bool = False
    max_length: int = Field(default=4000, ge=1, le=100_000)


class FollowUp(Strict):
    """An outcome to look at again later: the question to re-assess (or what to check), and the usual delay."""

    question: Identifier | None = None
    text: Text | None = Field(default=None, description="What to check on the date, when no question is re-assessed.")
    after_days: int = Field(default=42, ge=1, le=3650)

    @model_validator(mode="after")
    def _question_or_text(self) -> FollowUp:
        if self.question is None and self.text is None:
            raise ValueError("geef een question (de vraag die opnieuw gewogen wordt) of een text (wat u dan nagaat)")
        return self


class OutcomeNode(NodeBase, kinds.OutcomeNode):
    kind: Literal["outcome"]
    title: Text
    advice: Text
    extra_advice: list[ExtraAdvice] = Field(default_factory=list)
    next_steps: list[Text] = Field(default_factory=list)
    contacts: list[Identifier] = Field(default_factory=list)
    follow_up: FollowUp | None = None


Node = Annotated[
    InfoNode | YesNoNode | SingleNode | MultipleNode | TextNode | OutcomeNode,
    Field(discriminator="kind"),
]


# ---------------------------------------------------------------------------------------------
# The flow


class GuaranteeThen(Strict):
    """What every walk covered by a guarantee must end with; at least one requirement is given."""

    outcome: list[Identifier] = Field(
        default_factory=list, description="The walk ends at this outcome (or at one of these)."
    )
    actions: list[Identifier] = Field(default_factory=list, description="Each of these actions is gathered.")
    not_actions: list[Identifier] = Field(default_factory=list, description="None of these actions is gathered.")
    visits: list[Identifier] = Field(default_factory=list, description="Each of these nodes is on the path.")
    avoids: list[Identifier] = Field(default_factory=list, description="None of these nodes is on the path.")
    first_question: Identifier | None = Field(default=None, description="The first question asked is this one.")

    @field_validator("outcome", mode="before")
    @classmethod
    def _plain_outcome(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _something_required(self) -> GuaranteeThen:
        if not (self.outcome or self.actions or self.not_actions or self.visits or self.avoids or self.first_question):
            raise ValueError("geef minstens één van outcome, actions, not_actions, visits, avoids of first_question")
        return self


class Guarantee(Strict):
    """An invariant of the flow, proved over every possible walk by `meldcode validate`."""

    id: Identifier
    description: Text
    when: Condition | None = Field(
        default=None, description="Only walks whose final answers meet this condition; default: every walk."
    )
    then: GuaranteeThen


class Step(Strict):
    number: int = Field(ge=0, le=20)
    title: Text


class Flow(Strict):
    """A whole meldcode flow as loaded from YAML."""

    schema_: str | None = Field(default=None, alias="$schema")
    id: Identifier
    version: str = Field(min_length=1)
    title: Text
    description: Text | None = None
    sector: Text | None = Field(default=None, description="Who the flow is for, as `meldcode flows` lists it.")
    intro: Text | None = None
    disclaimer: Text
    start: Identifier | None = None
    steps: list[Step] = Field(min_length=1)
    contacts: dict[Identifier, Contact] = Field(default_factory=dict)
    actions: dict[Identifier, ActionDef] = Field(default_factory=dict)
    nodes: list[Node] = Field(min_length=1)
    guarantees: list[Guarantee] = Field(
        default_factory=list, description="Invariants checked over every walk by `meldcode validate`."
    )

    _by_id: dict[str, Any] = PrivateAttr(default_factory=dict)
    _steps: dict[int, Step] = PrivateAttr(default_factory=dict)
    _questions: list[Any] = PrivateAttr(default_factory=list)

    def model_post_init(self, context: Any) -> None:
        # First occurrence wins; duplicates are reported by the integrity check.
        for node in self.nodes:
            self._by_id.setdefault(node.id, node)
        self._steps = {step.number: step for step in self.steps}
        self._questions = [node for node in self.nodes if node.is_question]  # asked per file: found once

    # The engine asks for nodes by id at every step; pydantic serves private attributes through a
    # slow __getattr__, so these read the private dict directly.
    # (pydantic types __pydantic_private__ as optional: a model with private attributes always has it.)
    def node(self, node_id: str) -> Any:
        return self.__pydantic_private__["_by_id"][node_id]  # type: ignore[index]

    def has_node(self, node_id: str) -> bool:
        return node_id in self.__pydantic_private__["_by_id"]  # type: ignore[index]

    @property
    def start_id(self) -> str:
        return self.start or self.nodes[0].id

    def step(self, number: int) -> Step | None:
        return self._steps.get(number)

    @property
    def numbered_steps(self) -> list[Step]:
        """The steps counted in "Stap n van N": every step but step 0 (direct danger)."""
        return [s for s in self.steps if s.number > 0]

    @property
    def pinned_contacts(self) -> list[Contact]:
        return [c for c in self.contacts.values() if c.pinned]

    def questions(self) -> list[Any]:
        return list(self.__pydantic_private__["_questions"])  # type: ignore[index]

"""The walk through a flow, kept pure: answers in, next node, outcome, actions and path out. No I/O."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.base.textsafety import clean

# The kinds, not the schema: a compiled flow (compiled.py) walks here without pydantic.
from meldcode_cli.flow.kinds import (
    All,
    AnswerTest,
    AnyOf,
    MultipleNode,
    Not,
    OutcomeNode,
    SingleNode,
    TextNode,
    YesNoNode,
)

if TYPE_CHECKING:
    from meldcode_cli.flow.model import Answer, Flow, Text


class AnswerError(MeldcodeError):
    """An answer that does not fit its question."""

    def __init__(self, question: str, message: Msg) -> None:
        super().__init__("invalid_answer", message, data={"question": question})
        self.question = question


class FlowRuntimeError(MeldcodeError):
    """The flow leads nowhere from here: a gap in the flow that validation should have caught."""


Check = Callable[[Mapping[str, Any]], bool]

# Each condition compiled once into a plain function: proving a flow's guarantees tests conditions
# hundreds of thousands of times. Keyed by id; the condition is kept with its function so that its
# id cannot be reused by another object while the entry exists.
_COMPILED: dict[int, tuple[Any, Check]] = {}


def holds(condition: Any, answers: Mapping[str, Answer]) -> bool:
    """Does a condition hold for the answers given so far? Unanswered questions never match."""
    entry = _COMPILED.get(id(condition))
    if entry is None or entry[0] is not condition:
        entry = _COMPILED[id(condition)] = (condition, _compile(condition))
    return entry[1](answers)


def _compile(condition: Any) -> Check:
    """The condition as a plain function, built once: checking every walk of a flow calls it often."""
    if isinstance(condition, Not):
        inner = condition.not_
        return lambda answers: not holds(inner, answers)
    if isinstance(condition, All):
        parts = condition.all
        return lambda answers: all(holds(part, answers) for part in parts)
    if isinstance(condition, AnyOf):
        parts = condition.any
        return lambda answers: any(holds(part, answers) for part in parts)
    return _compile_test(condition)


def _compile_test(test: AnswerTest) -> Check:
    question, op, operand = test.question, test.operator, test.operand
    missing = object()
    if op == "equals":
        if isinstance(operand, list):
            wanted = set(operand)
            return lambda answers: isinstance(given := answers.get(question, missing), list) and set(given) == wanted
        # `type is` as well as `==`: True == 1 in Python, but an answer 1 or "1" is never "yes".
        kind = type(operand)
        return lambda answers: (given := answers.get(question, missing)) == operand and type(given) is kind

    def chosen(answers: Mapping[str, Answer]) -> list[Any] | None:
        given = answers.get(question, missing)
        if given is missing:
            return None
        return given if isinstance(given, list) else [given]

    if op == "contains":
        return lambda answers: (picked := chosen(answers)) is not None and operand in picked
    if op == "any_of":
        typed = {(type(v), v) for v in operand}
        return lambda answers: (
            (picked := chosen(answers)) is not None and any((type(item), item) in typed for item in picked)
        )
    return lambda answers: (picked := chosen(answers)) is not None and all(v in picked for v in operand)


YES_WORDS = frozenset({"ja", "j", "yes", "y", "true"})
NO_WORDS = frozenset({"nee", "n", "no", "false"})


def normalize(node: Any, value: Any) -> Answer:
    """Check an answer against its question and return it in stored form; AnswerError if it does
    not fit, with a message that names the question and what is expected."""
    if isinstance(node, YesNoNode):
        return _yes_no(node.id, value)
    if isinstance(node, SingleNode):
        return _single(node, value)
    if isinstance(node, MultipleNode):
        return _multiple(node, value)
    if isinstance(node, TextNode):
        return _text(node, value)
    raise AnswerError(node.id, Msg(f"'{node.id}' is geen vraag.", f"'{node.id}' is not a question."))


def _yes_no(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    # People write answers files in their own words: ja/nee as well as YAML's true/false.
    word = value.strip().lower() if isinstance(value, str) else None
    if word in YES_WORDS or word in NO_WORDS:
        return word in YES_WORDS
    raise AnswerError(
        name,
        Msg(
            f"Het antwoord op '{name}' moet ja of nee zijn (of true/false).",
            f"The answer to '{name}' must be yes or no (or true/false).",
        ),
    )


def _single(node: SingleNode, value: Any) -> str:
    ids = [o.id for o in node.options]
    if isinstance(value, str) and value in ids:
        return value
    raise AnswerError(
        node.id,
        Msg(
            f"Het antwoord op '{node.id}' moet één van deze zijn: {', '.join(ids)}.",
            f"The answer to '{node.id}' must be one of: {', '.join(ids)}.",
        ),
    )


def _multiple(node: MultipleNode, value: Any) -> list[str]:
    name, ids = node.id, [o.id for o in node.options]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AnswerError(
            name,
            Msg(
                f"Het antwoord op '{name}' moet een lijst zijn met keuzes uit: {', '.join(ids)}.",
                f"The answer to '{name}' must be a list of choices from: {', '.join(ids)}.",
            ),
        )
    unknown = [v for v in value if v not in ids]
    if unknown:
        raise AnswerError(
            name,
            Msg(
                f"'{name}' heeft geen keuze '{unknown[0]}'. Kies uit: {', '.join(ids)}.",
                f"'{name}' has no choice '{unknown[0]}'. Choose from: {', '.join(ids)}.",
            ),
        )
    if len(set(value)) < node.min_selected:
        count = node.min_selected
        raise AnswerError(
            name,
            Msg(
                f"Kies bij '{name}' minstens {count} {'mogelijkheid' if count == 1 else 'mogelijkheden'}.",
                f"Choose at least {count} {'option' if count == 1 else 'options'} for '{name}'.",
            ),
        )
    # The flow's order, once each: answers compare equal however they were ticked.
    return [o for o in ids if o in value]


def _text(node: TextNode, value: Any) -> str:
    name = node.id
    if not isinstance(value, str):
        raise AnswerError(
            name, Msg(f"Het antwoord op '{name}' moet tekst zijn.", f"The answer to '{name}' must be text.")
        )
    value = clean(value).strip()  # typed, pasted or from a file: no escape codes in the record
    if node.required and not value:
        raise AnswerError(name, Msg(f"'{name}' mag niet leeg blijven.", f"'{name}' must not be left empty."))
    if len(value) > node.max_length:
        raise AnswerError(
            name,
            Msg(
                f"Het antwoord op '{name}' is te lang (hooguit {node.max_length} tekens).",
                f"The answer to '{name}' is too long (at most {node.max_length} characters).",
            ),
        )
    return str(value)


@dataclass(frozen=True)
class GatheredAction:
    """An advisory action and the reasons it was added, in the order first met on the path."""

    id: str
    reasons: tuple[Text, ...] = ()


@dataclass
class Walk:
    """One walk through a flow. `path` holds the nodes visited, the current node last; `answers`
    the answers on that path. Each step costs only the rules of the node being left."""

    flow: Flow
    path: list[str] = field(default_factory=list)
    answers: dict[str, Answer] = field(default_factory=dict)
    # Answers taken back by `back`, offered as the default when that question comes again.
    remembered: dict[str, Answer] = field(default_factory=dict)
    # The user's reasoning per question (see `ask_reason`): part of the record, never of branching.
    notes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.path:
            self.path.append(self._arrive(self.flow.start_id))

    @property
    def current(self) -> Any:
        return self.flow.node(self.path[-1])

    @property
    def finished(self) -> bool:
        return isinstance(self.current, OutcomeNode)

    @property
    def outcome(self) -> OutcomeNode | None:
        return self.current if self.finished else None

    def answer(self, value: Any = None, *, checked: bool = False) -> Any:
        """Answer the current question (or pass an information node) and move on. `checked`: the
        value is already in stored form (`normalize` gave it), so it is not checked again."""
        node = self.current
        if isinstance(node, OutcomeNode):
            raise FlowRuntimeError("finished", Msg("De doorloop is al klaar.", "The walk is already finished."))
        if node.is_question:
            self.answers[node.id] = value if checked else normalize(node, value)
            self.remembered.pop(node.id, None)
        self.path.append(self._arrive(self._next_of(node)))
        return self.current

    def can_go_back(self) -> bool:
        return any(self.flow.node(n).is_question for n in self.path[:-1])

    def back(self) -> Any:
        """Return to the previous question; its answer (and any after it) is taken back."""
        if not self.can_go_back():
            return self.current
        self.path.pop()
        while not self.current.is_question:
            self.path.pop()
        node_id = self.path[-1]
        if node_id in self.answers:
            self.remembered[node_id] = self.answers.pop(node_id)
        self._restore_answers_after_loop(node_id)
        return self.current

    def rewind(self, node_id: str) -> Any:
        """Go back to an earlier question on the path to change its answer."""
        if node_id not in self.path[:-1] or not self.flow.node(node_id).is_question:
            raise FlowRuntimeError(
                "not_on_path",
                Msg(f"'{node_id}' ligt niet op de gevolgde weg.", f"'{node_id}' is not on the path taken."),
            )
        while self.path[-1] != node_id:
            self.back()
        return self.current

    def _restore_answers_after_loop(self, node_id: str) -> None:
        # In a flow that loops, the same question may be on the path twice; keep answers only for
        # questions still on the path.
        on_path = set(self.path[:-1])
        for question in [q for q in self.answers if q not in on_path]:
            self.remembered[question] = self.answers.pop(question)

    def _next_of(self, node: Any) -> str:
        for rule in node.next:
            if rule.when is None or holds(rule.when, self.answers):
                return str(rule.goto)
        raise FlowRuntimeError(
            "dead_end",
            Msg(
                f"De flow loopt dood na '{node.id}': geen enkele regel onder 'next' past. "
                "Voeg een laatste regel zonder 'when' toe.",
                f"The flow dead-ends after '{node.id}': no rule under 'next' applies. Add a last rule without 'when'.",
            ),
        )

    def _arrive(self, node_id: str) -> str:
        """The node actually shown: nodes whose `only_if` does not hold are passed by."""
        for _ in range(len(self.flow.nodes) + 1):
            node = self.flow.node(node_id)
            if node.only_if is None or holds(node.only_if, self.answers):
                return node_id
            if isinstance(node, OutcomeNode):
                break
            node_id = self._next_of(node)
        raise FlowRuntimeError(
            "skip_loop",
            Msg(
                f"De flow komt vast te zitten bij '{node_id}': elke volgende node wordt overgeslagen.",
                f"The flow gets stuck at '{node_id}': every following node is skipped.",
            ),
        )

    def fill(self, given: Mapping[str, Any], *, skip_optional: bool = False, checked: bool = False) -> Any:
        """Take answers from a mapping until a question it lacks, or the outcome; returns the
        current node. With `skip_optional`, optional notes the mapping lacks are left empty;
        `checked`: the answers are already in stored form (see `answer`)."""
        # Fixed answers in a flow that loops can go round for ever; the answers only change when a
        # new question is reached, so a longer walk than (nodes + 1) × (questions + 1) steps is
        # such a circle. Counting the questions costs a pass over the flow, so it is done only
        # for a walk longer than the flow itself: replaying a file costs the same in any size of flow.
        steps, short, budget = 0, len(self.flow.nodes) + 1, None
        node = self.current
        while not isinstance(node, OutcomeNode):
            steps += 1
            if steps > short and budget is None:
                budget = short * (len(self.flow.questions()) + 1)
            if budget is not None and steps > budget:
                raise FlowRuntimeError(
                    "answer_loop",
                    Msg(
                        f"Met deze antwoorden blijft de flow rondgaan (bij '{node.id}'); er komt geen uitkomst.",
                        f"With these answers the flow keeps going round (at '{node.id}'); no outcome is reached.",
                    ),
                )
            if not node.is_question:
                node = self.answer()
            elif node.id in given:
                node = self.answer(given[node.id], checked=checked)
            elif skip_optional and isinstance(node, TextNode) and not node.required:
                node = self.answer("")
            else:
                break
        return node

    @classmethod
    def replay(cls, flow: Flow, path: list[str], answers: Mapping[str, Any]) -> Walk:
        """Rebuild a saved walk exactly: the same path, ending at the same node. FlowRuntimeError
        if the path and answers do not fit the flow."""
        walk = cls(flow)
        for node_id in path[:-1]:
            if walk.current.id != node_id or (walk.current.is_question and node_id not in answers):
                break
            walk.answer(answers.get(node_id))
        if walk.path != list(path):
            raise FlowRuntimeError(
                "replay_mismatch",
                Msg(
                    f"De opgeslagen weg past niet bij de flow (vastgelopen bij '{walk.current.id}').",
                    f"The saved path does not fit the flow (stuck at '{walk.current.id}').",
                ),
            )
        return walk

    def actions(self) -> list[GatheredAction]:
        """The advisory actions gathered along the path, each once, with the reasons given."""
        reasons: dict[str, list[Text]] = {}
        for node_id in self.path:
            node = self.flow.node(node_id)
            refs = list(node.actions)
            chosen = self.answers.get(node_id)
            for option in getattr(node, "options", []):
                if option.id == chosen or (isinstance(chosen, list) and option.id in chosen):
                    refs += option.actions
            for ref in refs:
                if ref.when is None or holds(ref.when, self.answers):
                    bucket = reasons.setdefault(ref.id, [])
                    if ref.because is not None and ref.because not in bucket:
                        bucket.append(ref.because)
        gathered = [GatheredAction(action_id, tuple(why)) for action_id, why in reasons.items()]
        # What cannot wait comes first; otherwise the order in which the path met them.
        definitions = self.flow.actions
        return sorted(gathered, key=lambda a: not (a.id in definitions and definitions[a.id].urgent))

    def note_lines(self, node: Any) -> list[Text]:
        """An information node's conditional lines that hold for the answers given."""
        return [line.text for line in getattr(node, "lines", []) if line.when is None or holds(line.when, self.answers)]

    def visited_questions(self) -> list[Any]:
        return [self.flow.node(n) for n in self.path if self.flow.node(n).is_question and n in self.answers]

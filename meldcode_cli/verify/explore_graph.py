"""The graph the path search walks: what a flow's nodes lead to, and what every search shares.

What does not depend on what a search watches is worked out once per flow: where a walk goes from a
node with given answers (past nodes whose `only_if` does not hold), which answers represent a
question (one per group of answers nothing later tells apart), which questions may be answered
before or after a node (`reach.Reach`), and the situations and moves searches have met so far.
The search itself, and its bookkeeping of what it watches, is in `explore.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from meldcode_cli.engine.walk import holds
from meldcode_cli.flow.model import Flow, OutcomeNode
from meldcode_cli.verify.choices import EXACT, Atom, reads, representatives
from meldcode_cli.verify.reach import Reach

Step = tuple[str, Any]  # (question id, answer as an answers file gives it)
# Where a walk goes: the nodes arrived at (those passed by first), and the node shown or else the
# error the walk runs into, as (kind, node).
Route = tuple[tuple[str, ...], str | None, tuple[str, str] | None]


@dataclass(eq=False, slots=True)  # compared by identity: the graph makes each once
class Move:
    """One way on from a situation: the answer given (None past a screen), all answers then, every
    node arrived at (those passed by first), and the node shown, or the error the walk runs into."""

    step: Step | None
    answers: dict[str, Any]
    arrived: tuple[str, ...]
    shown: str | None
    error: tuple[str, str] | None  # (kind, node) as in `Exploration.errors`
    # Where the move leads, by what a search keeps of the answers at the node shown.
    follows: dict[Kept, Situation] = field(default_factory=dict)


@dataclass(eq=False, slots=True)  # compared by identity: the graph makes each once
class Kept:
    """What a search keeps of the answers at a node just shown: question → the values still read
    there. Searches that read the same share it, so a move works out where it leads only once."""

    values: dict[str, frozenset[Any]]

    def project(self, answers: dict[str, Any]) -> tuple[dict[str, Any], tuple[Any, ...]]:
        """The answers narrowed to what is kept (parts nobody reads any more are dropped), and
        the same as a key: (question, answer) in question order, lists as tuples."""
        kept: dict[str, Any] = {}
        key: list[tuple[str, Any]] = []
        for q, value in answers.items():
            values = self.values.get(q)
            if values is None:
                continue
            if isinstance(value, list):
                chosen = [o for o in value if o in values]
                if EXACT in values:
                    other = next((o for o in value if o not in values), None)
                    chosen += [other] if other is not None else []
                elif not chosen:
                    continue
                kept[q] = chosen
                key.append((q, tuple(chosen)))
            elif value in values:
                kept[q] = value
                key.append((q, value))
        key.sort()  # answers come in the order they were given, which differs from walk to walk
        return kept, tuple(key)


@dataclass(eq=False, slots=True)  # compared by identity: the graph makes each once
class Situation:
    """A node just shown and the answers still kept there: a search state without the bookkeeping
    of what the search watches. Searches that keep the same answers share it, and so its moves."""

    node: str
    answers: dict[str, Any]
    # The moves on, by which values of this node's own answer are read after it (None: no question).
    moves: dict[frozenset[Any] | None, Moves] = field(default_factory=dict)


@dataclass(eq=False, slots=True)
class Moves:
    """The moves on from a situation: one per representative answer, or the one past a screen."""

    all: tuple[Move, ...]
    shown: tuple[str, ...]  # the nodes they show, each once
    # Those that arrive at different places, by what a search reads on arrival at each of `shown`.
    apart: dict[tuple[Kept, ...], tuple[Move, ...]] = field(default_factory=dict)


class Graph:
    """The static facts of a flow the searches need, computed once per flow, and what the searches
    share, filled in as they go: situations, their moves, representative answers."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.ids = [node.id for node in flow.nodes]
        # A plain dict: the search looks nodes up a great many times.
        self.node: dict[str, Any] = {}
        for node in flow.nodes:
            self.node.setdefault(node.id, node)
        # Plain facts per node: the searches never go through the models' attributes (a missing
        # one, such as `options` of a yes/no question, costs pydantic a slow lookup).
        self.questions = frozenset(i for i, n in self.node.items() if n.is_question)
        self.outcomes = frozenset(i for i, n in self.node.items() if isinstance(n, OutcomeNode))
        self.only_if = {i: n.only_if for i, n in self.node.items()}
        self.rules = {i: tuple((r.when, r.goto) for r in getattr(n, "next", [])) for i, n in self.node.items()}
        self.action_refs = {i: _action_refs(n) for i, n in self.node.items()}
        self.succ = {node.id: _targets(flow, node) for node in flow.nodes}
        self.pred: dict[str, list[str]] = {i: [] for i in self.ids}
        for source, targets in self.succ.items():
            for target in targets:
                self.pred[target].append(source)
        self.postorder = self._postorder()
        self.next_reads = {
            n.id: set().union(*[reads(r.when, flow) for r in getattr(n, "next", [])]) for n in flow.nodes
        }
        self.only_reads = {n.id: reads(n.only_if, flow) for n in flow.nodes}
        # Which nodes lead to which: what may be answered before a node, and what still after it.
        self.reach = Reach(self.ids, self.succ, flow.start_id if flow.has_node(flow.start_id) else None)
        self._situations: dict[tuple[str, tuple[Any, ...]], Situation] = {}
        self._kept: dict[frozenset[Atom], Kept] = {}
        self._choices: dict[tuple[str, frozenset[Any]], tuple[Any, ...]] = {}
        self._entry: Move | None = None

    def answered_before(self, question: str, node_id: str) -> bool:
        """Whether a walk may have answered `question` by the time it arrives at `node_id` (a
        question's own answer comes after it is shown, so only in a loop is it answered before)."""
        return question in self.questions and self.reach.before(question, node_id)

    def still_asked(self, node_id: str, questions: frozenset[str]) -> bool:
        """Whether one of these questions may still be answered from this node on (itself included)."""
        return self.reach.reaches_any(node_id, questions)

    def leading_to(self, targets: frozenset[str]) -> set[str]:
        """The nodes from which a path leads to one of `targets` (they themselves included)."""
        found = set(targets)
        todo = list(targets)
        while todo:
            for source in self.pred[todo.pop()]:
                if source not in found:
                    found.add(source)
                    todo.append(source)
        return found

    def _postorder(self) -> list[str]:
        """Every node, each after the nodes it leads to (where loops allow): one backward pass of a
        data-flow analysis in this order settles a flow without loops."""
        order: list[str] = []
        done: set[str] = set()
        roots = [self.flow.start_id] + self.ids if self.flow.has_node(self.flow.start_id) else self.ids
        for root in roots:
            if root in done:
                continue
            done.add(root)
            stack: list[tuple[str, Iterator[str]]] = [(root, iter(self.succ[root]))]
            while stack:
                node, children = stack[-1]
                child = next(children, None)
                if child is None:
                    stack.pop()
                    order.append(node)
                elif child not in done:
                    done.add(child)
                    stack.append((child, iter(self.succ[child])))
        return order

    def backward(self, own: dict[str, Any], combine: Any) -> dict[str, Any]:
        """A backward fixpoint: value(X) = combine(X, own(X), values of X's successors)."""
        value = {i: own[i] for i in self.ids}
        pending = list(self.postorder)
        queued = set(pending)
        pending.reverse()  # popped from the end: successors first
        while pending:
            node = pending.pop()
            queued.discard(node)
            new = combine(node, own[node], [value[s] for s in self.succ[node]])
            if new != value[node]:
                value[node] = new
                for p in self.pred[node]:
                    if p not in queued:
                        queued.add(p)
                        pending.append(p)
        return value

    # -- shared by every search: situations, where their moves lead, representative answers

    def situation(self, node_id: str, answers: dict[str, Any], key: tuple[Any, ...]) -> Situation:
        """The one situation for a node shown with these kept answers (`key`: see `Kept.project`)."""
        found = self._situations.get((node_id, key))
        if found is None:
            found = self._situations[(node_id, key)] = Situation(node_id, answers)
        return found

    def kept(self, atoms: frozenset[Atom]) -> Kept:
        """The one `Kept` for these atoms."""
        found = self._kept.get(atoms)
        if found is None:
            grouped: dict[str, set[Any]] = {}
            for q, v in atoms:
                grouped.setdefault(q, set()).add(v)
            found = self._kept[atoms] = Kept({q: frozenset(v) for q, v in grouped.items()})
        return found

    def follow(self, move: Move, kept: Kept) -> Situation:
        """The situation a move leads to, for a search that keeps `kept` at the node shown."""
        found = move.follows.get(kept)
        if found is None:
            assert move.shown is not None  # only a move that shows a node leads to a situation
            found = move.follows[kept] = self.situation(move.shown, *kept.project(move.answers))
        return found

    def entry(self) -> Move:
        """The move that starts every walk: arriving at the start node with no answers yet."""
        if self._entry is None:
            self._entry = Move(None, {}, *self._arrive(self.flow.start_id, {}))
        return self._entry

    def moves(self, situation: Situation, read: frozenset[Any] | None) -> Moves:
        """The moves on from a situation: one per representative answer (`read`: the values of the
        answer that are read after it), or the one move past an information screen."""
        found = situation.moves.get(read)
        if found is None:
            moves = tuple(self._moves(situation, read))
            shown = tuple(dict.fromkeys(m.shown for m in moves if m.shown is not None))
            found = situation.moves[read] = Moves(moves, shown)
        return found

    def apart(self, moves: Moves, reading: tuple[Kept, ...]) -> tuple[Move, ...]:
        """The moves less those that arrive exactly where an earlier one does: through the same
        nodes, at answers that nothing read on arrival (`reading`, for each node of `moves.shown`)
        or after can tell apart. In a breadth-first search such a move changes nothing: the earlier
        one got there first, with as many answers. A multiple-choice question whose options are
        tested one by one further on has many of them."""
        found = moves.apart.get(reading)
        if found is None:
            read_at = dict(zip(moves.shown, reading, strict=True))
            places: set[Any] = set()
            distinct = []
            for move in moves.all:
                place = move.error if move.error is not None else read_at[str(move.shown)].project(move.answers)[1]
                if (move.arrived, place) not in places:
                    places.add((move.arrived, place))
                    distinct.append(move)
            found = moves.apart[reading] = tuple(distinct)
        return found

    def _moves(self, situation: Situation, read: frozenset[Any] | None) -> Iterator[Move]:
        node_id, answers = situation.node, situation.answers
        if read is None:
            yield Move(None, answers, *self._lead(node_id, answers))
            return
        for value in self.choices(node_id, read):
            given = dict(answers)
            given[node_id] = value
            yield Move((node_id, value), given, *self._lead(node_id, given))

    def choices(self, node_id: str, read: frozenset[Any]) -> tuple[Any, ...]:
        """One answer to a question for each group of answers that nothing after it can tell apart."""
        found = self._choices.get((node_id, read))
        if found is None:
            found = self._choices[(node_id, read)] = tuple(representatives(self.node[node_id], read))
        return found

    def _lead(self, node_id: str, answers: dict[str, Any]) -> Route:
        """Where leaving a node with these answers leads."""
        target = self._next(node_id, answers)
        if target is None:
            return (), None, ("dead_end", node_id)
        return self._arrive(target, answers)

    def _arrive(self, target: str, answers: dict[str, Any]) -> Route:
        """Where a walk arrives, exactly as `engine.Walk._arrive` decides: nodes whose `only_if`
        does not hold are passed by."""
        arrived: list[str] = []
        node_id = target
        for _ in range(len(self.ids) + 1):
            arrived.append(node_id)
            condition = self.only_if[node_id]
            if condition is None or holds(condition, answers):
                return tuple(arrived), node_id, None
            if node_id in self.outcomes:
                return tuple(arrived), None, ("skipped_outcome", node_id)
            following = self._next(node_id, answers)
            if following is None:
                return tuple(arrived), None, ("dead_end", node_id)
            node_id = following
        return tuple(arrived), None, ("skip_loop", target)

    def _next(self, node_id: str, answers: dict[str, Any]) -> str | None:
        """The target of the first rule under `next` that applies, as `engine.Walk._next_of` picks it."""
        for when, goto in self.rules[node_id]:
            if when is None or holds(when, answers):
                return str(goto)
        return None


def _action_refs(node: Any) -> tuple[tuple[Any, str | None], ...]:
    """Every action reference of a node: its own (option None) and its options'."""
    own = [(ref, None) for ref in node.actions]
    return tuple(own + [(ref, option.id) for option in getattr(node, "options", []) for ref in option.actions])


def _targets(flow: Flow, node: Any) -> list[str]:
    """The nodes a node's rules may lead to, each once."""
    targets: list[str] = []
    for rule in getattr(node, "next", []):
        if flow.has_node(rule.goto) and rule.goto not in targets:
            targets.append(rule.goto)
        if rule.when is None:
            break  # rules after an unconditional one never apply
    return targets

"""Every walk through a flow at once: a search over (node, answers later checks can still read) states.

The search follows the engine's own rules (`engine.holds` decides every condition), but it never
enumerates raw answer sequences. At each point it keeps only the parts of earlier answers that
something later can still read: a condition further on, an action's `when` that is not settled
yet, or the guarantee being proved. Answers that differ only in parts nobody reads any more lead
to the same state, so forty independent yes/no questions make some eighty states, not 2**40
walks. A multiple-choice answer is reduced to the options that are actually tested.

A flow is searched many times: once for its analysis and once per guarantee. What does not depend
on what a search watches is worked out once, on the flow's shared `Graph`: where a walk goes from a
node with given answers (past nodes whose `only_if` does not hold) and which answers represent a
question. A search adds only its own bookkeeping: which answers it keeps, and the actions, nodes
and `when` it watches. Of many moves from one point it skips those that arrive exactly where an
earlier one did, and it does not follow a walk that has met its guarantee for good (see `Goal`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, NamedTuple

from meldcode_cli.engine.walk import holds, normalize
from meldcode_cli.flow.integrity import iter_tests
from meldcode_cli.flow.model import Flow, MultipleNode, OutcomeNode, SingleNode, TextNode, YesNoNode

# An atom is one thing a condition can read: (question, value) for a value it compares with, or
# (question, EXACT) for "does this multiple-choice answer hold options nobody tests?", which
# `equals` on a multiple-choice question needs. Option ids never start with '=', so it cannot clash.
EXACT = "=exact"
Atom = tuple[str, Any]

MAX_STATES = 400_000
MAX_CHOICES = 1 << 14  # combinations of tested options of one multiple-choice question
MANY_MOVES = 8  # from this many moves on, a search skips those that arrive where an earlier one did


class TooLarge(Exception):
    """The search would exceed its limits; the flow cannot be checked completely."""

    def __init__(self, reason: str, node: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.node = node


@dataclass(frozen=True)
class Goal:
    """What meets a guarantee for good before the walk ends: once a walk has gathered these
    actions, passed these nodes and began with this question, every way on meets it (none of these
    can be undone). Only a guarantee that names no outcome and nothing to avoid has a goal."""

    actions: frozenset[str] = frozenset()
    nodes: frozenset[str] = frozenset()
    first_question: str | None = None


@dataclass(frozen=True)
class Watch:
    """What a search keeps track of besides the route: a guarantee's `when`, the actions and nodes
    it names, whether it cares which question comes first, and its goal if it has one (the search
    need not follow a walk past the point where the goal is reached)."""

    when: Any = None
    actions: frozenset[str] = frozenset()
    nodes: frozenset[str] = frozenset()
    first_question: bool = False
    goal: Goal | None = None


@dataclass(frozen=True)
class Ending:
    """The end of a walk: its outcome and, of what was watched, what it gathered and visited."""

    outcome: str
    actions: frozenset[str]
    visited: frozenset[str]
    first_question: str | None


Step = tuple[str, Any]  # (question id, answer as an answers file gives it)
# Where a walk goes: the nodes arrived at (those passed by first), and the node shown or else the
# error the walk runs into, as (kind, node).
Route = tuple[tuple[str, ...], str | None, tuple[str, str] | None]


@dataclass
class Exploration:
    """What the search found. Counterexamples are the shortest answer sequences (fewest answers)."""

    states: int = 0
    shown: set[str] = field(default_factory=set)
    arrived: set[str] = field(default_factory=set)
    # (kind, node) → shortest answers that end there; kind: dead_end, skipped_outcome, skip_loop
    errors: dict[tuple[str, str], list[Step]] = field(default_factory=dict)
    # loops with no way out: (nodes in the loop, shortest answers that enter it)
    traps: list[tuple[list[str], list[Step]]] = field(default_factory=list)
    violation: tuple[list[Step], Ending] | None = None


def reads(condition: Any, flow: Flow) -> set[Atom]:
    """The atoms a condition reads, matching how `engine.holds` compares answers."""
    atoms: set[Atom] = set()
    if condition is None:
        return atoms
    for _, test in iter_tests(condition, ()):
        if not flow.has_node(test.question):
            continue
        q, op, operand = test.question, test.operator, test.operand
        if isinstance(flow.node(q), MultipleNode):
            if op == "equals":
                if isinstance(operand, list):  # a list never equals a plain value: nothing to read
                    atoms |= {(q, o) for o in operand} | {(q, EXACT)}
            else:
                atoms |= {(q, o) for o in (operand if isinstance(operand, list) else [operand])}
        elif not (op == "equals" and isinstance(operand, list)):  # a plain answer never equals a list
            atoms |= {(q, v) for v in (operand if isinstance(operand, list) else [operand])}
    return atoms


def _questions(atoms: set[Atom]) -> set[str]:
    return {q for q, _ in atoms}


@dataclass(frozen=True, eq=False)  # compared by identity: made once per search
class _Ref:
    """A watched action on a node or option: gathered when the node is shown, the option is in the
    final answer and `when` holds on the final answers (as `engine.Walk.actions` decides)."""

    node: str
    action: str
    option: str | None
    when: Any
    questions: frozenset[str]
    atoms: frozenset[Atom]


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


class _Here(NamedTuple):
    """What arriving at a node means to one search, worked out once per node."""

    visit: int  # the node's bit among the watched nodes (0: not watched)
    first: str | None  # the node, if it is a question and the search watches the first question
    reach: int  # the questions that can still be answered from here (`Graph.asked_from`)
    refs: frozenset[_Ref]  # the watched actions the node or its options may gather
    settles_when: bool  # nothing that the guarantee's `when` reads can be answered from here on
    quiet: bool  # none of the above happens here (facts change only if checks are pending)
    kept: Kept | None  # what the search keeps of the answers here; None at an outcome


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
        self.rules: dict[str, tuple[tuple[Any, str], ...]] = {
            i: tuple((r.when, r.goto) for r in getattr(n, "next", [])) for i, n in self.node.items()
        }
        # Every action reference of a node: its own (option None) and its options'.
        self.action_refs = {
            i: tuple(
                [(ref, None) for ref in n.actions]
                + [(ref, option.id) for option in getattr(n, "options", []) for ref in option.actions]
            )
            for i, n in self.node.items()
        }
        self.succ: dict[str, list[str]] = {}
        for node in flow.nodes:
            targets: list[str] = []
            for rule in getattr(node, "next", []):
                if flow.has_node(rule.goto) and rule.goto not in targets:
                    targets.append(rule.goto)
                if rule.when is None:
                    break  # rules after an unconditional one never apply
            self.succ[node.id] = targets
        self.pred: dict[str, list[str]] = {i: [] for i in self.ids}
        for source, targets in self.succ.items():
            for target in targets:
                self.pred[target].append(source)
        self.postorder = self._postorder()
        self.next_reads = {
            n.id: set().union(*[reads(r.when, flow) for r in getattr(n, "next", [])]) for n in flow.nodes
        }
        self.only_reads = {n.id: reads(n.only_if, flow) for n in flow.nodes}
        self.question_bit = {q.id: 1 << i for i, q in enumerate(flow.questions())}
        self.asked_before = self._asked_before()
        # For each node: the questions (as bits) that may still be answered from there, itself included.
        self.asked_from = self.backward(
            {i: self.question_bit.get(i, 0) for i in self.ids}, lambda _node, mine, later: mine | _or(later)
        )
        self._situations: dict[tuple[str, tuple[Any, ...]], Situation] = {}
        self._kept: dict[frozenset[Atom], Kept] = {}
        self._choices: dict[tuple[str, frozenset[Any]], tuple[Any, ...]] = {}
        self._entry: Move | None = None

    def _asked_before(self) -> dict[str, int]:
        """For each node a path reaches: the questions (as `question_bit`s) that may have been
        asked on the way there."""
        start = self.flow.start_id
        before = {start: 0}
        pending = [start]
        while pending:
            node = pending.pop()
            carried = before[node] | self.question_bit.get(node, 0)
            for target in self.succ[node]:
                if target not in before or before[target] | carried != before[target]:
                    before[target] = before.get(target, 0) | carried
                    pending.append(target)
        return before

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
            assert move.shown is not None  # a move that ends in an error leads nowhere to follow
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
            read_at = dict(zip(moves.shown, reading, strict=False))
            places: set[Any] = set()
            distinct = []
            for move in moves.all:
                place = (
                    move.error
                    if move.error is not None or move.shown is None
                    else read_at[move.shown].project(move.answers)[1]
                )
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
            found = self._choices[(node_id, read)] = tuple(_choices(self.node[node_id], read))
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
                return goto
        return None


class Search:
    """One search of a flow's walks for one `Watch`: liveness first, then a 0-1 breadth-first
    search (info screens cost no answer) so that every counterexample is as short as can be."""

    def __init__(self, graph: Graph, watch: Watch = Watch(), *, limit: int = MAX_STATES) -> None:
        self.graph = graph
        self.flow = flow = graph.flow
        self.watch = watch
        self.limit = limit
        self.action_bit = {a: 1 << i for i, a in enumerate(sorted(watch.actions))}
        self.node_bit = {n: 1 << i for i, n in enumerate(sorted(watch.nodes))}
        self.refs = self._refs()
        self.when_atoms = frozenset(reads(watch.when, flow))
        self.when_questions = frozenset(_questions(set(self.when_atoms)))
        # For each node, the questions that can still be answered from there: a check is settled
        # where none of those it waits for (its mask) can.
        self.reach = graph.asked_from
        self.when_mask = self._mask(self.when_questions)
        self.ref_masks = {ref: self._mask(ref.questions) for refs in self.refs.values() for ref in refs}
        self._liveness()
        self._kept: dict[str, Kept] = {}
        self._read_on_arrival: dict[str, Kept] = {}
        self._here: dict[str, _Here] = {}
        goal = watch.goal
        self.goal = (
            None
            if goal is None
            else (_bits(goal.actions, self.action_bit), _bits(goal.nodes, self.node_bit), goal.first_question)
        )

    # -- static preparation

    def _refs(self) -> dict[str, list[_Ref]]:
        refs: dict[str, list[_Ref]] = {}
        if not self.action_bit:
            return refs
        for node in self.flow.nodes:
            for ref, option in self.graph.action_refs[node.id]:
                if ref.id not in self.action_bit:
                    continue
                atoms = reads(ref.when, self.flow) | ({(node.id, option)} if option else set())
                refs.setdefault(node.id, []).append(
                    _Ref(
                        node.id,
                        ref.id,
                        option,
                        ref.when,
                        frozenset(_questions(atoms) | ({node.id} if option else set())),
                        frozenset(atoms),
                    )
                )
        return refs

    def _mask(self, questions: frozenset[str]) -> int:
        mask = 0
        for q in questions:
            mask |= self.graph.question_bit.get(q, 0)
        return mask

    def _waiting(self) -> dict[str, frozenset[Atom]]:
        """For each node: what checks that may still be waiting there read (they settle later)."""
        by_mask: dict[int, set[Atom]] = {}  # checks that wait for the same questions, together
        if self.when_atoms:
            by_mask[self.when_mask] = set(self.when_atoms)
        for refs in self.refs.values():
            for ref in refs:
                by_mask.setdefault(self.ref_masks[ref], set()).update(ref.atoms)
        waiting: dict[str, frozenset[Atom]] = {}
        if not by_mask:
            return waiting
        for node_id, reach in self.reach.items():
            found = [atoms for mask, atoms in by_mask.items() if mask & reach]
            if found:
                waiting[node_id] = frozenset().union(*found)
        return waiting

    def _liveness(self) -> None:
        graph = self.graph
        empty: frozenset[Atom] = frozenset()
        waiting = self._waiting()
        ref_reads = {i: frozenset().union(*[r.atoms for r in refs]) for i, refs in self.refs.items()}
        self.after: dict[str, frozenset[Atom]] = {}
        # Per question: the values of its answer that something after it reads (see `Graph.moves`).
        self.read: dict[str, frozenset[Any]] = {}

        def combine(node_id: str, _own: Any, after: list[frozenset[Atom]]) -> frozenset[Atom]:
            own_refs = ref_reads.get(node_id, empty)
            if node_id in graph.outcomes:
                return frozenset(graph.only_reads[node_id] | own_refs)
            base = graph.next_reads[node_id] | waiting.get(node_id, empty) | _union(after)
            # The fixpoint calls this again whenever a successor changes, so the last call for a
            # node saw its successors' final values.
            self.after[node_id] = frozenset(base)
            shown = base
            if node_id in graph.questions:
                shown = _without(base, node_id)
                self.read[node_id] = frozenset(v for q, v in base - shown)
            live_in = graph.only_reads[node_id] | (_without(own_refs, node_id) if own_refs else empty) | shown
            if graph.only_if[node_id] is not None:
                live_in |= base
            return frozenset(live_in)

        self.live_in = graph.backward(dict.fromkeys(graph.ids, empty), combine)

    def kept_at(self, node_id: str) -> Kept:
        """What this search keeps of the answers at a question or screen just shown (before its
        answer)."""
        found = self._kept.get(node_id)
        if found is None:
            found = self._kept[node_id] = self._keeping(node_id, self.after[node_id])
        return found

    def read_on_arrival(self, node_id: str) -> Kept:
        """What arriving at a node reads of the answers in this search: what is kept there, and
        what the checks that may be settled there read."""
        found = self._read_on_arrival.get(node_id)
        if found is None:
            reach = self.reach[node_id]
            atoms = set(self.after.get(node_id, ()))
            if not self.when_mask & reach:
                atoms |= self.when_atoms
            for refs in self.refs.values():
                atoms.update(*[ref.atoms for ref in refs if not self.ref_masks[ref] & reach])
            found = self._read_on_arrival[node_id] = self._keeping(node_id, atoms)
        return found

    def _keeping(self, node_id: str, atoms: Any) -> Kept:
        """The `Kept` for these atoms at a node just shown. Only questions that may have been
        answered by then are named: the others are never in the answers, and leaving them out lets
        searches that differ only there share a `Kept`."""
        answered = self.graph.asked_before.get(node_id, 0)
        if node_id in self.graph.questions:
            answered &= ~self.graph.question_bit[node_id]  # its own answer is about to be given
        bit = self.graph.question_bit
        return self.graph.kept(frozenset(a for a in atoms if bit.get(a[0], 0) & answered))

    def _moves(self, situation: Situation) -> tuple[Move, ...]:
        """The moves on from a situation, less those that arrive exactly where an earlier one did
        in this search. Only for many moves: for a few, telling them apart costs more than it saves."""
        moves = self.graph.moves(situation, self.read.get(situation.node))
        if len(moves.all) < MANY_MOVES:
            return moves.all
        return self.graph.apart(moves, tuple(self.read_on_arrival(n) for n in moves.shown))

    # -- the search

    def run(self, verdict: Any = None, *, traps: bool = False) -> Exploration:
        """Search every walk. `verdict(ending)` returns True for an ending that breaks what is being
        proved; the search then stops at the shortest such walk."""
        result = Exploration()
        keys: dict[Any, int] = {}
        situations: list[Situation] = []
        facts: list[tuple[Any, ...]] = []
        nodes: list[str] = []
        parent: list[tuple[int, Step | None]] = []
        dist: list[int] = []
        edges: list[list[int]] = []
        exits: set[int] = set()
        best: list[Any] = [None]  # (length, state, step, ending) of the shortest violation
        queue: deque[int] = deque()

        def record(origin: int, step: Step | None, length: int, arrival: Any) -> None:
            kind = arrival[0]
            if kind == "state":
                key = arrival[1]
                index = keys.get(key)
                if index is None:
                    if len(keys) >= self.limit:
                        raise TooLarge("states")
                    index = keys[key] = len(nodes)
                    situation, state_facts = key
                    nodes.append(situation.node)
                    situations.append(situation)
                    facts.append(state_facts)
                    parent.append((origin, step))
                    dist.append(length)
                    edges.append([])
                    (queue.appendleft if step is None else queue.append)(index)
                elif length < dist[index]:
                    dist[index] = length
                    parent[index] = (origin, step)
                    (queue.appendleft if step is None else queue.append)(index)
                if origin >= 0 and traps:
                    edges[origin].append(index)
                return
            if origin >= 0:
                exits.add(origin)
            if kind == "pruned":
                return
            if kind == "end":
                ending = arrival[1]
                if verdict is not None and verdict(ending) and (best[0] is None or length < best[0][0]):
                    best[0] = (length, origin, step, ending)
                return
            _, error, node_id = arrival
            if (error, node_id) not in result.errors:
                result.errors[(error, node_id)] = self._steps(parent, origin) + ([step] if step else [])

        # A state's facts: the watched actions gathered and nodes visited (as bits), the first
        # question, the watched actions still waiting for answers, and whether `when` is too.
        start_facts: tuple[Any, ...] = (0, 0, None, frozenset(), self.watch.when is not None)
        record(-1, None, 0, self._arrive(self.graph.entry(), start_facts, result))
        expanded_at: dict[int, int] = {}
        while queue:
            index = queue.popleft()
            if expanded_at.get(index) == dist[index]:
                continue  # queued twice; already expanded at this distance
            expanded_at[index] = dist[index]
            if best[0] is not None and dist[index] >= best[0][0]:
                break
            situation = situations[index]
            for move in self._moves(situation):
                step = move.step
                record(index, step, dist[index] + (1 if step else 0), self._arrive(move, facts[index], result))
        result.states = len(nodes)
        result.arrived |= result.shown
        if best[0] is not None:
            _length, origin, step, ending = best[0]
            result.violation = (self._steps(parent, origin) + ([step] if step else []), ending)
        elif traps:
            result.traps = self._traps(nodes, edges, exits, parent, dist)
        return result

    def _arrive(self, move: Move, facts: tuple[Any, ...], result: Exploration) -> Any:
        """Where a move leads in this search: the graph knows the route; here the pending checks
        are settled, and the answers narrowed to what this search still reads."""
        if move.error is not None:
            result.arrived.update(move.arrived)
            return ("error", *move.error)
        node_id = move.shown
        assert node_id is not None  # a move without an error shows a node
        if len(move.arrived) > 1:  # nodes passed by; those shown are added to `arrived` at the end
            result.arrived.update(move.arrived)
        result.shown.add(node_id)
        here = self._here.get(node_id) or self._arriving_at(node_id)
        _, _, _, pending, when_pending = facts
        if not here.quiet or pending or (when_pending and here.settles_when):  # else the facts stay
            settled = self._settle(here, move.answers, facts)
            if settled is None:
                return ("pruned",)
            facts = settled
        if here.kept is None:  # an outcome
            gathered, visited, first, _, _ = facts
            return (
                "end",
                Ending(node_id, self._names(gathered, self.action_bit), self._names(visited, self.node_bit), first),
            )
        return ("state", (move.follows.get(here.kept) or self.graph.follow(move, here.kept), facts))

    def _settle(self, here: _Here, answers: dict[str, Any], facts: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """The facts after arriving at a node where something watched happens; None when the walk
        need not be followed: the guarantee's `when` does not hold, or its goal is reached."""
        gathered, visited, first, pending, when_pending = facts
        visited |= here.visit
        if first is None:
            first = here.first
        if here.refs:
            pending = pending | here.refs
        if pending:
            settled = [ref for ref in pending if not self.ref_masks[ref] & here.reach]
            for ref in settled:
                if _gathers(ref, answers):
                    gathered |= self.action_bit[ref.action]
            pending = pending.difference(settled)
        if when_pending and here.settles_when:
            if self.watch.when is not None and not holds(self.watch.when, answers):
                return None
            when_pending = False
        if self.goal is not None and self._reached(self.goal, gathered, visited, first):
            return None  # every walk on from here meets the guarantee
        return (gathered, visited, first, pending, when_pending)

    def _arriving_at(self, node_id: str) -> _Here:
        """What arriving at a node means to this search (see `_Here`)."""
        visit = self.node_bit.get(node_id, 0)
        first = node_id if self.watch.first_question and node_id in self.graph.questions else None
        refs = frozenset(self.refs.get(node_id, ()))
        found = self._here[node_id] = _Here(
            visit,
            first,
            self.reach[node_id],
            refs,
            not self.when_mask & self.reach[node_id],
            not (visit or first or refs),
            None if node_id in self.graph.outcomes else self.kept_at(node_id),
        )
        return found

    @staticmethod
    def _reached(goal: tuple[int, int, str | None], gathered: int, visited: int, first: str | None) -> bool:
        actions, nodes, first_question = goal
        return (
            gathered & actions == actions
            and visited & nodes == nodes
            and (first_question is None or first == first_question)
        )

    @staticmethod
    def _names(mask: int, bits: dict[str, int]) -> frozenset[str]:
        return frozenset(name for name, bit in bits.items() if mask & bit)

    @staticmethod
    def _steps(parent: list[tuple[int, Step | None]], index: int) -> list[Step]:
        steps: list[Step] = []
        while index >= 0:
            index, step = parent[index]
            if step is not None:
                steps.append(step)
        steps.reverse()
        return steps

    def _traps(
        self,
        nodes: list[str],
        edges: list[list[int]],
        exits: set[int],
        parent: list[tuple[int, Step | None]],
        dist: list[int],
    ) -> list[tuple[list[str], list[Step]]]:
        """States from which no walk reaches an outcome (or an error): loops with no way out."""
        back: list[list[int]] = [[] for _ in nodes]
        for source, targets in enumerate(edges):
            for target in targets:
                back[target].append(source)
        escapes = set(exits)
        todo = list(exits)
        while todo:
            for source in back[todo.pop()]:
                if source not in escapes:
                    escapes.add(source)
                    todo.append(source)
        trapped = [i for i in range(len(nodes)) if i not in escapes]
        found: list[tuple[list[str], list[Step]]] = []
        covered: set[int] = set()
        for index in sorted(trapped, key=lambda i: dist[i]):
            if index in covered:
                continue
            region, todo = {index}, [index]
            while todo:
                for target in edges[todo.pop()]:
                    if target not in region:
                        region.add(target)
                        todo.append(target)
            covered |= region
            loop_nodes = list(dict.fromkeys(nodes[i] for i in sorted(region, key=lambda i: dist[i])))
            found.append((loop_nodes, self._steps(parent, index)))
        return found


def _gathers(ref: _Ref, answers: dict[str, Any]) -> bool:
    if ref.option is not None:
        chosen = answers.get(ref.node)
        if not (ref.option == chosen or (isinstance(chosen, list) and ref.option in chosen)):
            return False
    return ref.when is None or holds(ref.when, answers)


def _choices(node: Any, read: AbstractSet[Any]) -> Iterator[Any]:
    """Representative answers: every value a later check compares with, plus one that none does."""
    if isinstance(node, YesNoNode):
        tested = [v for v in (True, False) if v in read]
        yield from tested
        untested = [v for v in (False, True) if v not in read]
        if untested:
            yield untested[0]
    elif isinstance(node, SingleNode):
        ids = [o.id for o in node.options]
        yield from (o for o in ids if o in read)
        yield from [o for o in ids if o not in read][:1]
    elif isinstance(node, TextNode):
        literals = sorted(v for v in read if isinstance(v, str) and _valid(node, v))
        yield from literals
        other = "" if not node.required else "tekst"
        while other in read or not _valid(node, other):
            other = other + "x"
        yield other
    elif isinstance(node, MultipleNode):
        yield from _multiple_choices(node, read)


def _multiple_choices(node: MultipleNode, read: AbstractSet[Any]) -> Iterator[list[str]]:
    ids = [o.id for o in node.options]
    tested = [o for o in ids if o in read]
    untested = [o for o in ids if o not in read]
    if len(tested) > 20 or (1 << len(tested)) > MAX_CHOICES:
        raise TooLarge("choices", node.id)
    exact = EXACT in read
    for size in range(len(tested) + 1):  # fewest options first
        need = node.min_selected - size
        variants = ([0] if not untested else [0, max(1, need)]) if exact else [max(0, need)]
        extras = [e for e in variants if size + e >= node.min_selected and e <= len(untested)]
        for chosen in _in_mask_order(tested, size) if extras else ():
            for extra in extras:
                picked = set(chosen).union(untested[:extra])
                yield [o for o in ids if o in picked]


def _in_mask_order(items: list[str], size: int) -> list[tuple[str, ...]]:
    """The subsets of `size` items, in the order of their bit masks (bit i for items[i]): the
    order counterexamples have always been searched in."""
    subsets = list(combinations(reversed(items), size))  # masks from high to low
    subsets.reverse()
    return subsets


def _valid(node: Any, value: str) -> bool:
    try:
        return normalize(node, value) == value
    except Exception:  # an answer the question refuses is not a possible answer
        return False


def _bits(names: frozenset[str], bits: dict[str, int]) -> int:
    return _or([bits[name] for name in names])


def _or(values: list[int]) -> int:
    result = 0
    for value in values:
        result |= value
    return result


def _union(sets: list[frozenset[Atom]]) -> set[Atom]:
    result: set[Atom] = set()
    for s in sets:
        result |= s
    return result


def _without(atoms: Any, question: str) -> set[Atom]:
    return {a for a in atoms if a[0] != question}

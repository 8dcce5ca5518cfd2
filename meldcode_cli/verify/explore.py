"""Every walk through a flow at once: a search over (node, answers later checks can still read) states.

The search follows the engine's own rules (`engine.holds` decides every condition), but it never
enumerates raw answer sequences. At each point it keeps only the parts of earlier answers that
something later can still read: a condition further on, an action's `when` that is not settled
yet, or the guarantee being proved. Answers that differ only in parts nobody reads any more lead
to the same state, so forty independent yes/no questions make some eighty states, not 2**40
walks. A multiple-choice answer is reduced to the options that are actually tested.

A flow is searched many times: once for its analysis and once per guarantee. What does not depend
on what a search watches is worked out once, on the flow's shared `Graph` (`explore_graph.py`):
where a walk goes from a node with given answers (past nodes whose `only_if` does not hold) and
which answers represent a question. A search adds only its own bookkeeping: which answers it
keeps, and the actions, nodes and `when` it watches (the states it meets: `explore_states.py`).
Of many moves from one point it skips those that arrive exactly where an earlier one did, and it
does not follow a walk that has met its guarantee for good (see `Goal`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from meldcode_cli.engine.walk import holds
from meldcode_cli.verify.choices import Atom, TooLarge, reads
from meldcode_cli.verify.explore_graph import Graph, Kept, Move, Situation, Step
from meldcode_cli.verify.explore_states import Ending, Exploration, States

__all__ = ["Ending", "Exploration", "Goal", "Graph", "Search", "Step", "TooLarge", "Watch"]

MAX_STATES = 400_000
MANY_MOVES = 8  # from this many moves on, a search skips those that arrive where an earlier one did


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


class _Here(NamedTuple):
    """What arriving at a node means to one search, worked out once per node."""

    visit: int  # the node's bit among the watched nodes (0: not watched)
    first: str | None  # the node, if it is a question and the search watches the first question
    node: str
    refs: frozenset[_Ref]  # the watched actions the node or its options may gather
    settles_when: bool  # nothing that the guarantee's `when` reads can be answered from here on
    quiet: bool  # none of the above happens here (facts change only if checks are pending)
    kept: Kept | None  # what the search keeps of the answers here; None at an outcome


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
        # The questions each check waits for: it is settled where none of them can still be answered.
        self.when_waits = self._waits(self.when_questions)
        self.ref_waits = {ref: self._waits(ref.questions) for refs in self.refs.values() for ref in refs}
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

    def _waits(self, ids: frozenset[str]) -> frozenset[str]:
        return ids & self.graph.questions

    def _open(self, node_id: str, waits: frozenset[str]) -> bool:
        """Whether a check waiting for these questions is still open at a node (one of them may
        still be answered from there on)."""
        return self.graph.still_asked(node_id, waits)

    def _waiting(self) -> dict[str, frozenset[Atom]]:
        """For each node: what checks that may still be waiting there read (they settle later)."""
        by_waits: dict[frozenset[str], set[Atom]] = {}  # checks that wait for the same questions, together
        if self.when_atoms:
            by_waits[self.when_waits] = set(self.when_atoms)
        for refs in self.refs.values():
            for ref in refs:
                by_waits.setdefault(self.ref_waits[ref], set()).update(ref.atoms)
        # A check is open exactly at the nodes that lead to one of its questions: found by going
        # back from those questions, which only visits the part of the flow before them.
        found: dict[str, set[Atom]] = {}
        for waits, atoms in by_waits.items():
            for node_id in self.graph.leading_to(waits):
                found.setdefault(node_id, set()).update(atoms)
        return {node_id: frozenset(atoms) for node_id, atoms in found.items()}

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
            atoms = set(self.after.get(node_id, ()))
            if not self._open(node_id, self.when_waits):
                atoms |= self.when_atoms
            for refs in self.refs.values():
                atoms.update(*[ref.atoms for ref in refs if not self._open(node_id, self.ref_waits[ref])])
            found = self._read_on_arrival[node_id] = self._keeping(node_id, atoms)
        return found

    def _keeping(self, node_id: str, atoms: Any) -> Kept:
        """The `Kept` for these atoms at a node just shown. Only questions that may have been
        answered by then are named: the others are never in the answers, and leaving them out lets
        searches that differ only there share a `Kept`."""
        answered = self.graph.answered_before
        # A question's own answer is about to be given: it is not among the answers yet.
        return self.graph.kept(frozenset(a for a in atoms if a[0] != node_id and answered(a[0], node_id)))

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
        states = States(result, self.limit, verdict, traps)
        # A state's facts: the watched actions gathered and nodes visited (as bits), the first
        # question, the watched actions still waiting for answers, and whether `when` is too.
        start_facts: tuple[int, int, str | None, frozenset[str], bool] = (
            0,
            0,
            None,
            frozenset(),
            self.watch.when is not None,
        )
        states.record(-1, None, 0, self._arrive(self.graph.entry(), start_facts, result))
        index = states.next()
        while index is not None:
            length, facts = states.dist[index], states.facts[index]
            for move in self._moves(states.situations[index]):
                step = move.step
                states.record(index, step, length + (1 if step else 0), self._arrive(move, facts, result))
            index = states.next()
        return states.finish()

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
            settled = [ref for ref in pending if not self._open(here.node, self.ref_waits[ref])]
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
            node_id,
            refs,
            not self._open(node_id, self.when_waits),
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


def _gathers(ref: _Ref, answers: dict[str, Any]) -> bool:
    if ref.option is not None:
        chosen = answers.get(ref.node)
        if not (ref.option == chosen or (isinstance(chosen, list) and ref.option in chosen)):
            return False
    return ref.when is None or holds(ref.when, answers)


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

"""Every walk through a flow at once: a search over (node, answers later checks can still read) states.

The search follows the engine's own rules (`engine.holds` decides every condition), but it never
enumerates raw answer sequences. At each point it keeps only the parts of earlier answers that
something later can still read: a condition further on, an action's `when` that is not settled
yet, or the guarantee being proved. Answers that differ only in parts nobody reads any more lead
to the same state, so forty independent yes/no questions make some eighty states, not 2**40
walks. A multiple-choice answer is reduced to the options that are actually tested.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from meldcode_cli.engine import holds, normalize
from meldcode_cli.integrity import iter_tests
from meldcode_cli.model import Flow, MultipleNode, OutcomeNode, SingleNode, TextNode, YesNoNode

# An atom is one thing a condition can read: (question, value) for a value it compares with, or
# (question, EXACT) for "does this multiple-choice answer hold options nobody tests?", which
# `equals` on a multiple-choice question needs. Option ids never start with '=', so it cannot clash.
EXACT = "=exact"
Atom = tuple[str, Any]

MAX_STATES = 400_000
MAX_CHOICES = 1 << 14  # combinations of tested options of one multiple-choice question


class TooLarge(Exception):
    """The search would exceed its limits; the flow cannot be checked completely."""

    def __init__(self, reason: str, node: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.node = node


@dataclass(frozen=True)
class Watch:
    """What a search keeps track of besides the route: a guarantee's `when`, the actions and nodes
    it names, and whether it cares which question comes first."""

    when: Any = None
    actions: frozenset[str] = frozenset()
    nodes: frozenset[str] = frozenset()
    first_question: bool = False


@dataclass(frozen=True)
class Ending:
    """The end of a walk: its outcome and, of what was watched, what it gathered and visited."""

    outcome: str
    actions: frozenset[str]
    visited: frozenset[str]
    first_question: str | None


Step = tuple[str, Any]  # (question id, answer as an answers file gives it)


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


class Graph:
    """The static facts of a flow the search needs, computed once per flow."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.ids = [node.id for node in flow.nodes]
        # A plain dict: the search looks nodes up a great many times.
        self.node: dict[str, Any] = {}
        for node in flow.nodes:
            self.node.setdefault(node.id, node)
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
        self.next_reads = {n.id: set().union(*[reads(r.when, flow) for r in getattr(n, "next", [])])
                           for n in flow.nodes}
        self.only_reads = {n.id: reads(n.only_if, flow) for n in flow.nodes}

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
        self.reach = self._reach()
        self.when_mask = self._mask(self.when_questions)
        self.ref_masks = {ref: self._mask(ref.questions) for refs in self.refs.values() for ref in refs}
        self._liveness()
        self._live_maps: dict[str, dict[str, frozenset[Any]]] = {}
        self._choices: dict[str, list[Any]] = {}

    # -- static preparation

    def _refs(self) -> dict[str, list[_Ref]]:
        refs: dict[str, list[_Ref]] = {}
        for node in self.flow.nodes:
            found = [(ref, None) for ref in node.actions]
            found += [(ref, option.id) for option in getattr(node, "options", []) for ref in option.actions]
            for ref, option in found:
                if ref.id not in self.action_bit:
                    continue
                atoms = reads(ref.when, self.flow) | ({(node.id, option)} if option else set())
                refs.setdefault(node.id, []).append(_Ref(
                    node.id, ref.id, option, ref.when, frozenset(_questions(atoms) | ({node.id} if option else set())),
                    frozenset(atoms)))
        return refs

    def _mask(self, questions: frozenset[str]) -> int:
        mask = 0
        for q in questions:
            mask |= self.question_bit.get(q, 0)
        return mask

    def _reach(self) -> dict[str, int]:
        """For each node: which of the questions that pending checks wait for can still be answered
        from there (the node itself included)."""
        relevant = set(self.when_questions)
        for refs in self.refs.values():
            for ref in refs:
                relevant |= ref.questions
        self.question_bit = {q: 1 << i for i, q in enumerate(sorted(relevant))}
        own = {n.id: (self.question_bit.get(n.id, 0) if n.is_question else 0) for n in self.flow.nodes}
        return self.graph.backward(own, lambda node, mine, after: mine | _or(after))

    def _waiting(self) -> dict[str, frozenset[Atom]]:
        """For each node: what checks that may still be waiting there read (they settle later)."""
        items = [(self.when_mask, self.when_atoms)] if self.when_atoms else []
        items += [(self.ref_masks[ref], ref.atoms) for refs in self.refs.values() for ref in refs]
        waiting: dict[str, frozenset[Atom]] = {}
        if not items:
            return waiting
        for node_id, reach in self.reach.items():
            found = [atoms for mask, atoms in items if mask & reach]
            if found:
                waiting[node_id] = frozenset().union(*found)
        return waiting

    def _liveness(self) -> None:
        graph = self.graph
        empty: frozenset[Atom] = frozenset()
        waiting = self._waiting()
        ref_reads = {i: frozenset().union(*[r.atoms for r in refs]) for i, refs in self.refs.items()}
        self.after: dict[str, frozenset[Atom]] = {}

        def combine(node_id: str, _own: Any, after: list[frozenset[Atom]]) -> frozenset[Atom]:
            node = graph.node[node_id]
            own_refs = ref_reads.get(node_id, empty)
            if isinstance(node, OutcomeNode):
                return frozenset(graph.only_reads[node_id] | own_refs)
            base = graph.next_reads[node_id] | waiting.get(node_id, empty) | _union(after)
            # The fixpoint calls this again whenever a successor changes, so the last call for a
            # node saw its successors' final values.
            self.after[node_id] = frozenset(base)
            shown = _without(base, node_id) if node.is_question else base
            live_in = graph.only_reads[node_id] | _without(own_refs, node_id) | shown
            if node.only_if is not None:
                live_in |= base
            return frozenset(live_in)

        self.live_in = graph.backward(dict.fromkeys(graph.ids, empty), combine)

    def live_map(self, node_id: str) -> dict[str, frozenset[Any]]:
        """Question → the values still read, at a question or screen just shown (before its answer)."""
        found = self._live_maps.get(node_id)
        if found is None:
            atoms = self.after[node_id]
            if self.graph.node[node_id].is_question:
                atoms = _without(atoms, node_id)
            grouped: dict[str, set[Any]] = {}
            for q, v in atoms:
                grouped.setdefault(q, set()).add(v)
            found = self._live_maps[node_id] = {q: frozenset(v) for q, v in grouped.items()}
        return found

    def choices(self, node: Any) -> list[Any]:
        """One answer for each group of answers that nothing after this question can tell apart."""
        found = self._choices.get(node.id)
        if found is None:
            read = {v for q, v in self.after[node.id] if q == node.id}
            found = self._choices[node.id] = list(_choices(node, read))
        return found

    # -- the search

    def run(self, verdict: Any = None, *, traps: bool = False) -> Exploration:
        """Search every walk. `verdict(ending)` returns True for an ending that breaks what is being
        proved; the search then stops at the shortest such walk."""
        result = Exploration()
        keys: dict[Any, int] = {}
        answers: list[dict[str, Any]] = []
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
                _, node_id, state_answers, state_facts, key = arrival
                index = keys.get(key)
                if index is None:
                    if len(keys) >= self.limit:
                        raise TooLarge("states")
                    index = keys[key] = len(nodes)
                    nodes.append(node_id)
                    answers.append(state_answers)
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
                if verdict is not None and verdict(ending):
                    if best[0] is None or length < best[0][0]:
                        best[0] = (length, origin, step, ending)
                return
            _, error, node_id = arrival
            if (error, node_id) not in result.errors:
                result.errors[(error, node_id)] = self._steps(parent, origin) + ([step] if step else [])

        start_facts = (0, 0, None, frozenset(), self.watch.when is not None)
        record(-1, None, 0, self._arrive(self.flow.start_id, {}, start_facts, result))
        expanded_at: dict[int, int] = {}
        while queue:
            index = queue.popleft()
            if expanded_at.get(index) == dist[index]:
                continue  # queued twice; already expanded at this distance
            expanded_at[index] = dist[index]
            if best[0] is not None and dist[index] >= best[0][0]:
                break
            node = self.graph.node[nodes[index]]
            here = answers[index]
            for step, arrival in self._leave(node, here, facts[index], result):
                record(index, step, dist[index] + (1 if step else 0), arrival)
        result.states = len(nodes)
        if best[0] is not None:
            length, origin, step, ending = best[0]
            result.violation = (self._steps(parent, origin) + ([step] if step else []), ending)
        elif traps:
            result.traps = self._traps(nodes, edges, exits, parent, dist)
        return result

    def _leave(self, node: Any, answers: dict[str, Any], facts: tuple[Any, ...], result: Exploration) -> Iterator[tuple[Step | None, Any]]:
        if node.is_question:
            for value in self.choices(node):
                given = dict(answers)
                given[node.id] = value
                yield (node.id, value), self._go_on(node, given, facts, result)
        else:
            yield None, self._go_on(node, answers, facts, result)

    def _go_on(self, node: Any, answers: dict[str, Any], facts: tuple[Any, ...], result: Exploration) -> Any:
        target = _next(node, answers)
        if target is None:
            return ("error", "dead_end", node.id)
        return self._arrive(target, answers, facts, result)

    def _arrive(self, target: str, answers: dict[str, Any], facts: tuple[Any, ...], result: Exploration) -> Any:
        """Where a walk arrives, exactly as `engine.Walk._arrive` decides: nodes whose `only_if`
        does not hold are passed by; then the node's actions and the pending checks are settled."""
        node_id = target
        for _ in range(len(self.graph.ids) + 1):
            node = self.graph.node[node_id]
            result.arrived.add(node_id)
            if node.only_if is None or holds(node.only_if, answers):
                break
            if isinstance(node, OutcomeNode):
                return ("error", "skipped_outcome", node_id)
            following = _next(node, answers)
            if following is None:
                return ("error", "dead_end", node_id)
            node_id = following
        else:
            return ("error", "skip_loop", target)
        result.shown.add(node_id)
        gathered, visited, first, pending, when_pending = facts
        visited |= self.node_bit.get(node_id, 0)
        if first is None and node.is_question and self.watch.first_question:
            first = node_id
        reach = self.reach[node_id]
        if node_id in self.refs:
            pending = pending | frozenset(self.refs[node_id])
        if pending:
            settled = [ref for ref in pending if not self.ref_masks[ref] & reach]
            for ref in settled:
                if _gathers(ref, answers):
                    gathered |= self.action_bit[ref.action]
            pending = pending.difference(settled)
        if when_pending and not self.when_mask & reach:
            if self.watch.when is not None and not holds(self.watch.when, answers):
                return ("pruned",)
            when_pending = False
        if isinstance(node, OutcomeNode):
            return ("end", Ending(node_id, self._names(gathered, self.action_bit),
                                  self._names(visited, self.node_bit), first))
        kept = self._project(answers, node_id)
        key = (node_id, _answers_key(kept), gathered, visited, first, pending, when_pending)
        return ("state", node_id, kept, (gathered, visited, first, pending, when_pending), key)

    def _project(self, answers: dict[str, Any], node_id: str) -> dict[str, Any]:
        live = self.live_map(node_id)
        kept: dict[str, Any] = {}
        for q, value in answers.items():
            values = live.get(q)
            if not values:
                continue
            if isinstance(value, list):
                chosen = [o for o in value if o in values]
                if EXACT in values:
                    other = next((o for o in value if o not in values), None)
                    kept[q] = chosen + ([other] if other is not None else [])
                elif chosen:
                    kept[q] = chosen
            elif value in values:
                kept[q] = value
        return kept

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

    def _traps(self, nodes: list[str], edges: list[list[int]], exits: set[int],
               parent: list[tuple[int, Step | None]], dist: list[int]) -> list[tuple[list[str], list[Step]]]:
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


def _next(node: Any, answers: dict[str, Any]) -> str | None:
    for rule in node.next:
        if rule.when is None or holds(rule.when, answers):
            return rule.goto
    return None


def _answers_key(answers: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((q, tuple(v) if isinstance(v, list) else v) for q, v in answers.items()))


def _choices(node: Any, read: set[Any]) -> Iterator[Any]:
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


def _multiple_choices(node: MultipleNode, read: set[Any]) -> Iterator[list[str]]:
    ids = [o.id for o in node.options]
    tested = [o for o in ids if o in read]
    untested = [o for o in ids if o not in read]
    if len(tested) > 20 or (1 << len(tested)) > MAX_CHOICES:
        raise TooLarge("choices", node.id)
    exact = EXACT in read
    masks = sorted(range(1 << len(tested)), key=lambda m: (bin(m).count("1"), m))
    for mask in masks:
        chosen = {o for i, o in enumerate(tested) if mask >> i & 1}
        need = node.min_selected - len(chosen)
        if exact:
            variants = [0] if not untested else [0, max(1, need)]
        else:
            variants = [max(0, need)]
        for extra in variants:
            if len(chosen) + extra < node.min_selected or extra > len(untested):
                continue
            picked = chosen | set(untested[:extra])
            yield [o for o in ids if o in picked]


def _valid(node: Any, value: str) -> bool:
    try:
        return normalize(node, value) == value
    except Exception:  # an answer the question refuses is not a possible answer
        return False


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

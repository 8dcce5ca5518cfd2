"""What one path search has met and found: its states in breadth-first order, and its results.

`explore.Search` decides where each move leads; this keeps the states it has met, the shortest
way to each (a 0-1 breadth-first search: an information screen costs no answer), the errors and
the shortest violation found, and at the end the loops no walk gets out of.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from meldcode_cli.verify.choices import TooLarge
from meldcode_cli.verify.explore_graph import Situation, Step


@dataclass(frozen=True)
class Ending:
    """The end of a walk: its outcome and, of what was watched, what it gathered and visited."""

    outcome: str
    actions: frozenset[str]
    visited: frozenset[str]
    first_question: str | None


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


class States:
    """The states of one search, numbered as they are met. A state is a situation (node and kept
    answers, shared between searches) with the search's own facts about the walk so far."""

    def __init__(self, result: Exploration, limit: int, verdict: Callable[[Ending], bool] | None, traps: bool):
        self.result = result
        self.limit = limit
        self.verdict = verdict
        self.keep_edges = traps  # the moves between states are only needed to find traps
        self.keys: dict[Any, int] = {}
        self.situations: list[Situation] = []
        self.facts: list[tuple[Any, ...]] = []
        self.nodes: list[str] = []
        self.parent: list[tuple[int, Step | None]] = []
        self.dist: list[int] = []
        self.edges: list[list[int]] = []
        self.exits: set[int] = set()  # states with a move that ends the walk (or runs into an error)
        self.best: tuple[int, int, Step | None, Ending] | None = None  # (length, state, step, ending)
        self.queue: deque[int] = deque()
        self.expanded_at: dict[int, int] = {}

    def record(self, origin: int, step: Step | None, length: int, arrival: Any) -> None:
        """A move from state `origin` (-1: the start) with `step`, `length` answers in, arriving
        at a state, an ending, an error, or nowhere ("pruned": not to be followed)."""
        kind = arrival[0]
        if kind == "state":
            self._state(origin, step, length, arrival[1])
            return
        if origin >= 0:
            self.exits.add(origin)
        if kind == "end":
            ending = arrival[1]
            if self.verdict is not None and self.verdict(ending) and (self.best is None or length < self.best[0]):
                self.best = (length, origin, step, ending)
        elif kind == "error":
            _, error, node_id = arrival
            if (error, node_id) not in self.result.errors:
                self.result.errors[(error, node_id)] = self.steps(origin) + ([step] if step else [])

    def _state(self, origin: int, step: Step | None, length: int, key: tuple[Situation, tuple[Any, ...]]) -> None:
        index = self.keys.get(key)
        if index is None:
            if len(self.keys) >= self.limit:
                raise TooLarge("states")
            index = self.keys[key] = len(self.nodes)
            situation, facts = key
            self.nodes.append(situation.node)
            self.situations.append(situation)
            self.facts.append(facts)
            self.parent.append((origin, step))
            self.dist.append(length)
            self.edges.append([])
            (self.queue.appendleft if step is None else self.queue.append)(index)
        elif length < self.dist[index]:
            self.dist[index] = length
            self.parent[index] = (origin, step)
            (self.queue.appendleft if step is None else self.queue.append)(index)
        if origin >= 0 and self.keep_edges:
            self.edges[origin].append(index)

    def next(self) -> int | None:
        """The next state to expand, nearest first; None when no shorter violation can follow."""
        while self.queue:
            index = self.queue.popleft()
            if self.expanded_at.get(index) == self.dist[index]:
                continue  # queued twice; already expanded at this distance
            self.expanded_at[index] = self.dist[index]
            if self.best is not None and self.dist[index] >= self.best[0]:
                return None
            return index
        return None

    def finish(self) -> Exploration:
        result = self.result
        result.states = len(self.nodes)
        result.arrived |= result.shown
        if self.best is not None:
            _, origin, step, ending = self.best
            result.violation = (self.steps(origin) + ([step] if step else []), ending)
        elif self.keep_edges:
            result.traps = self._traps()
        return result

    def steps(self, index: int) -> list[Step]:
        """The answers of the shortest walk known to a state."""
        steps: list[Step] = []
        while index >= 0:
            index, step = self.parent[index]
            if step is not None:
                steps.append(step)
        steps.reverse()
        return steps

    def _traps(self) -> list[tuple[list[str], list[Step]]]:
        """States from which no walk reaches an outcome (or an error): loops with no way out."""
        escapes = self._escapes()
        trapped = [i for i in range(len(self.nodes)) if i not in escapes]
        found: list[tuple[list[str], list[Step]]] = []
        covered: set[int] = set()
        for index in sorted(trapped, key=lambda i: self.dist[i]):
            if index in covered:
                continue
            region, todo = {index}, [index]
            while todo:
                for target in self.edges[todo.pop()]:
                    if target not in region:
                        region.add(target)
                        todo.append(target)
            covered |= region
            loop_nodes = list(dict.fromkeys(self.nodes[i] for i in sorted(region, key=lambda i: self.dist[i])))
            found.append((loop_nodes, self.steps(index)))
        return found

    def _escapes(self) -> set[int]:
        """The states from which some walk ends."""
        back: list[list[int]] = [[] for _ in self.nodes]
        for source, targets in enumerate(self.edges):
            for target in targets:
                back[target].append(source)
        escapes = set(self.exits)
        todo = list(self.exits)
        while todo:
            for source in back[todo.pop()]:
                if source not in escapes:
                    escapes.add(source)
                    todo.append(source)
        return escapes

"""Which nodes a flow's paths connect: reachability answered from a few number ranges per node.

The path search and the analysis ask two things of a flow's graph: "can this question still be
answered from here?" and "may this question have been answered on the way here?". Keeping, per node,
the set of every question as bits grows with the square of the flow (100,000 nodes: gigabytes).
Here the nodes are numbered in the order a depth-first search first meets them, and each node keeps
the nodes it leads to as ranges of those numbers. What a node leads to is its own subtree of that
search (one range) plus what the edges out of it that go back or across lead to: in a flow's shape
(steps one after another, branches that meet again or end in an outcome) a handful of ranges, so
memory and time grow with the flow. Loops are handled as a whole: every node of a loop leads to the
same nodes (Tarjan's strongly connected components).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

# A set of numbers as sorted, disjoint, non-touching half-open ranges, flattened:
# (start0, end0, start1, end1, ...). A number is inside when an odd count of bounds is ≤ it.
Ranges = tuple[int, ...]


def _union(parts: Iterable[Ranges]) -> Ranges:
    pairs = sorted(pair for part in parts for pair in zip(part[::2], part[1::2], strict=True))
    merged: list[int] = []
    for start, end in pairs:
        if merged and start <= merged[-1]:  # overlaps or touches the previous range
            merged[-1] = max(merged[-1], end)
        else:
            merged += (start, end)
    return tuple(merged)


def _inside(number: int, ranges: Ranges) -> bool:
    return bisect_right(ranges, number) % 2 == 1


class Reach:
    """Reachability between the nodes of a graph (`succ`: each node's targets), from `start`."""

    def __init__(self, ids: Sequence[str], succ: Mapping[str, Sequence[str]], start: str | None) -> None:
        self.succ = succ
        self.number: dict[str, int] = {}
        # Per node, the component (loop, or the node alone) it belongs to; per component, the
        # numbers of every node it leads to, its own included.
        self.component: dict[str, int] = {}
        self.leads_to: list[Ranges] = []
        roots = [start, *ids] if start is not None and start in succ else list(ids)
        for root in roots:
            if root not in self.number:
                self._search(root)
        self.start = start if start is not None and start in succ else None

    def _search(self, root: str) -> None:
        """Tarjan's algorithm without recursion: numbers the nodes, and closes each component
        after every component it leads to, so its ranges are the union of theirs."""
        low: dict[str, int] = {}
        stack: list[str] = []
        on_stack: set[str] = set()
        work = [(root, iter(self.succ[root]))]
        self._enter(root, low, stack, on_stack)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == self.number[node]:
                    self._close(node, stack, on_stack)
            elif target not in self.number:
                self._enter(target, low, stack, on_stack)
                work.append((target, iter(self.succ[target])))
            elif target in on_stack:
                low[node] = min(low[node], self.number[target])

    def _enter(self, node: str, low: dict[str, int], stack: list[str], on_stack: set[str]) -> None:
        self.number[node] = low[node] = len(self.number)
        stack.append(node)
        on_stack.add(node)

    def _close(self, head: str, stack: list[str], on_stack: set[str]) -> None:
        members: list[str] = []
        while True:
            node = stack.pop()
            on_stack.discard(node)
            members.append(node)
            if node == head:
                break
        index = len(self.leads_to)
        for node in members:
            self.component[node] = index
        targets = {self.component[t] for node in members for t in self.succ[node]}
        own = _union((self.number[node], self.number[node] + 1) for node in members)
        self.leads_to.append(_union(chain([own], (self.leads_to[c] for c in targets if c != index))))

    # -- the questions asked

    def reaches(self, source: str, target: str) -> bool:
        """Whether a path leads from `source` to `target` (a node reaches itself)."""
        return _inside(self.number[target], self.leads_to[self.component[source]])

    def reaches_any(self, source: str, targets: Iterable[str]) -> bool:
        ranges = self.leads_to[self.component[source]]
        return any(_inside(self.number[t], ranges) for t in targets)

    def reachable(self, node: str) -> bool:
        """Whether a walk from the start node arrives at `node`."""
        return self.start is not None and self.reaches(self.start, node)

    def before(self, earlier: str, node: str) -> bool:
        """Whether a walk from the start passes `earlier` and then arrives at `node` (one step
        or more later; so a node is before itself only in a loop)."""
        if not self.reachable(earlier):
            return False
        number = self.number[node]
        return any(_inside(number, self.leads_to[self.component[t]]) for t in self.succ[earlier])

    def ranges(self) -> int:
        """How many ranges all components keep together (a measure of how linear this stays)."""
        return sum(len(r) // 2 for r in self.leads_to)

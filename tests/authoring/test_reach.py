"""Reachability from ranges answers exactly what per-node sets of every question answered before.

The path search once kept, per node, the questions that may be answered before it and from it as
bit sets (quadratic in memory). `Reach` answers the same questions from a few ranges per node; here
both are computed on random flows and random graphs (loops, nodes no walk reaches, a node leading
to itself) and compared for every pair of nodes.
"""

from __future__ import annotations

import random

import pytest

from meldcode_cli.verify.explore_graph import Graph
from meldcode_cli.verify.reach import Reach
from tests.random_flows import random_flow


def closure(succ: dict[str, list[str]], node: str) -> set[str]:
    """Every node a path from `node` leads to, `node` itself included."""
    seen, todo = {node}, [node]
    while todo:
        for target in succ[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def asked_before(succ: dict[str, list[str]], start: str) -> dict[str, set[str]]:
    """The nodes a walk from `start` may have passed before arriving at each node: the fixpoint the
    search used to compute as bit sets (only nodes a walk reaches are keys)."""
    before: dict[str, set[str]] = {start: set()}
    pending = [start]
    while pending:
        node = pending.pop()
        carried = before[node] | {node}
        for target in succ[node]:
            if target not in before or not carried <= before[target]:
                before[target] = before.get(target, set()) | carried
                pending.append(target)
    return before


def random_graph(rng: random.Random) -> tuple[list[str], dict[str, list[str]], str]:
    ids = [f"n{i}" for i in range(rng.randint(1, 14))]
    succ = {i: rng.sample(ids, rng.randint(0, min(3, len(ids)))) for i in ids}
    return ids, succ, rng.choice(ids)


def agrees(ids: list[str], succ: dict[str, list[str]], start: str | None) -> None:
    reach = Reach(ids, succ, start)
    before = asked_before(succ, start) if start is not None else {}
    for node in ids:
        leads = closure(succ, node)
        assert reach.reachable(node) == (node in before)
        for other in ids:
            assert reach.reaches(node, other) == (other in leads), (node, other)
            assert reach.before(other, node) == (other in before.get(node, set())), (other, node)
        assert reach.reaches_any(node, ids) == bool(leads)
        assert not reach.reaches_any(node, [])


@pytest.mark.parametrize("seed", range(300))
def test_ranges_answer_what_the_sets_did_on_random_graphs(seed):
    ids, succ, start = random_graph(random.Random(seed))
    agrees(ids, succ, start)


def test_a_graph_without_a_start_node_reaches_nothing_from_the_start():
    ids, succ, _ = random_graph(random.Random(5))
    reach = Reach(ids, succ, None)
    assert not any(reach.reachable(i) or reach.before(i, i) for i in ids)


@pytest.mark.parametrize("seed", range(200))
def test_ranges_answer_what_the_sets_did_on_random_flows(seed):
    flow = random_flow(random.Random(seed), loops=seed % 2 == 0)
    graph = Graph(flow)
    agrees(graph.ids, graph.succ, flow.start_id)
    before = asked_before(graph.succ, flow.start_id)
    for node in graph.ids:
        for question in graph.ids:
            expected = question in graph.questions and question in before.get(node, set())
            assert graph.answered_before(question, node) == expected


def test_a_chain_of_steps_keeps_a_few_ranges_per_node():
    """A flow's shape (steps one after another, branches to outcomes) stays linear: the number of
    ranges per node does not grow with the flow."""
    for length in (100, 1000):
        ids = [f"n{i}" for i in range(length)] + ["melden", "afsluiten"]
        succ = {f"n{i}": ["melden", f"n{i + 1}"] if i % 5 == 0 else [f"n{i + 1}"] for i in range(length - 1)}
        succ |= {f"n{length - 1}": ["afsluiten"], "melden": [], "afsluiten": []}
        assert Reach(ids, succ, "n0").ranges() <= 3 * len(ids)

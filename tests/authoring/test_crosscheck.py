"""The exhaustive search agrees with the engine: random small flows, every walk tried by brute force."""

from __future__ import annotations

import itertools
import random

import pytest

from meldcode_cli.engine.walk import FlowRuntimeError, Walk, holds
from meldcode_cli.flow.model import Flow, MultipleNode, SingleNode, TextNode, YesNoNode
from meldcode_cli.verify.explore import Ending, Graph, Search
from meldcode_cli.verify.guarantees import breaks, prove_one
from tests.random_flows import random_flow

MAX_ANSWERS = 6


def domain(node) -> list:
    if isinstance(node, YesNoNode):
        return [True, False]
    if isinstance(node, SingleNode):
        return [o.id for o in node.options]
    if isinstance(node, TextNode):
        return [t for t in ["", "a", "b", "z"] if t or not node.required]
    assert isinstance(node, MultipleNode)
    ids = [o.id for o in node.options]
    return [list(c) for r in range(len(ids) + 1) for c in itertools.combinations(ids, r) if r >= node.min_selected]


def brute_force(flow: Flow):
    """Every walk of at most MAX_ANSWERS answers, through the engine itself."""
    guarantee = flow.guarantees[0]
    found = {"outcomes": set(), "shown": set(), "errors": set(), "violation": None}

    def settle(walk: Walk, steps: list) -> None:
        found["shown"].update(walk.path)
        try:
            for _ in range(len(flow.nodes) + 1):
                if walk.finished or walk.current.is_question:
                    break
                walk.answer()
                found["shown"].update(walk.path)
        except FlowRuntimeError as exc:
            found["errors"].add(exc.code)
            return
        if walk.finished:
            found["outcomes"].add(walk.current.id)
            first = next((n for n in walk.path if flow.node(n).is_question), None)
            ending = Ending(walk.current.id, frozenset(a.id for a in walk.actions()), frozenset(walk.path), first)
            applies = (guarantee.when is None or holds(guarantee.when, walk.answers)) and breaks(guarantee, ending)
            if applies and (found["violation"] is None or len(steps) < len(found["violation"])):
                found["violation"] = steps
            return
        if not walk.current.is_question or len(steps) >= MAX_ANSWERS:
            return
        for value in domain(walk.current):
            following = Walk(flow, path=list(walk.path), answers=dict(walk.answers))
            try:
                following.answer(value)
            except FlowRuntimeError as exc:
                found["errors"].add(exc.code)
                continue
            settle(following, steps + [(walk.current.id, value)])

    try:
        settle(Walk(flow), [])
    except FlowRuntimeError as exc:
        found["errors"].add(exc.code)
    return found


def can_end(flow: Flow, walk: Walk, depth: int) -> bool:
    """Whether some walk on from here reaches an outcome or an error within `depth` answers."""
    try:
        for _ in range(len(flow.nodes) + 1):
            if walk.finished or walk.current.is_question:
                break
            walk.answer()
    except FlowRuntimeError:
        return True
    if walk.finished:
        return True
    if not walk.current.is_question or depth == 0:
        return False
    for value in domain(walk.current):
        following = Walk(flow, path=list(walk.path), answers=dict(walk.answers))
        try:
            following.answer(value)
        except FlowRuntimeError:
            return True
        if can_end(flow, following, depth - 1):
            return True
    return False


def is_acyclic(flow: Flow) -> bool:
    graph = Graph(flow)
    position = {n: i for i, n in enumerate(graph.ids)}
    return all(position[t] > position[s] for s, targets in graph.succ.items() for t in targets)


@pytest.mark.parametrize("seed", range(400))
def test_search_and_proof_agree_with_brute_force(seed):
    rng = random.Random(seed)
    flow = random_flow(rng, loops=seed % 3 == 0)
    truth = brute_force(flow)
    graph = Graph(flow)
    search = Search(graph).run(traps=True)
    errors = {"skip_loop" if kind == "skipped_outcome" else kind for kind, _ in search.errors}
    outcomes = {n for n in search.shown if flow.node(n).kind == "outcome"}
    assert truth["shown"] <= search.shown
    assert truth["outcomes"] <= outcomes
    assert truth["errors"] <= errors
    if is_acyclic(flow):  # then MAX_ANSWERS covers every walk and the two must be equal
        assert (truth["shown"], truth["outcomes"], truth["errors"]) == (search.shown, outcomes, errors)
    for steps in search.errors.values():  # each error really happens on its walk
        with pytest.raises(FlowRuntimeError):
            walk = Walk(flow)
            for question, value in steps:
                while not walk.current.is_question:
                    walk.answer()
                assert walk.current.id == question
                walk.answer(value)
            for _ in range(len(flow.nodes) + 1):
                walk.answer()

    for _, steps in search.traps:  # from where a trap begins, no walk ever ends
        walk = Walk(flow)
        for _question, value in steps:
            for _ in range(len(flow.nodes) + 1):
                if walk.current.is_question:
                    break
                walk.answer()
            walk.answer(value)
        assert not can_end(flow, walk, MAX_ANSWERS)

    verdict = prove_one(flow, graph, 0, flow.guarantees[0])  # raises if the engine disagrees
    brute = truth["violation"]
    if verdict.too_large is None and verdict.counterexample is not None:
        length = len(verdict.counterexample.steps)
        assert (brute is None and length > MAX_ANSWERS) or (brute is not None and len(brute) == length)
    elif brute is not None:
        pytest.fail(f"brute force breaks the guarantee with {brute}, the proof says it holds")

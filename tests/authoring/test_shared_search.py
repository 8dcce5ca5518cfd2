"""What makes the proof fast changes none of its results: work shared between the searches of one
flow, moves skipped that arrive where an earlier one did, walks not followed past a guarantee's goal."""

from __future__ import annotations

import random

import pytest

from meldcode_cli.flow import integrity
from meldcode_cli.flow.model import Flow
from meldcode_cli.verify import choices, explore
from meldcode_cli.verify.explore import Graph, Search, TooLarge, Watch
from meldcode_cli.verify.guarantees import breaks, prove, watch_for
from tests.random_flows import random_flow


def with_guarantees(rng: random.Random, flow: Flow, count: int) -> Flow:
    """The flow with `count` more guarantees, whose `when` is one of the flow's own conditions."""
    data = flow.model_dump(by_alias=True, exclude_none=True)
    conditions = [c.model_dump(by_alias=True, exclude_none=True) for _, c in integrity.iter_conditions(flow)]
    ids = [n.id for n in flow.nodes]
    outcomes = [n.id for n in flow.nodes if n.kind == "outcome"]
    for i in range(count):
        then: dict = {}
        for key in rng.sample(
            ["outcome", "actions", "not_actions", "visits", "avoids", "first_question"], rng.randint(1, 3)
        ):
            if key == "outcome":
                then[key] = [rng.choice(outcomes)]
            elif key in ("actions", "not_actions"):
                then[key] = [rng.choice(["a0", "a1", "a2"])]
            elif key in ("visits", "avoids"):
                then[key] = [rng.choice(ids)]
            else:
                then[key] = rng.choice([q.id for q in flow.questions()])
        guarantee: dict = {"id": f"extra{i}", "description": "E", "then": then}
        if conditions and rng.random() < 0.8:
            guarantee["when"] = rng.choice(conditions)
        data["guarantees"].append(guarantee)
    return Flow.model_validate(data)


def flows(count: int):
    for seed in range(count):
        rng = random.Random(seed)
        yield with_guarantees(rng, random_flow(rng, loops=seed % 3 == 0), 4)


def searches(flow: Flow) -> list[tuple[Watch, object]]:
    """The flow's analysis and a search per guarantee, each with its verdict on an ending."""
    return [(Watch(), None)] + [(watch_for(g), lambda ending, g=g: breaks(g, ending)) for g in flow.guarantees]


def result_of(proved) -> tuple:
    return proved.counterexample, proved.broken, proved.too_large and proved.too_large.reason


def found(graph: Graph, watch: Watch, verdict) -> tuple:
    try:
        result = Search(graph, watch).run(verdict, traps=verdict is None)
    except TooLarge as exc:
        return ("too large", exc.reason, exc.node)
    return (result.states, result.shown, result.arrived, result.errors, result.traps, result.violation)


def test_a_graph_shared_by_every_search_finds_what_a_graph_per_search_finds():
    for flow in flows(150):
        shared = Graph(flow)
        assert [found(shared, *search) for search in searches(flow)] == [
            found(Graph(flow), *search) for search in searches(flow)
        ]
        alone = [prove(flow.model_copy(update={"guarantees": [g]}))[0] for g in flow.guarantees]
        assert [result_of(v) for v in prove(flow, shared)] == [result_of(v) for v in alone]


@pytest.mark.parametrize("many", [2, 3])
def test_skipping_moves_that_arrive_where_an_earlier_one_did_changes_nothing(monkeypatch, many):
    for flow in flows(150):
        monkeypatch.setattr(explore, "MANY_MOVES", 1 << 30)
        every_move = [found(Graph(flow), *search) for search in searches(flow)]
        monkeypatch.setattr(explore, "MANY_MOVES", many)
        graph = Graph(flow)
        assert [found(graph, *search) for search in searches(flow)] == every_move


def test_a_walk_is_not_followed_past_the_goal_and_the_counterexample_stays_the_same():
    for flow in flows(150):
        graph = Graph(flow)
        for watch, verdict in searches(flow)[1:]:
            if watch.goal is None:
                continue
            followed = found(graph, Watch(watch.when, watch.actions, watch.nodes, watch.first_question), verdict)
            stopped = found(graph, watch, verdict)
            assert stopped[-1] == followed[-1]  # the violation, if any: the same shortest walk
            assert stopped[0] <= followed[0]


def test_a_first_question_met_at_the_start_needs_no_search_at_all():
    flow = random_flow(random.Random(1), loops=False)
    first = flow.node(flow.start_id)
    assert first.is_question
    data = flow.model_dump(by_alias=True, exclude_none=True)
    data["guarantees"] = [{"id": "eerst", "description": "E", "then": {"first_question": first.id}}]
    flow = Flow.model_validate(data)
    (guarantee,) = flow.guarantees
    assert Search(Graph(flow), watch_for(guarantee)).run(lambda ending: breaks(guarantee, ending)).states == 0
    assert prove(flow)[0].proved


@pytest.mark.parametrize("count", range(8))
def test_subsets_come_in_the_order_of_their_bit_masks(count):
    items = [f"o{i}" for i in range(count)]
    ordered = [subset for size in range(count + 1) for subset in choices._in_mask_order(items, size)]
    masks = sorted(range(1 << count), key=lambda m: (m.bit_count(), m))
    assert [set(s) for s in ordered] == [{o for i, o in enumerate(items) if m >> i & 1} for m in masks]
    assert len(set(ordered)) == len(ordered)

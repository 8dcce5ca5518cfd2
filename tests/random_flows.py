"""Random small, well-formed flows (questions of every kind, conditions, actions, loops if asked):
for the cross-check of the proof against the engine, and for the engine's property tests."""

from __future__ import annotations

import random

from meldcode_cli.flow import integrity
from meldcode_cli.flow.model import Flow

TEXTS = ["a", "b"]


def random_flow(rng: random.Random, loops: bool) -> Flow:
    kinds = [rng.choice(["yes_no", "yes_no", "single", "multiple", "text"]) for _ in range(rng.randint(2, 5))]
    questions = [f"q{i}" for i in range(len(kinds))]
    infos = [f"i{i}" for i in range(rng.randint(0, 2))]
    outcomes = [f"o{i}" for i in range(rng.randint(1, 3))]
    middle = questions + infos
    rng.shuffle(middle)
    order = middle + outcomes
    kind_of = (
        dict(zip(questions, kinds, strict=False)) | dict.fromkeys(infos, "info") | dict.fromkeys(outcomes, "outcome")
    )
    options = {
        q: [f"{q}_{j}" for j in range(rng.choice([2, 3] if k == "single" else [2]))]
        for q, k in kind_of.items()
        if k in ("single", "multiple")
    }

    def test(q: str) -> dict:
        kind = kind_of[q]
        if kind == "yes_no":
            return rng.choice(
                [
                    {"question": q, "equals": rng.choice([True, False])},
                    {"question": q, "any_of": [rng.choice([True, False])]},
                ]
            )
        if kind == "text":
            return rng.choice(
                [{"question": q, "equals": rng.choice(TEXTS)}, {"question": q, "any_of": TEXTS[: rng.randint(1, 2)]}]
            )
        opts = options[q]
        if kind == "single":
            return rng.choice(
                [
                    {"question": q, "equals": rng.choice(opts)},
                    {"question": q, "any_of": rng.sample(opts, rng.randint(1, len(opts)))},
                ]
            )
        return rng.choice(
            [
                {"question": q, "contains": rng.choice(opts)},
                {"question": q, "any_of": rng.sample(opts, rng.randint(1, len(opts)))},
                {"question": q, "all_of": rng.sample(opts, rng.randint(1, len(opts)))},
                {"question": q, "equals": rng.sample(opts, rng.randint(0, len(opts)))},
            ]
        )

    def condition(depth: int = 0) -> dict:
        roll = rng.random()
        if depth < 2 and roll < 0.15:
            return {"not": condition(depth + 1)}
        if depth < 2 and roll < 0.3:
            return {rng.choice(["all", "any"]): [condition(depth + 1) for _ in range(rng.randint(1, 2))]}
        return test(rng.choice(questions))

    def refs() -> list:
        found = []
        for _ in range(rng.randint(0, 1)):
            ref: dict = {"id": rng.choice(["a0", "a1", "a2"])}
            if rng.random() < 0.5:
                ref["when"] = condition()
            found.append(ref)
        return found

    nodes = []
    for index, node_id in enumerate(order):
        kind = kind_of[node_id]
        node: dict = {"id": node_id, "step": 1, "kind": kind}
        if rng.random() < (0.08 if kind == "outcome" else 0.25):
            node["only_if"] = condition()
        node["actions"] = refs()
        if kind == "outcome":
            node |= {"title": "T", "advice": "A"}
        else:
            node["text"] = "?"
            targets = order if loops else order[index + 1 :]
            rules = [{"when": condition(), "goto": rng.choice(targets)} for _ in range(rng.randint(0, 2))]
            if rng.random() < 0.75 or not rules:
                rules.append({"goto": rng.choice(targets)})
            node["next"] = rules
        if kind in ("single", "multiple"):
            node["options"] = [{"id": o, "label": o, "actions": refs()} for o in options[node_id]]
        if kind == "multiple":
            node["min_selected"] = rng.choice([0, 0, 1])
        if kind == "text":
            node["required"] = rng.random() < 0.3
        nodes.append(node)
    then: dict = {}
    for key in rng.sample(
        ["outcome", "actions", "not_actions", "visits", "avoids", "first_question"], rng.randint(1, 2)
    ):
        if key == "outcome":
            then[key] = rng.sample(outcomes, rng.randint(1, len(outcomes)))
        elif key in ("actions", "not_actions"):
            then[key] = [rng.choice(["a0", "a1", "a2"])]
        elif key in ("visits", "avoids"):
            then[key] = [rng.choice(order)]
        else:
            then[key] = rng.choice(questions)
    guarantee: dict = {"id": "g", "description": "G", "then": then}
    if rng.random() < 0.7:
        guarantee["when"] = condition()
    flow = Flow.model_validate(
        {
            "id": "random",
            "version": "1",
            "title": "R",
            "disclaimer": "D",
            "start": rng.choice(middle),
            "steps": [{"number": 1, "title": "S"}],
            "actions": {a: {"title": a} for a in ("a0", "a1", "a2")},
            "nodes": nodes,
            "guarantees": [guarantee],
        }
    )
    assert integrity.check(flow) == []
    return flow

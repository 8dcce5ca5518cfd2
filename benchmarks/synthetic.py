"""Synthetic flows and answers for the benchmarks and the scale tests: sizes no real flow has yet."""

from __future__ import annotations

import random
from typing import Any

from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.model import Flow, MultipleNode, SingleNode, TextNode, YesNoNode


def synthetic_flow(n: int) -> str:
    """A flow of n nodes in the shape of a real one, as YAML text: steps of questions of every kind,
    branches to outcomes, questions asked only sometimes, actions, and guarantees."""
    lines = [
        "id: synthetisch",
        'version: "1"',
        "title: {nl: Synthetisch, en: Synthetic}",
        "disclaimer: {nl: U beslist., en: You decide.}",
        "steps:",
    ]
    lines += [f"  - {{number: {s}, title: {{nl: Stap {s}, en: Step {s}}}}}" for s in range(6)]
    lines += [
        "actions:",
        "  let_op: {title: {nl: Let op, en: Take care}}",
        "  melden: {title: {nl: Melden, en: Report}}",
        "nodes:",
    ]
    body = n - 3
    ids = [f"n{i}" for i in range(body)]
    questions: list[tuple[str, str]] = []
    for i, node_id in enumerate(ids):
        following = ids[i + 1] if i + 1 < body else "afsluiten"
        step = min(5, 1 + i * 5 // body)
        kind = ("yes_no", "yes_no", "single", "yes_no", "multiple", "info", "yes_no", "text", "yes_no", "info")[i % 10]
        if i == 0:
            kind = "yes_no"
        lines += [f"  - id: {node_id}", f"    step: {0 if i == 0 else step}", f"    kind: {kind}"]
        recent = [q for q in questions[-4:] if q[1] == "yes_no" and int(q[0][1:]) % 5]
        if i % 6 == 3 and recent:
            lines.append(f"    only_if: {{question: {recent[-1][0]}, equals: true}}")
        lines.append(f"    text: {{nl: Vraag {i}?, en: Question {i}?}}")
        if kind == "single":
            lines.append(
                "    options: [{id: a, label: {nl: A, en: A}}, {id: b, label: {nl: B, en: B}}, "
                "{id: c, label: {nl: C, en: C}}]"
            )
        if kind == "multiple":
            lines.append(
                "    options: [" + ", ".join(f"{{id: o{k}, label: {{nl: O{k}, en: O{k}}}}}" for k in range(5)) + "]"
            )
            lines.append("    actions: [{id: let_op, when: {question: " + node_id + ", contains: o1}}]")
        if kind == "yes_no" and i % 5 == 0:
            lines += [
                "    next:",
                f"      - when: {{question: {node_id}, equals: true}}",
                "        goto: melden",
                f"      - goto: {following}",
            ]
        elif kind == "single":
            lines += [
                "    next:",
                f"      - when: {{question: {node_id}, equals: c}}",
                "        goto: hulp",
                f"      - goto: {following}",
            ]
        else:
            lines.append(f"    next: {following}")
        if kind != "info":
            questions.append((node_id, kind))
    for outcome, step in (("melden", 5), ("afsluiten", 4), ("hulp", 5)):
        lines += [
            f"  - id: {outcome}",
            f"    step: {step}",
            "    kind: outcome",
            f"    title: {{nl: {outcome}, en: {outcome}}}",
            "    advice: {nl: Advies., en: Advice.}",
        ]
    lines.append("    actions: [melden]")
    lines.append("guarantees:")
    lines.append("  - {id: eerst, description: {nl: Eerst n0., en: n0 first.}, then: {first_question: n0}}")
    branching = [q for q, kind in questions if kind == "yes_no" and int(q[1:]) % 5 == 0][:5]
    for q in branching:
        lines.append(
            f"  - {{id: g_{q}, description: {{nl: Melden., en: Report.}}, "
            f"when: {{question: {q}, equals: true}}, then: {{outcome: melden}}}}"
        )
    return "\n".join(lines) + "\n"


def independent_questions(n: int, *, options: int = 0, tested: int = 0) -> Flow:
    """n yes/no questions one after another, each with an information screen on "yes" (2**n walks),
    then an outcome decided by the last question; optionally a multiple-choice question first."""

    def after(i: int) -> str:
        return f"q{i + 1}" if i + 1 < n else "q_last"

    nodes: list[dict[str, Any]] = []
    if options:
        nodes.append(
            {
                "id": "keuze",
                "step": 1,
                "kind": "multiple",
                "text": "Welke?",
                "options": [{"id": f"o{i}", "label": f"O{i}"} for i in range(options)],
                "next": [
                    {"when": {"question": "keuze", "any_of": [f"o{i}" for i in range(tested)]}, "goto": after(-1)},
                    {"goto": after(-1)},
                ],
            }
        )
    for i in range(n):
        nodes.append(
            {
                "id": f"q{i}",
                "step": 1,
                "kind": "yes_no",
                "text": f"Vraag {i}?",
                "actions": [{"id": "let_op", "when": {"question": f"q{i}", "equals": True}}],
                "next": [{"when": {"question": f"q{i}", "equals": True}, "goto": f"i{i}"}, {"goto": after(i)}],
            }
        )
        nodes.append({"id": f"i{i}", "step": 1, "kind": "info", "text": "Let op.", "next": after(i)})
    nodes.append(
        {
            "id": "q_last",
            "step": 1,
            "kind": "yes_no",
            "text": "Melden?",
            "next": [{"when": {"question": "q_last", "equals": True}, "goto": "melden"}, {"goto": "hulp"}],
        }
    )
    nodes += [
        {"id": "melden", "step": 1, "kind": "outcome", "title": "Melden", "advice": "Meld."},
        {"id": "hulp", "step": 1, "kind": "outcome", "title": "Hulp", "advice": "Help."},
    ]
    guarantees = [
        {
            "id": f"g{i}",
            "description": "G",
            "when": {"question": f"q{i}", "equals": True},
            "then": {"actions": ["let_op"]},
        }
        for i in range(n)
    ]
    guarantees.append(
        {
            "id": "laatste",
            "description": "L",
            "when": {"question": "q_last", "equals": True},
            "then": {"outcome": "melden"},
        }
    )
    return Flow.model_validate(
        {
            "id": "groot",
            "version": "1",
            "title": "G",
            "disclaimer": "D",
            "steps": [{"number": 1, "title": "S"}],
            "actions": {"let_op": {"title": "Let op"}},
            "nodes": nodes,
            "guarantees": guarantees,
        }
    )


def random_answers(flow: Flow, count: int, seed: int = 1) -> list[dict[str, Any]]:
    """`count` complete answers files for a flow, each a random walk to an outcome."""
    chooser = random.Random(seed)
    files = []
    for _ in range(count):
        walk = Walk(flow)
        while not walk.finished:
            node = walk.current
            walk.answer(_random_answer(node, chooser) if node.is_question else None)
        files.append(dict(walk.answers))
    return files


def _random_answer(node: Any, chooser: random.Random) -> Any:
    if isinstance(node, YesNoNode):
        return chooser.random() < 0.5
    if isinstance(node, SingleNode):
        return chooser.choice(node.options).id
    if isinstance(node, MultipleNode):
        picked = [o.id for o in node.options if chooser.random() < 0.3]
        return picked or ([node.options[0].id] if node.min_selected else [])
    if isinstance(node, TextNode):
        texts = ["Gezien op het spreekuur.", "Besproken met de aandachtsfunctionaris."]
        return chooser.choice(texts if node.required else ["", *texts])  # a required note is never left empty
    return None

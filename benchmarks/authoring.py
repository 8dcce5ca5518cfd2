"""Figures for the flow author's checks: validate time as a flow grows, and the guarantee proof's cost.

Run from the repository root:  python benchmarks/authoring.py  [--runs N]

Prints medians of N runs (default 5). Each table has its baseline measured in the same run:
  1. validate on synthetic flows of 100, 1,000 and 10,000 nodes, against only loading the flow
     (what `meldcode run` pays before its first question);
  2. proving guarantees over n independent yes/no questions (2**n possible walks), against
     walking every one of those walks through the engine (only where that finishes in time).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from meldcode_cli import loader, yamlsource  # noqa: E402
from meldcode_cli.engine import Walk  # noqa: E402
from meldcode_cli.guarantees import prove  # noqa: E402
from meldcode_cli.model import Flow  # noqa: E402
from meldcode_cli.validate import check_file  # noqa: E402

BRUTE_FORCE_LIMIT = 16  # 2**16 engine walks take seconds; beyond that, only the proof runs


def median_seconds(work: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# ---------------------------------------------------------------------------------------------
# 1. A flow of n nodes in the shape of a real one: steps of questions of every kind, branches to
#    outcomes, questions asked only sometimes, actions, and guarantees.


def synthetic_flow(n: int) -> str:
    lines = ['id: synthetisch', 'version: "1"', 'title: {nl: Synthetisch, en: Synthetic}',
             'disclaimer: {nl: U beslist., en: You decide.}', 'steps:']
    lines += [f'  - {{number: {s}, title: {{nl: Stap {s}, en: Step {s}}}}}' for s in range(6)]
    lines += ['actions:', '  let_op: {title: {nl: Let op, en: Take care}}',
              '  melden: {title: {nl: Melden, en: Report}}', 'nodes:']
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
            lines.append("    options: [{id: a, label: {nl: A, en: A}}, {id: b, label: {nl: B, en: B}}, "
                         "{id: c, label: {nl: C, en: C}}]")
        if kind == "multiple":
            lines.append("    options: [" + ", ".join(f"{{id: o{k}, label: {{nl: O{k}, en: O{k}}}}}" for k in range(5)) + "]")
            lines.append("    actions: [{id: let_op, when: {question: " + node_id + ", contains: o1}}]")
        if kind == "yes_no" and i % 5 == 0:
            lines += ["    next:", f"      - when: {{question: {node_id}, equals: true}}", "        goto: melden",
                      f"      - goto: {following}"]
        elif kind == "single":
            lines += ["    next:", f"      - when: {{question: {node_id}, equals: c}}", "        goto: hulp",
                      f"      - goto: {following}"]
        else:
            lines.append(f"    next: {following}")
        if kind != "info":
            questions.append((node_id, kind))
    for outcome, step in (("melden", 5), ("afsluiten", 4), ("hulp", 5)):
        lines += [f"  - id: {outcome}", f"    step: {step}", "    kind: outcome",
                  f"    title: {{nl: {outcome}, en: {outcome}}}", "    advice: {nl: Advies., en: Advice.}"]
    lines.append("    actions: [melden]")
    lines.append("guarantees:")
    lines.append("  - {id: eerst, description: {nl: Eerst n0., en: n0 first.}, then: {first_question: n0}}")
    branching = [q for q, kind in questions if kind == "yes_no" and int(q[1:]) % 5 == 0][:5]
    for q in branching:
        lines.append(f"  - {{id: g_{q}, description: {{nl: Melden., en: Report.}}, "
                     f"when: {{question: {q}, equals: true}}, then: {{outcome: melden}}}}")
    return "\n".join(lines) + "\n"


def validate_table(runs: int) -> None:
    print("validate (median of %d runs)" % runs)
    print(f"{'nodes':>7} {'load only':>11} {'validate':>11} {'checks on top':>14} {'guarantees':>11}")
    with tempfile.TemporaryDirectory() as folder:
        for n in (100, 1_000, 10_000):
            path = Path(folder) / f"synthetisch-{n}.yaml"
            path.write_text(synthetic_flow(n), encoding="utf-8")

            def load_only() -> None:
                located, _ = loader.read_flow(path, path.name)
                loader.check_flow(located)

            report = check_file(path, True)
            assert report is not None and report.errors == 0, [d.text("en") for d in report.diagnostics]
            base = median_seconds(load_only, runs)
            full = median_seconds(lambda: check_file(path, True), runs)
            print(f"{n:>7,} {base * 1000:>9.0f}ms {full * 1000:>9.0f}ms {(full - base) * 1000:>12.0f}ms "
                  f"{report.proved:>6}/{report.guarantees}")


# ---------------------------------------------------------------------------------------------
# 2. n independent yes/no questions: each "yes" shows an information screen and gathers an action,
#    so 2**n different walks; one guarantee per question and one on the outcome.


def independent_questions(n: int) -> Flow:
    def after(i: int) -> str:
        return f"q{i + 1}" if i + 1 < n else "laatste"

    nodes: list[dict[str, Any]] = []
    for i in range(n):
        nodes.append({"id": f"q{i}", "step": 1, "kind": "yes_no", "text": f"Vraag {i}?",
                      "actions": [{"id": "let_op", "when": {"question": f"q{i}", "equals": True}}],
                      "next": [{"when": {"question": f"q{i}", "equals": True}, "goto": f"i{i}"}, {"goto": after(i)}]})
        nodes.append({"id": f"i{i}", "step": 1, "kind": "info", "text": "Let op.", "next": after(i)})
    nodes.append({"id": "laatste", "step": 1, "kind": "yes_no", "text": "Melden?",
                  "next": [{"when": {"question": "laatste", "equals": True}, "goto": "melden"}, {"goto": "hulp"}]})
    nodes += [{"id": "melden", "step": 1, "kind": "outcome", "title": "Melden", "advice": "Meld."},
              {"id": "hulp", "step": 1, "kind": "outcome", "title": "Hulp", "advice": "Help."}]
    guarantees = [{"id": f"g{i}", "description": "G", "when": {"question": f"q{i}", "equals": True},
                   "then": {"actions": ["let_op"]}} for i in range(n)]
    guarantees.append({"id": "uitkomst", "description": "U", "when": {"question": "laatste", "equals": True},
                       "then": {"outcome": "melden"}})
    return Flow.model_validate({"id": "onafhankelijk", "version": "1", "title": "O", "disclaimer": "D",
                                "steps": [{"number": 1, "title": "S"}], "actions": {"let_op": {"title": "Let op"}},
                                "nodes": nodes, "guarantees": guarantees})


def brute_force(flow: Flow) -> int:
    """Walk every combination of answers through the engine, as a proof by sampling everything would."""
    walks = 0
    pending = [Walk(flow)]
    while pending:
        walk = pending.pop()
        while not walk.finished and not walk.current.is_question:
            walk.answer()
        if walk.finished:
            walk.actions()
            walks += 1
            continue
        for value in (True, False):
            following = Walk(flow, path=list(walk.path), answers=dict(walk.answers))
            following.answer(value)
            pending.append(following)
    return walks


def guarantees_table(runs: int) -> None:
    print("\nguarantee proof, n independent yes/no questions, n + 1 guarantees (median of %d runs)" % runs)
    print(f"{'n':>4} {'walks':>16} {'every walk (engine)':>20} {'proof':>9}")
    for n in (10, 14, 20, 30, 40):
        flow = independent_questions(n)
        assert all(v.proved for v in prove(flow))
        proof = median_seconds(lambda: prove(flow), runs)
        if n <= BRUTE_FORCE_LIMIT:
            brute = f"{median_seconds(lambda: brute_force(flow), max(1, runs // 2)) * 1000:>17.0f}ms"
        else:
            brute = f"{'(not run)':>19}"
        print(f"{n:>4} {2 ** n:>16,} {brute} {proof * 1000:>7.1f}ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"Python {sys.version.split()[0]}, yaml loader: {yamlsource._Loader.__name__}\n")
    validate_table(runs)
    guarantees_table(runs)


if __name__ == "__main__":
    main()

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
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import median_seconds, mib, ms, process, python_peak_kib, table
from benchmarks.startup import meldcode_command
from benchmarks.synthetic import independent_questions, synthetic_flow
from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow import loader, yamlsource
from meldcode_cli.flow.model import Flow
from meldcode_cli.verify.guarantees import prove
from meldcode_cli.verify.validate import check_file

BRUTE_FORCE_LIMIT = 16  # 2**16 engine walks take seconds; beyond that, only the proof runs


# ---------------------------------------------------------------------------------------------
# 1. A flow of n nodes in the shape of a real one: steps of questions of every kind, branches to
#    outcomes, questions asked only sometimes, actions, and guarantees.


VALIDATE_CODE = """
import sys; sys.path.insert(0, {root!r})
from pathlib import Path
from meldcode_cli.verify.validate import check_file
check_file(Path({path!r}), True)
"""


def validate_table(runs: int) -> str:
    """Load, validate and prove a synthetic flow of 100, 1,000 and 10,000 nodes: in the process (after
    imports), and as a whole `meldcode validate` from a cold start; beside only loading it."""
    rows = []
    root = str(Path(__file__).resolve().parent.parent)
    with tempfile.TemporaryDirectory() as folder:
        for n in (100, 1_000, 10_000):
            path = Path(folder) / f"synthetisch-{n}.yaml"
            path.write_text(synthetic_flow(n), encoding="utf-8")

            def load_only(path: Path = path) -> None:  # bound now: timed in this round of the loop
                located, _ = loader.read_flow(path, path.name)
                loader.check_flow(located)

            report = check_file(path, True)
            assert report is not None and report.errors == 0, [d.text("en") for d in report.diagnostics]
            base = median_seconds(load_only, runs)
            full = median_seconds(lambda path=path: check_file(path, True), runs)
            cold, _ = process(meldcode_command() + ["validate", str(path)], max(1, runs // 2))
            peak = python_peak_kib(VALIDATE_CODE.format(root=root, path=str(path)))
            rows.append((f"{n:,}", ms(base), ms(full), ms(cold), f"{report.proved}/{report.guarantees}", mib(peak)))
    return table(
        (
            "nodes",
            "load only (baseline)",
            "load + validate + prove",
            "`meldcode validate`, cold start",
            "guarantees proved",
            "peak memory",
        ),
        rows,
    )


# ---------------------------------------------------------------------------------------------
# 2. n independent yes/no questions: each "yes" shows an information screen and gathers an action,
#    so 2**n different walks; one guarantee per question and one on the outcome.


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


def guarantees_table(runs: int) -> str:
    """Proving n + 1 guarantees over n independent yes/no questions (2**n walks), beside walking
    every one of those walks through the engine where that still finishes."""
    rows = []
    for n in (10, 14, 20, 30, 40):
        flow = independent_questions(n)
        assert all(v.proved for v in prove(flow))
        proof = median_seconds(lambda flow=flow: prove(flow), runs)
        brute = (
            ms(median_seconds(lambda flow=flow: brute_force(flow), max(1, runs // 2)))
            if n <= BRUTE_FORCE_LIMIT
            else "(not run)"
        )
        rows.append((n, f"{2**n:,}", brute, ms(proof)))
    return table(("yes/no questions", "possible walks", "every walk through the engine (baseline)", "proof"), rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"Python {sys.version.split()[0]}, yaml loader: {yamlsource._Loader.__name__}\n")
    print(validate_table(runs))
    print()
    print(guarantees_table(runs))


if __name__ == "__main__":
    main()

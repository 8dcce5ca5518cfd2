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

from benchmarks.measure import median_seconds  # noqa: E402
from benchmarks.synthetic import independent_questions, synthetic_flow  # noqa: E402
from meldcode_cli import loader, yamlsource  # noqa: E402
from meldcode_cli.engine import Walk  # noqa: E402
from meldcode_cli.guarantees import prove  # noqa: E402
from meldcode_cli.model import Flow  # noqa: E402
from meldcode_cli.validate import check_file  # noqa: E402

BRUTE_FORCE_LIMIT = 16  # 2**16 engine walks take seconds; beyond that, only the proof runs


# ---------------------------------------------------------------------------------------------
# 1. A flow of n nodes in the shape of a real one: steps of questions of every kind, branches to
#    outcomes, questions asked only sometimes, actions, and guarantees.


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

"""Throughput: replaying 1,000 answers files through the built-in flow in one process.

Run from the repository root:  python benchmarks/replay.py [--files N] [--runs N]

Each file is a random complete walk of the built-in flow (JSON). The figure is the median of the
runs; the baseline, measured in the same run, is only reading and parsing the same files. Peak
memory is that of a fresh Python doing the same work once.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import median_seconds, mib, ms, python_peak_kib, table
from benchmarks.synthetic import random_answers
from meldcode_cli.engine import wording
from meldcode_cli.engine.answers import load_answers
from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow import yamlsource
from meldcode_cli.flow.loader import load_flow


def write_files(folder: Path, count: int) -> list[Path]:
    flow = load_flow("sociaal-werk")
    paths = []
    for i, answers in enumerate(random_answers(flow, count)):
        path = folder / f"antwoorden-{i:04}.json"
        path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def replay(paths: list[Path]) -> int:
    """What `meldcode run --answers F --json` does for each file, in one process: check the answers,
    walk them, and build the JSON result. Returns the number of answers given."""
    flow = load_flow("sociaal-werk")
    given = 0
    for path in paths:
        walk = Walk(flow)
        walk.fill(load_answers(path, flow), skip_optional=True)
        wording.result(walk, "nl")
        given += len(walk.answers)
    return given


REPLAY_CODE = """
import sys; sys.path.insert(0, {root!r})
from pathlib import Path
from benchmarks.replay import replay
replay(sorted(Path({folder!r}).glob("*.json")))
"""


def replay_table(count: int, runs: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        paths = write_files(Path(folder), count)
        answers = replay(paths)
        read_only = median_seconds(lambda: [yamlsource.load(p) for p in paths], runs)
        whole = median_seconds(lambda: replay(paths), runs)
        peak = python_peak_kib(REPLAY_CODE.format(root=str(Path(__file__).resolve().parent.parent), folder=folder))
    rows = [
        (f"read and parse {count:,} files (baseline)", ms(read_only), "1.0×", ""),
        (f"replay {count:,} files: check, walk, JSON result", ms(whole), f"{whole / read_only:.1f}×", mib(peak)),
        (f"per answer ({answers:,} answers in all)", f"{whole / answers * 1e6:.1f} µs", "", ""),
    ]
    return table(("work", "median", "× baseline", "peak memory"), rows)


def commands_table(count: int, runs: int) -> str:
    """`meldcode test` with `count` scenarios and `class-report` over `count` learners' files, each a
    whole process, beside one `meldcode run --answers F --json` (the baseline: one file, one process)."""
    from benchmarks.measure import process
    from benchmarks.startup import meldcode_command

    flow = load_flow("sociaal-werk")
    meldcode = meldcode_command()
    sets = random_answers(flow, count, seed=7)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        scenarios = []
        for i, answers in enumerate(sets):
            walk = Walk(flow)
            walk.fill(answers)
            scenarios.append({"name": f"willekeurig {i}", "answers": answers, "outcome": walk.outcome.id})
        (root / "veel.scenarios.yaml").write_text(
            json.dumps({"flow": "sociaal-werk", "scenarios": scenarios}, ensure_ascii=False), encoding="utf-8"
        )
        learners = root / "klas"
        learners.mkdir()
        for i, answers in enumerate(sets):
            (learners / f"deelnemer-{i:04}.json").write_text(json.dumps({"name": f"D{i}", **answers}), encoding="utf-8")
        single = root / "een.json"
        single.write_text(json.dumps(sets[0]), encoding="utf-8")
        env = {"MELDCODE_HOME": folder}
        one, one_peak = process(meldcode + ["run", "--answers", str(single), "--json"], runs, env)
        tested, test_peak = process(meldcode + ["test", str(root / "veel.scenarios.yaml")], runs, env)
        graded, grade_peak = process(
            meldcode + ["class-report", "zoon-slaat-moeder", str(learners), "--format", "csv"], runs, env
        )
    rows = [
        ("`meldcode run --answers F --json`, one file (baseline)", ms(one), "1.0×", mib(one_peak)),
        (f"`meldcode test`, {count:,} scenarios", ms(tested), f"{tested / one:.1f}×", mib(test_peak)),
        (f"`meldcode class-report`, {count:,} learners' files", ms(graded), f"{graded / one:.1f}×", mib(grade_peak)),
    ]
    return table(("whole process", "median", "× baseline", "peak memory"), rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(replay_table(args.files, args.runs))
    print()
    print(commands_table(args.files, max(1, args.runs // 2)))


if __name__ == "__main__":
    main()

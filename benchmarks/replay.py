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

from benchmarks.measure import median_seconds, mib, ms, python_peak_kib, table  # noqa: E402
from benchmarks.synthetic import random_answers  # noqa: E402
from meldcode_cli import wording, yamlsource  # noqa: E402
from meldcode_cli.answers import load_answers  # noqa: E402
from meldcode_cli.engine import Walk  # noqa: E402
from meldcode_cli.loader import load_flow  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(replay_table(args.files, args.runs))


if __name__ == "__main__":
    main()

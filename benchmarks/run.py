"""All the performance figures at once, as the Markdown tables of docs/performance.md.

Run from the repository root (with the project installed):

    python benchmarks/run.py [--runs N] [--copier PATH] [--before DIR] [--largest NODES]

Every figure is a median of N runs beside a baseline measured in the same run; the machine is shared
and noisy, so compare ratios rather than milliseconds between runs.
"""

from __future__ import annotations

import argparse
import datetime
import platform
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.authoring import guarantees_table, validate_table
from benchmarks.keypress import keypress_table
from benchmarks.replay import commands_table, replay_table
from benchmarks.scale import (
    SIZES,
    class_report_table,
    sessions_table,
)
from benchmarks.scale import replay_table as scale_replay_table
from benchmarks.scale import test_table as scale_test_table
from benchmarks.scale import validate_table as scale_validate_table
from benchmarks.startup import startup_table
from meldcode_cli import __version__
from meldcode_cli.flow import yamlsource


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copier", default=shutil.which("copier"), help="path of a copier executable")
    parser.add_argument("--before", help="also run an older source tree in the same rounds (see startup.py)")
    parser.add_argument("--largest", type=int, default=100_000, help="the largest synthetic flow, in nodes")
    args = parser.parse_args()
    sizes = tuple(n for n in SIZES if n <= args.largest)
    print(
        f"meldcode {__version__} · Python {platform.python_version()} · {platform.machine()} · "
        f"{_cores()} cores · yaml loader {yamlsource._Loader.__name__} · {datetime.date.today()}\n"
    )
    sections = [
        ("Start-up and whole commands", lambda: startup_table(max(args.runs, 9), args.copier, None, args.before)),
        ("Keypress to next prompt", lambda: keypress_table(max(1, args.runs), args.before)),
        ("Load, validate and prove synthetic flows", lambda: validate_table(args.runs)),
        ("Guarantee proof on independent yes/no questions", lambda: guarantees_table(args.runs)),
        ("Replaying answers files in one process", lambda: replay_table(1000, args.runs)),
        ("Hundreds of files in one command", lambda: commands_table(1000, max(1, args.runs // 2))),
        ("Replay as the flow grows", lambda: scale_replay_table(args.runs, args.before, sizes)),
        (
            "meldcode test as the flow grows",
            lambda: scale_test_table(args.runs, args.before, tuple(n for n in sizes if n <= 10_000)),
        ),
        ("meldcode validate as the flow grows", lambda: scale_validate_table(1, args.before, sizes)),
        ("meldcode sessions as sessions pile up", lambda: sessions_table(args.runs, args.before)),
        ("meldcode class-report as the class grows", lambda: class_report_table(args.runs, args.before)),
    ]
    for title, make in sections:
        print(f"### {title}\n\n{make()}\n", flush=True)


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


if __name__ == "__main__":
    main()

"""Timing and memory for the benchmarks: medians of several runs, whole processes, peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def median_seconds(work: Callable[[], Any], runs: int) -> float:
    """The median wall time of `work` over `runs` runs (the machine is shared: one run says little)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process(command: Sequence[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, int | None]:
    """Median wall time of a whole process, and its peak memory (resident set, KiB, largest run)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            list(command),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
            cwd=ROOT,
            check=True,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times), peak_kib(command, env)


def peak_kib(command: Sequence[str], env: dict[str, str] | None = None, cwd: str = ROOT) -> int | None:
    """Peak resident memory of one run, in KiB, measured by GNU time. (A child's own ru_maxrss on
    Linux starts at its parent's size when it forks, so the benchmark cannot measure it itself.)"""
    gnu_time = "/usr/bin/time"
    if not os.path.exists(gnu_time):
        return None
    done = subprocess.run(
        [gnu_time, "-f", "peak=%M", *command],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("peak=")]
    return int(lines[-1].removeprefix("peak=")) if lines else None


def python_peak_kib(code: str) -> int | None:
    """Peak memory of a fresh Python running `code` (interpreter, imports and the work), in KiB."""
    return peak_kib([sys.executable, "-c", code])


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def mib(kib: int | None) -> str:
    return "n/a" if kib is None else f"{kib / 1024:.0f} MiB"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table, to paste into docs/performance.md as it is."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)

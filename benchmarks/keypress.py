"""Keypress to next prompt: a 30-question walk in a pseudo-terminal, the time from Enter to the next question.

Run from the repository root:  python benchmarks/keypress.py [--walks N] [--before DIR]

A flow of 30 yes/no questions in a row is walked in a real pseudo-terminal (pexpect) with the full
prompts; for every answer the time from pressing Enter to the next question being on the screen
(ready for keys) is taken. N walks (default 5); the table gives the median, the 90th percentile and
the largest of all those times. `--before DIR` walks the meldcode of an older source tree too, in
turns with this one. A person reads for far longer than these times; what matters is the stall
between a key and the screen that answers it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

ROOT = str(Path(__file__).resolve().parent.parent)
sys.path.insert(0, ROOT)

from benchmarks.measure import table  # noqa: E402

QUESTIONS = 30
READY = r"\((pijltjes|arrow keys)"


def chain_flow(n: int) -> str:
    """n yes/no questions one after another, then an outcome."""
    lines = [
        "id: reeks",
        'version: "1"',
        "title: Reeks",
        "disclaimer: U beslist.",
        "steps:",
        "  - {number: 1, title: Vragen}",
        "nodes:",
    ]
    for i in range(n):
        following = f"v{i + 1}" if i + 1 < n else "klaar"
        lines += [
            f"  - id: v{i}",
            "    step: 1",
            "    kind: yes_no",
            f"    text: Vraag nummer {i}?",
            f"    next: {following}",
        ]
    lines += ["  - id: klaar", "    step: 1", "    kind: outcome", "    title: Klaar", "    advice: Klaar."]
    return "\n".join(lines) + "\n"


def walk_once(flow: Path, home: Path, source: str | None) -> list[float]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "MELDCODE_HOME": str(home / "meldcode"),
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    if source:
        env["PYTHONPATH"] = source
    child = pexpect.spawn(
        sys.executable,
        ["-m", "meldcode_cli", "run", str(flow), "--no-save"],
        env=env,
        cwd=source or ROOT,
        encoding="utf-8",
        dimensions=(50, 120),
        timeout=30,
    )
    # pexpect sleeps 50 ms before every send (for a program not yet reading its terminal raw); that
    # sleep is no part of the program's answer to a key, so it stays out of what is timed.
    child.delaybeforesend = None
    times = []
    child.expect_exact("Vraag nummer 0?")
    child.expect(READY)
    for i in range(1, QUESTIONS + 1):
        start = time.perf_counter()
        child.send("\r")
        child.expect_exact(f"Vraag nummer {i}?" if i < QUESTIONS else "Klaar")
        if i < QUESTIONS:
            child.expect(READY)
        times.append(time.perf_counter() - start)
    child.expect(pexpect.EOF)
    child.close()
    return times


def keypress_table(walks: int, before: str | None) -> str:
    trees = [("", None)] + ([(" (before)", before)] if before else [])
    found: dict[str, list[float]] = {tag: [] for tag, _ in trees}
    with tempfile.TemporaryDirectory() as name:
        home = Path(name)
        flow = home / "reeks.yaml"
        flow.write_text(chain_flow(QUESTIONS), encoding="utf-8")
        for _ in range(walks):
            for tag, source in trees:
                found[tag] += walk_once(flow, home, source)
    rows = []
    for tag, times in found.items():
        ordered = sorted(times)
        p90 = ordered[int(0.9 * (len(ordered) - 1))]
        rows.append(
            (
                f"keypress → next prompt{tag}",
                len(times),
                f"{statistics.median(times) * 1000:.0f} ms",
                f"{p90 * 1000:.0f} ms",
                f"{ordered[-1] * 1000:.0f} ms",
            )
        )
    return (
        table(("", "keypresses", "median", "p90", "max"), rows)
        + f"\n\n{walks} walks of {QUESTIONS} questions"
        + (", in turns with the before tree" if before else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walks", type=int, default=5)
    parser.add_argument("--before", help="also walk the meldcode of this source tree, in turns")
    args = parser.parse_args()
    print(keypress_table(args.walks, args.before))


if __name__ == "__main__":
    main()

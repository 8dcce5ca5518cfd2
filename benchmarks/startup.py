"""Whole-process figures: how long `meldcode` takes to start and to run, beside baselines of the same run.

Run from the repository root:  python benchmarks/startup.py [--runs N] [--copier PATH] [--before DIR]

The commands are run in turns (one run of each, then the next round), N rounds (default 15), so
that a busy moment of the shared machine touches every command alike; each figure is the median,
with its ratio to `python -c pass` measured in the same rounds, and peak memory (GNU time).
`--before DIR` also runs the meldcode of another source tree (say, an older commit unpacked with
`git archive COMMIT | tar -x -C DIR`) with this Python and its libraries, in the same rounds: a
before/after comparison on the same machine at the same moments.
`run --answers F --json` is measured with the compiled flow in the cache (every run after the
first) and with an empty cache (the first run after installing or changing a flow).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import ROOT, mib, ms, peak_kib, table

TARGETS = {
    "meldcode --version": 7,
    "meldcode --help": 7,
    "meldcode flows": 10,
    "meldcode sessions (none saved)": 10,
    "meldcode cases": 10,
    "meldcode run --answers F --json": 10,
}


def meldcode_command(source: str | None = None) -> list[str]:
    if source:
        return [sys.executable, "-m", "meldcode_cli"]
    script = shutil.which("meldcode", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "meldcode_cli"]


Command = tuple[list[str], dict[str, str], str]  # the command, its environment, its folder


def interleaved(commands: dict[str, Command], runs: int) -> dict[str, list[float]]:
    """Wall times of each command over `runs` rounds, one run of every command per round."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env, cwd) in commands.items():
            if env.get("FRESH_HOME"):
                shutil.rmtree(env["MELDCODE_HOME"], ignore_errors=True)
                os.makedirs(env["MELDCODE_HOME"])
            start = time.perf_counter()
            subprocess.run(
                command,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
                env={**os.environ, **env},
                cwd=cwd,
                check=True,
            )
            times[name].append(time.perf_counter() - start)
    return times


def _meldcode_commands(folder: Path, answers: Path, source: str | None, label: str) -> dict[str, Command]:
    """The meldcode commands of one source tree (None: the installed one), each with a home of its own."""
    meldcode = meldcode_command(source)
    cwd = source or ROOT  # `python -m` looks in the current folder first
    home = folder / f"home{label}"
    env = {"MELDCODE_HOME": str(home), "COLUMNS": "100", "XDG_CACHE_HOME": str(folder / f"xdg{label}")}
    if source:
        env["PYTHONPATH"] = source
    cold = {**env, "MELDCODE_HOME": str(folder / f"cold{label}"), "FRESH_HOME": "1"}
    run_json = meldcode + ["run", "--answers", str(answers), "--json"]
    subprocess.run(run_json, env={**os.environ, **env}, cwd=cwd, check=True, capture_output=True)  # warm
    commands = {
        "meldcode --version": (meldcode + ["--version"], env, cwd),
        "meldcode --help": (meldcode + ["--help"], env, cwd),
        "meldcode flows": (meldcode + ["flows"], env, cwd),
        "meldcode sessions (none saved)": (meldcode + ["sessions"], env, cwd),
        "meldcode cases": (meldcode + ["cases"], env, cwd),
        "meldcode run --answers F --json": (run_json, env, cwd),
        "meldcode run --answers F --json, empty cache": (run_json, cold, cwd),
    }
    return {f"{name}{label}": command for name, command in commands.items()}


def startup_table(runs: int, copier: str | None, source: str | None = None, before: str | None = None) -> str:
    from tests.test_sociaal_werk import BASE  # the answers file the tests use: a full walk

    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        answers = folder / "antwoorden.json"
        answers.write_text(json.dumps(BASE), encoding="utf-8")
        commands: dict[str, Command] = {
            "python -c pass": ([sys.executable, "-c", "pass"], {}, ROOT),
            'python -c "import typer"': ([sys.executable, "-c", "import typer"], {}, ROOT),
        }
        if before:
            commands.update(_meldcode_commands(folder, answers, before, " (before)"))
        commands.update(_meldcode_commands(folder, answers, source, ""))
        if copier:
            commands["copier --help"] = ([copier, "--help"], {}, ROOT)
        times = interleaved(commands, runs)
        peaks = {
            name: peak_kib(command, {k: v for k, v in env.items() if k != "FRESH_HOME"}, cwd)
            for name, (command, env, cwd) in commands.items()
        }
    medians = {name: statistics.median(values) for name, values in times.items()}
    python = medians["python -c pass"]
    rows = []
    for name, seconds in medians.items():
        spread = f"{min(times[name]) * 1000:.0f}–{max(times[name]) * 1000:.0f} ms"
        target = f"≤ {TARGETS[name]}×" if name in TARGETS else ""
        rows.append((f"`{name}`", ms(seconds), spread, f"{seconds / python:.1f}×", target, mib(peaks[name])))
    text = table(("command", "median", "range", "× python -c pass", "target", "peak memory"), rows)
    if copier:
        text += f"\n\n`copier --help` / `meldcode --help`: {medians['copier --help'] / medians['meldcode --help']:.1f}×"
    notes = [f"{runs} rounds, every command once per round"]
    if source:
        notes.append(f"meldcode from {source}")
    if before:
        notes.append(f"(before): meldcode from {before}, in the same rounds")
    return text + "\n\n" + "; ".join(notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--copier", default=shutil.which("copier"), help="path of a copier executable")
    parser.add_argument("--source", help="run the meldcode of this source tree instead of the installed one")
    parser.add_argument(
        "--before", help="also run the meldcode of this source tree (an older commit), in the same rounds"
    )
    args = parser.parse_args()
    print(startup_table(args.runs, args.copier, args.source, args.before))


if __name__ == "__main__":
    main()

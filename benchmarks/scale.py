"""How the figures grow: flows of 100 to 100,000 nodes, 10 to 10,000 sessions, up to 10,000 learners' files.

Run from the repository root:  python benchmarks/scale.py [--runs N] [--before DIR] [--only NAME ...]
                                   [--largest N]

Every table has a baseline measured in the same run (`python -c pass` for whole processes; reading
and parsing the same files for in-process work); medians of N runs (default 3). `--before DIR`
also runs a source tree of an older commit (`git archive COMMIT | tar -x -C DIR`) in the same
rounds, with this Python and its libraries. Peak memory is GNU time's maximum resident set.

Tables (`--only` picks some): replay (1,000 answers files through flows of 100 to 100,000 nodes,
in one process), validate (`meldcode validate` of those flows), test (`meldcode test` with 1,000
scenarios), sessions (`meldcode sessions` with 10 to 10,000 saved sessions), class_report
(`meldcode class-report` over 100 to 10,000 learners' files).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)
sys.path.insert(0, ROOT)

from benchmarks.measure import mib, ms, peak_kib, table  # noqa: E402
from meldcode_cli.sessions.index import INDEX_NAME  # noqa: E402

SIZES = (100, 1_000, 10_000, 100_000)
# A flow of 100,000 nodes is some 9 MB and 1.8 million values: over the limits meldcode sets for any
# file it reads (5 MB, a million values: guards against hostile files). The benchmarks raise those
# limits, in their own processes only.
LIMIT = 50_000_000
LAUNCH = (
    f"import sys; from meldcode_cli.flow import yamlsource; yamlsource.MAX_BYTES = {LIMIT}; "
    f"yamlsource.MAX_VALUES = {LIMIT}; "
    "from meldcode_cli.cli.main import main; sys.argv[0] = 'meldcode'; main()"
)


def _runner(source: str | None) -> tuple[list[str], dict[str, str], str]:
    """How to start the meldcode of a source tree (None: this one) with this Python."""
    if source:
        return [sys.executable, "-c", LAUNCH], {"PYTHONPATH": source}, source
    return [sys.executable, "-c", LAUNCH], {}, ROOT


def _timed(command: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run. The CPU time hardly moves with the load of
    a shared machine, where the wall time of a long run can double: it is the figure to compare
    sizes with."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env},
        cwd=cwd,
    )
    if done.returncode != 0:  # a refusal or a failed check would be timed as if it were the work
        raise RuntimeError(f"{' '.join(command)}: exit {done.returncode}\n{done.stderr.decode()[-2000:]}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - used.ru_utime) + (after.ru_stime - used.ru_stime)


def processes(
    rows: list[tuple[str, list[str], dict[str, str]]],
    runs: int,
    before: str | None,
    prepare: Callable[[dict[str, str]], None] | None = None,
) -> list[tuple[str, ...]]:
    """Each row's command as a whole process, after and (with `before`) before, in turns with
    `python -c pass`; the median, the ratio to `python -c pass`, the median CPU time and the peak memory of each. Each
    command runs once untimed first (a first run builds caches and indexes; `prepare` undoes that
    before every run when the first run is what is measured)."""
    trees = [("", None)] + ([(" (before)", before)] if before else [])
    python = [sys.executable, "-c", "pass"]
    out = []
    for label, args, env in rows:
        times: dict[str, list[float]] = {"pass": []}
        cpu: dict[str, list[float]] = {}
        for _, source in trees:  # once first, untimed: caches and indexes are built by a first run
            command, extra, cwd = _runner(source)
            if not prepare:
                _timed(command + args, {**env, **extra}, cwd)
        for _ in range(runs):
            times["pass"].append(_timed(python, {}, ROOT)[0])
            for tag, source in trees:
                command, extra, cwd = _runner(source)
                run_env = {**env, **extra}
                if prepare:
                    prepare(run_env)
                wall, used = _timed(command + args, run_env, cwd)
                times.setdefault(tag, []).append(wall)
                cpu.setdefault(tag, []).append(used)
        base = statistics.median(times["pass"])
        for tag, source in reversed(trees):
            command, extra, cwd = _runner(source)
            seconds = statistics.median(times[tag])
            out.append(
                (
                    f"{label}{tag}",
                    ms(seconds),
                    f"{seconds / base:.1f}×",
                    ms(statistics.median(cpu[tag])),
                    mib(peak_kib(command + args, {**env, **extra}, cwd)),
                )
            )
        out.append(("`python -c pass` (same rounds)", ms(base), "1.0×", "", ""))
    return out


# ---------------------------------------------------------------------------------------------


def _flows(folder: Path, sizes: tuple[int, ...]) -> dict[int, Path]:
    from benchmarks.synthetic import synthetic_flow
    from meldcode_cli.flow import yamlsource

    yamlsource.MAX_BYTES = yamlsource.MAX_VALUES = LIMIT  # this process loads them too (to make answers and scenarios)

    paths = {}
    for n in sizes:
        path = folder / f"synthetisch-{n}.yaml"
        path.write_text(synthetic_flow(n), encoding="utf-8")
        paths[n] = path
    return paths


REPLAY = """
import json, sys, time, statistics
sys.path.insert(0, {source!r})
from pathlib import Path
from meldcode_cli.flow import yamlsource
yamlsource.MAX_BYTES = yamlsource.MAX_VALUES = {limit}
from meldcode_cli.engine import wording
from meldcode_cli.engine.answers import load_answers
from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.loader import load_flow
flow = load_flow(Path({flow!r}))
paths = sorted(Path({folder!r}).glob("*.json"))
def replay():
    for path in paths:
        walk = Walk(flow)
        walk.fill(load_answers(path, flow), skip_optional=True)
        wording.result(walk, "nl")
def parse_only():
    for path in paths:
        json.loads(path.read_text(encoding="utf-8"))
out = {{}}
for name, work in (("replay", replay), ("parse", parse_only)):
    times = []
    for _ in range({runs}):
        start = time.perf_counter(); work(); times.append(time.perf_counter() - start)
    out[name] = statistics.median(times)
print(json.dumps(out))
"""


def replay_table(runs: int, before: str | None, sizes: tuple[int, ...]) -> str:
    """1,000 answers files replayed in one process (what `run --answers F --json` does per file, after
    the flow is loaded), on flows of each size; beside only reading and parsing the same files."""
    from benchmarks.synthetic import random_answers
    from meldcode_cli.flow.loader import load_flow

    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for n, path in _flows(folder, sizes).items():
            answers = folder / f"antwoorden-{n}"
            answers.mkdir()
            for i, given in enumerate(random_answers(load_flow(path), 1000, seed=n)):
                (answers / f"a{i:04}.json").write_text(json.dumps(given), encoding="utf-8")
            for tag, source in [("", None)] + ([(" (before)", before)] if before else []):
                code = REPLAY.format(source=source or ROOT, flow=str(path), folder=str(answers), runs=runs, limit=LIMIT)
                done = subprocess.run(
                    [sys.executable, "-c", code], capture_output=True, text=True, cwd=source or ROOT, check=True
                )
                figures = json.loads(done.stdout.splitlines()[-1])
                whole, parse = figures["replay"], figures["parse"]
                rows.append(
                    (f"{n:,}{tag}", ms(parse), ms(whole), f"{whole / 1000 * 1e6:,.0f} µs", f"{whole / parse:.1f}×")
                )
    return table(("nodes", "read + parse 1,000 files (baseline)", "replay 1,000 files", "per file", "× baseline"), rows)


def validate_table(runs: int, before: str | None, sizes: tuple[int, ...]) -> str:
    with tempfile.TemporaryDirectory() as name:
        paths = _flows(Path(name), sizes)
        rows = [(f"`validate`, {n:,} nodes", ["validate", str(path)], {}) for n, path in paths.items()]
        return table(
            ("command", "median", "× python -c pass", "CPU time", "peak memory"), processes(rows, runs, before)
        )


def test_table(runs: int, before: str | None, sizes: tuple[int, ...]) -> str:
    """`meldcode test` with 1,000 scenarios (random complete walks) on flows of each size."""
    from benchmarks.synthetic import random_answers
    from meldcode_cli.engine.walk import Walk
    from meldcode_cli.flow.loader import load_flow

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rows = []
        for n, path in _flows(folder, sizes).items():
            flow = load_flow(path)
            scenarios = []
            for i, answers in enumerate(random_answers(flow, 1000, seed=7)):
                walk = Walk(flow)
                walk.fill(answers, skip_optional=True)
                scenarios.append({"name": f"willekeurig {i}", "answers": answers, "outcome": walk.outcome.id})
            spec = folder / f"synthetisch-{n}.scenarios.yaml"
            spec.write_text(
                json.dumps({"flow": path.name, "scenarios": scenarios}, ensure_ascii=False), encoding="utf-8"
            )
            rows.append(
                (f"`test`, 1,000 scenarios, {n:,} nodes", ["test", str(spec)], {"MELDCODE_HOME": str(folder / "home")})
            )
        return table(
            ("command", "median", "× python -c pass", "CPU time", "peak memory"), processes(rows, runs, before)
        )


def _session_copies(folder: Path, count: int) -> None:
    """`count` saved sessions: one real record of a full walk, copied under other ids, references
    and dates (as many professionals' sessions would look)."""
    from meldcode_cli.engine.walk import Walk
    from meldcode_cli.flow.loader import builtin_paths, load_flow
    from meldcode_cli.sessions.record import FlowSnapshot, Recorder
    from tests.test_sociaal_werk import BASE

    path = builtin_paths()["sociaal-werk"]
    flow = load_flow(path)
    walk = Walk(flow)
    walk.fill(BASE, skip_optional=True)
    saved: list[str] = []
    Recorder.start(
        walk,
        FlowSnapshot.of(flow, path.read_text(encoding="utf-8"), "sociaal-werk", True),
        "casus-0",
        lambda r: saved.append(r.model_dump_json(indent=1)),
    )
    record = json.loads(saved[-1])
    sessions = folder / "sessions"
    sessions.mkdir(parents=True, mode=0o700)
    chooser = random.Random(count)
    for i in range(count):
        record["id"] = f"s{i:07}"
        record["reference"] = f"casus-{i}"
        record["updated"] = f"2026-{1 + chooser.randrange(11):02}-{1 + chooser.randrange(28):02}T10:00:00+01:00"
        (sessions / f"{record['id']}.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8"
        )


def sessions_table(runs: int, before: str | None, counts: tuple[int, ...] = (10, 100, 1_000, 10_000)) -> str:
    """`meldcode sessions` with 10 to 10,000 saved sessions: the first listing (no index yet: every
    file read once) and every later one (from the index)."""
    with tempfile.TemporaryDirectory() as name:
        rows = []
        for count in counts:
            home = Path(name) / f"home-{count}"
            _session_copies(home, count)
            env = {"MELDCODE_HOME": str(home), "COLUMNS": "120"}
            rows.append((f"`sessions`, {count:,} sessions", ["sessions"], env))

        def no_index(run_env: dict[str, str]) -> None:
            (Path(run_env["MELDCODE_HOME"]) / "sessions" / INDEX_NAME).unlink(missing_ok=True)

        later = processes(rows, runs, before)
        first = processes([(label + ", no index yet", args, env) for label, args, env in rows], 1, None, no_index)
        return table(("command", "median", "× python -c pass", "CPU time", "peak memory"), later + first)


def class_report_table(runs: int, before: str | None, counts: tuple[int, ...] = (100, 1_000, 10_000)) -> str:
    """`meldcode class-report` of a built-in case over 100 to 10,000 learners' answers files (JSON)."""
    from benchmarks.synthetic import random_answers
    from meldcode_cli.flow.loader import load_flow

    flow = load_flow("sociaal-werk")
    with tempfile.TemporaryDirectory() as name:
        rows = []
        for count in counts:
            learners = Path(name) / f"klas-{count}"
            learners.mkdir()
            for i, answers in enumerate(random_answers(flow, count, seed=count)):
                (learners / f"deelnemer-{i:05}.json").write_text(
                    json.dumps({"name": f"D{i}", **answers}), encoding="utf-8"
                )
            rows.append(
                (
                    f"`class-report`, {count:,} files",
                    ["class-report", "zoon-slaat-moeder", str(learners), "--format", "csv"],
                    {"MELDCODE_HOME": str(Path(name) / "home")},
                )
            )
        return table(
            ("command", "median", "× python -c pass", "CPU time", "peak memory"), processes(rows, runs, before)
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", help="also run the meldcode of this source tree, in the same rounds")
    parser.add_argument("--only", nargs="*", default=["replay", "validate", "test", "sessions", "class_report"])
    parser.add_argument("--largest", type=int, default=100_000, help="the largest flow (nodes) to build")
    args = parser.parse_args()
    sizes = tuple(n for n in SIZES if n <= args.largest)
    tables = {
        "replay": lambda: replay_table(args.runs, args.before, sizes),
        "validate": lambda: validate_table(args.runs, args.before, sizes),
        "test": lambda: test_table(args.runs, args.before, tuple(n for n in sizes if n <= 10_000)),
        "sessions": lambda: sessions_table(args.runs, args.before),
        "class_report": lambda: class_report_table(args.runs, args.before),
    }
    for name in args.only:
        print(f"### {name}\n\n{tables[name]()}\n", flush=True)


if __name__ == "__main__":
    main()

"""Whole-process figures: how long `meldcode` takes to start and to run, beside baselines of the same run.

Run from the repository root:  python benchmarks/startup.py [--runs N] [--copier PATH]

Each figure is the median of N runs (default 15) of a fresh process, with its peak memory. The
baselines are measured in the same run, on the same (shared, noisy) machine: `python -c pass`,
`python -c "import typer"`, and `copier --help` where copier is installed (pass its path, or have it
on PATH).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import mib, ms, process, table  # noqa: E402


def meldcode_command() -> list[str]:
    script = shutil.which("meldcode", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "meldcode_cli"]


def startup_table(runs: int, copier: str | None) -> str:
    from meldcode_cli.loader import load_flow
    from tests.test_sociaal_werk import BASE  # the answers file the tests use: a full walk

    meldcode = meldcode_command()
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "antwoorden.json"
        answers.write_text(json.dumps(BASE), encoding="utf-8")
        load_flow("sociaal-werk")  # fail here, not in the middle of the table, if the flow is broken
        env = {"MELDCODE_HOME": folder, "COLUMNS": "100"}
        commands = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ('python -c "import typer"', [sys.executable, "-c", "import typer"]),
            ("meldcode --version", meldcode + ["--version"]),
            ("meldcode --help", meldcode + ["--help"]),
            ("meldcode flows", meldcode + ["flows"]),
            ("meldcode run --answers F --json", meldcode + ["run", "--answers", str(answers), "--json"]),
        ]
        if copier:
            commands.append(("copier --help", [copier, "--help"]))
        measured = {name: process(command, runs, env) for name, command in commands}
    python, typer = measured["python -c pass"][0], measured['python -c "import typer"'][0]
    rows = [(f"`{name}`", ms(seconds), f"{seconds / python:.1f}×", f"{seconds / typer:.1f}×", mib(peak))
            for name, (seconds, peak) in measured.items()]
    text = table(("command", "median", "× python -c pass", "× import typer", "peak memory"), rows)
    if copier:
        help_time = measured["meldcode --help"][0]
        text += f"\n\n`copier --help` / `meldcode --help`: {measured['copier --help'][0] / help_time:.1f}×"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--copier", default=shutil.which("copier"), help="path of a copier executable")
    args = parser.parse_args()
    print(startup_table(args.runs, args.copier))


if __name__ == "__main__":
    main()

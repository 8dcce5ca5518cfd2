"""The attack figures quoted in docs/reliability.md: kills during walks, SIGTERM trials, hostile reads.

Run from the repository root (with the project installed, pexpect available):

    python benchmarks/attacks.py [--trials N]

Each trial is a real `meldcode run` in a pseudo-terminal, hit by a signal at a random moment just after
a key (while the screen is redrawn and the answer saved). Times are whole processes on a shared
machine: read them as "at once" or "not", not to the millisecond.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pexpect

from tests.e2e.pty import DOWN, ENTER, SPACE, Terminal, meldcode_command

FIRST = "Is iemand op dit moment in direct gevaar?"


def meldcode(home: Path, *args: str, timeout: float = 120) -> tuple[subprocess.CompletedProcess, float]:
    env = {**os.environ, "MELDCODE_HOME": str(home / "meldcode"), "COLUMNS": "200"}
    start = time.perf_counter()
    result = subprocess.run(meldcode_command() + list(args), env=env, capture_output=True, text=True, timeout=timeout)
    return result, time.perf_counter() - start


def kill_trials(sig: signal.Signals, trials: int, rng: random.Random) -> dict[str, int]:
    """Kill a walk at a random moment; count answers kept, temp files left and erased afterwards."""
    counts = {
        "trials": trials,
        "ended": 0,
        "first answer kept": 0,
        "valid JSON": 0,
        "exit 130": 0,
        "temp files left": 0,
        "temp files after next start": 0,
    }
    for _ in range(trials):
        home = Path(tempfile.mkdtemp(prefix="meldcode-attack-"))
        term = Terminal("run", home=home)
        term.answer(FIRST, DOWN, ENTER)
        term.text_answer("Zaakreferentie", "casus-aanval")
        term.answer("Om welke vorm van geweld gaat het", DOWN, SPACE, ENTER)
        time.sleep(rng.uniform(0, 0.12))
        term.child.kill(sig)
        try:
            term.child.expect(pexpect.EOF, timeout=10)
            counts["ended"] += 1
        except pexpect.TIMEOUT:
            term.child.kill(signal.SIGKILL)
        term.child.close()
        if term.child.exitstatus == 130:
            counts["exit 130"] += 1
        folder = home / "meldcode" / "sessions"
        files = list(folder.glob("*.json"))
        counts["temp files left"] += len(list(folder.glob(".*.tmp")))
        if len(files) == 1:
            try:
                record = json.loads(files[0].read_text(encoding="utf-8"))
                counts["valid JSON"] += 1
                counts["first answer kept"] += record["answers"].get("direct_gevaar") is False
            except ValueError:
                pass
        meldcode(home, "sessions")
        counts["temp files after next start"] += len(list(folder.glob(".*.tmp")))
    return counts


def hostile_reads() -> list[tuple[str, str, float]]:
    """Each hostile input as a whole process: the first line of what the user sees, and the time."""
    home = Path(tempfile.mkdtemp(prefix="meldcode-attack-"))
    rows = []
    fifo = home / "pijp.yaml"
    os.mkfifo(fifo)
    big = home / "groot.yaml"
    big.write_bytes(b"a: " + b"x" * 50_000_000 + b"\n")
    zero_link = home / "nul.yaml"
    zero_link.symlink_to("/dev/zero")
    for label, args in (
        ("--answers /dev/zero", ["run", "--answers", "/dev/zero"]),
        ("--answers a link to /dev/zero", ["run", "--answers", str(zero_link)]),
        ("--answers a FIFO", ["run", "--answers", str(fifo)]),
        ("--answers a 50 MB file", ["run", "--answers", str(big)]),
    ):
        result, seconds = meldcode(home, *args)
        rows.append((label, " ".join((result.stderr or result.stdout).split()), seconds))
    folder = home / "meldcode" / "sessions"
    folder.mkdir(parents=True)
    (folder / "nul111.json").symlink_to("/dev/zero")
    os.mkfifo(folder / "pijp22.json")
    result, seconds = meldcode(home, "sessions")
    rows.append(
        (
            "sessions/*.json a link to /dev/zero and a FIFO: `sessions`",
            f"{result.stdout.count('geen gewoon bestand')} listed as 'geen gewoon bestand'",
            seconds,
        )
    )
    return rows


def scrypt_rows() -> list[tuple[str, str, float]]:
    from meldcode_cli.sessions.crypto import Key
    from meldcode_cli.sessions.record import FlowSnapshot, SessionRecord, now
    from meldcode_cli.sessions.store import SessionStore

    rows = []
    for n in (2**24, 2**60):
        home = Path(tempfile.mkdtemp(prefix="meldcode-attack-"))
        store = SessionStore(home / "meldcode" / "sessions")
        moment = now()
        record = SessionRecord(
            id="abcdef",
            reference="casus-x",
            created=moment,
            updated=moment,
            flow=FlowSnapshot(id="f", version="1", source="f", builtin=True, sha256="0", text=""),
            path=["a"],
        )
        store.save(record, Key.derive("geheim wachtwoord"))
        path = store.path_of("abcdef")
        data = json.loads(path.read_text(encoding="utf-8"))
        data["sealed"]["n"] = n
        path.write_text(json.dumps(data), encoding="utf-8")
        os.environ["MELDCODE_PASSPHRASE"] = "geheim wachtwoord"
        result, seconds = meldcode(home, "report", "abcdef")
        rows.append(
            (
                f"scrypt n = 2^{n.bit_length() - 1} in an encrypted session: `report`",
                result.stderr.strip().split(" (")[1].split(")")[0],
                seconds,
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=30, help="trials per signal (default 30)")
    parser.add_argument("--signals", default="TERM,KILL,HUP", help="which signals (default TERM,KILL,HUP)")
    args = parser.parse_args()
    # Started under nohup, this process (and every meldcode it starts) would ignore SIGHUP.
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    rng = random.Random(14)
    print(
        "| signal | trials | process ended | exit 130 | valid JSON | first answer kept | temp files left "
        "| after next start | seconds |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name in args.signals.split(","):
        sig = signal.Signals[f"SIG{name.strip()}"]
        start = time.perf_counter()
        c = kill_trials(sig, args.trials, rng)
        print(
            f"| {sig.name} | {c['trials']} | {c['ended']} | {c['exit 130']} | {c['valid JSON']} | "
            f"{c['first answer kept']} | {c['temp files left']} | {c['temp files after next start']} | "
            f"{time.perf_counter() - start:.0f} |",
            flush=True,
        )
    print()
    print("| attack | what the user sees | seconds (whole process) |")
    print("|---|---|---|")
    for label, seen, seconds in hostile_reads() + scrypt_rows():
        print(f"| {label} | {seen} | {seconds:.2f} |")


if __name__ == "__main__":
    main()

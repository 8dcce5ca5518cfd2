"""The session store where Python has no fcntl (as on Windows): save, a second window refused, a killed
window's lock taken over, resume, purge, all with the module hidden before meldcode is imported."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.pty import CTRL_C, DOWN, ENTER, Terminal

NO = (DOWN, ENTER)
# Hidden before anything is imported: an `import fcntl` anywhere in meldcode (or in what it uses for
# sessions) fails as it would on Windows.
WITHOUT_FCNTL = """\
import sys
sys.modules["fcntl"] = None
from meldcode_cli.entry import main
sys.argv[0] = "meldcode"
main()
"""


@pytest.fixture
def command(tmp_path) -> list[str]:
    script = tmp_path / "meldcode_without_fcntl.py"
    script.write_text(WITHOUT_FCNTL, encoding="utf-8")
    return [sys.executable, str(script)]


def meldcode(command, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MELDCODE_HOME": str(home / "meldcode"), "COLUMNS": "200"}
    return subprocess.run(command + list(args), env=env, capture_output=True, text=True, timeout=60)


def test_the_lock_module_falls_back_to_its_marker_without_fcntl(command, tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        'import sys\nsys.modules["fcntl"] = None\n'
        "from meldcode_cli.sessions import locking\nprint(locking.NATIVE, sys.modules['fcntl'])\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(probe)], capture_output=True, text=True, timeout=60)
    assert (done.stdout, done.stderr) == ("False None\n", "")


def test_sessions_work_without_fcntl(command, tmp_path):
    first = Terminal("run", "sociaal-werk", home=tmp_path, command=command)
    first.answer("Is iemand op dit moment in direct gevaar?", *NO)
    first.text_answer("Zaakreferentie", "zonder-fcntl")
    first.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    first.expect("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?")
    first.child.expect(r"\(pijltjes")
    sessions = tmp_path / "meldcode" / "sessions"
    (saved,) = sessions.glob("*.json")
    session_id = saved.stem

    # The lock is filelock's marker: the holder's process id and host, not the system's lock.
    marker = sessions / f".{session_id}.lock"
    pid, host = marker.read_text(encoding="utf-8").splitlines()[:2]
    assert (pid, bool(host)) == (str(first.child.pid), True)
    second = Terminal("resume", session_id, home=tmp_path, command=command)
    second.expect(f"De sessie {session_id} is al geopend in een ander venster (proces {first.child.pid}).")
    assert second.finish() == 1

    # A window that is killed leaves its marker behind; the next window sees its process is gone.
    os.kill(first.child.pid, signal.SIGKILL)
    first.child.wait()
    assert marker.exists()
    resumed = Terminal("resume", session_id, home=tmp_path, command=command)
    resumed.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", *NO)
    resumed.answer("Om welke vorm van geweld gaat het", CTRL_C)
    resumed.expect(f"Uw antwoorden zijn bewaard in sessie {session_id} ")
    assert resumed.finish() == 130
    assert not marker.exists()  # released at the end, as filelock's marker lock does

    listed = meldcode(command, tmp_path, "sessions")
    assert listed.returncode == 0, listed.stderr
    assert session_id in listed.stdout and "zonder-fcntl" in listed.stdout

    purged = meldcode(command, tmp_path, "sessions", "--purge-older-than", "0", "--yes")
    assert purged.returncode == 0, purged.stderr
    assert session_id in purged.stdout
    assert list(sessions.glob("*.json")) == []
    assert not marker.exists()

"""Privacy of the real program: no network at all, private files under any umask, nothing typed leaks."""

from __future__ import annotations

import os
import stat
import subprocess

from tests.e2e.pty import Terminal, meldcode_command, walk_mini_to_afsluiten

NO_NETWORK = """
import pathlib, socket

class _NoNetwork(socket.socket):
    # Local pipes (AF_UNIX, which asyncio uses to wake itself) stay; every network family fails.
    def __init__(self, family=-1, *args, **kwargs):
        if family in (-1, socket.AF_INET, socket.AF_INET6):
            pathlib.Path({marker!r}).write_text("socket attempted")
            raise OSError("network use is forbidden in this test")
        super().__init__(family, *args, **kwargs)

def _no_lookup(*args, **kwargs):
    pathlib.Path({marker!r}).write_text("lookup attempted")
    raise OSError("network use is forbidden in this test")

socket.socket = _NoNetwork
socket.getaddrinfo = _no_lookup
socket.create_connection = _no_lookup
pathlib.Path({loaded!r}).write_text("loaded")
"""


def test_a_whole_walk_with_the_network_made_to_fail(tmp_path, mini_path):
    site = tmp_path / "site"
    site.mkdir()
    marker, loaded = tmp_path / "network-used", tmp_path / "guard-loaded"
    (site / "sitecustomize.py").write_text(NO_NETWORK.format(marker=str(marker), loaded=str(loaded)))
    term = Terminal("run", str(mini_path), home=tmp_path, env={"PYTHONPATH": str(site)})
    walk_mini_to_afsluiten(term, "casus-offline")
    assert loaded.exists(), "the network guard was not active"
    assert not marker.exists(), marker.read_text() if marker.exists() else ""


def test_reports_are_private_even_under_a_permissive_umask(tmp_path, mini_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("gevaar: true\n", encoding="utf-8")
    env = {**os.environ, "MELDCODE_HOME": str(tmp_path / "meldcode")}
    command = meldcode_command()

    def run(*args: str) -> subprocess.CompletedProcess:
        # `umask 000` in the shell that starts meldcode: files would be world-readable by default.
        return subprocess.run(
            ["sh", "-c", 'umask 000 && exec "$@"', "sh", *command, *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert run("run", str(mini_path), "-a", str(answers), "-r", "casus-umask").returncode == 0
    target = tmp_path / "verslag.md"
    assert run("report", "casus-umask", "-o", str(target)).returncode == 0
    (session,) = (tmp_path / "meldcode" / "sessions").glob("*.json")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(session).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(session.parent).st_mode) == 0o700


def test_a_terminal_that_cannot_show_unicode_gets_no_crash(tmp_path, mini_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("gevaar: true\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "MELDCODE_HOME": str(tmp_path / "m")}
    result = subprocess.run(
        meldcode_command() + ["run", str(mini_path), "-a", str(answers)], env=env, capture_output=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Advies: Bel 112".encode("latin-1") in result.stdout

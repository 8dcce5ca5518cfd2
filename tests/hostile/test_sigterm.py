"""SIGTERM is never swallowed: not even when it arrives inside a weakref callback, where Python drops
any exception a signal handler raises (the cause of walks that went on after SIGTERM)."""

from __future__ import annotations

import subprocess
import sys

# A stand-in for a command: a weakref callback runs (as prompt_toolkit's and asyncio's do all the time)
# and the signal arrives while it runs; then the command would go on for a while.
SCRIPT = r"""
import os, signal, sys, time, weakref
import typer
from meldcode_cli.cli import exits, main as cli

class Thing:
    pass

def callback(_ref):
    os.kill(os.getpid(), signal.SIGTERM)
    for _ in range(10000):  # the handler runs here, inside the callback
        pass

def command(standalone_mode=True):  # called the way cli.main calls the typer app
    try:
        with exits.user_errors("nl"):
            thing = Thing()
            ref = weakref.ref(thing, callback)
            del thing
            time.sleep(5)
            print("went on")
    except typer.Exit as done:
        sys.exit(done.exit_code)
    sys.exit(0)

cli.app_for = lambda argv: command
cli.main()
"""


def test_sigterm_inside_a_weakref_callback_still_ends_the_command():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert "went on" not in result.stdout
    assert result.returncode == 130
    assert result.stderr.endswith("Onderbroken.\n")

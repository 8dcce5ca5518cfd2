"""What keeps the keypress path short: start-up objects frozen out of collections, key bindings made once."""

from __future__ import annotations

import subprocess
import sys

from tests.e2e.pty import Terminal, walk_mini_to_afsluiten


def test_settling_freezes_start_up_once_and_leaves_the_collector_on():
    code = (
        "import gc\nfrom meldcode_cli.tui import quiet_gc\n"
        "quiet_gc.settle(); frozen = gc.get_freeze_count()\n"
        "quiet_gc.settle()\n"
        "print(frozen > 1000, gc.get_freeze_count() == frozen, gc.isenabled())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.split() == ["True", "True", "True"]


def test_every_prompt_shares_one_set_of_default_key_bindings():
    code = (
        "from meldcode_cli.tui import prompt_bindings\nprompt_bindings.install()\n"
        "from prompt_toolkit.application import Application\n"
        "from prompt_toolkit.output import DummyOutput\nfrom prompt_toolkit.input import DummyInput\n"
        "a = Application(output=DummyOutput(), input=DummyInput())\n"
        "b = Application(output=DummyOutput(), input=DummyInput())\n"
        "print(a._default_bindings is b._default_bindings, len(a._default_bindings.bindings) > 100)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.split() == ["True", "True"]


def test_keys_still_work_at_every_kind_of_prompt_with_shared_bindings(tmp_path, mini_path):
    # Arrow keys, space and typing at a select, a checkbox, a text and the reference prompt: each
    # prompt of the walk uses the one shared set of default bindings.
    walk_mini_to_afsluiten(Terminal("run", str(mini_path), home=tmp_path), "casus-toetsen", note="gezien")

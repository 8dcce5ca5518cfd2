"""What keeps the keypress path short: start-up frozen, collections while the user reads, key bindings made once."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref

import pytest

from meldcode_cli.tui import quiet_gc
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


class _Cycle:
    """Garbage only the cycle collector can free: an object that refers to itself."""

    def __init__(self) -> None:
        self.me = self


def _garbage_cycle() -> weakref.ref[_Cycle]:
    return weakref.ref(_Cycle())


def test_during_a_walk_the_collector_waits_and_is_back_after_it_even_after_an_error():
    assert gc.isenabled()
    with pytest.raises(KeyboardInterrupt), quiet_gc.collect_between_keys():
        assert not gc.isenabled()
        raise KeyboardInterrupt
    assert gc.isenabled()


def test_a_prompt_that_is_read_collects_while_it_is_on_the_screen():
    from prompt_toolkit.application import Application
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with quiet_gc.collect_between_keys(), create_pipe_input() as keys:
        cycle = _garbage_cycle()
        app: Application[None] = Application(input=keys, output=DummyOutput())
        quiet_gc.collect_while_read(app)

        def read_for_a_while() -> None:  # the user reads (up to 5 s on a busy machine), then answers
            loop = app.loop
            assert loop is not None
            deadline = loop.time() + 5

            def look() -> None:
                if cycle() is None or loop.time() > deadline:
                    app.exit()
                else:
                    loop.call_later(0.05, look)

            loop.call_later(0.05, look)

        app.run(pre_run=read_for_a_while)
        assert cycle() is None  # collected while the prompt was read


def test_a_prompt_answered_at_once_leaves_the_collection_for_later():
    from prompt_toolkit.application import Application
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with quiet_gc.collect_between_keys(), create_pipe_input() as keys:
        cycle = _garbage_cycle()
        app: Application[None] = Application(input=keys, output=DummyOutput())
        quiet_gc.collect_while_read(app)
        app.run(pre_run=lambda: app.exit())
        assert cycle() is not None  # no pause on the way to the next question
    gc.collect()
    assert cycle() is None


def test_prompts_too_fast_to_read_collect_once_many_objects_wait():
    with quiet_gc.collect_between_keys():
        cycle = _garbage_cycle()
        quiet_gc.before_prompt()
        assert cycle() is not None  # a few objects wait for the next pause
        hoard = [[] for _ in range(quiet_gc.YOUNG_LIMIT)]
        quiet_gc.before_prompt()
        assert cycle() is None
        assert gc.get_count()[0] < quiet_gc.YOUNG_LIMIT
        del hoard


@pytest.mark.parametrize(("plain", "collector_on"), [(False, False), (True, True)])
def test_the_collector_waits_only_for_prompts_that_collect_while_read(monkeypatch, plain, collector_on):
    # Full prompts collect while they are read; numbered (plain) questions read a line and do not, so
    # during a plain walk the collector keeps running by itself.
    import io

    from meldcode_cli.output import context
    from meldcode_cli.tui import conversation, walkthrough

    seen = []
    monkeypatch.setattr(walkthrough, "walk_interactively", lambda *args: seen.append(gc.isenabled()))
    with context.using(context.decide("nl", plain=plain)):
        conversation.Conversation(io.StringIO(), separate_stream=False).converse(walk=None, observer=None)
    assert seen == [collector_on]
    assert gc.isenabled()

"""Keeps Python's cycle collector off the keypress path: start-up frozen, collections done while the user reads."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# Why: a walk at the terminal stalled 100-130 ms at a few keypresses: the cycle collector's full
# collections went over every object start-up had made (the libraries, prompt_toolkit, the flow),
# hundreds of thousands of them, none of which will ever be garbage. Frozen (gc.freeze), they are
# left out of every later collection. What stayed was the full collection of what the prompts made
# since (about 25 ms, once every 15 or so keys). So during the walk the collector does not start by
# itself: each prompt, once it is on the screen and the user reads it, collects (`collect_while_read`).
# A person needs far more than IDLE_SECONDS to read a question. Keys that come faster (pasted, or a
# script) only postpone it: once YOUNG_LIMIT objects wait, the next prompt first collects the young
# ones (all that is new since the last collection, as none are promoted while the collector is off),
# which costs about what one of the collector's own would; the next pause collects the rest.

IDLE_SECONDS = 0.15
# Container objects made since the last collection (gc's own count; a prompt makes about 4,000)
# beyond which the next prompt collects before it shows, whether or not anyone read the last one.
YOUNG_LIMIT = 25_000

_settled = False


def settle() -> None:
    """Once, before the first question: collect what start-up left behind, then freeze the rest."""
    global _settled
    if _settled or not hasattr(gc, "freeze"):
        return
    _settled = True
    gc.collect()
    gc.freeze()


@contextmanager
def collect_between_keys() -> Iterator[None]:
    """For a walk: the collector does not start on its own; prompts collect while they are read."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def before_prompt() -> None:
    """If prompts came too fast to be read (and so to collect), collect now, before the next shows."""
    if not gc.isenabled() and gc.get_count()[0] > YOUNG_LIMIT:
        gc.collect(0)


def collect_while_read(app: Any) -> None:
    """Once the prompt of `app` is drawn, collect after IDLE_SECONDS unless a key has ended it by then."""
    if gc.isenabled():  # outside a walk the collector runs as usual
        return

    def drawn(_: Any) -> None:
        app.after_render -= drawn
        # The prompt's own event loop: a prompt answered sooner closes it, and the call with it.
        app.loop.call_later(IDLE_SECONDS, gc.collect)

    app.after_render += drawn

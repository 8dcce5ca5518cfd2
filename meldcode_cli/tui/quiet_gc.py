"""Keeps Python's cycle collector off the keypress path: what start-up built is frozen before the first question."""

from __future__ import annotations

import gc

# Why: a walk at the terminal stalled 100-130 ms at a few keypresses: the cycle collector's full
# collections went over every object start-up had made (the libraries, prompt_toolkit, the flow),
# hundreds of thousands of them, none of which will ever be garbage. Frozen (gc.freeze), they are
# left out of every later collection, so one costs only what the prompts made since. The objects
# are not lost or leaked: they live as long as the process would keep them anyway.

_settled = False


def settle() -> None:
    """Once, before the first question: collect what start-up left behind, then freeze the rest."""
    global _settled
    if _settled or not hasattr(gc, "freeze"):
        return
    _settled = True
    gc.collect()
    gc.freeze()

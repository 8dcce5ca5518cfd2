"""prompt_toolkit's default key bindings built once per process instead of once per question."""

from __future__ import annotations

from functools import lru_cache

# Why: every question is a new prompt_toolkit Application (questionary makes three objects that
# each load the defaults), and loading the default key bindings (emacs, vi, mouse, cpr: some 600
# bindings) was most of the time between a keypress and the next question. The bindings are the
# same every time: what they do is decided when a key is pressed (their filters ask the running
# application), not when they are made, so one set can serve every prompt of the process.

_installed = False


def install() -> None:
    """Share the default key bindings between prompts (once; a no-op if prompt_toolkit changed)."""
    global _installed
    if _installed:
        return
    _installed = True
    try:
        from prompt_toolkit.application import application
    except ImportError:
        return
    for name in ("load_key_bindings", "load_page_navigation_bindings"):
        original = getattr(application, name, None)
        if callable(original):
            setattr(application, name, lru_cache(maxsize=1)(original))

"""SIGTERM ends a walk like Ctrl-C, wherever in the program it arrives, and always: saved, exit 130."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from typing import Any

# Python runs a signal handler in the main thread between two bytecodes of whatever runs there. An
# exception raised by the handler while that is a weakref callback, a __del__ method or a garbage
# collector callback (prompt_toolkit and asyncio run such callbacks all the time) is printed as
# "Exception ignored in ..." and dropped: the walk went on in about 8% of trials. So the handler
# raises nothing inside a prompt (the prompt's own event loop ends it, as Ctrl-C does), and when it
# does raise, a watchdog sends the signal again until the interruption has been taken.
REDELIVER_AFTER = 0.5  # seconds

_requested = False
_taken = False


def install() -> None:
    signal.signal(signal.SIGTERM, _on_sigterm)


def requested() -> bool:
    return _requested


def taken() -> None:
    """Called where an interruption is turned into "saved, exit 130": no further signal is needed."""
    global _taken
    if _requested:
        _taken = True


def _on_sigterm(_signum: int, _frame: object) -> None:
    global _requested
    if _taken:
        return  # already on its way out; let the message and the exit happen
    if not _requested:
        _requested = True
        threading.Thread(target=_watchdog, name="meldcode-sigterm", daemon=True).start()
    loop = _running_loop()
    if loop is not None:
        # Inside a prompt: the event loop runs the callback at its top level, never inside a
        # weakref callback, and the prompt gives the terminal back exactly as for Ctrl-C.
        loop.call_soon_threadsafe(_stop_prompt)
        return
    raise KeyboardInterrupt


def _running_loop() -> Any:
    asyncio = sys.modules.get("asyncio")  # not imported: no loop can be running
    if asyncio is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _stop_prompt() -> None:
    from prompt_toolkit.application.current import get_app_or_none

    app = get_app_or_none()
    if app is not None and app.is_running and app.future is not None and not app.future.done():
        app.exit(exception=KeyboardInterrupt, style="class:aborting")
        return
    raise KeyboardInterrupt


def _watchdog() -> None:
    while not _taken:
        time.sleep(REDELIVER_AFTER)
        if not _taken:
            os.kill(os.getpid(), signal.SIGTERM)

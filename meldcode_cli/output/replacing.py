"""An existing file is only replaced after a yes at the terminal, or --force in a script."""

from __future__ import annotations

import sys
from pathlib import Path

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.base.target_files import YES_WORDS
from meldcode_cli.output import context


def may_replace(path: Path, force: bool) -> None:
    """An existing file is replaced only when the user says so: asked in a terminal, --force in a script."""
    if force or not path.exists():
        return
    if not sys.stdin.isatty():
        raise MeldcodeError(
            "file_exists",
            Msg(
                f"{path} bestaat al. Kies een andere naam, of overschrijf het bestand met --force.",
                f"{path} already exists. Choose another name, or overwrite the file with --force.",
            ),
        )
    question = Msg(f"{path} bestaat al. Overschrijven? [j/N] ", f"{path} already exists. Overwrite? [y/N] ")
    sys.stderr.write(context.say(question))
    sys.stderr.flush()
    reply = sys.stdin.readline()
    if not reply:
        raise EOFError
    if reply.strip().lower() not in YES_WORDS:
        raise MeldcodeError(
            "not_replaced",
            Msg(f"Niets geschreven; {path} is gebleven zoals het was.", f"Nothing written; {path} was left as it was."),
        )

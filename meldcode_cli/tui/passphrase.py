"""The passphrase of an encrypted session: from MELDCODE_PASSPHRASE in scripts, else asked unseen at the terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.output import context


def passphrase_from_user() -> Callable[[], str]:
    """MELDCODE_PASSPHRASE for scripts; else asked unseen at the terminal; else a clear error."""
    lang = context.lang()

    def ask() -> str:
        from_env = os.environ.get("MELDCODE_PASSPHRASE")
        if from_env:
            return from_env
        if sys.stdin.isatty():
            import getpass

            return getpass.getpass(Msg("Wachtwoord van de sessie: ", "Session passphrase: ").get(lang))
        raise MeldcodeError(
            "needs_passphrase",
            Msg(
                "Deze sessie is versleuteld. Open hem in een terminal, of zet het wachtwoord in MELDCODE_PASSPHRASE.",
                "This session is encrypted. Open it in a terminal, or put the passphrase in MELDCODE_PASSPHRASE.",
            ),
        )

    return ask

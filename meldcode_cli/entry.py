"""The `meldcode` program's entry point: `--version` answered at once, everything else by cli/main.py."""

from __future__ import annotations

import sys


def main() -> None:
    # `meldcode --version` needs none of the command line's machinery (typer alone takes five
    # times as long to import as Python takes to start): it is answered before any of it loads.
    if sys.argv[1:] == ["--version"]:
        from meldcode_cli import __version__

        sys.stdout.write(f"meldcode {__version__}\n")
        return
    from meldcode_cli.cli.main import main as run_command_line

    run_command_line()

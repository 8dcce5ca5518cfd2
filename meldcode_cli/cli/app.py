"""The `meldcode` typer app: its settings and the global callback (--version, --lang); the command
groups are put on it by cli/main.py."""

# No `from __future__ import annotations`: typer reads these signatures on every start, and
# annotations that are objects already need no evaluating (half the time it takes to build a command).
import os
from typing import Annotated

import typer

from meldcode_cli import __version__
from meldcode_cli.cli import typer_params
from meldcode_cli.cli.options import LangOption, h

typer_params.install()  # before any command is parsed: keeps pydantic off the quick commands


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"meldcode {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help=h("Toon de versie.", "Show the version.")
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Meldcode huiselijk geweld en kindermishandeling."""
    if lang is not None:  # `meldcode --lang en run`: the language of every command that follows
        os.environ["MELDCODE_LANG"] = lang.strip().lower()


def new_app() -> typer.Typer:
    """The app with its global options and no commands yet."""
    app = typer.Typer(
        name="meldcode",
        help=h(
            "Meldcode huiselijk geweld en kindermishandeling: stap voor stap, offline, in het Nederlands.",
            "The Dutch reporting code for domestic violence and child abuse: step by step, offline.",
        ),
        no_args_is_help=True,
        # Tab completion of commands and options, installed with --install-completion.
        add_completion=True,
        context_settings={"help_option_names": ["--help", "-h"]},
        pretty_exceptions_enable=False,
        # Plain help text: it needs no rich import (half the start-up time of `--help`) and reads well
        # with a screen reader.
        rich_markup_mode=None,
    )
    app.callback()(_root)
    return app

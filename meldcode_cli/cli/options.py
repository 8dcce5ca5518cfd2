"""The options every command group shares (--lang, --json, --plain) and help texts in the language asked for."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from meldcode_cli.cli.words import requested_lang

# Help is built before the command line is parsed: its language comes from a first look at --lang.
HELP_LANG = requested_lang(sys.argv[1:])


def h(nl: str, en: str) -> str:
    """A help text in the language asked for with --lang (or MELDCODE_LANG)."""
    return en if HELP_LANG == "en" else nl


def check_lang(value: str | None) -> str | None:
    if value is not None and value.strip().lower() not in ("nl", "en"):
        raise typer.BadParameter(
            h(
                f"'{value}' is geen taal van meldcode; kies nl of en.",
                f"'{value}' is not a language of meldcode; choose nl or en.",
            )
        )
    return value


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="nl|en",
        callback=check_lang,
        help=h("Taal: nl (standaard) of en.", "Language: nl (default) or en."),
    ),
]
JsonOption = Annotated[
    bool,
    typer.Option("--json", help=h("Geef het resultaat als JSON op stdout.", "Print the result as JSON on stdout.")),
]
PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help=h(
            "Eenvoudige vragen met nummers, zonder kleur of kaders (schermlezers); ook vanzelf bij TERM=dumb.",
            "Simple numbered questions without colour or frames (screen readers); also automatic with TERM=dumb.",
        ),
    ),
]


def command_group() -> typer.Typer:
    """A command group's own commands, merged into the app by `app.add_typer` (it has no name of its own)."""
    return typer.Typer()

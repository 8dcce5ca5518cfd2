"""`meldcode flows`: list the built-in flows, or copy one out to adapt it."""

# No `from __future__ import annotations`: typer reads these signatures on every start, and
# annotations that are objects already need no evaluating (half the time it takes to build a command).
from pathlib import Path
from typing import Annotated

import typer

from meldcode_cli.base.i18n import Msg
from meldcode_cli.cli.exits import user_errors
from meldcode_cli.cli.options import LangOption, command_group, h
from meldcode_cli.output import context

group = command_group()


@group.command(
    help=h(
        "Toon de ingebouwde flows: id, sector, versie en titel; of kopieer er een met --export.",
        "List the built-in flows: id, sector, version and title; or copy one with --export.",
    )
)
def flows(
    export: Annotated[
        str | None,
        typer.Option(
            "--export",
            metavar="ID",
            help=h(
                "Schrijf deze ingebouwde flow (en zijn scenario's) naar een bestand om aan te passen.",
                "Write this built-in flow (and its scenarios) to a file to adapt.",
            ),
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar=h("BESTAND", "FILE"),
            help=h(
                "Met --export: de bestandsnaam (standaard ID.yaml hier).",
                "With --export: the file name (default ID.yaml here).",
            ),
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=h("Overschrijf bestaande bestanden zonder te vragen.", "Overwrite existing files without asking."),
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    with user_errors(lang):
        language = context.lang()
        if export is not None:
            from meldcode_cli.cli.flow_export import export as export_flow

            export_flow(export, output, force)
            return
        from rich.table import Table
        from rich.text import Text

        from meldcode_cli.flow.headers import headers
        from meldcode_cli.tui.conversation import make_console

        table = Table(
            Msg("id", "id").get(language),
            Msg("sector", "sector").get(language),
            Msg("versie", "version").get(language),
            Msg("titel", "title").get(language),
        )
        for header in headers():
            table.add_row(
                Text(header.id),
                Text(header.sector_in(language) or "—"),
                Text(header.version),
                Text(header.title_in(language)),
            )
        make_console().print(table)

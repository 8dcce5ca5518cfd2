"""`meldcode run`: walk through a flow, or replay an answers file."""

# No `from __future__ import annotations`: typer reads these signatures on every start, and
# annotations that are objects already need no evaluating (half the time it takes to build a command).
from pathlib import Path
from typing import Annotated

import typer

from meldcode_cli.cli.exits import user_errors
from meldcode_cli.cli.options import JsonOption, LangOption, PlainOption, command_group, h

group = command_group()


@group.command(
    help=h(
        "Doorloop de meldcode stap voor stap en krijg een advies.",
        "Walk through the meldcode step by step and get advice.",
    )
)
def run(
    flow: Annotated[
        str | None,
        typer.Argument(
            metavar="FLOW",
            help=h(
                "Ingebouwde flow (standaard: sociaal-werk) of pad naar een YAML-bestand.",
                "Built-in flow (default: sociaal-werk) or path to a YAML file.",
            ),
        ),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            "-a",
            metavar=h("BESTAND", "FILE"),
            help=h(
                "Antwoorden uit een YAML- of JSON-bestand; wat ontbreekt wordt gevraagd.",
                "Answers from a YAML or JSON file; what is missing is asked.",
            ),
        ),
    ] = None,
    as_json: JsonOption = False,
    reference: Annotated[
        str | None,
        typer.Option(
            "--reference",
            "-r",
            metavar=h("REFERENTIE", "REFERENCE"),
            help=h(
                "Zaakreferentie (pseudoniem of dossiernummer, geen naam); anders wordt ernaar gevraagd. "
                "Met --answers en zonder terminal wordt de sessie dan ook bewaard.",
                "Case reference (pseudonym or file number, not a name); asked otherwise. With --answers "
                "and no terminal the session is then saved too.",
            ),
        ),
    ] = None,
    encrypt: Annotated[
        bool,
        typer.Option(
            "--encrypt",
            help=h("Bewaar de sessie versleuteld met een wachtwoord.", "Save the session encrypted with a passphrase."),
        ),
    ] = False,
    plain: PlainOption = False,
    no_save: Annotated[
        bool,
        typer.Option(
            "--no-save",
            help=h("Bewaar niets (bijvoorbeeld om te oefenen).", "Save nothing (for practice, for instance)."),
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    with user_errors(lang, as_json, plain):
        from meldcode_cli.cli.run import run as run_walk

        run_walk(flow, answers, as_json, reference=reference, save=not no_save, encrypt=encrypt)

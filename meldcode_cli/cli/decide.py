"""`meldcode decide`: record what was decided and done after the advice."""

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
        "Leg vast wat er na het advies besloten en gedaan is: melding, hulp, overleg of afsluiten. In een terminal "
        "wordt het gevraagd; in een script met --decision en de andere opties.",
        "Record what was decided and done after the advice: report, help, consultation or closing. In a terminal "
        "it is asked; in a script with --decision and the other options.",
    )
)
def decide(
    session: Annotated[
        str, typer.Argument(metavar="ID", show_default=False, help=h("Id of zaakreferentie.", "Id or case reference."))
    ],
    kind: Annotated[
        str | None,
        typer.Option(
            "--decision",
            metavar="melding|hulp|overleg|afgesloten",
            help=h("Het besluit, zonder vragen (voor scripts).", "The decision, without questions (for scripts)."),
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar=h("DATUM", "DATE"),
            help=h("Wanneer het gebeurde (standaard vandaag).", "When it happened (default today)."),
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar=h("FUNCTIE", "ROLE"),
            help=h(
                "Wie het deed, als functie: zelf, aandachtsfunctionaris, collega, leidinggevende, wijkteam, "
                "andere_hulpverlener.",
                "Who did it, as a role: zelf, aandachtsfunctionaris, collega, leidinggevende, wijkteam, "
                "andere_hulpverlener.",
            ),
        ),
    ] = None,
    kenmerk: Annotated[
        str | None,
        typer.Option(
            "--kenmerk",
            metavar=h("KENMERK", "REFERENCE"),
            help=h("Het kenmerk van Veilig Thuis bij een melding.", "Veilig Thuis's reference number for a report."),
        ),
    ] = None,
    consulted_on: Annotated[
        str | None,
        typer.Option(
            "--consulted-on",
            metavar=h("DATUM", "DATE"),
            help=h(
                "Wanneer u met de aandachtsfunctionaris overlegde.", "When you consulted the aandachtsfunctionaris."
            ),
        ),
    ] = None,
    reasons: Annotated[
        str | None,
        typer.Option(
            "--reasons",
            metavar=h("TEKST", "TEXT"),
            help=h("De redenen (nodig bij afgesloten).", "The reasons (needed when closed)."),
        ),
    ] = None,
    follow_up: Annotated[
        str | None,
        typer.Option(
            "--follow-up",
            metavar=h("DATUM", "DATE"),
            help=h("Datum voor vervolg of opnieuw beoordelen.", "Date to follow up or weigh again."),
        ),
    ] = None,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics",
            metavar=h("BESTAND", "FILE"),
            help=h(
                "Schrijf een agenda-item (.ics) voor de vervolgdatum.",
                "Write an agenda item (.ics) for the follow-up date.",
            ),
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=h(
                "Overschrijf een bestaand agenda-bestand zonder te vragen.",
                "Overwrite an existing agenda file without asking.",
            ),
        ),
    ] = False,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    lang: LangOption = None,
) -> None:
    with user_errors(lang, as_json, plain):
        from meldcode_cli.cli.deciding import decide as record_decision

        record_decision(
            session,
            kind=kind,
            on=on,
            by=by,
            kenmerk=kenmerk,
            consulted_on=consulted_on,
            reasons=reasons,
            follow_up=follow_up,
            ics=ics,
            force=force,
            as_json=as_json,
        )

"""`meldcode` exercise, cases and class-report: the trainer's commands."""

# No `from __future__ import annotations`: typer reads these signatures on every start, and
# annotations that are objects already need no evaluating (half the time it takes to build a command).
from pathlib import Path
from typing import Annotated

import typer

from meldcode_cli.cli.exits import user_errors
from meldcode_cli.cli.options import LangOption, PlainOption, command_group, h

CaseArgument = Annotated[
    str,
    typer.Argument(
        metavar=h("CASUS", "CASE"),
        show_default=False,
        help=h(
            "Ingebouwde casus (zie 'meldcode cases') of pad naar een YAML-bestand.",
            "Built-in case (see 'meldcode cases') or path to a YAML file.",
        ),
    ),
]

group = command_group()


@group.command(
    help=h(
        "Toon de oefencasussen: id, titel en verwachte uitkomst.",
        "List the training cases: id, title and expected outcome.",
    )
)
def cases(
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar=h("MAP", "FOLDER"),
            show_default=False,
            help=h(
                "Een map met eigen casussen (standaard: de ingebouwde).",
                "A folder of your own cases (default: the built-in ones).",
            ),
        ),
    ] = None,
    hide_answers: Annotated[
        bool,
        typer.Option(
            "--voor-klas",
            "--hide-answers",
            help=h(
                "Om in de klas te tonen: alleen id en titel, zonder samenvatting en verwachte uitkomst.",
                "To show in class: only id and title, without the summary and the expected outcome.",
            ),
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    with user_errors(lang):
        from meldcode_cli.training.case_listing import builtin_cases_dir, remembered

        rows = remembered(folder if folder is not None else builtin_cases_dir())
        if rows is not None:  # the same files as last time: the list they gave, without checking again
            from meldcode_cli.output.case_table import cases_table
            from meldcode_cli.tui.conversation import make_console

            make_console().print(cases_table(rows, hide_answers))
            return
        from meldcode_cli.cli.trainer import list_cases

        list_cases(folder, hide_answers)


@group.command(
    help=h(
        "Oefen een casus: het verhaal komt stap voor stap, u kiest eerst zelf en krijgt dan feedback en een score.",
        "Practise a case: the story unfolds step by step, you choose first and then get feedback and a score.",
    )
)
def exercise(
    case: CaseArgument,
    feedback: Annotated[
        str,
        typer.Option(
            "--feedback",
            metavar="direct|end",
            help=h(
                "Feedback meteen na elk antwoord (direct, standaard) of pas aan het eind (end).",
                "Feedback right after each answer (direct, the default) or only at the end (end).",
            ),
        ),
    ] = "direct",
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            "-a",
            metavar=h("BESTAND", "FILE"),
            help=h(
                "Beoordeel de antwoorden in dit bestand (YAML of JSON), zonder vragen.",
                "Grade the answers in this file (YAML or JSON), without asking anything.",
            ),
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help=h("Met --answers: het resultaat als JSON op stdout.", "With --answers: the result as JSON on stdout."),
        ),
    ] = False,
    handout: Annotated[
        str | None,
        typer.Option(
            "--handout",
            metavar="md|html",
            help=h(
                "Maak lesmateriaal: het verhaal per stap en de vragen, om te printen.",
                "Make class material: the story by step and the questions, for printing.",
            ),
        ),
    ] = None,
    with_answers: Annotated[
        bool,
        typer.Option(
            "--with-answers",
            help=h(
                "Met --handout: ook de referentieantwoorden en de uitleg (voor de trainer).",
                "With --handout: include the reference answers and reasoning (for the trainer).",
            ),
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar=h("BESTAND", "FILE"),
            help=h(
                "Met --handout: schrijf naar dit bestand in plaats van naar het scherm.",
                "With --handout: write to this file instead of the screen.",
            ),
        ),
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save",
            metavar=h("BESTAND", "FILE"),
            help=h(
                "Bewaar uw antwoorden en score als JSON, om in te leveren voor 'meldcode class-report'.",
                "Keep your answers and score as JSON, to hand in for 'meldcode class-report'.",
            ),
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar=h("NAAM", "NAME"),
            help=h(
                "Uw naam of deelnemernummer in het bewaarde bestand.", "Your name or learner number in the saved file."
            ),
        ),
    ] = None,
    plain: PlainOption = False,
    lang: LangOption = None,
) -> None:
    with user_errors(lang, as_json, plain):
        from meldcode_cli.cli.trainer import exercise as run_exercise

        run_exercise(
            case,
            feedback=feedback,
            answers=answers,
            as_json=as_json,
            handout=handout,
            with_answers=with_answers,
            output=output,
            save=save,
            name=name,
        )


@group.command(
    name="class-report",
    help=h(
        "Klasoverzicht: lees de antwoordenbestanden in een map en toon per vraag hoe de groep antwoordde.",
        "Class overview: read the answers files in a folder and show per question how the group answered.",
    ),
)
def class_report(
    case: CaseArgument,
    folder: Annotated[
        Path,
        typer.Argument(
            metavar=h("MAP", "FOLDER"),
            show_default=False,
            help=h(
                "De map met de antwoordenbestanden van de deelnemers (.yaml, .yml, .json).",
                "The folder with the learners' answers files (.yaml, .yml, .json).",
            ),
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="md|csv|html",
            help=h(
                "Om te delen: Markdown, CSV of één HTML-pagina (standaard: een tabel op het scherm).",
                "For sharing: Markdown, CSV or one HTML page (default: a table on screen).",
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
                "Schrijf naar dit bestand (alleen voor u leesbaar); het formaat volgt de extensie als "
                "--format ontbreekt.",
                "Write to this file (readable by you alone); the format follows the extension when "
                "--format is missing.",
            ),
        ),
    ] = None,
    separator: Annotated[
        str,
        typer.Option(
            "--separator",
            metavar=";|,",
            help=h(
                "Scheidingsteken in CSV: ; (standaard, zoals een Nederlandse spreadsheet verwacht) of ,.",
                "Separator in CSV: ; (the default, as a Dutch spreadsheet expects) or ,.",
            ),
        ),
    ] = ";",
    lang: LangOption = None,
) -> None:
    with user_errors(lang):
        from meldcode_cli.cli.trainer import class_report as build_report

        build_report(case, folder, fmt, output, separator)

"""`meldcode` validate, test, graph and schema: the flow author's commands."""

# No `from __future__ import annotations`: typer reads these signatures on every start, and
# annotations that are objects already need no evaluating (half the time it takes to build a command).
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from meldcode_cli.cli.exits import ChecksFailed, user_errors
from meldcode_cli.cli.options import JsonOption, LangOption, command_group, h

PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar=h("PAD", "PATH"),
        show_default=False,
        help=h("Flowbestanden of mappen met flows.", "Flow files, or folders holding flows."),
    ),
]

group = command_group()


class DiagramFormat(StrEnum):
    mermaid = "mermaid"
    dot = "dot"


@group.command(
    help=h(
        "Controleer flows: fouten met bestand:regel, en bewijs de garanties over elke mogelijke weg.",
        "Check flows: problems with file:line, and prove the guarantees over every possible path.",
    )
)
def validate(
    paths: PathsArgument,
    as_json: JsonOption = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help=h(
                "Toon elke waarschuwing op een eigen regel (standaard: één regel per soort).",
                "Show every warning on a line of its own (default: one line per kind).",
            ),
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    with user_errors(lang, as_json):
        from meldcode_cli.output import checks_report
        from meldcode_cli.verify import validate as checks

        reports = checks.validate(paths)
        output = checks_report.as_json(reports) if as_json else checks_report.text(reports, verbose)
        sys.stdout.write(output + "\n")
        if checks.failed(reports):
            raise ChecksFailed


@group.command(
    name="test",
    help=h(
        "Draai de scenario's naast een flow en toon welke nodes en antwoorden geen scenario raakt.",
        "Run the scenarios next to a flow and show which nodes and answers no scenario reaches.",
    ),
)
def test_scenarios(paths: PathsArgument, as_json: JsonOption = False, lang: LangOption = None) -> None:
    with user_errors(lang, as_json):
        from meldcode_cli.output import scenario_report
        from meldcode_cli.verify import scenarios

        runs = scenarios.run_paths(paths)
        output = scenario_report.as_json(runs) if as_json else scenario_report.text(runs)
        sys.stdout.write(output + "\n")
        if not scenarios.passed(runs):
            raise ChecksFailed


@group.command(
    help=h(
        "Teken een flow als diagram (Mermaid of Graphviz DOT) op stdout.\n\nVoorbeeld: meldcode graph "
        "sociaal-werk --format dot > flow.dot",
        "Draw a flow as a diagram (Mermaid or Graphviz DOT) on stdout.\n\nExample: meldcode graph "
        "sociaal-werk --format dot > flow.dot",
    )
)
def graph(
    flow: Annotated[
        str,
        typer.Argument(
            metavar="FLOW",
            help=h("Ingebouwde flow of pad naar een YAML-bestand.", "Built-in flow or path to a YAML file."),
        ),
    ],
    format: Annotated[
        DiagramFormat, typer.Option("--format", "-f", help=h("Het formaat van het diagram.", "The diagram's format."))
    ] = DiagramFormat.mermaid,
    lang: LangOption = None,
) -> None:
    with user_errors(lang):
        from meldcode_cli.flow.loader import load_flow
        from meldcode_cli.output import graph as diagrams

        loaded = load_flow(flow)
        draw = diagrams.mermaid if format is DiagramFormat.mermaid else diagrams.dot
        sys.stdout.write(draw(loaded, source=flow))


@group.command(
    help=h(
        "Toon een JSON Schema: van het flowformaat (standaard) en de scenario- en casusbestanden, voor "
        "editors (YAML language server), of van een JSON-uitvoer, voor programma's die hem lezen.",
        "Print a JSON Schema: of the flow format (default) and of scenario and case files, for editors "
        "(the YAML language server), or of a JSON output, for programs that read it.",
    )
)
def schema(
    kind: Annotated[
        str,
        typer.Argument(
            metavar=h("SOORT", "KIND"),
            help=h(
                "flow (standaard), scenarios of case: de bestanden die u schrijft; result, validate, test, "
                "config, decision, grade, report of error: de JSON-uitvoer.",
                "flow (default), scenarios or case: the files you write; result, validate, test, config, "
                "decision, grade, report or error: the JSON output.",
            ),
        ),
    ] = "flow",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar=h("BESTAND", "FILE"),
            help=h(
                "Schrijf het schema naar een bestand in plaats van naar stdout.",
                "Write the schema to a file instead of stdout.",
            ),
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    with user_errors(lang):
        from meldcode_cli.output import schemas

        known = schemas.kinds()
        if kind not in known:
            from meldcode_cli.base.errors import MeldcodeError
            from meldcode_cli.base.i18n import Msg

            raise MeldcodeError(
                "unknown_schema",
                Msg(
                    f"Er is geen schema '{kind}'. Kies uit: {', '.join(known)}.",
                    f"There is no schema '{kind}'. Choose from: {', '.join(known)}.",
                ),
            )
        text = schemas.schema_text(kind)
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")

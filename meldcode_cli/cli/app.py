"""The `meldcode` command: parses arguments, calls the parts, prints, and maps errors to exit codes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from meldcode_cli import __version__
from meldcode_cli.base.errors import FileProblems, MeldcodeError
from meldcode_cli.base.i18n import Msg, choose_lang
from meldcode_cli.base.textsafety import clean
from meldcode_cli.cli import termination, typer_params
from meldcode_cli.cli.words import requested_lang

typer_params.install()  # before any command is parsed: keeps pydantic off the quick commands

EXIT_INTERRUPTED = 130

INTERRUPTED = Msg("\nOnderbroken.", "\nInterrupted.")

CRASHED = Msg(
    "Er ging iets mis in meldcode zelf ({kind}). Elk antwoord dat u al gaf, is bewaard; 'meldcode "
    "sessions' toont de sessie. Zet MELDCODE_DEBUG=1 voor de technische details.",
    "Something went wrong inside meldcode ({kind}). Every answer you gave is saved; 'meldcode sessions' "
    "shows the session. Set MELDCODE_DEBUG=1 for the technical details.",
)


# Help is built before the command line is parsed: its language comes from a first look at --lang.
HELP_LANG = requested_lang(sys.argv[1:])


def _h(nl: str, en: str) -> str:
    """A help text in the language asked for with --lang (or MELDCODE_LANG)."""
    return en if HELP_LANG == "en" else nl


def _check_lang(value: str | None) -> str | None:
    if value is not None and value.strip().lower() not in ("nl", "en"):
        raise typer.BadParameter(
            _h(
                f"'{value}' is geen taal van meldcode; kies nl of en.",
                f"'{value}' is not a language of meldcode; choose nl or en.",
            )
        )
    return value


app = typer.Typer(
    name="meldcode",
    help=_h(
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

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="nl|en",
        callback=_check_lang,
        help=_h("Taal: nl (standaard) of en.", "Language: nl (default) or en."),
    ),
]
JsonOption = Annotated[
    bool,
    typer.Option("--json", help=_h("Geef het resultaat als JSON op stdout.", "Print the result as JSON on stdout.")),
]
PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help=_h(
            "Eenvoudige vragen met nummers, zonder kleur of kaders (schermlezers); ook vanzelf bij TERM=dumb.",
            "Simple numbered questions without colour or frames (screen readers); also automatic with TERM=dumb.",
        ),
    ),
]


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"meldcode {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help=_h("Toon de versie.", "Show the version.")
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Meldcode huiselijk geweld en kindermishandeling."""
    if lang is not None:  # `meldcode --lang en run`: the language of every command that follows
        os.environ["MELDCODE_LANG"] = lang.strip().lower()


def error_payload(exc: MeldcodeError, lang: str) -> dict[str, object]:
    payload: dict[str, object] = {"code": exc.code, "message": clean(exc.text(lang))}
    payload.update(exc.data)
    if isinstance(exc, FileProblems):
        payload["problems"] = [
            {"file": clean(p.file), "line": p.line, "code": p.code, "message": clean(p.message.get(lang))}
            for p in exc.problems
        ]
    return payload


@contextmanager
def user_errors(lang: str, as_json: bool = False) -> Iterator[None]:
    """Turn the errors a user can fix into a message and exit code 1, and Ctrl-C into exit 130."""
    try:
        yield
    except MeldcodeError as exc:
        if exc.exit_code == EXIT_INTERRUPTED:
            termination.taken()
        if as_json:
            sys.stdout.write(json.dumps({"error": error_payload(exc, lang)}, ensure_ascii=False) + "\n")
        else:
            # A message may name a file or repeat a key from one: never an escape code.
            sys.stderr.write(clean(exc.text(lang)) + "\n")
        raise typer.Exit(exc.exit_code) from None
    except (KeyboardInterrupt, EOFError):
        termination.taken()
        sys.stderr.write(INTERRUPTED.get(lang) + "\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except BrokenPipeError:
        # Whoever read our output stopped early (`meldcode sessions | head`): nothing went wrong and
        # nothing is lost. Later writes go nowhere, so Python's own flush at exit stays quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    except Exception as exc:
        if os.environ.get("MELDCODE_DEBUG"):
            raise
        # Only the kind of error: its text may hold what the user typed, and it goes no further.
        sys.stderr.write(CRASHED.format(kind=type(exc).__name__).get(lang) + "\n")
        raise typer.Exit(1) from None


@app.command(
    help=_h(
        "Doorloop de meldcode stap voor stap en krijg een advies.",
        "Walk through the meldcode step by step and get advice.",
    )
)
def run(
    flow: Annotated[
        str | None,
        typer.Argument(
            metavar="FLOW",
            help=_h(
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
            metavar=_h("BESTAND", "FILE"),
            help=_h(
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
            metavar=_h("REFERENTIE", "REFERENCE"),
            help=_h(
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
            help=_h(
                "Bewaar de sessie versleuteld met een wachtwoord.", "Save the session encrypted with a passphrase."
            ),
        ),
    ] = False,
    plain: PlainOption = False,
    no_save: Annotated[
        bool,
        typer.Option(
            "--no-save",
            help=_h("Bewaar niets (bijvoorbeeld om te oefenen).", "Save nothing (for practice, for instance)."),
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    language = choose_lang(lang)
    with user_errors(language, as_json):
        from meldcode_cli.cli.run import run as run_walk

        run_walk(flow, answers, as_json, language, reference=reference, save=not no_save, encrypt=encrypt, plain=plain)


@app.command(
    help=_h(
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
            help=_h(
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
            metavar=_h("BESTAND", "FILE"),
            help=_h(
                "Met --export: de bestandsnaam (standaard ID.yaml hier).",
                "With --export: the file name (default ID.yaml here).",
            ),
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=_h("Overschrijf bestaande bestanden zonder te vragen.", "Overwrite existing files without asking."),
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    language = choose_lang(lang)
    with user_errors(language):
        if export is not None:
            from meldcode_cli.flow.export import export as export_flow

            export_flow(export, output, force, language)
            return
        from rich.table import Table
        from rich.text import Text

        from meldcode_cli.flow.catalog import headers
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


# The other command groups register themselves on `app`; each keeps its heavy imports inside its
# commands so that `meldcode --help` stays fast.
from meldcode_cli.cli import authoring, config, decide, sessions, training  # noqa: E402,F401


def main() -> None:
    # A terminal or pipe that cannot show a character gets '?' rather than a crash (LANG=C, latin-1).
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    # SIGTERM ends a walk like Ctrl-C: the prompt gives the terminal back and says how to resume.
    termination.install()
    sys.argv[1:] = sessions.with_bare_at(sys.argv[1:])
    from meldcode_cli.cli.words import install, show_error, words_for

    words = words_for(HELP_LANG)
    install(words)
    try:
        code = app(standalone_mode=False)
    except typer.Abort:
        sys.stderr.write(words.gettext("Aborted!") + "\n")
        code = 1
    except Exception as exc:  # the library's usage errors, shown in the user's words
        if not hasattr(exc, "format_message") or not hasattr(exc, "exit_code"):
            raise
        show_error(exc, words)
        code = exc.exit_code
    except SystemExit as done:
        code = done.code
    if termination.requested() and code in (0, None):
        # The signal came as the command was ending anyway: it still ends as interrupted.
        termination.taken()
        sys.stderr.write(INTERRUPTED.get(choose_lang(None)) + "\n")
        code = EXIT_INTERRUPTED
    sys.exit(code if isinstance(code, int) else 0)

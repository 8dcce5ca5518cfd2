"""`meldcode` sessions, resume and report: the commands around saved sessions."""

# No `from __future__ import annotations`: typer reads these signatures on every start, and
# annotations that are objects already need no evaluating (half the time it takes to build a command).
import sys
from pathlib import Path
from typing import Annotated

import typer

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.cli.exits import user_errors
from meldcode_cli.cli.options import LangOption, PlainOption, command_group, h
from meldcode_cli.output import context
from meldcode_cli.tui.passphrase import passphrase_from_user

REPORT_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}

group = command_group()


@group.command(help=h("Toon de bewaarde sessies, of verwijder ze.", "List the saved sessions, or delete them."))
def sessions(
    delete: Annotated[
        str | None,
        typer.Option(
            "--delete",
            metavar="ID",
            help=h(
                "Verwijder deze sessie (overschrijven, dan wissen).", "Delete this session (overwrite, then remove)."
            ),
        ),
    ] = None,
    purge_older_than: Annotated[
        int | None,
        typer.Option(
            "--purge-older-than",
            metavar=h("DAGEN", "DAYS"),
            min=0,
            help=h(
                "Verwijder sessies die langer dan zoveel dagen niet zijn gewijzigd.",
                "Delete sessions not changed for more than this many days.",
            ),
        ),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes", "-y", help=h("Verwijder zonder te vragen (voor scripts).", "Delete without asking (for scripts).")
        ),
    ] = False,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help=h(
                "Toon alle sessies (standaard de 50 laatst gewijzigde).",
                "List every session (by default the 50 most recently changed).",
            ),
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    with user_errors(lang):
        language = context.lang()
        from meldcode_cli.output.sessions_view import SHOWN, listing_table, no_sessions
        from meldcode_cli.sessions.index import sessions_folder

        if delete is None and purge_older_than is None and not sessions_folder().is_dir():
            # Nothing saved yet: no folder to check, no store to open, no table to draw (nor rich to load).
            sys.stdout.write(no_sessions() + "\n")
            return
        from meldcode_cli.tui.conversation import make_console

        console = make_console()
        from meldcode_cli.sessions.store import SessionStore

        store = SessionStore()
        if delete is not None:
            from meldcode_cli.cli.deleting import confirm_delete, described

            session_id = store.find(delete)
            what = described(store, session_id)
            confirm_delete([what], yes)
            store.delete(session_id)
            console.print(Msg(f"Verwijderd: {what}.", f"Deleted: {what}.").get(language), markup=False)
            return
        if purge_older_than is not None:
            from meldcode_cli.cli.deleting import confirm_delete, deleted_message, described

            stale = store.stale(purge_older_than)
            whats = {session_id: described(store, session_id) for session_id in stale}
            if whats:
                confirm_delete(list(whats.values()), yes)
            result = store.purge(purge_older_than)
            gone = [whats.get(session_id) or described(store, session_id) for session_id in result.gone]
            if gone or not result.in_use:
                lines = [deleted_message(len(result.gone), gone)]
            else:
                lines = [Msg("Geen sessies verwijderd.", "No sessions deleted.").get(language)]
            if result.in_use:
                lines.append(
                    Msg(
                        f"Overgeslagen omdat ze in een ander venster open zijn: {', '.join(result.in_use)}.",
                        f"Skipped because they are open in another window: {', '.join(result.in_use)}.",
                    ).get(language)
                )
            if result.failed:
                lines.append(
                    Msg(
                        f"Niet verwijderd (zie 'meldcode sessions'): {', '.join(result.failed)}.",
                        f"Not deleted (see 'meldcode sessions'): {', '.join(result.failed)}.",
                    ).get(language)
                )
            for line in lines:
                console.print(line, markup=False, highlight=False)
            return
        # From the index beside the records (sessions_index.py): no record is read whole.
        console.print(listing_table(store.listing(), None if show_all else SHOWN))


@group.command(
    help=h(
        "Ga verder met een bewaarde sessie, precies waar u stopte.",
        "Continue a saved session exactly where you stopped.",
    )
)
def resume(
    session: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help=h(
                "Id of zaakreferentie; standaard de laatst gewijzigde open sessie.",
                "Id or case reference; default the most recently changed open session.",
            ),
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar=h("VRAAG", "QUESTION"),
            help=h(
                "Ga terug naar deze vraag om het antwoord te wijzigen: het nummer in de lijst, woorden uit de "
                "vraag of de id. Zonder waarde kiest u uit de beantwoorde vragen.",
                "Go back to this question to change its answer: its number in the list, words from the "
                "question, or its id. Without a value you choose from the questions answered.",
            ),
        ),
    ] = None,
    plain: PlainOption = False,
    lang: LangOption = None,
) -> None:
    with user_errors(lang, plain=plain):
        from meldcode_cli.cli.resume import resume as resume_session

        resume_session(session, at)


@group.command(help=h("Maak het verslag van een sessie voor het dossier.", "Make a session's record for the file."))
def report(
    session: Annotated[str, typer.Argument(metavar="ID", help=h("Id of zaakreferentie.", "Id or case reference."))],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="md|html|json",
            help=h(
                "Formaat (standaard md, of volgens de extensie van -o).",
                "Format (default md, or following the extension of -o).",
            ),
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar=h("BESTAND", "FILE"),
            help=h(
                "Schrijf naar dit bestand (alleen voor u leesbaar) in plaats van naar het scherm; .md, .html of "
                ".json kiest het formaat.",
                "Write to this file (readable by you alone) instead of the screen; .md, .html or .json chooses "
                "the format.",
            ),
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=h("Overschrijf een bestaand bestand zonder te vragen.", "Overwrite an existing file without asking."),
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    if fmt is not None and fmt not in REPORT_FORMATS.values():
        raise typer.BadParameter(h("kies md, html of json", "choose md, html or json"), param_hint="--format")
    with user_errors(lang):
        language = context.lang()
        from meldcode_cli.base.private_files import write_private
        from meldcode_cli.base.target_files import check_writable, format_from_suffix
        from meldcode_cli.cli.resume import rebuild
        from meldcode_cli.output import report as dossier
        from meldcode_cli.output.replacing import may_replace
        from meldcode_cli.sessions.store import SessionStore

        if output is not None:
            fmt = fmt or format_from_suffix(output, REPORT_FORMATS)
            check_writable(output)
            may_replace(output, force)
        store = SessionStore()
        record, _ = store.load(store.find(session), passphrase_from_user())
        text = dossier.write(record, rebuild(record), fmt or "md")
        if output is None:
            sys.stdout.write(text)
            return
        try:
            write_private(output, text)
        except OSError as exc:
            raise MeldcodeError(
                "write_failed",
                Msg(
                    f"{output} kan niet worden geschreven ({exc.strerror}).",
                    f"{output} cannot be written ({exc.strerror}).",
                ),
            ) from None
        sys.stderr.write(Msg(f"Verslag geschreven naar {output}.\n", f"Report written to {output}.\n").get(language))

"""The one place that maps how a command ended (an error, Ctrl-C, a usage error, a failed check) to
what the user reads and to the exit code."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from meldcode_cli.base import json_format
from meldcode_cli.base.errors import FileProblems, MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.base.textsafety import clean
from meldcode_cli.cli import termination
from meldcode_cli.output import context

EXIT_OK = 0
EXIT_FAILED = 1  # a user error, a failed check, a crash
EXIT_INTERRUPTED = 130  # Ctrl-C, SIGTERM, the end of input: what was given is saved

INTERRUPTED = Msg("\nOnderbroken.", "\nInterrupted.")

CRASHED = Msg(
    "Er ging iets mis in meldcode zelf ({kind}). Elk antwoord dat u al gaf, is bewaard; 'meldcode "
    "sessions' toont de sessie. Zet MELDCODE_DEBUG=1 voor de technische details.",
    "Something went wrong inside meldcode ({kind}). Every answer you gave is saved; 'meldcode sessions' "
    "shows the session. Set MELDCODE_DEBUG=1 for the technical details.",
)


class ChecksFailed(Exception):
    """A check or scenario failed: the report already printed says which, so nothing more is said."""


def error_payload(exc: MeldcodeError) -> dict[str, object]:
    lang = context.lang()
    payload: dict[str, object] = {"code": exc.code, "message": clean(exc.text(lang))}
    payload.update(exc.data)
    if isinstance(exc, FileProblems):
        payload["problems"] = [
            {"file": clean(p.file), "line": p.line, "code": p.code, "message": clean(p.message.get(lang))}
            for p in exc.problems
        ]
        if exc.problems:  # where to look first, without reading the list
            payload.setdefault("file", clean(exc.problems[0].file))
            payload.setdefault("line", exc.problems[0].line)
    return payload


def _json_error(payload: dict[str, object]) -> None:
    """The one envelope of every error in --json mode (its schema: error.schema.json), on stdout."""
    sys.stdout.write(json.dumps(json_format.tagged(json_format.ERROR, {"error": payload}), ensure_ascii=False) + "\n")


def exit_code(exc: BaseException, as_json: bool = False) -> int:
    """Say what the user must know of how a command ended (in the language of its display), and return
    its exit code. Anything not known here is a crash (re-raised with MELDCODE_DEBUG set)."""
    lang = context.lang()
    if isinstance(exc, ChecksFailed):
        return EXIT_FAILED
    if isinstance(exc, MeldcodeError):
        if exc.exit_code == EXIT_INTERRUPTED:
            termination.taken()
        if as_json:
            _json_error(error_payload(exc))
        else:
            # A message may name a file or repeat a key from one: never an escape code.
            sys.stderr.write(clean(exc.text(lang)) + "\n")
        return exc.exit_code
    if isinstance(exc, (KeyboardInterrupt, EOFError)):
        termination.taken()
        if as_json:  # a tool reading stdout learns why no result came
            _json_error({"code": "interrupted", "message": INTERRUPTED.get(lang).strip()})
        sys.stderr.write(INTERRUPTED.get(lang) + "\n")
        return EXIT_INTERRUPTED
    if isinstance(exc, BrokenPipeError):
        # Whoever read our output stopped early (`meldcode sessions | head`): nothing went wrong and
        # nothing is lost. Later writes go nowhere, so Python's own flush at exit stays quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    if isinstance(exc, typer.Abort):
        from meldcode_cli.cli.words import requested_lang, words_for

        sys.stderr.write(words_for(requested_lang(sys.argv[1:])).gettext("Aborted!") + "\n")
        return EXIT_FAILED
    if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
        # The command-line library's usage errors (exit 2), shown as it shows them, in the user's words.
        from meldcode_cli.cli.words import error_message, requested_lang, show_error, words_for

        words = words_for(requested_lang(sys.argv[1:]))
        if as_json:
            _json_error({"code": "usage_error", "message": error_message(exc, words)})
        show_error(exc, words)  # the usage and the hint too, for the person who wrote the command line
        return int(exc.exit_code)
    if isinstance(exc, Exception) and not os.environ.get("MELDCODE_DEBUG"):
        # Only the kind of error: its text may hold what the user typed, and it goes no further.
        crashed = CRASHED.format(kind=type(exc).__name__).get(lang)
        if as_json:  # a tool reading stdout still gets one object it can parse
            _json_error({"code": "internal_error", "message": crashed})
        sys.stderr.write(crashed + "\n")
        return EXIT_FAILED
    raise exc


@contextmanager
def user_errors(lang: str | None, as_json: bool = False, plain: bool = False) -> Iterator[None]:
    """Around a command's work: its display (language, plain mode, JSON) decided once from its options,
    for everything it calls; whatever ends it is said and turned into its exit code by exit_code()."""
    with context.using(context.decide(lang, plain, as_json)):
        try:
            yield
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except (Exception, KeyboardInterrupt) as exc:
            raise typer.Exit(exit_code(exc, as_json)) from None


def ended(code: object) -> int:
    """The exit code of a finished command line: a SIGTERM that came as it ended still ends it as
    interrupted."""
    if termination.requested() and code in (0, None):
        termination.taken()
        sys.stderr.write(context.say(INTERRUPTED) + "\n")
        return EXIT_INTERRUPTED
    return code if isinstance(code, int) else EXIT_OK

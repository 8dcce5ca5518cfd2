"""The whole command line: every command group put on the app, the argument fixes made before
parsing, and the run of the one command asked for."""

from __future__ import annotations

import copy
import inspect
import os
import sys
from functools import cache
from importlib import import_module

import typer

# Each command and the module of its group, in the order `meldcode --help` lists them.
GROUPS = {
    "run": "walk",
    "flows": "flows",
    "validate": "authoring",
    "test": "authoring",
    "graph": "authoring",
    "schema": "authoring",
    "config": "config",
    "decide": "decide",
    "sessions": "sessions",
    "resume": "sessions",
    "report": "sessions",
    "cases": "training",
    "exercise": "training",
    "class-report": "training",
}

# Global options that take a value, so the word after them is not the command.
VALUED_OPTIONS = ("--lang",)


def build(modules: list[str]) -> typer.Typer:
    """The app with the commands of these groups (modules of cli/)."""
    from meldcode_cli.cli.app import new_app

    app = new_app()
    for module in modules:
        app.add_typer(import_module(f"meldcode_cli.cli.{module}").group)
    return app


@cache
def whole() -> typer.Typer:
    """The app with every command (help, completion, tests)."""
    return build(list(dict.fromkeys(GROUPS.values())))


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # `from meldcode_cli.cli.main import app`: the whole command line
        return whole()
    raise AttributeError(name)


def _without_lang(argv: list[str]) -> list[str]:
    rest: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in VALUED_OPTIONS:
            skip = True
        elif not arg.startswith("--lang="):
            rest.append(arg)
    return rest


def command_in(argv: list[str]) -> str | None:
    """The command a command line asks for, or None when it asks for the whole app (the help, a
    global option other than --lang, a word that is no command)."""
    rest = _without_lang(argv)
    if not rest or rest[0].startswith("-"):
        return None
    return rest[0] if rest[0] in GROUPS else None


def only_help(argv: list[str]) -> bool:
    """`meldcode`, `meldcode --help` (with --lang or not): the list of commands, nothing else."""
    return all(arg in ("--help", "-h") for arg in _without_lang(argv))


def _listed(group: typer.Typer) -> typer.Typer:
    """A group's commands as the list of commands shows them (name, help, hidden): without their
    parameters, which typer would otherwise read from every signature only to list the names."""
    listed = typer.Typer()
    for info in group.registered_commands:
        stub = copy.copy(info)
        callback = info.callback
        assert callback is not None
        stub.name = info.name or typer.main.get_command_name(callback.__name__)
        stub.help = info.help if info.help is not None else inspect.getdoc(callback)
        stub.callback = _listed_only
        listed.registered_commands.append(stub)
    return listed


def _listed_only() -> None:  # pragma: no cover - a listed command is shown, never run
    raise AssertionError("a command of the help listing was run")


def app_for(argv: list[str]) -> typer.Typer:
    """Only the group of the command asked for: typer then builds a handful of commands from their
    signatures instead of all of them, and the other groups' modules are never imported. Typos
    (which get a 'did you mean') and shell completion see the whole app; the list of commands
    (`meldcode --help`) sees every command's name and help, without its parameters."""
    if any(key.endswith("_COMPLETE") for key in os.environ):
        return whole()
    command = command_in(argv)
    if command is not None:
        return build([GROUPS[command]])
    if only_help(argv):
        from meldcode_cli.cli.app import new_app

        app = new_app()
        for module in dict.fromkeys(GROUPS.values()):
            app.add_typer(_listed(import_module(f"meldcode_cli.cli.{module}").group))
        return app
    return whole()


def with_bare_at(argv: list[str]) -> list[str]:
    """`resume --at` without a question means: choose it from a list. The parser needs a value, so a
    bare `--at` gets the value that asks for the list."""
    if "resume" not in argv:
        return argv
    fixed = list(argv)
    for i, arg in enumerate(fixed):
        if arg == "--at" and (i + 1 == len(fixed) or fixed[i + 1].startswith("-")):
            fixed[i] = "--at=?"
    return fixed


def main() -> None:
    from meldcode_cli.cli import exits, termination
    from meldcode_cli.cli.options import HELP_LANG
    from meldcode_cli.cli.words import install, words_for

    # A terminal or pipe that cannot show a character gets '?' rather than a crash (LANG=C, latin-1).
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    # SIGTERM ends a walk like Ctrl-C: the prompt gives the terminal back and says how to resume.
    termination.install()
    sys.argv[1:] = with_bare_at(sys.argv[1:])
    install(words_for(HELP_LANG))
    try:
        code = app_for(sys.argv[1:])(standalone_mode=False)
    except SystemExit as done:
        code = done.code
    except typer.Abort as exc:
        code = _said(exc)
    except Exception as exc:  # the library's usage errors, shown in the user's words
        if not hasattr(exc, "format_message") or not hasattr(exc, "exit_code"):
            raise
        code = _said(exc)
    sys.exit(exits.ended(code))


def _said(exc: BaseException) -> int:
    """How the command line itself ended (before any command ran): said in the language of its help."""
    from meldcode_cli.cli import exits
    from meldcode_cli.cli.options import HELP_LANG
    from meldcode_cli.output import context

    with context.using(context.decide(HELP_LANG)):
        return exits.exit_code(exc, as_json=asks_json(sys.argv[1:]))


def asks_json(argv: list[str]) -> bool:
    """Whether the command line asks for JSON, known before it is parsed: a usage error then comes as
    the JSON error envelope too, so that a script reading stdout always gets one object."""
    return "--json" in argv[: argv.index("--")] if "--" in argv else "--json" in argv

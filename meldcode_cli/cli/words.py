"""The command-line library's own words (usage, headings, option help, errors) in the user's language,
read from a gettext catalog shipped in meldcode_cli/locale; and the language asked for on the command line."""

from __future__ import annotations

import gettext
import importlib
import os
import re
import sys
from functools import partial
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "click"
LANGS = ("nl", "en")


def requested_lang(argv: list[str], environ: Any = os.environ) -> str:
    """The language for help and usage errors, known before the command line is parsed: --lang wins
    (anywhere on the line), then MELDCODE_LANG, then Dutch. A wrong value is reported by --lang itself."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = (
            arg[len("--lang=") :]
            if arg.startswith("--lang=")
            else (argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        )
        if value is not None and value.strip().lower() in LANGS:
            return value.strip().lower()
    env = (environ.get("MELDCODE_LANG") or "").strip().lower()
    return env if env in LANGS else "nl"


class Words:
    """A catalog: exact strings, and whole messages matched against entries with {placeholders}."""

    def __init__(self, translations: gettext.NullTranslations) -> None:
        self.translations = translations
        self._patterns: list[tuple[re.Pattern[str], str]] | None = None

    @property
    def patterns(self) -> list[tuple[re.Pattern[str], str]]:
        # Built on the first error only: a command that succeeds never pays for the regular expressions.
        if self._patterns is None:
            catalog = getattr(self.translations, "_catalog", {})
            patterns = [
                (self._regex(msgid), msgstr)
                for msgid, msgstr in catalog.items()
                if isinstance(msgid, str) and "{" in msgid
            ]
            # Entries that open with fixed words first ("Error: {message}" before "{value} is not …"),
            # so that an outer message is peeled before an inner one; then the most fixed text first.
            patterns.sort(
                key=lambda p: (p[0].pattern.startswith("(?P<"), -len(re.sub(r"\(\?P<\w+>\.\+\?\)", "", p[0].pattern)))
            )
            self._patterns = patterns
        return self._patterns

    @staticmethod
    def _regex(msgid: str) -> re.Pattern[str]:
        parts = re.split(r"\{(\w+)(?:![rs])?\}", msgid)
        pattern = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
        return re.compile(pattern, re.S)

    def gettext(self, text: str) -> str:
        return self.translations.gettext(text)

    def message(self, text: str) -> str:
        """A message as the library composed it, in the catalog's language (unchanged if unknown)."""
        exact = self.translations.gettext(text)
        if exact != text:
            return exact
        for regex, msgstr in self.patterns:
            found = regex.fullmatch(text)
            if found is None:
                continue
            values = {
                name: self.message(value) if name == "message" else value for name, value in found.groupdict().items()
            }
            return re.sub(r"\{(\w+)(?:![rs])?\}", partial(_filled, values), msgstr)
        return text


def _filled(values: dict[str, str], placeholder: re.Match[str]) -> str:
    """A {placeholder} of a catalog entry, filled with the value found in the library's message."""
    return values.get(placeholder.group(1), placeholder.group(0))


def words_for(lang: str) -> Words:
    if lang == "en":
        return Words(gettext.NullTranslations())
    return Words(gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True))


def _click() -> Any:
    """The library typer runs on: its own copy in recent releases, click itself before."""
    try:
        return importlib.import_module("typer._click")
    except ImportError:  # pragma: no cover - older typer on click
        return importlib.import_module("click")


def install(words: Words) -> None:
    """Route the library's help words through the catalog. typer asks gettext (`_`) for its headings;
    the usage line and the option help are put into words by the help formatter."""
    import typer.core

    click = _click()
    if hasattr(typer.core, "_"):
        typer.core._ = words.gettext
    base = click.formatting.HelpFormatter

    class Formatter(base):  # type: ignore[misc, valid-type]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            for english in ("COMMAND [ARGS]...", "[OPTIONS]"):
                args = args.replace(english, words.gettext(english))
            super().write_usage(prog, args, words.gettext("Usage: ") if prefix is None else prefix)

        def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
            super().write_dl(
                [(_term_words(words, term), _help_words(words, text)) for term, text in rows], *args, **kwargs
            )

    click.core.Context.formatter_class = Formatter


def _term_words(words: Words, term: str) -> str:
    """An argument as listed: 'ID <str>' → 'ID <tekst>' (the kind of value it takes)."""
    for english in ("<str>", "<int>", "<path>"):
        if term.endswith(english):
            return term[: -len(english)] + words.gettext(english)
    return term


def _help_words(words: Words, text: str) -> str:
    """An option's help: the library's sentences and the '[default: …]' / '[required]' notes."""
    for english in (
        "Show this message and exit.",
        "Install completion for the current shell.",
        "Show completion for the current shell, to copy it or customize the installation.",
    ):
        if english in text:
            text = text.replace(english, words.gettext(english))
    return text


def error_message(exc: Any, words: Words) -> str:
    """What a usage error says, without the usage around it, in the catalog's words."""
    return words.message(exc.format_message())


def show_error(exc: Any, words: Words) -> None:
    """A usage error as the library shows it (usage line, hint, 'Error: …'), in the catalog's words."""
    out = sys.stderr
    ctx = getattr(exc, "ctx", None)
    click = _click()
    if isinstance(exc, click.exceptions.UsageError) and ctx is not None:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `meldcode` alone: the help, nothing more
            out.write(ctx.get_help() + "\n")
            return
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = words.message(f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help.") + "\n"
        out.write(f"{ctx.get_usage()}\n{hint}\n")
    out.write(words.message(f"Error: {exc.format_message()}") + "\n")

"""What `meldcode validate` and `meldcode test` say about a flow's problems: lines for a person, JSON for a script."""

from __future__ import annotations

import json
from typing import Any

from meldcode_cli.base import json_format
from meldcode_cli.base.i18n import Msg, plural
from meldcode_cli.output import context
from meldcode_cli.verify import validate
from meldcode_cli.verify.diagnostics import ERROR, WARNING, Diagnostic, Example, yaml_value
from meldcode_cli.verify.validate import FileReport


def text(reports: list[FileReport], verbose: bool = False) -> str:
    """Errors first, each on its own line; then the warnings, one line per file and code (every one
    with `verbose`): forty missing translations must not bury the one real error. Then one line per
    file and a total."""
    lang = context.lang()
    lines = [diagnostic_text(d) for r in reports for d in r.diagnostics if d.severity == ERROR]
    lines += _warning_lines(reports, verbose)
    if lines:
        lines.append("")
    lines += [_file_line(r) for r in reports if not r.errors]
    if not reports:
        lines.append(Msg("Geen flowbestanden gevonden.", "No flow files found.").get(lang))
    elif any(r.errors for r in reports):
        lines.append(_total(reports))
    return "\n".join(lines)


def _warning_lines(reports: list[FileReport], verbose: bool) -> list[str]:
    lang = context.lang()
    lines: list[str] = []
    grouped = False
    for r in reports:
        found = [d for d in r.diagnostics if d.severity != ERROR]
        if verbose:
            lines += [diagnostic_text(d) for d in found]
            continue
        by_code: dict[tuple[str, str], list[Diagnostic]] = {}
        for d in found:
            by_code.setdefault((d.file, d.code), []).append(d)
        for same in by_code.values():
            lines.append(diagnostic_text(same[0]) + _more(same[1:]))
            grouped = grouped or len(same) > 1
    if grouped:
        lines.append(
            Msg(
                "(Herhaalde waarschuwingen staan samen op één regel; alle regels: --verbose.)",
                "(Repeated warnings share one line; every line: --verbose.)",
            ).get(lang)
        )
    return lines


def _file_line(r: FileReport) -> str:
    """A file without errors: in order, with its warnings and the guarantees proved counted."""
    lang = context.lang()
    proved = (
        plural(
            r.proved,
            Msg("; 1 garantie bewezen over alle mogelijke wegen", "; 1 guarantee proved over every possible path"),
            Msg(
                "; {n} garanties bewezen over alle mogelijke wegen",
                "; {n} guarantees proved over every possible path",
            ),
        ).get(lang)
        if r.guarantees
        else ""
    )
    warned = (
        plural(
            r.warnings, Msg(" (1 waarschuwing)", " (1 warning)"), Msg(" ({n} waarschuwingen)", " ({n} warnings)")
        ).get(lang)
        if r.warnings
        else ""
    )
    return Msg(f"{r.file}: in orde{warned}{proved}.", f"{r.file}: OK{warned}{proved}.").get(lang)


def _total(reports: list[FileReport]) -> str:
    """The errors and warnings counted, and in how many of the files."""
    lang = context.lang()
    errors = sum(r.errors for r in reports)
    warnings = sum(r.warnings for r in reports)
    bad = sum(1 for r in reports if r.errors)
    counted = [
        plural(errors, Msg("1 fout", "1 error"), Msg("{n} fouten", "{n} errors")),
        plural(warnings, Msg("1 waarschuwing", "1 warning"), Msg("{n} waarschuwingen", "{n} warnings")),
        plural(
            len(reports),
            Msg(f"in {bad} van 1 bestand", f"in {bad} of 1 file"),
            Msg(f"in {bad} van {{n}} bestanden", f"in {bad} of {{n}} files"),
        ),
    ]
    nl, en = (" en ".join(c.nl for c in counted[:2]), " and ".join(c.en for c in counted[:2]))
    return Msg(f"{nl} {counted[2].nl}.", f"{en} {counted[2].en}.").get(lang)


def _more(rest: list[Diagnostic]) -> str:
    """ " (en nog 39 keer: regel 14, 22, 30, …)": where the same warning comes back."""
    lang = context.lang()
    if not rest:
        return ""
    places = [str(d.line) for d in rest if d.line]
    shown = ", ".join(places[:8]) + (", …" if len(places) > 8 else "")
    where = Msg(f": regel {shown}", f": line {shown}") if places else Msg("", "")
    return plural(
        len(rest),
        Msg(f" (en nog 1 keer{where.nl})", f" (and 1 more time{where.en})"),
        Msg(f" (en nog {{n}} keer{where.nl})", f" (and {{n}} more times{where.en})"),
    ).get(lang)


def as_json(reports: list[FileReport]) -> str:
    """One object: whether the files passed, the counts per file, and every problem (validate.schema.json)."""
    data = {
        "format": json_format.VALIDATE,
        "ok": not validate.failed(reports),
        "errors": sum(r.errors for r in reports),
        "warnings": sum(r.warnings for r in reports),
        "files": [
            {
                "file": r.file,
                "errors": r.errors,
                "warnings": r.warnings,
                "guarantees": r.guarantees,
                "proved": r.proved,
            }
            for r in reports
        ],
        "diagnostics": [diagnostic_json(d) for r in reports for d in r.diagnostics],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def diagnostic_text(diagnostic: Diagnostic) -> str:
    """A problem at `file:line` with its code, what to do, and the example walk under it."""
    lang = context.lang()
    place = f"{diagnostic.file}:{diagnostic.line}" if diagnostic.line else diagnostic.file
    kind = Msg("waarschuwing: ", "warning: ").get(lang) if diagnostic.severity == WARNING else ""
    hint = f" {diagnostic.hint.get(lang)}" if diagnostic.hint else ""
    lines = [f"{place}: {diagnostic.code} {kind}{diagnostic.message.get(lang)}{hint}"]
    if diagnostic.example is not None:
        lines += ["    " + line for line in example_lines(diagnostic.example)]
    return "\n".join(lines)


def diagnostic_json(diagnostic: Diagnostic) -> dict[str, Any]:
    """A problem as the JSON of `validate --json` and `test --json`."""
    lang = context.lang()
    found: dict[str, Any] = {
        "file": diagnostic.file,
        "line": diagnostic.line,
        "code": diagnostic.code,
        "severity": diagnostic.severity,
        "message": diagnostic.message.get(lang),
        "hint": diagnostic.hint.get(lang) if diagnostic.hint else None,
    }
    if diagnostic.example is not None:
        found["counterexample"] = diagnostic.example.as_json()
    return found


def example_lines(example: Example) -> list[str]:
    """The example as YAML for an answers file, with comments that say where it leads."""
    lang = context.lang()
    if example.replayable:
        head = Msg("# antwoorden (plak ze in een antwoordenbestand):", "# answers (paste them into an answers file):")
    else:
        head = Msg(
            "# antwoorden in volgorde; een vraag komt vaker terug met een ander antwoord, dus geef ze in de terminal:",
            "# answers in order; a question comes back with another answer, so give them at the terminal:",
        )
    lines = [head.get(lang)]
    if not example.steps:
        lines.append(Msg("# (geen antwoorden nodig)", "# (no answers needed)").get(lang))
    lines += [f"{q}: {yaml_value(v)}" for q, v in example.steps]
    lines.append(f"# → {example.ends.get(lang)}")
    return lines

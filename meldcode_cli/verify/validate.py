"""`meldcode validate`: finds the flow files, runs every check and guarantee proof, and reports the results."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from meldcode_cli.base import json_format
from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg, plural
from meldcode_cli.flow import loader
from meldcode_cli.verify.analysis import Checker
from meldcode_cli.verify.diagnostics import ERROR, Diagnostic, Example, from_error
from meldcode_cli.verify.guarantees import Verdict, prove


@dataclass
class FileReport:
    """The checks of one flow file."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    guarantees: int = 0
    proved: int = 0

    @property
    def errors(self) -> int:
        return sum(d.severity == ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors


def flow_files(paths: list[Path]) -> list[tuple[Path, bool]]:
    """The files to check: each file given, and the flow files directly inside each folder given
    (not scenario files, not subfolders such as `cases/`). A built-in flow's id stands for its
    file. The flag says "given by name"."""
    found: list[tuple[Path, bool]] = []
    builtins = loader.builtin_paths()
    for path in paths:
        if not path.exists() and str(path) in builtins:
            path = Path(loader.display_path(builtins[str(path)]))
        if path.is_dir():
            found += [
                (p, False)
                for p in sorted(path.iterdir())
                if p.is_file() and p.suffix in loader.FLOW_SUFFIXES and not loader.is_scenario_file(p)
            ]
        else:
            found.append((path, True))
    return found


def check_file(path: Path, named: bool) -> FileReport | None:
    """Every check of one flow file; None for a file in a folder that turns out not to be a flow."""
    display = str(path)
    report = FileReport(display)
    try:
        located, _ = loader.read_flow(path, display)
        if not named and not _looks_like_flow(located.data):
            return None
        flow = loader.check_flow(located)
    except MeldcodeError as exc:
        report.diagnostics = from_error(exc, display)
        return report
    checker = Checker(flow, located)
    report.diagnostics = checker.check()
    verdicts = prove(flow, checker.graph)
    report.guarantees = len(verdicts)
    report.proved = sum(v.proved for v in verdicts)
    report.diagnostics += [_broken(checker, flow.id, display, v) for v in verdicts if not v.proved]
    report.diagnostics.sort(key=lambda d: (d.file != display, d.file, d.line or 0))
    return report


def _looks_like_flow(data: Any) -> bool:
    # A fragment (shared parts) is checked with every flow that includes it, not on its own.
    return isinstance(data, dict) and ("nodes" in data or "extends" in data) and "fragment" not in data


def _broken(checker: Checker, flow_id: str, display: str, verdict: Verdict) -> Diagnostic:
    loc = ("guarantees", verdict.index)
    guarantee = verdict.guarantee
    if verdict.too_large is not None:
        return checker.too_large(verdict.too_large, loc)
    example = verdict.counterexample
    assert example is not None
    because_nl = "; ".join(m.nl for m in verdict.broken)
    because_en = "; ".join(m.en for m in verdict.broken)
    return checker.diagnostic(
        loc,
        "MC301",
        Msg(
            f"de garantie '{guarantee.id}' geldt niet: {because_nl}. ({guarantee.description.nl.rstrip('.')})",
            f"the guarantee '{guarantee.id}' does not hold: {because_en}. "
            f"({guarantee.description.get('en').rstrip('.')})",
        ),
        Msg(
            f"Dit is de kortste reeks antwoorden die het laat zien; probeer ze met 'meldcode run {display} "
            "--answers BESTAND'.",
            f"These are the fewest answers that show it; try them with 'meldcode run {display} --answers FILE'.",
        ),
        example=Example(
            example.steps,
            Msg(
                f"uitkomst '{example.outcome}', acties: {', '.join(example.actions) or '-'}",
                f"outcome '{example.outcome}', actions: {', '.join(example.actions) or '-'}",
            ),
            example.path,
            example.outcome,
            example.actions,
        ),
    )


def validate(paths: list[Path]) -> list[FileReport]:
    reports = []
    for path, named in flow_files(paths):
        report = check_file(path, named)
        if report is not None:
            reports.append(report)
    return reports


def text(reports: list[FileReport], lang: str, verbose: bool = False) -> str:
    """Errors first, each on its own line; then the warnings, one line per file and code (every one
    with `verbose`): forty missing translations must not bury the one real error. Then one line per
    file and a total."""
    lines = [d.text(lang) for r in reports for d in r.diagnostics if d.severity == ERROR]
    lines += _warning_lines(reports, lang, verbose)
    if lines:
        lines.append("")
    lines += [_file_line(r, lang) for r in reports if not r.errors]
    if not reports:
        lines.append(Msg("Geen flowbestanden gevonden.", "No flow files found.").get(lang))
    elif any(r.errors for r in reports):
        lines.append(_total(reports, lang))
    return "\n".join(lines)


def _warning_lines(reports: list[FileReport], lang: str, verbose: bool) -> list[str]:
    lines: list[str] = []
    grouped = False
    for r in reports:
        found = [d for d in r.diagnostics if d.severity != ERROR]
        if verbose:
            lines += [d.text(lang) for d in found]
            continue
        by_code: dict[tuple[str, str], list[Diagnostic]] = {}
        for d in found:
            by_code.setdefault((d.file, d.code), []).append(d)
        for same in by_code.values():
            lines.append(same[0].text(lang) + _more(same[1:], lang))
            grouped = grouped or len(same) > 1
    if grouped:
        lines.append(
            Msg(
                "(Herhaalde waarschuwingen staan samen op één regel; alle regels: --verbose.)",
                "(Repeated warnings share one line; every line: --verbose.)",
            ).get(lang)
        )
    return lines


def _file_line(r: FileReport, lang: str) -> str:
    """A file without errors: in order, with its warnings and the guarantees proved counted."""
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


def _total(reports: list[FileReport], lang: str) -> str:
    """The errors and warnings counted, and in how many of the files."""
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


def _more(rest: list[Diagnostic], lang: str) -> str:
    """ " (en nog 39 keer: regel 14, 22, 30, …)": where the same warning comes back."""
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


def as_json(reports: list[FileReport], lang: str) -> str:
    """One object: whether the files passed, the counts per file, and every problem (validate.schema.json)."""
    data = {
        "format": json_format.VALIDATE,
        "ok": not failed(reports),
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
        "diagnostics": [d.as_json(lang) for r in reports for d in r.diagnostics],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def failed(reports: list[FileReport]) -> bool:
    return not reports or any(r.errors for r in reports)

"""`meldcode validate`: finds the flow files, runs every check and guarantee proof, and reports the results."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
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


def failed(reports: list[FileReport]) -> bool:
    return not reports or any(r.errors for r in reports)

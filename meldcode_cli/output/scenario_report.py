"""How `meldcode test` shows its results: a line per scenario, a diff per failure, coverage, a total."""

from __future__ import annotations

import json
from typing import Any

from meldcode_cli.base import json_format
from meldcode_cli.base.i18n import Msg, plural
from meldcode_cli.output import context
from meldcode_cli.output.checks_report import diagnostic_json, diagnostic_text
from meldcode_cli.verify.coverage import Coverage
from meldcode_cli.verify.scenarios import Outcome, ScenarioRun

WIDTH = 72
PASSED = Msg("GESLAAGD", "PASSED")
FAILED = Msg("MISLUKT", "FAILED")

# (expected, actual) labels of each kind of expectation
LABELS = {
    "outcome": (Msg("uitkomst", "outcome"), Msg("uitkomst", "outcome")),
    "actions": (Msg("acties met", "actions including"), Msg("acties", "actions")),
    "not_actions": (Msg("acties zonder", "actions without"), Msg("acties", "actions")),
    "visits": (Msg("pad langs", "path through"), Msg("pad", "path")),
    "avoids": (Msg("pad niet langs", "path not through"), Msg("pad", "path")),
}


def text(runs: list[ScenarioRun]) -> str:
    lang = context.lang()
    lines: list[str] = []
    for run in runs:
        lines += [diagnostic_text(d) for d in run.problems]
        for result in run.results:
            verdict = (PASSED if result.passed else FAILED).get(lang)
            lines.append(f"{run.file}::{result.scenario.name} {verdict}")
    failures = [(run, r) for run in runs for r in run.results if not r.passed]
    if failures:
        lines += ["", _rule(FAILED.get(lang), "=")]
        for run, result in failures:
            lines += _failure(run, result)
    for run in runs:
        if run.coverage is not None:
            lines += [""] + _coverage(run, run.coverage)
    passed = sum(r.passed for run in runs for r in run.results)
    failed = len(failures)
    broken = sum(1 for run in runs if run.problems)
    total = [Msg(f"{passed} geslaagd", f"{passed} passed").get(lang)]
    if failed:
        total.append(Msg(f"{failed} mislukt", f"{failed} failed").get(lang))
    if broken:
        total.append(
            plural(
                broken,
                Msg("1 bestand met fouten", "1 file with errors"),
                Msg("{n} bestanden met fouten", "{n} files with errors"),
            ).get(lang)
        )
    if not runs:
        total = [Msg("geen scenario's gevonden", "no scenarios found").get(lang)]
    lines += ["", _rule(", ".join(total), "=")]
    return "\n".join(lines)


def _rule(title: str, char: str) -> str:
    title = f" {title} "
    left = max(3, (WIDTH - len(title)) // 2)
    return char * left + title + char * max(3, WIDTH - left - len(title))


def _failure(run: ScenarioRun, result: Outcome) -> list[str]:
    lang = context.lang()
    place = f"{run.file}:{result.line}" if result.line else run.file
    lines = [_rule(f"{result.scenario.name} ({place})", "_")]
    if result.stopped is not None:
        lines.append(Msg("de doorloop stopt: ", "the walk stops: ").get(lang) + result.stopped.get(lang))
    else:
        lines += [Msg("--- verwacht", "--- expected").get(lang), Msg("+++ werkelijk", "+++ actual").get(lang)]
        for what, expected, actual in result.differences:
            want, got = (label.get(lang) for label in LABELS[what])
            lines.append(f"- {want}: {_list(expected)}")
            lines.append(f"+ {got}: {_list(actual, ' → ' if what in ('visits', 'avoids') else ', ')}")
    if not any(what in ("visits", "avoids") for what, _, _ in result.differences):
        lines.append(Msg("  pad: ", "  path: ").get(lang) + " → ".join(result.path))
    return lines


def _list(value: Any, separator: str = ", ") -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return separator.join(value) if value else "-"
    return str(value)


def _coverage(run: ScenarioRun, found: Coverage) -> list[str]:
    lang = context.lang()
    hit_nodes = found.nodes - len(found.missed_nodes)
    hit_answers = found.answered
    lines = [
        Msg(
            f"Dekking van {run.flow_file}: {hit_nodes} van {found.nodes} nodes ({_percent(hit_nodes, found.nodes)}), "
            f"{hit_answers} van {found.answers} antwoorden ({_percent(hit_answers, found.answers)}).",
            f"Coverage of {run.flow_file}: {hit_nodes} of {found.nodes} nodes ({_percent(hit_nodes, found.nodes)}), "
            f"{hit_answers} of {found.answers} answers ({_percent(hit_answers, found.answers)}).",
        ).get(lang)
    ]
    for file, line, node in found.missed_nodes:
        lines.append(
            f"  {file}:{line}: " + Msg(f"geen scenario komt bij '{node}'", f"no scenario reaches '{node}'").get(lang)
        )
    for file, line, node, answer in found.missed_answers:
        lines.append(
            f"  {file}:{line}: "
            + Msg(f"geen scenario antwoordt '{answer}' op '{node}'", f"no scenario answers '{answer}' to '{node}'").get(
                lang
            )
        )
    return lines


def _percent(part: int, whole: int) -> str:
    return f"{100 * part // whole}%" if whole else "100%"


def as_json(runs: list[ScenarioRun]) -> str:
    lang = context.lang()
    files = []
    for run in runs:
        entry: dict[str, Any] = {
            "file": run.file,
            "flow": run.flow_file,
            "problems": [diagnostic_json(d) for d in run.problems],
            "scenarios": [
                {
                    "name": r.scenario.name,
                    "line": r.line,
                    "passed": r.passed,
                    "outcome": r.outcome,
                    "actions": list(r.actions),
                    "path": list(r.path),
                    "differences": [
                        {"what": what, "expected": expected, "actual": actual}
                        for what, expected, actual in r.differences
                    ],
                    "stopped": r.stopped.get(lang) if r.stopped else None,
                }
                for r in run.results
            ],
        }
        if run.coverage is not None:
            c = run.coverage
            entry["coverage"] = {
                "nodes": c.nodes,
                "nodes_reached": c.nodes - len(c.missed_nodes),
                "answers": c.answers,
                "answers_given": c.answered,
                "missed_nodes": [{"file": f, "line": line, "node": n} for f, line, n in c.missed_nodes],
                "missed_answers": [
                    {"file": f, "line": line, "node": n, "answer": a} for f, line, n, a in c.missed_answers
                ],
            }
        files.append(entry)
    results = [r for run in runs for r in run.results]
    return json.dumps(
        {
            "format": json_format.TEST,
            "files": files,
            "passed": sum(r.passed for r in results),
            "failed": sum(not r.passed for r in results),
        },
        ensure_ascii=False,
        indent=2,
    )

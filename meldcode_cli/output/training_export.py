"""Handouts and class reports for sharing: Markdown, CSV, and one self-contained HTML page."""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field
from typing import Any

from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.wording import NO, YES, step_label
from meldcode_cli.flow.model import MultipleNode, SingleNode, YesNoNode
from meldcode_cli.output.training_render import T, answer_label, bar, divergence_text, learners_line
from meldcode_cli.training.cases import LoadedCase
from meldcode_cli.training.class_report import ClassReport
from meldcode_cli.training.grading import accepted_text


def _t(key: str, lang: str, **values: Any) -> str:
    return T[key].format(**values).get(lang) if values else T[key].get(lang)


H = {
    "handout": Msg("Casus", "Case"),
    "trainer": Msg("Versie voor de trainer, met referentieantwoorden", "Trainer's version, with reference answers"),
    "learner": Msg("Versie voor de deelnemers", "Learners' version"),
    "flow": Msg("Flow", "Flow"),
    "questions": Msg("Vragen", "Questions"),
    "tick_one": Msg("Kies één antwoord.", "Choose one answer."),
    "tick_many": Msg("Kies alles wat past.", "Choose all that apply."),
    "expected": Msg("Referentie-uitkomst", "Reference outcome"),
    "actions": Msg("Acties onderweg", "Actions along the way"),
    "also": Msg("Ook verdedigbaar", "Also defensible"),
    "fictional": Msg(
        "Deze casus is verzonnen; elke gelijkenis met echte personen berust op toeval.",
        "This case is fictional; any likeness to real people is coincidence.",
    ),
    "generated": Msg("Gemaakt met meldcode", "Made with meldcode"),
}


def _h(key: str, lang: str) -> str:
    return H[key].get(lang)


# ---------------------------------------------------------------------------------------------
# A small document model, so that Markdown and HTML say the same thing


@dataclass(frozen=True)
class Bar:
    count: int
    largest: int


@dataclass
class Block:
    kind: str  # heading, para, note, list, checklist, answer (a boxed set of lines), table
    text: str = ""
    level: int = 2
    items: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)


def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            out += ["#" * block.level + " " + _md_line(block.text), ""]
        elif block.kind in ("para", "note"):
            text = "\n\n".join(_md_line(p) for p in block.text.split("\n\n"))
            out += [f"*{text}*" if block.kind == "note" else text, ""]
        elif block.kind == "list":
            out += [f"- {_md_line(item)}" for item in block.items] + [""]
        elif block.kind == "checklist":
            out += [f"- [ ] {_md_line(item)}" for item in block.items] + [""]
        elif block.kind == "answer":
            out += ["\n>\n".join(f"> {_md_line(item)}" for item in block.items), ""]
        elif block.kind == "table":
            out.append("| " + " | ".join(_md_cell(h) for h in block.headers) + " |")
            out.append("|" + "|".join("---" for _ in block.headers) + "|")
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md_line(text: str) -> str:
    return " ".join(text.split("\n"))


def _md_cell(cell: Any) -> str:
    if isinstance(cell, Bar):
        return f"`{bar(cell.count, cell.largest) or ' '}`"
    return _md_line(str(cell)).replace("|", "\\|")


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}.note{color:#555;font-style:italic}
.bar{display:inline-block;height:.8rem;background:#2b6cb0;vertical-align:middle}
blockquote.answer{margin:.5rem 0 1rem;padding:.2rem 1rem;border-left:4px solid #2f855a;background:#f0fff4}
blockquote.answer p{margin:.3rem 0}
ul.check{list-style:none;padding-left:0}ul.check li:before{content:"\\2610\\00a0\\00a0"}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:avoid}}
"""


def to_html(blocks: list[Block], title: str, lang: str) -> str:
    """One page with its style inline: no scripts, fonts or images from anywhere."""
    body: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            body.append(f"<h{block.level}>{_e(block.text)}</h{block.level}>")
        elif block.kind in ("para", "note"):
            css = ' class="note"' if block.kind == "note" else ""
            body += [f"<p{css}>{_e(p)}</p>" for p in block.text.split("\n\n")]
        elif block.kind in ("list", "checklist"):
            css = ' class="check"' if block.kind == "checklist" else ""
            body.append(f"<ul{css}>" + "".join(f"<li>{_e(i)}</li>" for i in block.items) + "</ul>")
        elif block.kind == "answer":
            body.append(
                '<blockquote class="answer">' + "".join(f"<p>{_e(i)}</p>" for i in block.items) + "</blockquote>"
            )
        elif block.kind == "table":
            head = "".join(f"<th>{_e(h)}</th>" for h in block.headers)
            rows = "".join("<tr>" + "".join(f"<td>{_html_cell(c)}</td>" for c in row) + "</tr>" for row in block.rows)
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(title)}</title>\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True).replace("\n", "<br>")


def _html_cell(cell: Any) -> str:
    if isinstance(cell, Bar):
        width = round(100 * cell.count / cell.largest) if cell.largest else 0
        return f'<span class="bar" style="width:{width}%" title="{cell.count}"></span>' if width else ""
    return _e(cell)


# ---------------------------------------------------------------------------------------------
# The handout


def handout_blocks(loaded: LoadedCase, lang: str, with_answers: bool) -> list[Block]:
    """The story by step with the questions that count; with answers, the reference and its reasoning."""
    case, flow = loaded.case, loaded.flow
    blocks = [
        Block("heading", f"{_h('handout', lang)}: {case.title.get(lang)}", 1),
        Block("note", _h("trainer" if with_answers else "learner", lang)),
        Block("para", case.summary.get(lang)),
    ]
    if case.setting is not None:
        blocks.append(Block("para", case.setting.get(lang)))
    graded = loaded.graded_nodes()
    for step in flow.steps:
        parts = [p for p in case.story if p.step == step.number]
        questions = [n for n in graded if n.step == step.number]
        if not parts and not questions:
            continue
        blocks.append(Block("heading", step_label(flow, step.number, lang), 2))
        for part in [p for p in parts if p.before is None]:
            blocks.append(Block("para", part.text.get(lang)))
        for node in questions:
            for part in [p for p in parts if p.before == node.id]:
                blocks.append(Block("para", part.text.get(lang)))
            blocks += _question_blocks(loaded, node, lang, with_answers)
    if with_answers:
        expected = loaded.expected_outcome
        blocks.append(Block("heading", _h("expected", lang), 2))
        blocks.append(Block("para", f"{expected.title.get(lang)} ({expected.id})"))
        if case.expected.actions:
            blocks.append(Block("heading", _h("actions", lang), 3))
            blocks.append(
                Block("list", items=[f"{flow.actions[a].title.get(lang)} ({a})" for a in case.expected.actions])
            )
        if case.afterwards is not None:
            blocks += [Block("heading", _t("afterwards", lang), 2), Block("para", case.afterwards.get(lang))]
        if case.debrief:
            blocks += [
                Block("heading", _t("debrief", lang), 2),
                Block("list", items=[item.get(lang) for item in case.debrief]),
            ]
    blocks.append(Block("note", _h("fictional", lang)))
    return blocks


def _question_blocks(loaded: LoadedCase, node: Any, lang: str, with_answers: bool) -> list[Block]:
    blocks = [Block("heading", node.text.get(lang), 3)]
    if isinstance(node, YesNoNode):
        options = [YES.get(lang), NO.get(lang)]
    elif isinstance(node, (SingleNode, MultipleNode)):
        options = [o.label.get(lang) for o in node.options]
    else:
        options = []
    if options:
        blocks.append(Block("note", _h("tick_many" if isinstance(node, MultipleNode) else "tick_one", lang)))
        blocks.append(Block("checklist", items=options))
    if with_answers:
        for index, accepted in enumerate(loaded.alternatives(node.id)):
            label = _t("reference", lang) if index == 0 else _h("also", lang)
            fact = f"{_t('fact', lang)}: {accepted.fact.get(lang)}"
            if accepted.sources:
                fact += f" ({_t('sources', lang)}: {', '.join(accepted.sources)})"
            blocks.append(
                Block(
                    "answer",
                    items=[
                        f"{label}: {accepted_text(node, accepted, lang)}",
                        f"{_t('why', lang)}: {accepted.reasoning.get(lang)}",
                        fact,
                    ],
                )
            )
    return blocks


def handout(loaded: LoadedCase, fmt: str, lang: str, with_answers: bool) -> str:
    blocks = handout_blocks(loaded, lang, with_answers)
    if fmt == "html":
        return to_html(blocks, f"{_h('handout', lang)}: {loaded.case.title.get(lang)}", lang)
    return to_markdown(blocks)


# ---------------------------------------------------------------------------------------------
# The class report


def class_report_blocks(report: ClassReport, lang: str) -> list[Block]:
    loaded = report.loaded
    blocks = [
        Block("heading", f"{_t('class', lang)}: {loaded.case.title.get(lang)}", 1),
        Block("para", learners_line(report, lang)),
    ]
    for summary in report.questions:
        node = summary.node
        blocks.append(Block("heading", f"{node.text.get(lang)} ({node.id})", 2))
        stats = _t("agreement", lang, a=summary.agreeing, n=summary.answered, p=summary.agreement)
        if summary.missed:
            stats += _t("missed", lang, m=summary.missed)
        blocks.append(Block("para", stats))
        largest = max((c.count for c in summary.counts), default=0)
        column = _t("ticked" if node.kind == "multiple" else "count", lang)
        blocks.append(
            Block(
                "table",
                headers=[_t("answer", lang), column, ""],
                rows=[
                    [
                        ("✓ " if c.in_reference else "") + answer_label(node, c.value, lang),
                        c.count,
                        Bar(c.count, largest),
                    ]
                    for c in summary.counts
                ],
            )
        )
        if summary.diverging:
            blocks.append(Block("para", f"{_t('diverged', lang)}: {', '.join(summary.diverging)}"))
    largest = max((n for _, n in report.outcomes), default=0)
    rows = []
    for outcome_id, count in report.outcomes:
        label = loaded.flow.node(outcome_id).title.get(lang) if outcome_id else _t("not_finished", lang)
        if outcome_id == loaded.case.expected.outcome:
            label = f"✓ {label} {_t('expected', lang)}"
        rows.append([label, count, Bar(count, largest)])
    blocks += [
        Block("heading", _t("outcomes", lang), 2),
        Block("table", headers=[_t("outcome_column", lang), _t("count", lang), ""], rows=rows),
    ]
    blocks += [
        Block("heading", _t("learner", lang), 2),
        Block(
            "table",
            headers=[_t("learner", lang), "Score", _t("outcome_column", lang), _t("diverged", lang)],
            rows=[
                [
                    g.name or "?",
                    f"{g.correct}/{g.total} ({g.percent}%)",
                    g.walk.outcome.title.get(lang) if g.walk.outcome else _t("not_finished", lang),
                    divergence_text(g, lang) or _t("none", lang),
                ]
                for g in report.grades
            ],
        ),
    ]
    if report.skipped:
        blocks += [
            Block("heading", _t("skipped", lang), 2),
            Block(
                "table",
                headers=[_t("file", lang), _t("reason", lang)],
                rows=[[s.file, s.reason.get(lang)] for s in report.skipped],
            ),
        ]
    return blocks


def class_report_csv(report: ClassReport, lang: str, separator: str = ";") -> str:
    """One row per file, for a spreadsheet: learner, score, outcome, where they differed, then one
    column per graded question with the answer given (ids; several joined with '+'). Separated by ';'
    by default: a Dutch spreadsheet reads ',' as the decimal comma and puts each row in one cell."""
    graded = [q.node.id for q in report.questions]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\n")
    writer.writerow(
        ["learner", "file", "error", "outcome", "outcome_result", "correct", "total", "percent", "diverged", *graded]
    )
    for g in report.grades:
        answers = {q.node.id: q for q in g.questions}
        writer.writerow(
            [
                g.name,
                g.file,
                "",
                g.walk.outcome.id if g.walk.outcome else "",
                g.outcome_result,
                g.correct,
                g.total,
                g.percent,
                " ".join(q.node.id for q in g.diverged),
                *[_csv_answer(answers[qid].answer) for qid in graded],
            ]
        )
    for skipped in report.skipped:
        writer.writerow(["", skipped.file, skipped.reason.get(lang), "", "", "", "", "", "", *["" for _ in graded]])
    return out.getvalue()


def _csv_answer(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "+".join(value)
    return str(value)


def class_report(report: ClassReport, fmt: str, lang: str, separator: str = ";") -> str:
    if fmt == "csv":
        return class_report_csv(report, lang, separator)
    blocks = class_report_blocks(report, lang)
    if fmt == "html":
        return to_html(blocks, f"{_t('class', lang)}: {report.loaded.case.title.get(lang)}", lang)
    return to_markdown(blocks)

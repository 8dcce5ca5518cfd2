"""Handouts and class reports for sharing: Markdown, CSV, and one self-contained HTML page."""

from __future__ import annotations

from typing import Any

from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.wording import NO, YES, step_label
from meldcode_cli.flow.model import MultipleNode, SingleNode, YesNoNode
from meldcode_cli.output import context
from meldcode_cli.output.document import (
    Bar,
    Block,
    Heading,
    Inline,
    Items,
    Para,
    Quote,
    Table,
    to_csv,
    to_html,
    to_markdown,
)
from meldcode_cli.output.results import accepted_text
from meldcode_cli.output.training_render import T, answer_label, divergence_text, learners_line
from meldcode_cli.training.case_model import LoadedCase
from meldcode_cli.training.class_report import ClassReport


def _t(key: str, **values: Any) -> str:
    lang = context.lang()
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


def _h(key: str) -> str:
    lang = context.lang()
    return H[key].get(lang)


# ---------------------------------------------------------------------------------------------
# The handout


def handout_blocks(loaded: LoadedCase, with_answers: bool) -> list[Block]:
    """The story by step with the questions that count; with answers, the reference and its reasoning."""
    lang = context.lang()
    case = loaded.case
    blocks: list[Block] = [
        Heading(f"{_h('handout')}: {case.title.get(lang)}", 1),
        Para(_h("trainer" if with_answers else "learner"), note=True),
        Para(case.summary.get(lang)),
    ]
    if case.setting is not None:
        blocks.append(Para(case.setting.get(lang)))
    blocks += _story_blocks(loaded, with_answers)
    if with_answers:
        blocks += _reference_blocks(loaded)
    blocks.append(Para(_h("fictional"), note=True))
    return blocks


def _story_blocks(loaded: LoadedCase, with_answers: bool) -> list[Block]:
    """Per step, the story told before its questions, then each question after the part leading up to it."""
    lang = context.lang()
    case, flow = loaded.case, loaded.flow
    graded = loaded.graded_nodes()
    blocks: list[Block] = []
    for step in flow.steps:
        parts = [p for p in case.story if p.step == step.number]
        questions = [n for n in graded if n.step == step.number]
        if not parts and not questions:
            continue
        blocks.append(Heading(step_label(flow, step.number).get(lang), 2))
        blocks += [Para(p.text.get(lang)) for p in parts if p.before is None]
        for node in questions:
            blocks += [Para(p.text.get(lang)) for p in parts if p.before == node.id]
            blocks += _question_blocks(loaded, node, with_answers)
    return blocks


def _reference_blocks(loaded: LoadedCase) -> list[Block]:
    """For the trainer: the reference outcome and actions, how the case went on, and what to discuss."""
    lang = context.lang()
    case, flow = loaded.case, loaded.flow
    expected = loaded.expected_outcome
    blocks: list[Block] = [Heading(_h("expected"), 2), Para(f"{expected.title.get(lang)} ({expected.id})")]
    if case.expected.actions:
        actions: list[Inline] = [f"{flow.actions[a].title.get(lang)} ({a})" for a in case.expected.actions]
        blocks += [Heading(_h("actions"), 3), Items(actions)]
    if case.afterwards is not None:
        blocks += [Heading(_t("afterwards"), 2), Para(case.afterwards.get(lang))]
    if case.debrief:
        blocks += [Heading(_t("debrief"), 2), Items([item.get(lang) for item in case.debrief])]
    return blocks


def _question_blocks(loaded: LoadedCase, node: Any, with_answers: bool) -> list[Block]:
    lang = context.lang()
    blocks: list[Block] = [Heading(node.text.get(lang), 3)]
    options: list[Inline]
    if isinstance(node, YesNoNode):
        options = [YES.get(lang), NO.get(lang)]
    elif isinstance(node, (SingleNode, MultipleNode)):
        options = [o.label.get(lang) for o in node.options]
    else:
        options = []
    if options:
        blocks.append(Para(_h("tick_many" if isinstance(node, MultipleNode) else "tick_one"), note=True))
        blocks.append(Items(options, "check"))
    if with_answers:
        for index, accepted in enumerate(loaded.alternatives(node.id)):
            label = _t("reference") if index == 0 else _h("also")
            fact = f"{_t('fact')}: {accepted.fact.get(lang)}"
            if accepted.sources:
                fact += f" ({_t('sources')}: {', '.join(accepted.sources)})"
            blocks.append(
                Quote(
                    [
                        f"{label}: {accepted_text(node, accepted)}",
                        f"{_t('why')}: {accepted.reasoning.get(lang)}",
                        fact,
                    ],
                )
            )
    return blocks


def handout(loaded: LoadedCase, fmt: str, with_answers: bool) -> str:
    lang = context.lang()
    blocks = handout_blocks(loaded, with_answers)
    if fmt == "html":
        return to_html(blocks, f"{_h('handout')}: {loaded.case.title.get(lang)}")
    return to_markdown(blocks)


# ---------------------------------------------------------------------------------------------
# The class report


def class_report_blocks(report: ClassReport) -> list[Block]:
    lang = context.lang()
    loaded = report.loaded
    blocks: list[Block] = [
        Heading(f"{_t('class')}: {loaded.case.title.get(lang)}", 1),
        Para(learners_line(report)),
    ]
    for summary in report.questions:
        node = summary.node
        blocks.append(Heading(f"{node.text.get(lang)} ({node.id})", 2))
        stats = _t("agreement", a=summary.agreeing, n=summary.answered, p=summary.agreement)
        if summary.missed:
            stats += _t("missed", m=summary.missed)
        blocks.append(Para(stats))
        largest = max((c.count for c in summary.counts), default=0)
        column = _t("ticked" if node.kind == "multiple" else "count")
        blocks.append(
            Table(
                headers=[_t("answer"), column, ""],
                rows=[
                    [
                        ("✓ " if c.in_reference else "") + answer_label(node, c.value),
                        c.count,
                        Bar(c.count, largest),
                    ]
                    for c in summary.counts
                ],
            )
        )
        if summary.diverging:
            blocks.append(Para(f"{_t('diverged')}: {', '.join(summary.diverging)}"))
    largest = max((n for _, n in report.outcomes), default=0)
    rows = []
    for outcome_id, count in report.outcomes:
        label = loaded.flow.node(outcome_id).title.get(lang) if outcome_id else _t("not_finished")
        if outcome_id == loaded.case.expected.outcome:
            label = f"✓ {label} {_t('expected')}"
        rows.append([label, count, Bar(count, largest)])
    blocks += [
        Heading(_t("outcomes"), 2),
        Table(headers=[_t("outcome_column"), _t("count"), ""], rows=rows),
    ]
    blocks += [
        Heading(_t("learner"), 2),
        Table(
            headers=[_t("learner"), "Score", _t("outcome_column"), _t("diverged")],
            rows=[
                [
                    g.name or "?",
                    f"{g.correct}/{g.total} ({g.percent}%)",
                    g.walk.outcome.title.get(lang) if g.walk.outcome else _t("not_finished"),
                    divergence_text(g) or _t("none"),
                ]
                for g in report.grades
            ],
        ),
    ]
    if report.skipped:
        blocks += [
            Heading(_t("skipped"), 2),
            Table(
                headers=[_t("file"), _t("reason")],
                rows=[[s.file, s.reason.get(lang)] for s in report.skipped],
            ),
        ]
    return blocks


def class_report_csv(report: ClassReport, separator: str = ";") -> str:
    """One row per file, for a spreadsheet: learner, score, outcome, where they differed, then one
    column per graded question with the answer given (ids; several joined with '+'). Separated by ';'
    by default: a Dutch spreadsheet reads ',' as the decimal comma and puts each row in one cell."""
    lang = context.lang()
    graded = [q.node.id for q in report.questions]
    table = Table(
        ["learner", "file", "error", "outcome", "outcome_result", "correct", "total", "percent", "diverged", *graded]
    )
    for g in report.grades:
        answers = {q.node.id: q for q in g.questions}
        table.rows.append(
            [
                g.name or "",  # an empty cell, as the csv module writes None
                g.file or "",
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
        table.rows.append(["", skipped.file, skipped.reason.get(lang), "", "", "", "", "", "", *["" for _ in graded]])
    return to_csv(table, separator)


def _csv_answer(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "+".join(value)
    return str(value)


def class_report(report: ClassReport, fmt: str, separator: str = ";") -> str:
    lang = context.lang()
    if fmt == "csv":
        return class_report_csv(report, separator)
    blocks = class_report_blocks(report)
    if fmt == "html":
        return to_html(blocks, f"{_t('class')}: {report.loaded.case.title.get(lang)}")
    return to_markdown(blocks)

"""Rich renderables for training: the case list, story parts, feedback, the result and the class overview."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Column, Table
from rich.text import Text as RichText

from meldcode_cli.base.i18n import Msg, plural
from meldcode_cli.engine.wording import answer_text, step_label
from meldcode_cli.output import context
from meldcode_cli.output.document import bar
from meldcode_cli.output.render import box
from meldcode_cli.output.results import accepted_text
from meldcode_cli.training.case_model import LoadedCase, StoryPart
from meldcode_cli.training.class_report import ClassReport
from meldcode_cli.training.grading import ALTERNATIVE, MATCH, MISMATCH, NOT_REACHED, Grade, QuestionGrade

RESULT = {
    MATCH: Msg("✓ komt overeen", "✓ matches"),
    ALTERNATIVE: Msg("✓ ook verdedigbaar", "✓ also defensible"),
    MISMATCH: Msg("✗ wijkt af", "✗ differs"),
    NOT_REACHED: Msg("– niet bereikt", "– not reached"),
}
RESULT_STYLE = {MATCH: "green", ALTERNATIVE: "green", MISMATCH: "red", NOT_REACHED: "yellow"}

FEEDBACK_TITLE = {
    MATCH: Msg("✓ Komt overeen met de referentie", "✓ Matches the reference"),
    ALTERNATIVE: Msg("✓ Ook verdedigbaar", "✓ Also defensible"),
    MISMATCH: Msg("✗ Wijkt af van de referentie", "✗ Differs from the reference"),
    NOT_REACHED: Msg("– Niet bereikt", "– Not reached"),
}

T = {
    "id": Msg("id", "id"),
    "title": Msg("titel", "title"),
    "outcome": Msg("verwachte uitkomst", "expected outcome"),
    "exercise": Msg("Oefening", "Exercise"),
    "how": Msg(
        "Het verhaal komt stap voor stap. Bij de vragen die meetellen, kiest u eerst zelf een antwoord.",
        "The story unfolds step by step. At the questions that count, you choose your own answer first.",
    ),
    "direct": Msg(
        "Daarna ziet u meteen of het overeenkomt met de referentie, en waarom.",
        "Then you see at once whether it matches the reference, and why.",
    ),
    "end": Msg("De feedback krijgt u aan het eind, met uw score.", "You get the feedback at the end, with your score."),
    "fictional": Msg(
        "De casus is verzonnen. Er wordt niets verstuurd.", "The case is fictional. Nothing is sent anywhere."
    ),
    "story": Msg("Het verhaal", "The story"),
    "your_answer": Msg("Uw antwoord", "Your answer"),
    "reference": Msg("Referentie", "Reference"),
    "why": Msg("Waarom", "Why"),
    "fact": Msg("Feit", "Fact"),
    "sources": Msg("bron", "source"),
    "also": Msg("Ook verdedigbaar", "Also defensible"),
    "changed": Msg("daarna gewijzigd in", "changed afterwards to"),
    "counts_first": Msg("Uw eerste antwoord telt voor de score.", "Your first answer counts for the score."),
    "question": Msg("Vraag", "Question"),
    "match": Msg("Overeenkomst", "Match"),
    "feedback": Msg("Feedback", "Feedback"),
    "result": Msg("Resultaat", "Result"),
    "your_outcome": Msg("Uw uitkomst", "Your outcome"),
    "not_finished": Msg("(niet afgerond)", "(not finished)"),
    "stopped": Msg("De antwoorden stoppen bij: {question}", "The answers stop at: {question}"),
    "score": Msg("Score: {c} van {t} ({p}%)", "Score: {c} of {t} ({p}%)"),
    "afterwards": Msg("Hoe het verder ging", "How the story went on"),
    "debrief": Msg("Om te bespreken", "For discussion"),
    "missed_rule": Msg(
        "Vragen die u door een afwijkend antwoord niet meer bereikte, tellen als gemist.",
        "Questions you no longer reached because of a different answer count as missed.",
    ),
    "class": Msg("Klasoverzicht", "Class overview"),
    "learners": Msg("{n} deelnemers · gemiddelde score {p}%", "{n} learners · average score {p}%"),
    "skipped_one": Msg(" · 1 bestand overgeslagen", " · 1 file skipped"),
    "skipped_many": Msg(" · {n} bestanden overgeslagen", " · {n} files skipped"),
    "agreement": Msg("Eens met de referentie: {a} van {n} ({p}%)", "Agree with the reference: {a} of {n} ({p}%)"),
    "missed": Msg(" · gemist door een eerdere afwijking: {m}", " · missed after an earlier difference: {m}"),
    "answer": Msg("Antwoord", "Answer"),
    "count": Msg("Aantal", "Count"),
    "ticked": Msg("Aangevinkt", "Ticked"),
    "outcomes": Msg("Uitkomsten", "Outcomes"),
    "outcome_column": Msg("Uitkomst", "Outcome"),
    "expected": Msg("(referentie)", "(reference)"),
    "learner": Msg("Deelnemer", "Learner"),
    "diverged": Msg("Afwijkend bij", "Differs at"),
    "skipped": Msg("Overgeslagen bestanden", "Skipped files"),
    "file": Msg("Bestand", "File"),
    "reason": Msg("Reden", "Reason"),
    "none": Msg("—", "—"),
}


def _t(key: str, **values: Any) -> str:
    lang = context.lang()
    return T[key].format(**values).get(lang) if values else T[key].get(lang)


def _plain_table() -> dict[str, Any]:
    # Screen readers read frame characters aloud: plain tables have none.
    plain = context.current().plain
    return {"box": None, "show_edge": False} if plain else {}


# ---------------------------------------------------------------------------------------------
# The case list and the exercise


def cases_table(cases: list[LoadedCase], hide_answers: bool = False) -> RenderableType:
    from meldcode_cli.output.case_table import cases_table  # one table, also printed from the remembered list
    from meldcode_cli.training.case_listing import row_of

    return cases_table([row_of(c) for c in cases], hide_answers)


def case_intro(loaded: LoadedCase, feedback: str) -> RenderableType:
    lang = context.lang()
    body: list[RenderableType] = []
    if loaded.case.setting is not None:
        body += [RichText(loaded.case.setting.get(lang), style="bold"), RichText("")]
    body.append(RichText(f"{_t('how')} {_t('direct' if feedback == 'direct' else 'end')}"))
    body.append(RichText(_t("fictional"), style="dim"))
    return box(body, f"{_t('exercise')}: {loaded.case.title.get(lang)}", "magenta")


def story_panel(loaded: LoadedCase, part: StoryPart) -> RenderableType:
    lang = context.lang()
    title = part.title.get(lang) if part.title else f"{_t('story')} · {step_label(loaded.flow, part.step).get(lang)}"
    return box([RichText(part.text.get(lang))], title, "magenta")


def feedback_panel(question: QuestionGrade) -> RenderableType:
    """Whether the answer matches the reference, with the reasoning and the fact it rests on."""
    lang = context.lang()
    node = question.node
    body: list[RenderableType] = [RichText(node.text.get(lang), style="bold")]
    if question.answer is not None:
        line = RichText(f"{_t('your_answer')}: ")
        line.append(answer_text(node, question.answer).get(lang), style="bold")
        if question.changed_to is not None:
            line.append(f" ({_t('changed')} {answer_text(node, question.changed_to).get(lang)})")
        body.append(line)
    reference = question.alternatives[0]
    body.append(RichText(f"{_t('reference')}: ") + RichText(accepted_text(node, reference), style="bold"))
    shown = question.explanation
    body += [RichText(""), RichText(f"{_t('why')}: ", style="bold") + RichText(shown.reasoning.get(lang))]
    body.append(_fact_line(shown))
    for other in [a for a in question.alternatives if a is not shown]:
        label = _t("reference" if other is reference else "also")
        body += [
            RichText(""),
            RichText(f"{label}: {accepted_text(node, other)}", style="bold"),
            RichText(other.reasoning.get(lang)),
        ]
    return box(body, FEEDBACK_TITLE[question.result].get(lang), RESULT_STYLE[question.result])


def _fact_line(accepted: Any) -> RichText:
    lang = context.lang()
    line = RichText(f"{_t('fact')}: ", style="bold") + RichText(accepted.fact.get(lang))
    if accepted.sources:
        line.append(f" ({_t('sources')}: {', '.join(accepted.sources)})", style="dim")
    return line


def comparison_table(grade: Grade) -> Table:
    lang = context.lang()
    plain = context.current().plain
    table = Table(
        Column(_t("question"), ratio=4),
        Column(_t("your_answer"), ratio=2),
        Column(_t("reference"), ratio=3),
        Column(_t("match"), ratio=2),
        expand=not plain,
        **_plain_table(),
    )
    for question in grade.shown():
        node = question.node
        given = RichText(answer_text(node, question.answer).get(lang) if question.answer is not None else _t("none"))
        if question.changed_to is not None:
            given.append(f"\n({_t('changed')} {answer_text(node, question.changed_to).get(lang)})", style="dim")
        reference = RichText(accepted_text(node, question.alternatives[0]))
        for other in question.alternatives[1:]:
            reference.append(f"\n{_t('also').lower()}: {accepted_text(node, other)}", style="dim")
        table.add_row(
            node.text.get(lang),
            given,
            reference,
            RichText(RESULT[question.result].get(lang), style=RESULT_STYLE[question.result]),
        )
    return table


def result_view(grade: Grade, *, with_feedback: bool) -> RenderableType:
    """The end of an exercise: (feedback saved for the end,) the comparison table, outcome and score."""
    lang = context.lang()
    loaded = grade.loaded
    parts: list[RenderableType] = []
    if with_feedback:
        parts += [RichText(""), RichText(_t("feedback"), style="bold underline")]
        parts += [feedback_panel(q) for q in grade.shown()]
    parts += [
        RichText(""),
        RichText(f"{_t('result')}: {loaded.case.title.get(lang)}", style="bold underline"),
        comparison_table(grade),
    ]
    outcome = grade.walk.outcome
    expected = loaded.expected_outcome
    line = RichText(f"{_t('your_outcome')}: ")
    line.append(outcome.title.get(lang) if outcome else _t("not_finished"), style="bold")
    line.append(f"  ·  {_t('reference')}: ")
    line.append(expected.title.get(lang), style="bold")
    line.append("  ")
    line.append(RESULT[grade.outcome_result].get(lang), style=RESULT_STYLE[grade.outcome_result])
    parts += [RichText(""), line]
    if not grade.walk.finished:
        parts.append(RichText(_t("stopped", question=grade.walk.current.text.get(lang)), style="yellow"))
    parts.append(RichText(_t("score", c=grade.correct, t=grade.total, p=grade.percent), style="bold"))
    if any(q.result == NOT_REACHED and q.counts for q in grade.questions):
        parts.append(RichText(_t("missed_rule"), style="dim"))
    if loaded.case.afterwards is not None:
        parts += [
            RichText(""),
            box([RichText(loaded.case.afterwards.get(lang))], _t("afterwards"), "magenta"),
        ]
    if loaded.case.debrief:
        parts += [RichText(""), RichText(_t("debrief"), style="bold")]
        parts += [RichText(f"• {item.get(lang)}") for item in loaded.case.debrief]
    return Group(*parts)


# ---------------------------------------------------------------------------------------------
# The class overview


def answer_label(node: Any, value: Any) -> str:
    """One counted answer: for multiple choice the option's label, else the answer as chosen."""
    lang = context.lang()
    if isinstance(value, str) and hasattr(node, "option") and node.kind == "multiple":
        option = node.option(value)
        return option.label.get(lang) if option else value
    return answer_text(node, value).get(lang)


def class_report_view(report: ClassReport) -> RenderableType:
    lang = context.lang()
    loaded = report.loaded
    parts: list[RenderableType] = [
        RichText(f"{_t('class')}: {loaded.case.title.get(lang)}", style="bold underline"),
        RichText(learners_line(report)),
    ]
    for summary in report.questions:
        node = summary.node
        heading = RichText("\n" + node.text.get(lang), style="bold")
        heading.append(f"  ({node.id})", style="dim")
        stats = RichText(_t("agreement", a=summary.agreeing, n=summary.answered, p=summary.agreement))
        if summary.missed:
            stats.append(_t("missed", m=summary.missed))
        largest = max((c.count for c in summary.counts), default=0)
        column = _t("ticked" if node.kind == "multiple" else "count")
        table = Table(_t("answer"), column, "", box=None, padding=(0, 2))
        for count in summary.counts:
            label = ("✓ " if count.in_reference else "  ") + answer_label(node, count.value)
            table.add_row(label, str(count.count), RichText(bar(count.count, largest), style="cyan"))
        parts += [heading, stats, table]
    parts += [RichText(""), RichText(_t("outcomes"), style="bold")]
    largest = max((n for _, n in report.outcomes), default=0)
    outcomes = Table(_t("outcome_column"), _t("count"), "", box=None, padding=(0, 2))
    for outcome_id, times in report.outcomes:
        label = loaded.flow.node(outcome_id).title.get(lang) if outcome_id else _t("not_finished")
        if outcome_id == loaded.case.expected.outcome:
            label = f"✓ {label} {_t('expected')}"
        outcomes.add_row(label, str(times), RichText(bar(times, largest), style="cyan"))
    parts.append(outcomes)
    parts += [RichText(""), learners_table(report)]
    if report.skipped:
        skipped = Table(_t("file"), _t("reason"), title=_t("skipped"), title_justify="left", border_style="yellow")
        for item in report.skipped:
            skipped.add_row(item.file, item.reason.get(lang))
        parts += [RichText(""), skipped]
    return Group(*parts)


def learners_line(report: ClassReport) -> str:
    """ "14 deelnemers · gemiddelde score 83% · 2 bestanden overgeslagen": plural forms, no "bestand(en)"."""
    lang = context.lang()
    line = _t("learners", n=len(report.grades), p=report.average_percent)
    if report.skipped:
        line += plural(len(report.skipped), T["skipped_one"], T["skipped_many"]).get(lang)
    return line


def divergence_text(grade: Grade) -> str:
    """Where a learner left the reference and which answer they missed:
    `afweging_2: Ja (referentie: Nee); afweging_3: niet bereikt (referentie: Ja)`."""
    lang = context.lang()
    items = []
    for question in grade.diverged:
        shown = (
            answer_text(question.node, question.answer).get(lang)
            if question.answer is not None
            else RESULT[NOT_REACHED].get(lang).lstrip("– ")
        )
        missed = accepted_text(question.node, question.alternatives[0])
        items.append(f"{question.node.id}: {shown} ({_t('reference').lower()}: {missed})")
    return "; ".join(items)


def learners_table(report: ClassReport) -> Table:
    lang = context.lang()
    table = Table(_t("learner"), "Score", _t("outcome_column"), _t("diverged"), expand=True)
    for grade in report.grades:
        outcome = grade.walk.outcome
        table.add_row(
            grade.name or "?",
            f"{grade.correct}/{grade.total} ({grade.percent}%)",
            RichText(
                outcome.title.get(lang) if outcome else _t("not_finished"),
                style=RESULT_STYLE[grade.outcome_result],
            ),
            divergence_text(grade) or _t("none"),
        )
    return table

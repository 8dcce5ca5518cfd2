"""Rich renderables for the walkthrough and its summary; returns, never prints."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from meldcode_cli.base.i18n import Msg, format_date
from meldcode_cli.engine.walk import Walk, holds
from meldcode_cli.engine.wording import answer_text, follow_up_subject, outcome_contacts, step_label
from meldcode_cli.flow import kinds
from meldcode_cli.flow.model import Flow, InfoNode, OutcomeNode
from meldcode_cli.output import context

__all__ = ["answer_text", "outcome_contacts", "step_label"]  # the words, for modules that render


def contacts_line(flow: Flow) -> RichText:
    """The pinned contacts (112, Veilig Thuis) on one line, in sight on every screen."""
    lang = context.lang()
    line = RichText()
    for i, contact in enumerate(flow.pinned_contacts):
        if i:
            line.append("  ·  ", style="dim")
        line.append(f"{contact.name.get(lang)} ", style="dim")
        line.append(contact.phone, style="bold")
    return line


def box(parts: list[RenderableType], title: str | RichText | None, style: str) -> RenderableType:
    """A framed panel, or in plain mode (screen readers, dumb terminals) a title line and the text."""
    plain = context.current().plain
    if isinstance(title, str):
        # A str title would be read as markup (a flow's title is file text): always a Text.
        title = RichText(title)
    if plain:
        return Group(*([RichText(title.plain, style="bold")] if title else []), *parts, RichText(""))
    return Panel(Group(*parts), title=title, title_align="left", border_style=style)


def intro(flow: Flow) -> RenderableType:
    lang = context.lang()
    body: list[RenderableType] = []
    if flow.intro:
        body.append(RichText(flow.intro.get(lang)))
        body.append(RichText(""))
    body.append(contacts_line(flow))
    return box(body, flow.title.get(lang), "cyan")


def question_header(flow: Flow, node: Any, *, new_step: bool, lines: list[Any] | None = None) -> RenderableType:
    lang = context.lang()
    parts: list[RenderableType] = []
    if new_step:
        parts.append(RichText(""))
        parts.append(RichText(step_label(flow, node.step).get(lang), style="bold cyan"))
        parts.append(contacts_line(flow))
    # A question's short "why" line is shown under the question by the prompt itself.
    if isinstance(node, InfoNode):
        parts.append(info_panel(node, lines))
    return Group(*parts)


def info_panel(node: InfoNode, lines: list[Any] | None = None) -> RenderableType:
    """A note: its text, then those of its conditional `lines` that hold (given by the caller)."""
    lang = context.lang()
    title = node.title.get(lang) if node.title else None
    text = node.text.get(lang)
    if lines:
        text += "\n\n" + "\n".join(line.get(lang) for line in lines)
    return box([RichText(text)], title, "yellow")


def help_panel(node: Any) -> RenderableType:
    lang = context.lang()
    parts: list[RenderableType] = []
    if getattr(node, "help", None) is not None:
        parts.append(RichText(node.help.get(lang)))
    parts += [
        RichText(f"\n{option.label.get(lang)}: ", style="bold") + RichText(option.help.get(lang))
        for option in getattr(node, "options", [])
        if option.help is not None
    ]
    if not parts:
        parts.append(
            RichText(
                Msg("Bij deze vraag is geen extra uitleg.", "There is no extra explanation for this question.").get(
                    lang
                )
            )
        )
    return box(parts, Msg("Uitleg", "Explanation").get(lang), "blue")


def summary(walk: Walk, reassess_on: date | None = None) -> RenderableType:
    """Each step with its answers, then the outcome with advice, next steps, actions and contacts."""
    lang = context.lang()
    plain = context.current().plain
    flow = walk.flow
    parts: list[RenderableType] = [
        RichText(""),
        RichText(Msg("Samenvatting", "Summary").get(lang), style="bold underline"),
    ]
    table: Table | None = None
    current_step: int | None = None
    for node_id in walk.path:
        node = flow.node(node_id)
        if isinstance(node, OutcomeNode):
            continue
        shown = (node.is_question and node_id in walk.answers) or (isinstance(node, InfoNode) and node.title)
        if not shown:
            continue  # a step heading only above something to show: never an empty table
        if node.step != current_step:
            current_step = node.step
            table = Table(show_header=False, box=None, padding=(0, 1), expand=not plain)
            table.add_column(ratio=3)
            table.add_column(ratio=2, style="bold")
            parts += [RichText(""), RichText(step_label(flow, node.step).get(lang), style="bold cyan")]
            if not plain:
                parts.append(table)
        assert table is not None
        if plain:
            parts += _labelled_lines(walk, node)
            continue
        if node.is_question and node_id in walk.answers:
            table.add_row(RichText(node.text.get(lang)), RichText(answer_text(node, walk.answers[node_id]).get(lang)))
            if walk.notes.get(node_id):
                table.add_row(
                    RichText(
                        "  " + Msg("Toelichting: ", "Reasoning: ").get(lang) + walk.notes[node_id], style="italic"
                    ),
                    "",
                )
        elif isinstance(node, InfoNode) and node.title is not None:
            table.add_row(RichText("ℹ " + node.title.get(lang), style="dim"), "")
    if walk.outcome is not None:
        parts += [RichText(""), outcome_panel(walk, reassess_on)]
    return Group(*parts)


def _labelled_lines(walk: Walk, node: Any) -> list[RenderableType]:
    """One question in plain mode: a screen reader reads a table row as one run-on line, so each part
    gets a line and a label of its own."""
    lang = context.lang()
    if isinstance(node, InfoNode):
        title = node.title.get(lang) if node.title is not None else ""
        return [RichText(Msg("Informatie: ", "Information: ").get(lang) + title)]
    lines: list[RenderableType] = [
        RichText(Msg("Vraag: ", "Question: ").get(lang) + node.text.get(lang)),
        RichText(Msg("Antwoord: ", "Answer: ").get(lang) + answer_text(node, walk.answers[node.id]).get(lang)),
    ]
    if walk.notes.get(node.id):
        lines.append(RichText(Msg("Toelichting: ", "Reasoning: ").get(lang) + walk.notes[node.id]))
    return lines


def outcome_panel(walk: Walk, reassess_on: date | None = None) -> RenderableType:
    lang = context.lang()
    plain = context.current().plain
    flow, outcome = walk.flow, walk.outcome
    assert outcome is not None
    body: list[RenderableType] = [RichText(outcome.advice.get(lang))]
    for extra in outcome.extra_advice:
        if holds(extra.when, walk.answers):
            body += [RichText(""), RichText(extra.text.get(lang))]
    if reassess_on is not None and outcome.follow_up is not None:
        subject = follow_up_subject(flow, outcome.follow_up).text.get(lang)
        label = (
            Msg("Opnieuw beoordelen op {d}: ", "Weigh again on {d}: ")
            if outcome.follow_up.question
            else Msg("Vervolg op {d}: ", "Follow up on {d}: ")
        )
        body += [
            RichText(""),
            RichText(label.format(d=format_date(reassess_on).get(lang)).get(lang), style="bold") + RichText(subject),
        ]
    if outcome.next_steps:
        body += [RichText(""), RichText(Msg("Volgende stappen", "Next steps").get(lang), style="bold")]
        body += [RichText(f"{i}. {s.get(lang)}") for i, s in enumerate(outcome.next_steps, 1)]
    actions = walk.actions()
    if actions:
        body += [RichText(""), RichText(Msg("Acties", "Actions").get(lang), style="bold")]
        for action in actions:
            definition = flow.actions[action.id]
            body.append(RichText("• ") + RichText(definition.title.get(lang), style="bold"))
            # One text per action: its first reason on this path (later ones restate it), else what it is.
            reasons = [r.get(lang) for r in action.reasons[:1]] or (
                [definition.explanation.get(lang)] if definition.explanation else []
            )
            # Indented as a block, so that wrapped lines stay under their action.
            body += [Padding(RichText(reason), (0, 0, 0, 2)) for reason in reasons]
    contacts = outcome_contacts(walk)
    if contacts:
        body += [RichText(""), RichText(Msg("Contact", "Contacts").get(lang), style="bold")]
        table = Table(show_header=False, box=None, padding=(0, 1))
        table.add_column(style="bold")
        table.add_column(style="bold")
        table.add_column()
        for contact_id in contacts:
            contact = flow.contacts[contact_id]
            table.add_row(
                RichText(contact.name.get(lang)),
                RichText(contact.phone),
                RichText(contact.when.get(lang) if contact.when else ""),
            )
        body.append(table)
    body += [RichText(""), RichText(flow.disclaimer.get(lang), style="italic")]
    title = f"{Msg('Advies', 'Advice').get(lang)}: {outcome.title.get(lang)}"
    if urgent(outcome):
        # Direct danger must not look like every other, calm outcome.
        body.insert(0, RichText(outcome.advice.get(lang), style="bold red"))
        body.pop(1)
        return box(body, title.upper() if plain else RichText(title, style="bold red"), "bold red")
    return box(body, title, "green")


def urgent(outcome: kinds.OutcomeNode) -> bool:
    """An outcome before the first step (step 0): direct danger, call 112 now."""
    return outcome.step == 0

"""What a dossier report shows, gathered from a session's record and walk in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from meldcode_cli.base.i18n import Msg, format_date, format_moment
from meldcode_cli.engine import wording
from meldcode_cli.engine.walk import Walk, holds
from meldcode_cli.flow.model import InfoNode
from meldcode_cli.output import context
from meldcode_cli.sessions.decision import KINDS, Decision, role_label
from meldcode_cli.sessions.decision import L as DECISION_WORDS
from meldcode_cli.sessions.record import SessionRecord

L = {
    "title": Msg("Meldcode — verslag voor het dossier", "Meldcode — record for the client file"),
    "reference": Msg("Zaakreferentie", "Case reference"),
    "session": Msg("Sessie", "Session"),
    "flow": Msg("Flow", "Flow"),
    "version": Msg("versie", "version"),
    "created": Msg("Begonnen", "Started"),
    "updated": Msg("Laatst gewijzigd", "Last changed"),
    "finished": Msg("Afgerond", "Finished"),
    "not_finished": Msg("nog niet afgerond", "not finished yet"),
    "by": Msg("Ingevuld door", "Filled in by"),
    "question": Msg("Vraag", "Question"),
    "answer": Msg("Antwoord", "Answer"),
    "time": Msg("Tijd", "Time"),
    "reasoning": Msg("Toelichting", "Reasoning"),
    "advice": Msg("Advies", "Advice"),
    "open": Msg(
        "Nog geen advies: de doorloop is niet af. Stopte bij", "No advice yet: the walk is not finished. Stopped at"
    ),
    "next_steps": Msg("Volgende stappen", "Next steps"),
    "reassess": Msg("Opnieuw beoordelen op", "Weigh again on"),
    "actions": Msg("Acties", "Actions"),
    "contacts": Msg("Contact", "Contacts"),
    "changes": Msg("Gewijzigde antwoorden", "Changed answers"),
    "no_changes": Msg("Geen antwoorden gewijzigd.", "No answers were changed."),
    "from": Msg("Van", "From"),
    "to": Msg("Naar", "To"),
    "dropped": Msg(
        "Vervallen antwoorden (niet meer van toepassing na een wijziging)",
        "Dropped answers (no longer applicable after a change)",
    ),
    "from_file": Msg("uit antwoordenbestand", "from answers file"),
    "withdrawn": Msg(
        "Eerder gegeven advies, vervallen na een gewijzigd antwoord",
        "Advice given earlier, withdrawn after a changed answer",
    ),
}


@dataclass
class Line:
    question: str
    answer: str
    time: str
    reasoning: str = ""
    info: bool = False


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class Change:
    time: str
    by: str
    question: str
    before: str
    after: str


@dataclass
class Dossier:
    """Everything a report shows, already in the reader's language."""

    lang: str
    reference: str
    session: str
    flow: str
    created: str
    updated: str
    finished: str
    by: str
    sections: list[Section]
    outcome_title: str | None
    advice: list[str]
    next_steps: list[str]
    reassess_on: str | None
    actions: list[tuple[str, list[str]]]
    contacts: list[tuple[str, str, str]]
    changes: list[Change]
    dropped: list[tuple[str, str]]
    stopped_at: str | None
    disclaimer: str
    # (time, by, outcome title): advice that was shown and no longer stands
    withdrawn: list[tuple[str, str, str]] = field(default_factory=list)
    decision: list[tuple[str, str, str]] = field(default_factory=list)  # label, advice, decision
    decision_note: str = ""  # no decision yet, or a decision that differs from the advice


def build(record: SessionRecord, walk: Walk) -> Dossier:
    lang = context.lang()
    flow = walk.flow

    def t(key: str) -> str:  # a short alias keeps the table below readable
        return L[key].get(lang)

    outcome = walk.outcome
    advice, next_steps, actions, contacts = _advice(walk)
    changes, dropped = _history(record, walk)
    users = sorted({e.by for e in record.events})
    return Dossier(
        lang=lang,
        reference=record.reference,
        session=record.id,
        flow=f"{flow.id}, {t('version')} {flow.version} ({flow.title.get(lang)})",
        created=format_moment(record.created).get(lang),
        updated=format_moment(record.updated).get(lang),
        finished=format_moment(record.finished).get(lang) if record.finished else t("not_finished"),
        by=", ".join(users),
        sections=_sections(walk, _answer_times(record)),
        outcome_title=outcome.title.get(lang) if outcome else None,
        advice=advice,
        next_steps=next_steps,
        reassess_on=format_date(record.reassess_on).get(lang) if record.reassess_on and outcome else None,
        actions=actions,
        contacts=contacts,
        changes=changes,
        dropped=dropped,
        stopped_at=None if outcome else _node_label(walk.current),
        disclaimer=flow.disclaimer.get(lang),
        withdrawn=_withdrawn(record, walk),
        **_decision(record, outcome),
    )


def _sections(walk: Walk, answered_at: dict[str, str]) -> list[Section]:
    """The questions answered and the texts shown on the path, under the step they belong to."""
    lang = context.lang()
    flow = walk.flow
    sections: list[Section] = []
    step = None
    for node_id in walk.path:
        node = flow.node(node_id)
        if node.is_question and node_id in walk.answers:
            line = Line(
                node.text.get(lang),
                wording.answer_text(node, walk.answers[node_id]).get(lang),
                answered_at.get(node_id, ""),
                walk.notes.get(node_id, ""),
            )
        elif isinstance(node, InfoNode):
            line = _info_line(walk, node)
        else:
            continue  # an outcome, or the question still open: no heading over an empty table
        if not sections or node.step != step:
            step = node.step
            sections.append(Section(wording.step_label(flow, node.step).get(lang)))
        sections[-1].lines.append(line)
    return sections


def _info_line(walk: Walk, node: InfoNode) -> Line:
    lang = context.lang()
    title = node.title.get(lang) if node.title else ""
    lines = [line.get(lang) for line in walk.note_lines(node)]
    text = node.text.get(lang) + ("\n\n" + "\n".join(lines) if lines else "")
    return Line(title, text, "", info=True)


def _advice(walk: Walk) -> tuple[list[str], list[str], list[tuple[str, list[str]]], list[tuple[str, str, str]]]:
    """The advice paragraphs, next steps, actions with their reason, and contacts of the outcome."""
    lang = context.lang()
    outcome, flow = walk.outcome, walk.flow
    if outcome is None:
        return [], [], [], []
    advice = [outcome.advice.get(lang)] + [
        e.text.get(lang) for e in outcome.extra_advice if holds(e.when, walk.answers)
    ]
    actions = []
    for action in walk.actions():
        definition = flow.actions[action.id]
        # One text per action: its first reason on this path (later ones restate it), else what it is.
        reasons = [r.get(lang) for r in action.reasons[:1]] or (
            [definition.explanation.get(lang)] if definition.explanation else []
        )
        actions.append((definition.title.get(lang), reasons))
    contacts = []
    for contact_id in wording.outcome_contacts(walk):
        contact = flow.contacts[contact_id]
        contacts.append((contact.name.get(lang), contact.phone, contact.when.get(lang) if contact.when else ""))
    return advice, [s.get(lang) for s in outcome.next_steps], actions, contacts


def _withdrawn(record: SessionRecord, walk: Walk) -> list[tuple[str, str, str]]:
    """Every advice the trail shows as given, except the one that stands now: a changed answer does
    not erase that an advice was given (and when)."""
    lang = context.lang()
    given = [e for e in record.events if e.kind == "finished" and isinstance(e.value, str)]
    if given and walk.outcome is not None and given[-1].value == walk.outcome.id:
        given = given[:-1]
    flow = walk.flow
    return [
        (format_moment(e.at).get(lang), e.by, flow.node(e.value).title.get(lang) if flow.has_node(e.value) else e.value)
        for e in given
    ]


def _decision(record: SessionRecord, outcome: Any) -> dict[str, Any]:
    """The advice and the professional's decision side by side, once there is advice."""
    lang = context.lang()
    from meldcode_cli.sessions import decision as decided

    if outcome is None:
        return {}
    rows = decision_rows(record.decision, outcome.title.get(lang), record.finished, record.reassess_on)
    if record.decision is None:
        note = decided.L["none"].format(id=record.id).get(lang)
    elif decided.differs(record.decision, record.outcome):
        note = decided.L["differs"].get(lang)
    else:
        note = ""
    return {"decision": rows, "decision_note": note}


def _node_label(node: Any) -> str:
    lang = context.lang()
    if hasattr(node, "text") and node.kind != "info":
        return str(node.text.get(lang))
    return str(node.title.get(lang) if getattr(node, "title", None) else node.id)


def _answer_times(record: SessionRecord) -> dict[str, str]:
    """When each question got the answer it has now; a note (reasoning) counts as part of it."""
    lang = context.lang()
    times: dict[str, str] = {}
    for event in record.events:
        if event.kind == "answer" and event.question:
            suffix = f" ({L['from_file'].get(lang)})" if event.from_file else ""
            times[event.question] = format_moment(event.at).get(lang) + suffix
    return times


def _history(record: SessionRecord, walk: Walk) -> tuple[list[Change], list[tuple[str, str]]]:
    lang = context.lang()
    flow = walk.flow
    changes = []
    for event in record.events:
        if event.kind == "decision" and event.previous:
            changes.append(_decision_change(event))
            continue
        if event.previous is None or event.question is None or not flow.has_node(event.question):
            continue
        node = flow.node(event.question)
        if event.kind == "answer":
            before = wording.answer_text(node, event.previous).get(lang)
            after = wording.answer_text(node, event.value).get(lang)
            label = node.text.get(lang)
        elif event.kind == "note":
            before, after = event.previous or "", event.value or ""
            label = f"{node.text.get(lang)} — {L['reasoning'].get(lang)}"
        else:
            continue
        changes.append(Change(format_moment(event.at).get(lang), event.by, label, before, after))
    dropped = []
    last_values: dict[str, Any] = {}
    for event in record.events:
        if event.kind == "answer" and event.question:
            last_values[event.question] = event.value
    for question, value in last_values.items():
        if question not in walk.answers and flow.has_node(question):
            node = flow.node(question)
            dropped.append((node.text.get(lang), wording.answer_text(node, value).get(lang)))
    return changes, dropped


def _decision_change(event: Any) -> Change:
    """A replaced decision, as a line in the changes: the trail keeps what was recorded before."""
    lang = context.lang()
    from meldcode_cli.sessions.decision import KINDS
    from meldcode_cli.sessions.decision import L as words

    def said(value: dict[str, Any]) -> str:
        return f"{KINDS[value['kind']].get(lang)} ({format_date(date.fromisoformat(value['on'])).get(lang)})"

    return Change(
        format_moment(event.at).get(lang),
        event.by,
        words["decision"].get(lang),
        said(event.previous),
        said(event.value),
    )


def decision_rows(
    decision: Decision | None,
    advice_title: str | None,
    advised_on: datetime | None,
    reassess_on: date | None,
) -> list[tuple[str, str, str]]:
    """The advice and the decision side by side: (label, advice, decision), empty cells left out."""
    lang = context.lang()

    def t(key: str) -> str:
        return DECISION_WORDS[key].get(lang)

    d = decision
    table = [
        (t("what"), advice_title or "—", KINDS[d.kind].get(lang) if d else ""),
        (t("on"), format_moment(advised_on).get(lang) if advised_on else "", format_date(d.on).get(lang) if d else ""),
        (t("by"), "meldcode", role_label(d.by).get(lang) if d else ""),
        (t("kenmerk"), "", d.kenmerk or "" if d else ""),
        (t("consulted_on"), "", format_date(d.consulted_on).get(lang) if d and d.consulted_on else ""),
        (t("reasons"), "", d.reasons or "" if d else ""),
        (
            t("follow_up"),
            format_date(reassess_on).get(lang) if reassess_on else "",
            format_date(d.follow_up).get(lang) if d and d.follow_up else "",
        ),
        (t("recorded"), "", format_moment(d.recorded).get(lang) if d else ""),
    ]
    keep_always = {t("what"), t("on")}
    return [row for row in table if row[0] in keep_always or row[1] or row[2]]

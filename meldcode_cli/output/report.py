"""The dossier record of a session as Markdown, a printable self-contained HTML page, or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import Any

from meldcode_cli.base import json_format
from meldcode_cli.base.i18n import Msg
from meldcode_cli.base.textsafety import clean
from meldcode_cli.engine.walk import Walk
from meldcode_cli.output import context
from meldcode_cli.output.document import (
    Block,
    Box,
    Em,
    Fields,
    Heading,
    Inline,
    Items,
    Para,
    Strong,
    Table,
    Wide,
    to_html,
    to_markdown,
)
from meldcode_cli.output.dossier import Dossier, L, Line, build
from meldcode_cli.sessions.record import SessionRecord

# -- Markdown and HTML ----------------------------------------------------------------------


def markdown(d: Dossier) -> str:
    return to_markdown(_blocks(d))


def page(d: Dossier) -> str:
    return to_html(_blocks(d), f"{L['title'].get(d.lang)} — {d.reference}")


def _words(table: dict[str, Msg]) -> Callable[[str], str]:
    """A short way to the report's words in the reader's language, by key."""
    lang = context.lang()
    return lambda key: table[key].get(lang)


def _blocks(d: Dossier) -> list[Block]:
    """The dossier as a document: particulars, the answers by step, the advice, the decision, the trail."""
    t = _words(L)
    particulars = [
        (t(key), value)
        for key, value in (
            ("reference", d.reference),
            ("session", d.session),
            ("flow", d.flow),
            ("created", d.created),
            ("updated", d.updated),
            ("finished", d.finished),
            ("by", d.by),
        )
    ]
    blocks: list[Block] = [Heading(t("title"), 1), Fields(particulars)]
    for section in d.sections:
        rows = [_answer_row(line, t("reasoning")) for line in section.lines]
        blocks += [Heading(section.title), Table([t("question"), t("answer"), t("time")], rows)]
    blocks += _advice_blocks(d) + _decision_blocks(d) + _changes_blocks(d)
    return [*blocks, Para(d.disclaimer, note=True)]


def _answer_row(line: Line, reasoning: str) -> list[Inline]:
    if line.info:  # a text the flow showed, not a question: its text over the answer and time columns
        return [Em(line.question), Wide(line.answer)]
    answer: Inline = (line.answer, "\n", Em(f"{reasoning}:"), " ", line.reasoning) if line.reasoning else line.answer
    return [line.question, answer, line.time]


def _advice_blocks(d: Dossier) -> list[Block]:
    t = _words(L)
    if not d.outcome_title:
        blocks: list[Block] = [Heading(t("advice")), Para(f"{t('open')}: {d.stopped_at}")]
    else:
        advice: list[Block] = [Para(p) for p in d.advice]
        if d.reassess_on:
            advice.append(Para((Strong(f"{t('reassess')}:"), " ", d.reassess_on)))
        if d.next_steps:
            advice += [Heading(t("next_steps"), 3), Items(list(d.next_steps), "numbered")]
        if d.actions:
            actions: list[Inline] = [(Strong(title), *(f" — {r}" for r in reasons)) for title, reasons in d.actions]
            advice += [Heading(t("actions"), 3), Items(actions)]
        if d.contacts:
            contacts: list[Inline] = [f"{n}: {p}" + (f" — {w}" if w else "") for n, p, w in d.contacts]
            advice += [Heading(t("contacts"), 3), Items(contacts)]
        blocks = [Heading(f"{t('advice')}: {d.outcome_title}"), Box(advice)]
    if d.withdrawn:
        withdrawn: list[Inline] = [f"{when}, {by}: {title}" for when, by, title in d.withdrawn]
        blocks += [Heading(t("withdrawn"), 3), Items(withdrawn)]
    return blocks


def _decision_blocks(d: Dossier) -> list[Block]:
    from meldcode_cli.sessions.decision import L as words

    if not d.decision:
        return []
    w = _words(words)
    rows: list[list[Inline]] = [[Strong(label), advice, decision] for label, advice, decision in d.decision]
    blocks: list[Block] = [Heading(w("heading")), Table(["", w("advice"), w("decision")], rows, row_headers=True)]
    return blocks + ([Para(d.decision_note)] if d.decision_note else [])


def _changes_blocks(d: Dossier) -> list[Block]:
    t = _words(L)
    blocks: list[Block] = [Heading(t("changes"))]
    if d.changes:
        headers: list[Inline] = [t("time"), t("by"), t("question"), t("from"), t("to")]
        blocks.append(Table(headers, [[c.time, c.by, c.question, c.before, c.after] for c in d.changes]))
    else:
        blocks.append(Para(t("no_changes")))
    if d.dropped:
        blocks += [Heading(t("dropped"), 3), Items([f"{q}: {a}" for q, a in d.dropped])]
    return blocks


# -- JSON ------------------------------------------------------------------------------------


def as_json(d: Dossier, record: SessionRecord) -> str:
    data = json_format.tagged(json_format.REPORT, asdict(d))
    # Machine-readable values beside the readable ones: ids, ISO times and the raw trail.
    data["raw"] = {
        "flow": {"id": record.flow.id, "version": record.flow.version},
        "outcome": record.outcome,
        "path": record.path,
        "answers": record.answers,
        "notes": record.notes,
        "reassess_on": record.reassess_on.isoformat() if record.reassess_on else None,
        "decision": record.decision.model_dump(mode="json") if record.decision else None,
        "events": [json.loads(e.model_dump_json()) for e in record.events],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=_iso) + "\n"


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def write(record: SessionRecord, walk: Walk, fmt: str) -> str:
    dossier = build(record, walk)
    if fmt == "html":
        text = page(dossier)
    elif fmt == "json":
        text = as_json(dossier, record)
    else:
        text = markdown(dossier)
    # Whatever a file or a hand-edited session held: no escape code or bidi mark reaches the reader.
    return clean(text)

"""The table of training cases `meldcode cases` prints: from checked cases or from the remembered list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from meldcode_cli.base.i18n import Msg
from meldcode_cli.output import context
from meldcode_cli.training.case_listing import CaseRow

if TYPE_CHECKING:
    from rich.table import Table


def _text(value: dict[str, Any]) -> str:
    lang = context.lang()
    return str((value.get("en") if lang == "en" else None) or value.get("nl") or "")


def cases_table(rows: list[CaseRow], hide_answers: bool = False) -> Table:
    """The table `meldcode cases` prints; `hide_answers` (to show in class): only id and title."""
    lang = context.lang()
    from rich.table import Column, Table
    from rich.text import Text as RichText

    heads = {
        "id": Msg("id", "id"),
        "title": Msg("titel", "title"),
        "outcome": Msg("verwachte uitkomst", "expected outcome"),
    }
    if hide_answers:
        # To project in class: the summary and the expected outcome would give the answers away.
        table = Table(Column(heads["id"].get(lang), no_wrap=True), heads["title"].get(lang))
        for row in rows:
            table.add_row(row.id, RichText(_text(row.title), style="bold"))
        return table
    table = Table(Column(heads["id"].get(lang), no_wrap=True), heads["title"].get(lang), heads["outcome"].get(lang))
    for row in rows:
        title = RichText(_text(row.title), style="bold")
        title.append("\n" + _text(row.summary), style="dim")
        result = RichText(_text(row.outcome_title))
        result.append("\n" + row.outcome_id, style="dim")
        table.add_row(RichText(row.id), title, result)
    return table

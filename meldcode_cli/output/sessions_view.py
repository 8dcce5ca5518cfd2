"""The table `meldcode sessions` shows: reference, flow, step, last change, outcome, re-assessment due."""

from __future__ import annotations

from typing import TYPE_CHECKING

from meldcode_cli.base.i18n import Msg
from meldcode_cli.output import context

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from meldcode_cli.sessions.index import Entry

# Without --all the newest sessions only: a table of thousands of rows helps nobody, and takes the
# terminal seconds to draw.
SHOWN = 50

H = {
    "id": Msg("id", "id"),
    "reference": Msg("referentie", "reference"),
    "flow": Msg("flow", "flow"),
    "where": Msg("stand", "status"),
    "updated": Msg("gewijzigd", "changed"),
    "outcome": Msg("advies: ", "advice: "),
    "reassess": Msg("opnieuw op", "again on"),
    "step": Msg("stap", "step"),
    "encrypted": Msg("versleuteld", "encrypted"),
    "due": Msg("NU", "DUE"),
    "more": Msg(
        "De {shown} laatst gewijzigde van {total} sessies. Alle sessies: meldcode sessions --all",
        "The {shown} most recently changed of {total} sessions. All sessions: meldcode sessions --all",
    ),
    "none": Msg(
        "Er zijn nog geen sessies. Begin met 'meldcode run'.", "There are no sessions yet. Start with 'meldcode run'."
    ),
}


def no_sessions() -> str:
    """What `meldcode sessions` says before anything was saved: a line of text, without rich."""
    lang = context.lang()
    return H["none"].get(lang)


def listing_table(items: list[Entry], limit: int | None = None) -> Table | Text:
    """The sessions as listed (newest first); only the first `limit` of them when given."""
    lang = context.lang()
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if not items:
        return Text(H["none"].get(lang))
    shown = items if limit is None else items[:limit]
    table = Table(box=box.SIMPLE_HEAD)
    if len(shown) < len(items):
        table.caption = H["more"].format(shown=len(shown), total=len(items)).get(lang)
    # A reference is typed back to find the session: it stays whole on one line (up to its maximum
    # length); the flow and status wrap instead. Ids and dates are read as a whole too.
    longest = max((len(i.reference) for i in shown if i.problem is None), default=0)
    for key in ("id", "reference", "flow", "where", "updated", "reassess"):
        wraps = key in ("flow", "where")
        width = min(max(longest, 10), 40) if key == "reference" else (10 if wraps else None)
        table.add_column(H[key].get(lang), no_wrap=not wraps, min_width=width, overflow="fold")
    for item in shown:
        if item.problem is not None:
            # In a column that wraps: the reference column keeps its words on one line.
            table.add_row(Text(item.id), "", "", Text(item.problem.get(lang), style="red"), "", "")
            continue
        if item.encrypted:  # only the readable header is known
            where = Text(H["encrypted"].get(lang), style="dim")
        elif item.outcome:
            where = Text(H["outcome"].get(lang) + item.outcome.replace("_", " "))
        else:
            where = Text(f"{H['step'].get(lang)} {item.step}")
        reassess = Text("")
        if item.reassess_on is not None:
            reassess = Text(f"{item.reassess_on:%d-%m-%Y}")
            if item.is_due:
                reassess.append(f" {H['due'].get(lang)}", style="bold red")
        # Text, never markup: a reference or a flow version may hold square brackets.
        table.add_row(
            Text(item.id),
            Text(item.reference),
            Text(item.flow),
            where,
            Text(f"{item.updated:%d-%m-%Y %H:%M}" if item.updated else ""),
            reassess,
        )
    return table

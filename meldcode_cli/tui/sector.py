"""Which built-in flow `meldcode run` walks when none is named: the user's sector, asked once and remembered."""

from __future__ import annotations

import sys
from typing import Any

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow.catalog import DEFAULT_FLOW
from meldcode_cli.flow.headers import headers
from meldcode_cli.output import context
from meldcode_cli.sessions import settings as user_settings

QUESTION = Msg("In welke sector werkt u?", "Which sector do you work in?")
HELP = Msg(
    "Elke sector heeft een eigen versie van de meldcode: de stappen zijn gelijk, maar de vragen, de "
    "uitleg en de contacten verschillen. meldcode onthoudt uw keuze. U kunt hem later wijzigen met "
    "'meldcode config sector ID', en één keer een andere flow kiezen met 'meldcode run ID'.",
    "Each sector has its own version of the meldcode: the steps are the same, but the questions, the "
    "explanations and the contacts differ. meldcode remembers your choice. You can change it later with "
    "'meldcode config sector ID', and choose another flow once with 'meldcode run ID'.",
)


def load_settings() -> dict[str, str]:
    """The user's settings; a damaged settings file is said on stderr and never stops a walk."""
    lang = context.lang()
    try:
        return user_settings.load()
    except MeldcodeError as exc:
        sys.stderr.write(exc.text(lang) + "\n")
        return {}


def remembered_sector(settings: dict[str, str]) -> str | None:
    """The remembered sector when it is still a built-in flow; None when there is none."""
    from meldcode_cli.flow.catalog import builtin_paths

    remembered = settings.get("sector")
    return remembered if remembered in builtin_paths() else None


def choose(settings: dict[str, str], ui: Any | None) -> str:
    """The flow for `meldcode run` without one: the remembered sector; else, with someone to ask and
    more than one built-in flow, the answer to "which sector?" (then remembered); else the default."""
    lang = context.lang()
    remembered = remembered_sector(settings)
    if remembered is not None:
        return remembered
    flows = headers()
    if ui is None or len(flows) < 2:
        return DEFAULT_FLOW
    from meldcode_cli.flow.model import SingleNode

    node = SingleNode.model_validate(
        {
            "id": "sector",
            "step": 0,
            "kind": "single",
            "next": "sector",
            "text": {"nl": QUESTION.nl, "en": QUESTION.en},
            "help": {"nl": HELP.nl, "en": HELP.en},
            "options": [{"id": h.id, "label": {"nl": h.label_in("nl"), "en": h.label_in("en")}} for h in flows],
        }
    )
    default = DEFAULT_FLOW if any(h.id == DEFAULT_FLOW for h in flows) else None
    while True:
        reply = ui.prompter.ask(node, default, can_go_back=False)
        if isinstance(reply, str) and any(h.id == reply for h in flows):
            break
        from meldcode_cli.output import render

        ui.console.print(render.help_panel(node))
    try:
        user_settings.save({"sector": reply})
        said = Msg(
            f"Onthouden: {reply}. Wijzig dit met 'meldcode config sector ID'.",
            f"Remembered: {reply}. Change it with 'meldcode config sector ID'.",
        )
    except MeldcodeError as exc:  # the walk goes on; the question comes again next time
        said = exc.message
    ui.console.print(said.get(lang), markup=False, highlight=False)
    return reply

"""Asks for the decision at the terminal, with the walk's own prompts (full-screen or plain)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow.model import SingleNode, TextNode
from meldcode_cli.output import context
from meldcode_cli.output.context import Lang
from meldcode_cli.sessions.decision import KINDS, MAX_KENMERK, MAX_REASONS, ROLES, Decision
from meldcode_cli.tui.prompt_texts import BACK, HELP, parse_date

LATER = "later"

Q = {
    "kind": Msg("Wat is er na het advies besloten en gedaan?", "What was decided and done after the advice?"),
    "kind_help": Msg(
        "Meldcode geeft een advies; u en uw organisatie beslissen. Leg hier vast wat er werkelijk is gebeurd, "
        "voor het dossier. Het besluit komt naast het advies in het verslag.",
        "meldcode gives advice; you and your organisation decide. Record here what actually happened, for the "
        "file. The decision appears beside the advice in the report.",
    ),
    "later": Msg("Later vastleggen (meldcode decide {id})", "Record it later (meldcode decide {id})"),
    "on": Msg("Op welke datum?", "On what date?"),
    "on_melding": Msg("Op welke datum is de melding gedaan?", "On what date was the report made?"),
    "on_hulp": Msg("Op welke datum is de hulp gestart?", "On what date did the help start?"),
    "on_overleg": Msg(
        "Op welke datum overlegde u met de aandachtsfunctionaris?",
        "On what date did you consult the aandachtsfunctionaris?",
    ),
    "on_afgesloten": Msg("Op welke datum is de meldcode afgesloten?", "On what date was the meldcode closed?"),
    "date_help": Msg("Een datum als 2027-01-15 of 15-01-2027.", "A date such as 2027-01-15 or 15-01-2027."),
    "by_melding": Msg("Wie deed de melding? (een functie, geen naam)", "Who made the report? (a role, not a name)"),
    "by_hulp": Msg("Wie biedt de hulp? (een functie, geen naam)", "Who provides the help? (a role, not a name)"),
    "by_help": Msg(
        "Het verslag noemt een functie, nooit een naam: het gaat mee in het dossier.",
        "The report names a role, never a name: it goes into the file.",
    ),
    "kenmerk": Msg(
        "Kenmerk van Veilig Thuis (leeg laten als u het nog niet heeft):",
        "Veilig Thuis reference number (leave empty if you do not have it yet):",
    ),
    "kenmerk_help": Msg(
        "Het kenmerk of zaaknummer dat Veilig Thuis bij de melding gaf.",
        "The reference or case number Veilig Thuis gave with the report.",
    ),
    "consulted_on": Msg(
        "Op welke datum overlegde u met de aandachtsfunctionaris? (leeg = niet)",
        "On what date did you consult the aandachtsfunctionaris? (empty = not)",
    ),
    "reasons": Msg("Waarom is de meldcode afgesloten?", "Why was the meldcode closed?"),
    "reasons_help": Msg(
        "Schrijf de redenen op, zoals u ze in het dossier zou zetten.",
        "Write down the reasons as you would put them in the file.",
    ),
    "follow_up": Msg(
        "Datum voor vervolg of opnieuw beoordelen (leeg = geen):", "Date to follow up or weigh again (empty = none):"
    ),
    "ics": Msg(
        "Een agenda-item (.ics) voor die datum? Typ een bestandsnaam, of laat leeg:",
        "An agenda item (.ics) for that date? Type a file name, or leave empty:",
    ),
    "ics_help": Msg(
        "Het agenda-item noemt alleen de zaakreferentie en de sessie, geen inhoud.",
        "The agenda item names only the case reference and the session, no content.",
    ),
    "bad_date": Msg("Geef een datum als 2027-01-15 of 15-01-2027.", "Give a date such as 2027-01-15 or 15-01-2027."),
    "future": Msg(
        "Die datum ligt in de toekomst; leg vast wat al gebeurd is.",
        "That date is in the future; record what has already happened.",
    ),
    "before": Msg("Die datum ligt vóór het besluit.", "That date is before the decision."),
    "exists": Msg("{path} bestaat al; kies een andere naam.", "{path} already exists; choose another name."),
    "not_ics": Msg("Geef een bestandsnaam die eindigt op .ics.", "Give a file name ending in .ics."),
}


def _asked(node_id: str, kind: str, text: Msg, help_text: Msg | None) -> dict[str, object]:
    """What every question of the decision asks has: an id outside the flow's steps, its text and help."""
    return {
        "id": node_id,
        "step": 0,
        "kind": kind,
        "text": {"nl": text.nl, "en": text.en},
        "help": {"nl": help_text.nl, "en": help_text.en} if help_text else None,
        "next": "einde",
    }


def _text(
    node_id: str, text: Msg, help_text: Msg | None = None, *, required: bool = False, max_length: int = 200
) -> TextNode:
    return TextNode.model_validate(
        {**_asked(node_id, "text", text, help_text), "required": required, "max_length": max_length}
    )


def _single(node_id: str, text: Msg, options: list[tuple[str, Msg]], help_text: Msg | None = None) -> SingleNode:
    return SingleNode.model_validate(
        {
            **_asked(node_id, "single", text, help_text),
            "options": [{"id": oid, "label": {"nl": label.nl, "en": label.en}} for oid, label in options],
        }
    )


class _Restart(Exception):
    """'<' at any decision question: start the decision again from its first question."""


class DecisionAsker:
    """The questions of one decision, asked in order; '<' starts over, '?' explains."""

    def __init__(self, ui: Any) -> None:
        self.ui = ui

    @property
    def lang(self) -> Lang:
        return context.lang()

    def _ask(self, node: Any, default: Any = None) -> Any:
        from meldcode_cli.output import render

        while True:
            reply = self.ui.prompter.ask(node, default, can_go_back=True)
            if reply is HELP:
                self.ui.console.print(render.help_panel(node))
                continue
            if reply is BACK:
                raise _Restart
            return reply.strip() if isinstance(reply, str) else reply

    def _say(self, message: Msg) -> None:
        self.ui.console.print(message.get(self.lang), style="yellow", markup=False, highlight=False)

    def _date(
        self,
        node_id: str,
        text: Msg,
        default: date | None,
        *,
        past_only: bool,
        after: date | None = None,
        optional: bool = False,
    ) -> date | None:
        node = _text(node_id, text, Q["date_help"], required=not optional, max_length=20)
        while True:
            reply = self._ask(node, default.isoformat() if default else "")
            if not reply and optional:
                return None
            parsed = parse_date(reply)
            if parsed is None:
                self._say(Q["bad_date"])
            elif past_only and parsed > date.today():
                self._say(Q["future"])
            elif after is not None and parsed < after:
                self._say(Q["before"])
            else:
                return parsed

    def ask(
        self, session_id: str, offer_later: bool, follow_up_default: date | None
    ) -> tuple[Decision, Path | None] | None:
        """The decision, and where to write an agenda item; None when the user records it later."""
        while True:
            try:
                return self._ask_once(session_id, offer_later, follow_up_default)
            except _Restart:
                continue

    def _ask_once(
        self, session_id: str, offer_later: bool, follow_up_default: date | None
    ) -> tuple[Decision, Path | None] | None:
        from meldcode_cli.sessions.record import now

        options = [(LATER, Q["later"].format(id=session_id))] if offer_later else []
        options += list(KINDS.items())
        kind = self._ask(_single("besluit", Q["kind"], options, Q["kind_help"]), LATER if offer_later else None)
        if kind == LATER:
            return None
        on = self._date("datum", Q[f"on_{kind}"], date.today(), past_only=True)
        assert on is not None  # not optional: a date is always given
        by = kenmerk = reasons = consulted_on = None
        if kind in ("melding", "hulp"):
            by = self._ask(_single("door", Q[f"by_{kind}"], list(ROLES.items()), Q["by_help"]))
        if kind == "melding":
            kenmerk = self._ask(_text("kenmerk", Q["kenmerk"], Q["kenmerk_help"], max_length=MAX_KENMERK)) or None
        if kind != "overleg":
            consulted_on = self._date("overleg", Q["consulted_on"], None, past_only=True, optional=True)
        if kind == "afgesloten":
            reasons = self._ask(
                _text("redenen", Q["reasons"], Q["reasons_help"], required=True, max_length=MAX_REASONS)
            )
        follow_up = self._date("vervolg", Q["follow_up"], follow_up_default, past_only=False, after=on, optional=True)
        ics = self._ics_path() if follow_up else None
        decision = Decision(
            kind=kind,
            on=on,
            by=by,
            kenmerk=kenmerk,
            consulted_on=consulted_on,
            reasons=reasons,
            follow_up=follow_up,
            recorded=now(),
        )
        return decision, ics

    def _ics_path(self) -> Path | None:
        from meldcode_cli.base.target_files import check_writable

        node = _text("agenda", Q["ics"], Q["ics_help"], max_length=500)
        while True:
            reply = self._ask(node, "")
            if not reply:
                return None
            path = Path(reply).expanduser()
            if path.suffix.lower() != ".ics":
                self._say(Q["not_ics"])
                continue
            if path.exists():
                self._say(Q["exists"].format(path=path))
                continue
            try:
                check_writable(path)
            except MeldcodeError as exc:
                self._say(exc.message)
                continue
            return path

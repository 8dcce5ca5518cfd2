"""What the professional decided and did after the advice: the record, its words, and its checks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from meldcode_cli.base.i18n import Msg

Kind = Literal["melding", "hulp", "overleg", "afgesloten"]

KINDS: dict[str, Msg] = {
    "melding": Msg("Melding gedaan bij Veilig Thuis", "Reported to Veilig Thuis"),
    "hulp": Msg("Hulp gestart", "Help started"),
    "overleg": Msg("Overlegd met de aandachtsfunctionaris", "Consulted the aandachtsfunctionaris (safeguarding lead)"),
    "afgesloten": Msg("Afgesloten", "Closed"),
}

# Who did it is a role, never a person's name: the record travels into a dossier.
ROLES: dict[str, Msg] = {
    "zelf": Msg("ikzelf (de professional)", "myself (the professional)"),
    "aandachtsfunctionaris": Msg("de aandachtsfunctionaris", "the aandachtsfunctionaris"),
    "collega": Msg("een collega", "a colleague"),
    "leidinggevende": Msg("de leidinggevende", "the manager"),
    "wijkteam": Msg("het wijkteam", "the neighbourhood team"),
    "andere_hulpverlener": Msg("een andere hulpverlener", "another care provider"),
}

# The decision that follows each advice as a matter of course; another one is allowed, with reasons.
# On the staff route the professional tells the management and the aandachtsfunctionaris (the
# organisation reports to the supervisor): a report to Veilig Thuis, help or closing differs from it.
EXPECTED = {
    "melden": "melding",
    "hulp_bieden": "hulp",
    "afsluiten": "afgesloten",
    "hulp_afsluiten": "afgesloten",
    "medewerker_route": "overleg",
}

MAX_KENMERK = 40
MAX_REASONS = 4000


class Decision(BaseModel):
    """One recorded decision; a later one replaces it, and the trail keeps both."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind
    on: date
    by: str | None = Field(default=None, pattern=r"^[a-z_]+$")
    kenmerk: str | None = Field(default=None, max_length=MAX_KENMERK)
    consulted_on: date | None = None
    reasons: str | None = Field(default=None, max_length=MAX_REASONS)
    follow_up: date | None = None
    recorded: datetime


L = {
    "heading": Msg("Advies en besluit", "Advice and decision"),
    "advice": Msg("Advies (meldcode)", "Advice (meldcode)"),
    "decision": Msg("Besluit (professional)", "Decision (professional)"),
    "what": Msg("Wat", "What"),
    "on": Msg("Datum", "Date"),
    "by": Msg("Door", "By"),
    "kenmerk": Msg("Kenmerk Veilig Thuis", "Veilig Thuis reference"),
    "consulted_on": Msg("Overleg aandachtsfunctionaris", "Aandachtsfunctionaris consulted"),
    "reasons": Msg("Redenen", "Reasons"),
    "follow_up": Msg("Vervolg of opnieuw beoordelen op", "Follow up or weigh again on"),
    "recorded": Msg("Vastgelegd", "Recorded"),
    "none": Msg(
        "Nog geen besluit vastgelegd. Leg het vast met: meldcode decide {id}",
        "No decision recorded yet. Record it with: meldcode decide {id}",
    ),
    "differs": Msg(
        "Het besluit wijkt af van het advies; de professional beslist, met redenen.",
        "The decision differs from the advice; the professional decides, with reasons.",
    ),
}


def role_label(role: str | None) -> Msg:
    """A role as the user reads it; a role not in the list (an older record) as it was written."""
    if role is None:
        return Msg("", "")
    return ROLES[role] if role in ROLES else Msg(role, role)


def differs(decision: Decision | None, outcome_id: str | None) -> bool:
    return decision is not None and outcome_id in EXPECTED and EXPECTED[outcome_id] != decision.kind


def problems(decision: Decision) -> list[Msg]:
    """What makes a decision incomplete; asked again at the terminal, refused in a script."""
    found = []
    if decision.kind in ("melding", "hulp") and decision.by is None:
        found.append(
            Msg(
                "Geef aan wie het deed (--by), als functie: " + ", ".join(ROLES) + ".",
                "Say who did it (--by), as a role: " + ", ".join(ROLES) + ".",
            )
        )
    if decision.kind == "afgesloten" and not (decision.reasons or "").strip():
        found.append(Msg("Geef de redenen om af te sluiten (--reasons).", "Give the reasons for closing (--reasons)."))
    if decision.on > date.today():
        found.append(
            Msg(
                "De datum van het besluit ligt in de toekomst; leg vast wat al gebeurd is.",
                "The decision's date is in the future; record what has already happened.",
            )
        )
    if decision.follow_up is not None and decision.follow_up < decision.on:
        found.append(
            Msg(
                "De vervolgdatum ligt vóór de datum van het besluit.",
                "The follow-up date is before the decision's date.",
            )
        )
    return found

"""The organisation's own contacts from the user's settings, put into a flow wherever it shows contacts."""

from __future__ import annotations

from typing import Any

from meldcode_cli.flow.model import Flow
from meldcode_cli.sessions.settings import value_of

OFFICER = "aandachtsfunctionaris"
VEILIG_THUIS = "veilig_thuis"
# Contacts added from the settings; their ids are the same in every flow.
REGIONAL = "veilig_thuis_regio"
WIJKTEAM = "wijkteam"
POLICE = "politie_geen_spoed"
# Advisory actions that send the user to the police (without urgency: 112 has its own contact).
POLICE_ACTIONS = ("aangifte", "meld_bij_politie", "vgv_spoed_veilig_thuis_en_politie")
SETUP_HINT = {
    "nl": "Vul naam en nummer in met: meldcode config",
    "en": "Fill in the name and number with: meldcode config",
}


def is_placeholder(phone: str) -> bool:
    """A contact's 'phone' that is no number, such as "zie de meldcode van uw organisatie"."""
    return not any(ch.isdigit() for ch in phone)


def apply(flow: Flow, settings: dict[str, str]) -> Flow:
    """The flow with the organisation's contacts from the settings in place of the placeholders:
    the aandachtsfunctionaris (then in sight on every screen), the regional Veilig Thuis beside the
    national number, the officer and the wijkteam with every outcome but 112, the police (no urgency) with the actions
    that send the user to the police. Only what is shown changes; the route never does."""
    data = flow.model_dump(by_alias=True, exclude_none=True)
    contacts: dict[str, Any] = data["contacts"]
    added: list[tuple[str, str | None]] = []  # (contact id, shown beside this contact, or with outcomes)
    if _officer(contacts, settings):
        added.append((OFFICER, None))
    if _regional(contacts, settings):
        added.append((REGIONAL, VEILIG_THUIS))
    if _wijkteam(contacts, settings):
        added.append((WIJKTEAM, None))
    _police(contacts, settings)
    for action_id in POLICE_ACTIONS:
        if action_id in data["actions"]:
            _add(data["actions"][action_id].setdefault("contacts", []), POLICE)
    _show(data, added)
    return Flow.model_validate(data)


def _regional(contacts: dict[str, Any], settings: dict[str, str]) -> bool:
    """The regional Veilig Thuis, when the settings name it and the flow has the national one."""
    name, phone = value_of(settings, "veilig-thuis.naam"), value_of(settings, "veilig-thuis.telefoon")
    if VEILIG_THUIS not in contacts or not (name or phone):
        return False
    contacts[REGIONAL] = {
        "name": _text(name or "Veilig Thuis in uw regio", name or "Veilig Thuis in your region"),
        "phone": phone or contacts[VEILIG_THUIS]["phone"],
        "when": _text("Veilig Thuis in de regio van uw organisatie.", "Veilig Thuis in your organisation's region."),
    }
    return True


def _wijkteam(contacts: dict[str, Any], settings: dict[str, str]) -> bool:
    name, phone = value_of(settings, "wijkteam.naam"), value_of(settings, "wijkteam.telefoon")
    if not phone:
        return False
    contacts[WIJKTEAM] = {
        "name": _text(
            f"Wijkteam: {name}" if name else "Wijkteam",
            f"Neighbourhood team: {name}" if name else "Neighbourhood team",
        ),
        "phone": phone,
        "when": _text(
            "Voor hulp dichtbij het gezin, en om af te stemmen wie wat doet.",
            "For help close to the family, and to agree who does what.",
        ),
    }
    return True


def _police(contacts: dict[str, Any], settings: dict[str, str]) -> None:
    if POLICE in contacts and "politie.telefoon" not in settings:  # a flow's own police contact stays unless set
        return
    contacts[POLICE] = {
        "name": _text("Politie (geen spoed)", "Police (non-emergency)"),
        "phone": value_of(settings, "politie.telefoon"),
        "when": _text(
            "Voor aangifte of overleg met de politie zonder spoed. Bij gevaar: 112.",
            "To report a crime or consult the police without urgency. In danger: 112.",
        ),
    }


def _show(data: dict[str, Any], added: list[tuple[str, str | None]]) -> None:
    """Put the added contacts where they are shown: beside the contact they belong with, or with every
    outcome that has no 112 (where calling 112 comes first)."""
    emergency = {cid for cid, c in data["contacts"].items() if c["phone"].strip() == "112"}
    for node in data["nodes"]:
        if node["kind"] == "outcome":
            own = node.setdefault("contacts", [])
            for contact_id, beside in added:
                if beside is not None:
                    _add(own, contact_id, beside)
                elif not emergency & set(own):
                    _add(own, contact_id)
    for action in data["actions"].values():
        for contact_id, beside in added:
            if beside is not None:
                _add(action.get("contacts", []), contact_id, beside)


def _officer(contacts: dict[str, Any], settings: dict[str, str]) -> bool:
    """Put the user's own officer in place of the placeholder; True when there is a number to show."""
    officer = contacts.get(OFFICER)
    if officer is None:
        return False
    name, phone = value_of(settings, "aandachtsfunctionaris.naam"), value_of(settings, "aandachtsfunctionaris.telefoon")
    if name:
        officer["name"] = _text(f"Aandachtsfunctionaris: {name}", f"Meldcode officer: {name}")
    if phone:
        officer["phone"] = phone
        officer["pinned"] = True  # the user's own officer, in sight on every screen like 112
        # The flow's own words may say that the organisation still has to fill this in.
        officer["when"] = _text(
            "Voor overleg bij elke stap, en altijd als u twijfelt (uit uw instellingen).",
            "For consultation at every step, and always when in doubt (from your settings).",
        )
    elif is_placeholder(officer["phone"]):
        when = officer.get("when") or {"nl": ""}
        officer["when"] = {lang: f"{when.get(lang) or when['nl']} {SETUP_HINT[lang]}".strip() for lang in ("nl", "en")}
    return not is_placeholder(officer["phone"])


def _add(ids: list[str], contact_id: str, beside: str | None = None) -> None:
    """Add a contact to a list once; beside another one when that one is there."""
    if contact_id in ids:
        return
    if beside is None:
        ids.append(contact_id)
    elif beside in ids:
        ids.insert(ids.index(beside) + 1, contact_id)


def _text(nl: str, en: str) -> dict[str, str]:
    return {"nl": nl, "en": en}

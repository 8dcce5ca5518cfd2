"""An agenda item (.ics, RFC 5545) for a follow-up or re-assessment date, with nothing identifying in it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from meldcode_cli.base.i18n import Msg
from meldcode_cli.output import context


def follow_up_event(session_id: str, reference: str, when: date) -> bytes:
    """One all-day event. Only the session id and the case reference (a pseudonym) go in: agendas are
    shared and synchronised, a dossier is not."""
    lang = context.lang()
    from icalendar import Calendar, Event  # imported here: only this command writes agenda files

    calendar = Calendar()
    calendar.add("prodid", "-//meldcode//meldcode decide//NL")
    calendar.add("version", "2.0")
    event = Event()
    # Stable per session and date: importing the file twice updates the item instead of doubling it.
    event.add("uid", f"meldcode-{session_id}-{when:%Y%m%d}@meldcode.local")
    event.add("dtstamp", datetime.now(UTC).replace(microsecond=0))
    event.add("dtstart", when)
    event.add("dtend", when + timedelta(days=1))
    event.add(
        "summary",
        Msg(
            f"Meldcode: vervolg en opnieuw beoordelen ({reference})",
            f"Meldcode: follow up and weigh again ({reference})",
        ).get(lang),
    )
    event.add(
        "description",
        Msg(
            f"Bekijk de sessie en leg vast wat u besluit: meldcode resume {session_id} · meldcode decide {session_id}",
            f"Look at the session and record what you decide: meldcode resume {session_id} · "
            f"meldcode decide {session_id}",
        ).get(lang),
    )
    event.add("transp", "TRANSPARENT")
    calendar.add_component(event)
    return bytes(calendar.to_ical())

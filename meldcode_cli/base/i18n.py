"""Messages in Dutch and English, and how the user's language is chosen."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime

DEFAULT_LANG = "nl"


@dataclass(frozen=True)
class Msg:
    """A message the user reads, in Dutch and English; Dutch is the default."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def format(self, **values: object) -> Msg:
        return Msg(self.nl.format(**values), self.en.format(**values))


def choose_lang(option: str | None) -> str:
    """The --lang option wins, then MELDCODE_LANG, then Dutch."""
    lang = (option or os.environ.get("MELDCODE_LANG") or DEFAULT_LANG).strip().lower()
    return lang if lang in ("nl", "en") else DEFAULT_LANG


_MONTHS = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def format_date(value: date) -> Msg:
    """15 januari 2027 / 15 January 2027: unambiguous in a dossier, unlike 01-02-2027."""
    month = value.month - 1
    return Msg(f"{value.day} {_MONTHS['nl'][month]} {value.year}", f"{value.day} {_MONTHS['en'][month]} {value.year}")


def format_moment(value: datetime) -> Msg:
    """A date with the time of day, as written in a dossier: 15 januari 2027, 14:05."""
    day = format_date(value.date())
    return Msg(f"{day.nl}, {value:%H:%M}", f"{day.en}, {value:%H:%M}")


def plural(count: int, one: Msg, many: Msg) -> Msg:
    """ "1 bestand" / "3 bestanden": the message for the count, never "bestand(en)"."""
    return (one if count == 1 else many).format(n=count)

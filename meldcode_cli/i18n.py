"""Messages in Dutch and English, and how the user's language is chosen."""

from __future__ import annotations

import os
from dataclasses import dataclass

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

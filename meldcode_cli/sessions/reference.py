"""Checks the case reference a user chooses: a pseudonym or file number, never a name or a BSN."""

from __future__ import annotations

import re

from meldcode_cli.base.i18n import Msg

MAX_LENGTH = 40
_ALLOWED = re.compile(r"^[\w .\-/#]+$")
# Dutch surname particles: "de Vries", "van der Berg" — with a capitalised word, a likely name.
_PARTICLES = r"(van|de|der|den|het|ter|ten|te|in|op|la|le|du|da|von)"
_NAME = re.compile(rf"\b[A-Z][a-zà-ÿ]+(\s+{_PARTICLES})*\s+[A-Z][a-zà-ÿ]+\b|\b{_PARTICLES}\s+[A-Z][a-zà-ÿ]+\b")
# "fam-Jansen", "gezin de Vries", "mw. Bakker": a word for a family or a person, then a capitalised word.
_PREFIXED = re.compile(
    r"\b(fam|familie|gezin|dhr|mevr|mw|mr|hr|meneer|mevrouw|mama|papa|moeder|vader|"
    r"zoon|dochter)\b[\s.\-_/#]*(" + _PARTICLES + r"[\s.\-_]+)*"
    r"[A-Z][a-zà-ÿ]{2,}",
    re.IGNORECASE,
)
_DATE = re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.](19|20)\d{2}\b")


def problem(reference: str) -> Msg | None:
    """Why a reference cannot be used at all (empty, too long, odd characters), or None."""
    text = reference.strip()
    if not text:
        return Msg(
            "Geef een zaakreferentie, bijvoorbeeld een dossiernummer of 'casus-12'.",
            "Give a case reference, for example a file number or 'casus-12'.",
        )
    if len(text) > MAX_LENGTH:
        return Msg(f"Te lang: hooguit {MAX_LENGTH} tekens.", f"Too long: at most {MAX_LENGTH} characters.")
    if not _ALLOWED.match(text):
        return Msg("Gebruik letters, cijfers, spaties en - _ . / #.", "Use letters, digits, spaces and - _ . / #.")
    return None


def warnings(reference: str) -> list[Msg]:
    """Reasons a reference may identify a person; the user may still go on."""
    found = []
    for digits in re.findall(r"(?<!\d)\d{8,9}(?!\d)", reference):
        if is_bsn(digits):
            # The number is not repeated: an error message on the screen is seen by others too.
            found.append(
                Msg(
                    "Hierin staat een getal dat op een BSN (burgerservicenummer) lijkt. Gebruik geen BSN.",
                    "This holds a number that looks like a BSN (citizen service number). Do not use a BSN.",
                )
            )
            break
    if _NAME.search(reference) or _prefixed_name(reference):
        found.append(
            Msg(
                "Dit lijkt op een naam. Gebruik een pseudoniem of dossiernummer, geen naam.",
                "This looks like a name. Use a pseudonym or file number, not a name.",
            )
        )
    if _DATE.search(reference):
        found.append(
            Msg(
                "Dit lijkt op een geboortedatum. Laat data weg uit de referentie.",
                "This looks like a date of birth. Leave dates out of the reference.",
            )
        )
    return found


def is_bsn(digits: str) -> bool:
    """The BSN's eleven test: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not all zeros)."""
    digits = digits.zfill(9)
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _prefixed_name(reference: str) -> bool:
    """A word for a family or person followed by a capitalised word (`fam-Jansen`), where the capital
    is really typed as one: 'casus-12' or 'fam-a' are fine."""
    for match in _PREFIXED.finditer(reference):
        name = match.group(0)
        last = re.split(r"[\s.\-_/#]+", name)[-1]
        if last[:1].isupper() and last[1:].islower():
            return True
    return False

"""What the prompts say and how typed input is read, shared by the full-screen and the plain prompts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from meldcode_cli.base.i18n import Msg


class _Signal:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


BACK = _Signal("BACK")
HELP = _Signal("HELP")
CONTINUE = _Signal("CONTINUE")

# Typed alone at a text prompt (or pressed in a checkbox list), these ask for help or go back.
HELP_KEY = "?"
BACK_KEY = "<"

T = {
    "choose": Msg("(pijltjes en Enter)", "(arrow keys and Enter)"),
    "tick": Msg(
        "(pijltjes, spatie = aanvinken, Enter = klaar, ? = uitleg, < = vorige vraag)",
        "(arrow keys, space = tick, Enter = done, ? = explanation, < = previous question)",
    ),
    "type": Msg(
        "(typ en Enter; Alt+Enter = nieuwe regel; Ctrl-X Ctrl-E = editor; leeg laten mag · ? = uitleg · "
        "< = vorige vraag)",
        "(type and press Enter; Alt+Enter = new line; Ctrl-X Ctrl-E = editor; may be left empty · "
        "? = explanation · < = previous question)",
    ),
    "type_required": Msg(
        "(typ en Enter; Alt+Enter = nieuwe regel; Ctrl-X Ctrl-E = editor · ? = uitleg · < = vorige vraag)",
        "(type and press Enter; Alt+Enter = new line; Ctrl-X Ctrl-E = editor · ? = explanation · "
        "< = previous question)",
    ),
    "help": Msg("? Uitleg bij deze vraag", "? Explanation of this question"),
    "back": Msg("< Terug naar de vorige vraag", "< Back to the previous question"),
    "continue": Msg("Verder", "Continue"),
    "yes": Msg("Ja", "Yes"),
    "no": Msg("Nee", "No"),
    "too_few": Msg("Kies minstens {n}.", "Choose at least {n}."),
    "required": Msg("Vul hier iets in (of typ ? voor uitleg).", "Please type something (or ? for help)."),
    "too_long": Msg("Te lang: hooguit {n} tekens.", "Too long: at most {n} characters."),
    "reference": Msg(
        "Zaakreferentie (een dossiernummer of pseudoniem, geen naam):",
        "Case reference (a file number or pseudonym, not a name):",
    ),
    "reference_instruction": Msg("(typ en Enter)", "(type and press Enter)"),
    "use_anyway": Msg("Toch deze referentie gebruiken?", "Use this reference anyway?"),
    "passphrase": Msg("Wachtwoord voor deze sessie:", "Passphrase for this session:"),
    "passphrase_instruction": Msg(
        "(typ en Enter; u ziet een * voor elk teken)", "(type and press Enter; you see a * for each character)"
    ),
    "passphrase_again": Msg("Typ het wachtwoord nog een keer:", "Type the passphrase once more:"),
    "passphrase_short": Msg("Kies minstens 8 tekens.", "Choose at least 8 characters."),
    "passphrase_differs": Msg(
        "De twee wachtwoorden verschillen. Probeer het opnieuw.", "The two passphrases differ. Try again."
    ),
    "follow_up": Msg(
        "Op welke datum beoordeelt u deze vraag opnieuw? {question}",
        "On what date will you weigh this question again? {question}",
    ),
    "date_instruction": Msg(
        "(JJJJ-MM-DD of DD-MM-JJJJ; Enter = voorstel)", "(YYYY-MM-DD or DD-MM-YYYY; Enter = suggestion)"
    ),
    "bad_date": Msg("Geef een datum als 2027-01-15 of 15-01-2027.", "Give a date such as 2027-01-15 or 15-01-2027."),
    "past_date": Msg("Kies vandaag of een latere datum.", "Choose today or a later date."),
    "note": Msg(
        "Waarom? Licht uw antwoord kort toe voor het dossier.", "Why? Explain your answer briefly for the file."
    ),
    "note_instruction": Msg(
        "(typ en Enter; Alt+Enter = nieuwe regel; Ctrl-X Ctrl-E = editor; leeg laten mag · "
        "? = uitleg · < = antwoord wijzigen)",
        "(type and press Enter; Alt+Enter = new line; Ctrl-X Ctrl-E = editor; may be left empty · "
        "? = explanation · < = change the answer)",
    ),
    "earlier_note": Msg(
        "Eerder schreef u bij het antwoord '{answer}': {note}", "Earlier, with the answer '{answer}', you wrote: {note}"
    ),
}


def parse_date(text: str) -> date | None:
    """2027-01-15 or 15-01-2027 (also with / or .), as people in the Netherlands write dates."""
    text = text.strip().replace("/", "-").replace(".", "-")
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def signal_or_text(value: str) -> Any:
    stripped = value.strip()
    if stripped == HELP_KEY:
        return HELP
    if stripped == BACK_KEY:
        return BACK
    return stripped

"""The YAML parser's complaints in plain words (Dutch first), with the line where the author should look."""

from __future__ import annotations

from typing import Any

from meldcode_cli.base.i18n import Msg

CHECK = Msg("Controleer inspringing, dubbele punten en aanhalingstekens.", "Check indentation, colons and quotes.")

_TAB = Msg(
    "hier staat een tab; YAML springt alleen in met spaties. Vervang de tab door spaties.",
    "there is a tab here; YAML indents with spaces only. Replace the tab with spaces.",
)

# The parser's own words (libyaml and the pure-Python parser), at the start of its message → ours.
_WORDS: list[tuple[str, Msg]] = [
    (
        "mapping values are not allowed",
        Msg(
            "hier staat een dubbele punt die YAML niet verwacht. Staat er een ':' in een tekst? Zet de tekst dan "
            "tussen aanhalingstekens. Anders klopt de inspringing niet.",
            "there is a colon here that YAML does not expect. Is there a ':' inside a text? Then put the text in "
            "quotes. Otherwise the indentation is wrong.",
        ),
    ),
    (
        "did not find expected ',' or ']'",
        Msg(
            "een lijst tussen [ en ] wordt niet goed gesloten. Sluit hem met ] en zet komma's tussen de items.",
            "a list between [ and ] is not closed properly. Close it with ] and put commas between the items.",
        ),
    ),
    (
        "expected ',' or ']'",
        Msg(
            "een lijst tussen [ en ] wordt niet goed gesloten. Sluit hem met ] en zet komma's tussen de items.",
            "a list between [ and ] is not closed properly. Close it with ] and put commas between the items.",
        ),
    ),
    (
        "did not find expected ',' or '}'",
        Msg(
            "een mapping tussen { en } wordt niet goed gesloten. Sluit hem met } en zet komma's ertussen.",
            "a mapping between { and } is not closed properly. Close it with } and put commas in between.",
        ),
    ),
    (
        "expected ',' or '}'",
        Msg(
            "een mapping tussen { en } wordt niet goed gesloten. Sluit hem met } en zet komma's ertussen.",
            "a mapping between { and } is not closed properly. Close it with } and put commas in between.",
        ),
    ),
    (
        "did not find expected key",
        Msg(
            "de inspringing klopt hier niet: op deze hoogte verwacht YAML een sleutel (naam: waarde). Zet de regel "
            "even ver in als de sleutels erboven.",
            "the indentation is wrong here: at this level YAML expects a key (name: value). Indent the line as far "
            "as the keys above it.",
        ),
    ),
    (
        "did not find expected '-' indicator",
        Msg(
            "de inspringing klopt hier niet: in deze lijst verwacht YAML een nieuw item met '-'.",
            "the indentation is wrong here: in this list YAML expects a new item starting with '-'.",
        ),
    ),
    (
        "expected <block end>",
        Msg(
            "de inspringing klopt hier niet: deze regel staat verder of minder ver in dan YAML verwacht.",
            "the indentation is wrong here: this line is indented further or less far than YAML expects.",
        ),
    ),
    (
        "did not find expected node content",
        Msg(
            "hier verwacht YAML een waarde, maar er staat niets bruikbaars.",
            "YAML expects a value here, but finds nothing it can use.",
        ),
    ),
    (
        "expected the node content",
        Msg(
            "hier verwacht YAML een waarde, maar er staat niets bruikbaars.",
            "YAML expects a value here, but finds nothing it can use.",
        ),
    ),
    (
        "could not find expected ':'",
        Msg(
            "na een sleutel ontbreekt de dubbele punt (naam: waarde). Of loopt een tekst over meer regels zonder "
            "aanhalingstekens?",
            "a key lacks its colon (name: value). Or does a text run over several lines without quotes?",
        ),
    ),
    (
        "found undefined alias",
        Msg(
            "een '*' verwijst naar een anker (&naam) dat niet bestaat. Begint een tekst met '*'? Zet hem dan tussen "
            "aanhalingstekens.",
            "a '*' refers to an anchor (&name) that does not exist. Does a text start with '*'? Then put it in quotes.",
        ),
    ),
    (
        "block sequence entries are not allowed",
        Msg(
            "een lijstitem ('-') staat hier op een plek waar YAML het niet verwacht; controleer de inspringing.",
            "a list item ('-') is in a place YAML does not expect; check the indentation.",
        ),
    ),
    (
        "found unknown escape character",
        Msg(
            "in een tekst tussen dubbele aanhalingstekens staat een onbekende \\-code. Gebruik enkele "
            "aanhalingstekens, of schrijf \\\\.",
            "a text in double quotes holds an unknown \\ code. Use single quotes, or write \\\\.",
        ),
    ),
    (
        "found duplicate anchor",
        Msg("hetzelfde anker (&naam) staat er twee keer.", "the same anchor (&name) appears twice."),
    ),
    (
        "control characters are not allowed",
        Msg(
            "het bestand bevat een onzichtbaar stuurteken. Typ de regel opnieuw.",
            "the file holds an invisible control character. Retype the line.",
        ),
    ),
]


def describe(exc: Any, text: str) -> tuple[int | None, Msg]:
    """The line to look at and what is wrong there, for a YAML error from either parser."""
    problem = exc.problem or ""
    context = exc.context or ""
    if "end of stream" in problem and exc.context_mark is not None:
        # The file ended inside something that was opened earlier: point at where it was opened.
        return exc.context_mark.line + 1, _unclosed(context)
    return _line(exc.problem_mark, exc.context_mark, context), _explain(problem, text, exc.problem_mark)


def _line(problem_mark: Any, context_mark: Any, context: str) -> int | None:
    if ("flow sequence" in context or "flow mapping" in context) and context_mark is not None:
        return int(context_mark.line) + 1  # where the [ or { was opened that is not closed
    if problem_mark:
        return int(problem_mark.line) + 1
    return context_mark.line + 1 if context_mark else None


def _unclosed(context: str) -> Msg:
    """What was left open when the file ended."""
    if "quoted scalar" in context:
        return Msg(
            "een aanhalingsteken wordt niet gesloten. Sluit de tekst met hetzelfde aanhalingsteken (' of \").",
            "a quote is not closed. End the text with the same quote (' or \").",
        )
    if "flow sequence" in context:
        return _WORDS[1][1]
    if "flow mapping" in context:
        return _WORDS[3][1]
    return Msg("het bestand houdt op terwijl er nog iets open staat.", "the file ends while something is still open.")


def _explain(problem: str, text: str, mark: Any) -> Msg:
    if "tab" in problem or _char_at(text, mark) == "\t":
        return _TAB
    if "cannot start any token" in problem:
        return _cannot_start(_char_at(text, mark))
    for start, words in _WORDS:
        if problem.startswith(start):
            return words
    what = problem or "?"
    return Msg(f"de YAML klopt hier niet ({what}). {CHECK.nl}", f"the YAML is wrong here ({what}). {CHECK.en}")


def _cannot_start(char: str) -> Msg:
    """A character YAML reserves (`@`, a backtick) at the start of a value."""
    shown = f"'{char}'" if char and char.isprintable() else Msg("dit teken", "this character").nl
    shown_en = f"'{char}'" if char and char.isprintable() else "this character"
    return Msg(
        f"met {shown} kan in YAML geen waarde beginnen. Zet de tekst tussen aanhalingstekens.",
        f"a YAML value cannot start with {shown_en}. Put the text in quotes.",
    )


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    if mark.line >= len(lines):
        return ""
    row = lines[mark.line]
    return row[mark.column] if mark.column < len(row) else ""

"""`meldcode run`: answers from a file, the rest asked at the terminal, then the summary or the JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console

from meldcode_cli import render
from meldcode_cli.answers import load_answers
from meldcode_cli.engine import Walk
from meldcode_cli.errors import MeldcodeError
from meldcode_cli.i18n import Msg
from meldcode_cli.loader import load_flow
from meldcode_cli.model import MultipleNode, SingleNode, YesNoNode


def terminal_available(stream: TextIO) -> bool:
    """Prompts need a keyboard and a screen: stdin and the prompt stream must both be terminals."""
    try:
        return sys.stdin.isatty() and stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def describe_question(node: Any) -> dict[str, Any]:
    """A question as the JSON error lists it, so a tool can fill an answers file step by step."""
    options: list[Any] = []
    if isinstance(node, YesNoNode):
        options = [True, False]
    elif isinstance(node, (SingleNode, MultipleNode)):
        options = [o.id for o in node.options]
    return {"id": node.id, "kind": node.kind, "options": options}


def _example(node: Any) -> str:
    if isinstance(node, YesNoNode):
        return f"{node.id}: false"
    if isinstance(node, SingleNode):
        return f"{node.id}: {node.options[0].id}"
    if isinstance(node, MultipleNode):
        return f"{node.id}: [{node.options[0].id}]"
    return f'{node.id}: "..."'


def missing_answers(walk: Walk, had_answers: bool) -> MeldcodeError:
    node = walk.current
    kinds = {"yes_no": "ja/nee: true of false", "single": "één keuze", "multiple": "een lijst keuzes",
             "text": "tekst"}
    kinds_en = {"yes_no": "yes/no: true or false", "single": "one choice", "multiple": "a list of choices",
                "text": "text"}
    options = describe_question(node)["options"]
    choices = f": {', '.join(options)}" if isinstance(node, (SingleNode, MultipleNode)) else ""
    if had_answers:
        lead = Msg("Er is geen terminal om de ontbrekende vragen te stellen.",
                   "There is no terminal to ask the missing questions.")
    else:
        lead = Msg("meldcode run heeft een terminal nodig om de vragen te stellen, of een "
                   "antwoordenbestand (--answers BESTAND).",
                   "meldcode run needs a terminal to ask the questions, or an answers file "
                   "(--answers FILE).")
    message = Msg(
        f"{lead.nl} Het antwoord op '{node.id}' ({kinds[node.kind]}{choices}) ontbreekt. "
        f"Zet het in het antwoordenbestand, bijvoorbeeld: {_example(node)}",
        f"{lead.en} The answer to '{node.id}' ({kinds_en[node.kind]}{choices}) is missing. "
        f"Add it to the answers file, for example: {_example(node)}",
    )
    return MeldcodeError("missing_answers", message, data={"missing": [describe_question(node)]})


def run(flow_ref: str | None, answers_path: Path | None, as_json: bool, lang: str) -> None:
    flow = load_flow(flow_ref)
    given = load_answers(answers_path, flow) if answers_path else {}
    # In --json mode stdout carries only the JSON; the conversation happens on stderr.
    ui_stream = sys.stderr if as_json else sys.stdout
    interactive = terminal_available(ui_stream)
    walk = Walk(flow)
    walk.fill(given, skip_optional=not interactive)
    if not walk.finished:
        if not interactive:
            raise missing_answers(walk, bool(given) or answers_path is not None)
        _converse(walk, ui_stream, lang, separate_stream=as_json)
    if as_json:
        sys.stdout.write(json.dumps(render.result(walk, lang), ensure_ascii=False, indent=2) + "\n")
    else:
        Console().print(render.summary(walk, lang))


def _converse(walk: Walk, stream: TextIO, lang: str, separate_stream: bool) -> None:
    # Imported here: questionary and prompt_toolkit are only needed when there is someone to ask.
    from meldcode_cli.prompts import Prompter
    from meldcode_cli.walkthrough import walk_interactively

    console = Console(file=stream)
    console.print(render.intro(walk.flow, lang))
    prompter = Prompter(lang, stream=stream if separate_stream else None)
    walk_interactively(walk, prompter, console, lang)

"""`meldcode run`: answers from a file, the rest asked at the terminal, saved as a session, then the result."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from meldcode_cli import wording
from meldcode_cli.answers import load_answers
from meldcode_cli.engine import Walk
from meldcode_cli.errors import MeldcodeError
from meldcode_cli.i18n import Msg
from meldcode_cli.loader import load_flow, resolve
from meldcode_cli.model import MultipleNode, SingleNode, YesNoNode
from meldcode_cli.observer import Observer

if TYPE_CHECKING:
    from rich.console import Console

    from meldcode_cli.session import FlowSnapshot, Recorder

# rich, the prompts and the session records are imported where they are used: `run --json` with an
# answers file needs none of them, and start-up time is most of what that command costs.


class Interrupted(MeldcodeError):
    """Ctrl-C, a closed terminal or SIGTERM: every answer given so far is already saved."""

    exit_code = 130

    def __init__(self, recorder: Recorder | None) -> None:
        if recorder is None:
            message = Msg("Onderbroken. Er is niets bewaard; begin opnieuw met 'meldcode run'.",
                          "Interrupted. Nothing was saved; start again with 'meldcode run'.")
        else:
            record = recorder.record
            message = Msg(
                f"Onderbroken. Uw antwoorden zijn bewaard in sessie {record.id} ({record.reference}). "
                f"Ga verder met: meldcode resume {record.id}",
                f"Interrupted. Your answers are saved in session {record.id} ({record.reference}). "
                f"Continue with: meldcode resume {record.id}")
        super().__init__("interrupted", message)


def terminal_available(stream: TextIO, plain: bool = False) -> bool:
    """Full-screen prompts need a keyboard and a screen: stdin and the prompt stream must both be
    terminals. Plain prompts (--plain) read lines, so any readable stdin will do."""
    try:
        return not sys.stdin.closed if plain else (sys.stdin.isatty() and stream.isatty())
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def wants_plain(option: bool) -> bool:
    """--plain, MELDCODE_PLAIN=1, or a terminal that cannot draw (TERM=dumb or unset)."""
    term = os.environ.get("TERM", "")
    return option or os.environ.get("MELDCODE_PLAIN", "") not in ("", "0") or term in ("", "dumb")


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


def run(flow_ref: str | None, answers_path: Path | None, as_json: bool, lang: str, *,
        reference: str | None = None, save: bool = True, encrypt: bool = False, plain: bool = False) -> None:
    if reference is not None and save:
        reference = checked_reference(reference, lang)
    source = resolve(flow_ref)
    flow = load_flow(source.path)
    given = load_answers(answers_path, flow) if answers_path else {}
    # In --json mode stdout carries only the JSON; the conversation happens on stderr.
    ui_stream = sys.stderr if as_json else sys.stdout
    plain = plain or (wants_plain(False) and ui_stream.isatty())
    interactive = terminal_available(ui_stream, plain)
    walk = Walk(flow)
    walk.fill(given, skip_optional=not interactive)
    if not walk.finished and not interactive:
        raise missing_answers(walk, bool(given) or answers_path is not None)
    ui = Conversation(lang, ui_stream, separate_stream=as_json, plain=plain) if interactive else None
    keeper = None
    if save and (interactive or reference):
        from meldcode_cli.session import FlowSnapshot

        snapshot = FlowSnapshot.of(flow, source.path.read_text(encoding="utf-8-sig"),
                                   source.builtin_id or str(source.path), source.builtin_id is not None)
        keeper = SessionKeeper(snapshot, set(given), ui, reference, encrypt)
    try:
        if keeper is not None and (walk.answers or walk.finished):
            keeper.begin(walk)  # answers from the file are saved at once
        if not walk.finished:
            assert ui is not None
            ui.intro(walk)
            ui.converse(walk, keeper)
        if keeper is not None:
            keeper.finish(walk)
    except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a text prompt
        raise Interrupted(keeper.recorder if keeper else None) from None
    show_result(walk, lang, as_json, keeper.recorder if keeper else None, plain)


def checked_reference(reference: str, lang: str) -> str:
    """A reference given on the command line: refused when unusable, warned about when it may
    identify someone (the user chose it deliberately, so it is kept)."""
    from meldcode_cli import case_reference

    problem = case_reference.problem(reference)
    if problem is not None:
        raise MeldcodeError("invalid_reference", Msg(f"Zaakreferentie: {problem.nl}", f"Case reference: {problem.en}"))
    for warning in case_reference.warnings(reference):
        sys.stderr.write(warning.get(lang) + "\n")
    return reference.strip()


def show_result(walk: Walk, lang: str, as_json: bool, recorder: Recorder | None, plain: bool = False) -> None:
    if as_json:
        sys.stdout.write(json.dumps(wording.result(walk, lang), ensure_ascii=False, indent=2) + "\n")
        return
    from meldcode_cli import render

    console = make_console(sys.stdout, plain)
    reassess = recorder.record.reassess_on if recorder else None
    console.print(render.summary(walk, lang, reassess_on=reassess, plain=plain))
    if recorder is not None:
        record = recorder.record
        console.print(Msg(
            f"Bewaard als sessie {record.id} ({record.reference}). Verslag voor het dossier: "
            f"meldcode report {record.id}",
            f"Saved as session {record.id} ({record.reference}). Report for the file: "
            f"meldcode report {record.id}").get(lang), markup=False, highlight=False)


def make_console(stream: TextIO, plain: bool) -> Console:
    """Rich output; in plain mode without colour, highlighting or emoji, for screen readers."""
    from rich.console import Console

    if plain:
        return Console(file=stream, no_color=True, highlight=False, emoji=False)
    return Console(file=stream)


class Conversation:
    """The terminal side of a walk: intro, questions, reference, passphrase and follow-up date."""

    def __init__(self, lang: str, stream: TextIO, separate_stream: bool, plain: bool = False) -> None:
        self.lang = lang
        self.plain = plain
        self.console = make_console(stream, plain)
        if plain:
            from meldcode_cli.plain_prompts import PlainPrompter

            self.prompter: Any = PlainPrompter(lang, stream=stream)
        else:
            # Imported here: questionary and prompt_toolkit are only needed when there is someone to ask.
            from meldcode_cli.prompts import Prompter

            self.prompter = Prompter(lang, stream=stream if separate_stream else None)

    def intro(self, walk: Walk) -> None:
        from meldcode_cli import render

        self.console.print(render.intro(walk.flow, self.lang, self.plain))

    def converse(self, walk: Walk, observer: Observer | None) -> None:
        from meldcode_cli.walkthrough import walk_interactively

        walk_interactively(walk, self.prompter, self.console, self.lang, observer)

    def ask_reference(self) -> str:
        return self.prompter.ask_reference(self.console)

    def ask_new_passphrase(self) -> str:
        return self.prompter.ask_passphrase(confirm=True)

    def ask_follow_up(self, walk: Walk, default: Any) -> Any:
        return self.prompter.ask_follow_up_date(walk.flow.node(walk.outcome.follow_up.question), default)


class SessionKeeper(Observer):
    """Starts the session once the first answer is in (the 112 question comes before anything else)
    and saves it after every change."""

    def __init__(self, snapshot: FlowSnapshot, from_file: set[str], ui: Conversation | None,
                 reference: str | None, encrypt: bool) -> None:
        self.snapshot = snapshot
        self.from_file = from_file
        self.ui = ui
        self.reference = reference
        self.encrypt = encrypt
        self.recorder: Recorder | None = None

    def begin(self, walk: Walk) -> None:
        from meldcode_cli.crypto import Key
        from meldcode_cli.session import Recorder, now
        from meldcode_cli.store import SessionStore

        if self.recorder is not None:
            return
        reference = self.reference
        if reference is None:
            if walk.finished or self.ui is None:
                # Direct danger: nothing may stand between the user and the 112 advice.
                reference = f"spoed-{now():%Y%m%d-%H%M}"
            else:
                reference = self._ask_reference(walk)
        key = None
        if self.encrypt:
            if self.ui is None:
                raise MeldcodeError("needs_terminal", Msg(
                    "Versleutelen vraagt om een wachtwoord; daarvoor is een terminal nodig.",
                    "Encryption asks for a passphrase; that needs a terminal."))
            key = Key.derive(self.ui.ask_new_passphrase())
        store = SessionStore()
        self.recorder = Recorder.start(walk, self.snapshot, reference, lambda r: store.save(r, key),
                                       from_file=self.from_file)

    def _ask_reference(self, walk: Walk) -> str:
        """The user's case reference. Stopped at this prompt, the answer already given is kept under
        a reference of its own (unless it is to be encrypted: there is no passphrase yet)."""
        from meldcode_cli.session import now

        assert self.ui is not None
        try:
            return self.ui.ask_reference()
        except (KeyboardInterrupt, EOFError):
            if not self.encrypt:
                self.reference = f"zonder-referentie-{now():%Y%m%d-%H%M}"
                self.begin(walk)
            raise

    def answered(self, walk: Walk, node: Any) -> None:
        if self.recorder is None:
            self.begin(walk)
            return
        self.recorder.answered(walk, node)

    def noted(self, walk: Walk, node: Any) -> None:
        if self.recorder is not None:
            self.recorder.noted(walk, node)

    def went_back(self, walk: Walk) -> None:
        if self.recorder is not None:
            self.recorder.went_back(walk)

    def finish(self, walk: Walk) -> None:
        if self.recorder is None:
            self.begin(walk)
        assert self.recorder is not None
        self.recorder.finished(walk)
        from meldcode_cli.session import default_follow_up

        default = default_follow_up(walk)
        if default is not None:
            chosen = self.ui.ask_follow_up(walk, default) if self.ui else default
            self.recorder.set_follow_up(walk, chosen)

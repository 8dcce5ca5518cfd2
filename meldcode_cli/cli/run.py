"""`meldcode run`: answers from a file, the rest asked at the terminal, saved as a session, then the result."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.cli.walk_end import Interrupted, show_result
from meldcode_cli.engine.answers import load_answers
from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.catalog import resolve
from meldcode_cli.flow.kinds import MultipleNode, SingleNode, YesNoNode
from meldcode_cli.output import context
from meldcode_cli.tui.conversation import Conversation, terminal_available
from meldcode_cli.tui.session_keeper import SessionKeeper

if TYPE_CHECKING:
    pass

# rich, the prompts and the session records are imported where they are used: `run --json` with an
# answers file needs none of them, and start-up time is most of what that command costs.


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
    kinds = {"yes_no": "ja/nee: true of false", "single": "één keuze", "multiple": "een lijst keuzes", "text": "tekst"}
    kinds_en = {
        "yes_no": "yes/no: true or false",
        "single": "one choice",
        "multiple": "a list of choices",
        "text": "text",
    }
    options = describe_question(node)["options"]
    choices = f": {', '.join(options)}" if isinstance(node, (SingleNode, MultipleNode)) else ""
    if had_answers:
        lead = Msg(
            "Er is geen terminal om de ontbrekende vragen te stellen.",
            "There is no terminal to ask the missing questions.",
        )
    else:
        lead = Msg(
            "meldcode run heeft een terminal nodig om de vragen te stellen, of een "
            "antwoordenbestand (--answers BESTAND).",
            "meldcode run needs a terminal to ask the questions, or an answers file (--answers FILE).",
        )
    message = Msg(
        f"{lead.nl} Het antwoord op '{node.id}' ({kinds[node.kind]}{choices}) ontbreekt. "
        f"Zet het in het antwoordenbestand, bijvoorbeeld: {_example(node)}",
        f"{lead.en} The answer to '{node.id}' ({kinds_en[node.kind]}{choices}) is missing. "
        f"Add it to the answers file, for example: {_example(node)}",
    )
    return MeldcodeError("missing_answers", message, data={"missing": [describe_question(node)]})


def run(
    flow_ref: str | None,
    answers_path: Path | None,
    as_json: bool,
    *,
    reference: str | None = None,
    save: bool = True,
    encrypt: bool = False,
) -> None:
    if reference is not None and save:
        reference = checked_reference(reference)
    # In --json mode stdout carries only the JSON; the conversation happens on stderr.
    ui_stream = sys.stderr if as_json else sys.stdout
    interactive = terminal_available(ui_stream)
    ui = Conversation(ui_stream, separate_stream=as_json) if interactive else None
    source, settings = _source(flow_ref, None if as_json else ui)
    # A scripted run reads the compiled flow: no schema classes to build (see compiled.py).
    flow = _load(source.path, compiled_form=as_json and not interactive and not (save and reference))
    if interactive or not as_json:  # contacts are shown: the organisation's own from the settings
        flow = _with_organisation(flow, settings)
    walk, given = _filled(flow, answers_path, interactive)
    keeper = _keeper(source, flow, given, ui, reference, encrypt) if save and (interactive or reference) else None
    _walk_to_the_end(walk, ui, keeper)
    _end(walk, ui, keeper, as_json)


def _filled(flow: Any, answers_path: Path | None, interactive: bool) -> tuple[Walk, dict[str, Any]]:
    """The walk with the answers file's answers; without a terminal, every question must be in it."""
    given = load_answers(answers_path, flow) if answers_path else {}
    walk = Walk(flow)
    walk.fill(given, skip_optional=not interactive)
    if not walk.finished and not interactive:
        raise missing_answers(walk, bool(given) or answers_path is not None)
    return walk, given


def _end(walk: Walk, ui: Conversation | None, keeper: SessionKeeper | None, as_json: bool) -> None:
    """The result, then (at a terminal, for a saved session) the offer to record the decision."""
    show_result(walk, as_json, keeper.recorder if keeper else None)
    if ui is not None and keeper is not None and not as_json:
        from meldcode_cli.cli.deciding import offer_after_walk

        offer_after_walk(ui, keeper.recorder, walk)


def _source(flow_ref: str | None, ui: Conversation | None) -> tuple[Any, dict[str, str] | None]:
    """The flow to walk, and the user's settings when they were read to choose it: without a flow
    named, the user's sector, remembered, else asked once (`ui` is None in --json mode: never asked)."""
    if flow_ref is not None:
        return resolve(flow_ref), None
    from meldcode_cli.tui import sector

    settings = sector.load_settings()
    return resolve(sector.choose(settings, ui)), settings


def _load(path: Path, *, compiled_form: bool) -> Any:
    if compiled_form:
        from meldcode_cli.flow import compiled

        return compiled.load(path)
    from meldcode_cli.flow.loader import load_flow

    return load_flow(path)


def _with_organisation(flow: Any, settings: dict[str, str] | None) -> Any:
    """The flow with the organisation's own contacts from the user's settings."""
    from meldcode_cli.sessions import organisation
    from meldcode_cli.tui import sector

    return organisation.apply(flow, settings if settings is not None else sector.load_settings())


def _keeper(
    source: Any, flow: Any, given: dict[str, Any], ui: Conversation | None, reference: str | None, encrypt: bool
) -> SessionKeeper:
    """The session this walk is saved in, with the flow it began with."""
    from meldcode_cli.flow.loader import snapshot_text
    from meldcode_cli.sessions.record import FlowSnapshot

    snapshot = FlowSnapshot.of(
        flow, snapshot_text(source.path), source.builtin_id or str(source.path), source.builtin_id is not None
    )
    return SessionKeeper(snapshot, set(given), ui, reference, encrypt)


def _walk_to_the_end(walk: Walk, ui: Conversation | None, keeper: SessionKeeper | None) -> None:
    """Ask what the answers file left open, saving as it goes; Ctrl-C saves and says how to resume."""
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
    finally:
        if keeper is not None:
            keeper.close()


def checked_reference(reference: str) -> str:
    """A reference given on the command line: refused when unusable, warned about when it may
    identify someone (the user chose it deliberately, so it is kept)."""
    lang = context.lang()
    from meldcode_cli.sessions import reference as case_reference

    problem = case_reference.problem(reference)
    if problem is not None:
        raise MeldcodeError("invalid_reference", Msg(f"Zaakreferentie: {problem.nl}", f"Case reference: {problem.en}"))
    for warning in case_reference.warnings(reference):
        sys.stderr.write(warning.get(lang) + "\n")
    return reference.strip()

"""`meldcode resume`: reopen a saved session with the flow it began with, exactly where it stopped."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg, format_date
from meldcode_cli.cli.deciding import offer_after_walk
from meldcode_cli.cli.walk_end import Interrupted, show_result
from meldcode_cli.engine.walk import Walk
from meldcode_cli.engine.wording import answer_text as render_answer
from meldcode_cli.flow import yamlsource
from meldcode_cli.flow.loader import builtin_paths, parse_flow, snapshot_text
from meldcode_cli.flow.model import Flow, YesNoNode
from meldcode_cli.output import context
from meldcode_cli.sessions.crypto import WrongPassphrase
from meldcode_cli.sessions.index import Entry
from meldcode_cli.sessions.record import FlowSnapshot, Recorder, SessionRecord
from meldcode_cli.sessions.store import SessionStore, damaged
from meldcode_cli.tui.conversation import Conversation, terminal_available
from meldcode_cli.tui.session_keeper import SessionKeeper


def snapshot_flow(snapshot: FlowSnapshot) -> Flow:
    """The flow as the session began; it was valid then and is checked again now."""
    name = f"{snapshot.source} (versie {snapshot.version}, bewaard in de sessie)"
    return parse_flow(yamlsource.parse(snapshot.text, name))


def flow_change(snapshot: FlowSnapshot) -> Msg | None:
    """Whether the flow file changed since the session began, and what that means."""
    path = builtin_paths().get(snapshot.source) if snapshot.builtin else None
    if path is None and not snapshot.builtin:
        path = Path(snapshot.source)
    try:
        text = snapshot_text(path) if path else None
    except (OSError, MeldcodeError):
        text = None
    if text is not None and hashlib.sha256(text.encode("utf-8")).hexdigest() == snapshot.sha256:
        return None
    now_what = (
        Msg("is niet meer te vinden", "can no longer be found") if text is None else Msg("is gewijzigd", "has changed")
    )
    return Msg(
        f"Let op: de flow '{snapshot.id}' {now_what.nl} sinds deze sessie begon. De sessie gaat verder met "
        f"versie {snapshot.version}, zoals hij begon, zodat uw antwoorden en het advies bij elkaar blijven "
        "passen. Wilt u de nieuwe versie gebruiken? Begin dan een nieuwe sessie met 'meldcode run'.",
        f"Note: the flow '{snapshot.id}' {now_what.en} since this session began. The session continues with "
        f"version {snapshot.version}, as it began, so that your answers and the advice stay consistent. To "
        "use the new version, start a new session with 'meldcode run'.",
    )


def rebuild(record: SessionRecord) -> Walk:
    from meldcode_cli.sessions import organisation

    # The flow as the session began, with the organisation's contacts as the settings now give them.
    from meldcode_cli.tui import sector

    # The flow as the session began, with the organisation's contacts as the settings now give them.
    flow = organisation.apply(snapshot_flow(record.flow), sector.load_settings())
    try:
        walk = Walk.replay(flow, record.path, record.answers)
    except MeldcodeError as exc:
        raise damaged(SessionStore().path_of(record.id), exc.message) from None
    walk.remembered = dict(record.remembered)
    walk.notes = dict(record.notes)
    return walk


PASSPHRASE_TRIES = 3

PICK_QUESTION = "?"  # `--at` without a value: the user picks from the questions answered


def resume(wanted: str | None, at: str | None = None) -> None:
    store = SessionStore()
    interactive = terminal_available(sys.stdout)
    # Without an id: the sessions to go on with; to change an answer (--at), finished ones count too.
    open_ones = (
        []
        if wanted is not None
        else (open_sessions(store) if at is None else [i for i in store.listing() if i.problem is None])
    )
    if not interactive or len(open_ones) < 2:
        session_id = open_ones[0].id if len(open_ones) == 1 else store.find(wanted)
    if not interactive:
        raise MeldcodeError(
            "needs_terminal",
            Msg(
                f"meldcode resume stelt vragen en heeft daarvoor een terminal nodig. Voor het verslag zonder "
                f"vragen: meldcode report {session_id}",
                f"meldcode resume asks questions and needs a terminal for that. For the report without "
                f"questions: meldcode report {session_id}",
            ),
        )
    ui = Conversation(sys.stdout, separate_stream=False)
    try:
        if len(open_ones) > 1:
            session_id = _pick_session(open_ones, ui)
        with store.lock(session_id):
            record, key = _load(store, session_id, ui)
            walk = rebuild(record)
            recorder = Recorder(record, lambda r: store.save(r, key))
            _say(
                ui,
                Msg(
                    f"Sessie {record.id} ({record.reference}), begonnen op {format_date(record.created.date()).nl}.",
                    f"Session {record.id} ({record.reference}), begun on {format_date(record.created.date()).en}.",
                ),
            )
            change = flow_change(record.flow)
            if change is not None:
                _say(ui, change, style="yellow")
            if not _position(walk, record, at, ui):
                show_result(walk, False, recorder)
                if record.decision is None:
                    offer_after_walk(ui, recorder, walk)
                return
            keeper = SessionKeeper(record.flow, set(), ui, record.reference, False)
            keeper.recorder = recorder
            try:
                recorder.resumed(walk)
                ui.converse(walk, keeper)
                keeper.finish(walk)
            except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a text prompt
                raise Interrupted(recorder) from None
            show_result(walk, False, recorder)
            offer_after_walk(ui, recorder, walk)  # under the lock: the decision is saved too
    except (KeyboardInterrupt, EOFError):  # stopped at a picker or the passphrase: nothing changed
        raise Interrupted(None, resuming=True) from None


def open_sessions(store: SessionStore) -> list[Entry]:
    """Sessions to go on with, newest change first: not yet at an outcome, due for a new look, stopped
    at direct danger (the steps come once the danger is over), or encrypted (unknown until opened)."""
    return [
        i
        for i in store.listing()
        if i.problem is None and (i.encrypted or i.is_due or i.outcome is None or stopped_for_danger(i))
    ]


def stopped_for_danger(record: SessionRecord | Entry) -> bool:
    """An outcome before the first step (step 0: direct danger, call 112) is a pause, not an end."""
    return record.outcome is not None and record.step == 0 and record.reassess_on is None


def _pick_session(open_ones: list[Entry], ui: Conversation) -> str:
    lang = context.lang()
    choices = []
    for item in open_ones:
        when = f"{item.updated:%d-%m-%Y %H:%M}" if item.updated else ""
        where = ""
        if not item.encrypted:  # the listing knows the outcome and step of a readable session
            where = (
                Msg(f"advies {item.outcome}", f"advice {item.outcome}")
                if item.outcome
                else Msg(f"stap {item.step}", f"step {item.step}")
            ).get(lang)
        choices.append((item.id, "  ".join(part for part in (item.id, item.reference, where, when) if part)))
    chosen: str = ui.prompter.choose(
        Msg("Met welke sessie gaat u verder?", "Which session do you continue?").get(lang), choices
    )
    return chosen


def _load(store: SessionStore, session_id: str, ui: Conversation) -> tuple[SessionRecord, Any]:
    """The record; a wrong passphrase may be typed again, up to three times in all."""
    for attempt in range(1, PASSPHRASE_TRIES + 1):
        try:
            return store.load(session_id, passphrase=lambda: ui.prompter.ask_passphrase())
        except WrongPassphrase:
            if attempt == PASSPHRASE_TRIES:
                raise
            _say(
                ui,
                Msg("Het wachtwoord klopt niet. Probeer het nog eens.", "The passphrase is wrong. Try again."),
                style="yellow",
            )
    raise AssertionError("unreachable")


def answered_questions(walk: Walk) -> list[str]:
    """The questions on the path that have an answer, in the order asked (each once)."""
    seen: list[str] = []
    for node_id in walk.path[:-1]:
        if walk.flow.node(node_id).is_question and node_id in walk.answers and node_id not in seen:
            seen.append(node_id)
    return seen


def _question_at(walk: Walk, at: str, ui: Conversation) -> str:
    """The question `--at` means: its id, its number in the list of questions answered, or words from
    its text; anything else (or nothing) is chosen from that list."""
    lang = context.lang()
    asked = answered_questions(walk)
    if at in asked:
        return at
    if at.isdigit() and 1 <= int(at) <= len(asked):
        return asked[int(at) - 1]
    words = at.lower().split() if at != PICK_QUESTION else []
    matches = [
        q for q in asked if words and all(w in (walk.flow.node(q).text.get(lang) + " " + q).lower() for w in words)
    ]
    if len(matches) == 1:
        return matches[0]
    if not asked:
        raise MeldcodeError(
            "not_on_path",
            Msg("In deze sessie is nog geen vraag beantwoord.", "No question has been answered in this session yet."),
        )
    if at != PICK_QUESTION and not matches:
        _say(
            ui,
            Msg(
                f"Geen gestelde vraag past bij '{at}'. Kies de vraag uit de lijst.",
                f"No question asked matches '{at}'. Choose the question from the list.",
            ),
            style="yellow",
        )
    choices = []
    for number, q in enumerate(asked, 1):
        node = walk.flow.node(q)
        choices.append((q, f"{number}. {node.text.get(lang)} — {render_answer(node, walk.answers[q]).get(lang)}"))
    if matches:
        choices = [c for c in choices if c[0] in matches]
    chosen: str = ui.prompter.choose(
        Msg("Welk antwoord wilt u wijzigen?", "Which answer do you want to change?").get(lang), choices
    )
    return chosen


def _position(walk: Walk, record: SessionRecord, at: str | None, ui: Conversation) -> bool:
    """Move the walk to where the user continues; False when there is nothing left to ask."""
    lang = context.lang()
    if at is not None:
        walk.rewind(_question_at(walk, at, ui))
        return True
    if not walk.finished:
        return True
    if stopped_for_danger(record):
        return _after_danger(walk, record, ui)
    assert walk.outcome is not None  # finished: the walk has its advice
    follow_up = walk.outcome.follow_up
    if follow_up is None:
        _say(
            ui,
            Msg(
                f"Deze sessie is afgerond. Wilt u een antwoord wijzigen? Gebruik "
                f"'meldcode resume {record.id} --at'. Het verslag: meldcode report {record.id}",
                f"This session is finished. To change an answer, use "
                f"'meldcode resume {record.id} --at'. The report: meldcode report {record.id}",
            ),
        )
        return False
    planned = format_date(record.reassess_on).get(lang) if record.reassess_on else "—"
    if follow_up.question is None:
        # Nothing to weigh again (a report was made): say what to check, and how to record it.
        check = follow_up.text.get(lang) if follow_up.text else ""
        _say(
            ui,
            Msg(
                f"Vervolg (gepland op {planned}): {check}\nLeg vast wat er is gedaan en besloten: "
                f"meldcode decide {record.id}",
                f"Follow-up (planned for {planned}): {check}\nRecord what was done and decided: "
                f"meldcode decide {record.id}",
            ),
            style="bold",
        )
        return False
    _say(
        ui,
        Msg(
            f"Deze vraag wordt nu opnieuw gewogen (gepland op {planned}):",
            f"This question is now weighed again (planned for {planned}):",
        ),
        style="bold",
    )
    walk.rewind(follow_up.question)
    return True


def _after_danger(walk: Walk, record: SessionRecord, ui: Conversation) -> bool:
    """After a 112 advice: once the danger is over, the steps of the meldcode follow in this session."""
    lang = context.lang()
    assert walk.outcome is not None  # the 112 advice
    title = walk.outcome.title.get(lang)
    choices = [
        (
            True,
            Msg("Het gevaar is voorbij: verder met de stappen", "The danger is over: go on with the steps").get(lang),
        ),
        (False, Msg("Nog niet: alleen de samenvatting tonen", "Not yet: only show the summary").get(lang)),
    ]
    question = Msg(
        f"Het advies was: {title}. Is het gevaar voorbij? Dan zet u nu de stappen van de meldcode.",
        f"The advice was: {title}. Is the danger over? Then you now take the steps of the reporting code.",
    ).get(lang)
    if not ui.prompter.choose(question, choices):
        return False
    danger_question = [n for n in walk.path[:-1] if walk.flow.node(n).is_question][-1]
    node = walk.flow.node(danger_question)
    walk.rewind(danger_question)
    if isinstance(node, YesNoNode):
        # The user just said the danger is over: the cursor starts at the other answer (still confirmed
        # with Enter; the earlier answer stays in the trail).
        walk.remembered[danger_question] = not record.answers.get(danger_question)
    return True


def _say(ui: Conversation, message: Msg, style: str | None = None) -> None:
    lang = context.lang()
    ui.console.print(message.get(lang), style=style, markup=False, highlight=False)

"""`meldcode decide` and the offer after the advice: record the decision in the session, its trail and
an optional agenda item."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from meldcode_cli.base import json_format
from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg, format_date
from meldcode_cli.output import context
from meldcode_cli.sessions.decision import KINDS, ROLES, Decision, problems

# The 112 advice stands alone on the screen: nothing is asked after it.
NO_OFFER_AFTER = {"bel_112"}


def write_agenda_item(path: Path, session_id: str, reference: str, when: date) -> None:
    from meldcode_cli.base.private_files import write_private
    from meldcode_cli.output.calendar_file import follow_up_event

    try:
        write_private(path, follow_up_event(session_id, reference, when))
    except OSError as exc:
        raise MeldcodeError(
            "write_failed",
            Msg(f"{path} kan niet worden geschreven ({exc.strerror}).", f"{path} cannot be written ({exc.strerror})."),
        ) from None


def confirmation(record: Any, decision: Decision, ics: Path | None) -> str:
    lang = context.lang()
    lines = [
        Msg(
            f"Besluit vastgelegd in sessie {record.id} ({record.reference}): {KINDS[decision.kind].nl}, "
            f"{format_date(decision.on).nl}.",
            f"Decision recorded in session {record.id} ({record.reference}): {KINDS[decision.kind].en}, "
            f"{format_date(decision.on).en}.",
        ).get(lang)
    ]
    if ics is not None:
        lines.append(Msg(f"Agenda-item geschreven naar {ics}.", f"Agenda item written to {ics}.").get(lang))
    lines.append(
        Msg(
            f"Het verslag toont advies en besluit naast elkaar: meldcode report {record.id}",
            f"The report shows advice and decision side by side: meldcode report {record.id}",
        ).get(lang)
    )
    return "\n".join(lines)


class DecisionInterrupted(MeldcodeError):
    """Stopped while recording the decision: the walk and its advice are saved, the decision is not."""

    exit_code = 130

    def __init__(self, session_id: str) -> None:
        super().__init__(
            "interrupted",
            Msg(
                f"Onderbroken. Het advies is bewaard; het besluit is niet vastgelegd. Doe dat later met: "
                f"meldcode decide {session_id}",
                f"Interrupted. The advice is saved; the decision was not recorded. Do that later with: "
                f"meldcode decide {session_id}",
            ),
        )


def offer_after_walk(ui: Any, recorder: Any, walk: Any) -> None:
    """After the advice, in the same sitting: record the decision now, or choose 'later'."""
    if recorder is None or walk.outcome is None or walk.outcome.id in NO_OFFER_AFTER:
        return
    if not sys.stdin.isatty():  # lines from a pipe are a script's: it records the decision with --decision
        return
    from meldcode_cli.tui.decision_prompts import DecisionAsker

    record = recorder.record
    ui.console.print("")
    try:
        asked = DecisionAsker(ui).ask(record.id, offer_later=True, follow_up_default=record.reassess_on)
    except (KeyboardInterrupt, EOFError):
        raise DecisionInterrupted(record.id) from None
    if asked is None:
        return
    decision, ics = asked
    recorder.decided(decision)
    if ics is not None and decision.follow_up is not None:
        write_agenda_item(ics, record.id, record.reference, decision.follow_up)
    ui.console.print(confirmation(record, decision, ics), markup=False, highlight=False)


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    from meldcode_cli.tui.prompt_texts import parse_date

    parsed = parse_date(value)
    if parsed is None:
        raise MeldcodeError(
            "bad_date",
            Msg(
                f"{option}: '{value}' is geen datum; schrijf 2027-01-15 of 15-01-2027.",
                f"{option}: '{value}' is not a date; write 2027-01-15 or 15-01-2027.",
            ),
        )
    return parsed


def from_options(
    kind: str,
    on: str | None,
    by: str | None,
    kenmerk: str | None,
    consulted_on: str | None,
    reasons: str | None,
    follow_up: str | None,
) -> Decision:
    """A decision from the command line, checked as strictly as the questions would."""
    from meldcode_cli.sessions.record import now

    if kind not in KINDS:
        raise MeldcodeError(
            "bad_decision",
            Msg(
                f"--decision '{kind}' bestaat niet; kies uit {', '.join(KINDS)}.",
                f"--decision '{kind}' does not exist; choose from {', '.join(KINDS)}.",
            ),
        )
    if by is not None and by not in ROLES:
        raise MeldcodeError(
            "bad_role",
            Msg(
                f"--by '{by}' is geen functie uit de lijst; kies uit {', '.join(ROLES)} (een functie, geen naam).",
                f"--by '{by}' is not a role from the list; choose from {', '.join(ROLES)} (a role, not a name).",
            ),
        )
    decision = Decision(
        kind=kind,
        on=_parse_date(on, "--date") or date.today(),
        by=by,
        kenmerk=(kenmerk or "").strip()[:40] or None,
        consulted_on=_parse_date(consulted_on, "--consulted-on"),
        reasons=(reasons or "").strip() or None,
        follow_up=_parse_date(follow_up, "--follow-up"),
        recorded=now(),
    )
    found = problems(decision)
    if found:
        raise MeldcodeError(
            "incomplete_decision", Msg("Het besluit is niet compleet:", "The decision is incomplete:"), details=found
        )
    return decision


def decide(
    wanted: str,
    *,
    kind: str | None,
    on: str | None,
    by: str | None,
    kenmerk: str | None,
    consulted_on: str | None,
    reasons: str | None,
    follow_up: str | None,
    ics: Path | None,
    force: bool,
    as_json: bool,
) -> None:
    from meldcode_cli.output.replacing import may_replace
    from meldcode_cli.sessions.record import Recorder
    from meldcode_cli.sessions.store import SessionStore
    from meldcode_cli.tui.passphrase import passphrase_from_user

    if ics is not None:
        _check_ics(ics)
    decision = None
    if kind is not None:
        decision = from_options(kind, on, by, kenmerk, consulted_on, reasons, follow_up)
        if ics is not None and decision.follow_up is None:
            raise MeldcodeError(
                "ics_needs_date",
                Msg(
                    "--ics maakt een agenda-item voor --follow-up DATUM; geef die datum.",
                    "--ics makes an agenda item for --follow-up DATE; give that date.",
                ),
            )
    store = SessionStore()
    session_id = store.find(wanted)
    # Without --decision the questions ask for it, and they need a terminal.
    ui = _conversation(session_id, as_json) if decision is None else None
    with store.lock(session_id):
        record, key = store.load(
            session_id, passphrase_from_user() if ui is None else (lambda: ui.prompter.ask_passphrase())
        )
        _check_advice(record)
        if ui is not None:
            decision, ics = _ask(ui, record)
        assert decision is not None
        if ics is not None:
            may_replace(ics, force)
        Recorder(record, lambda r: store.save(r, key)).decided(decision)
    if ics is not None and decision.follow_up is not None:
        write_agenda_item(ics, record.id, record.reference, decision.follow_up)
    _tell(record, decision, ics, as_json, ui)


def _check_ics(ics: Path) -> None:
    """Before anything is asked: the agenda file can be written where the user wants it."""
    from meldcode_cli.base.target_files import check_writable

    if ics.suffix.lower() != ".ics":
        raise MeldcodeError(
            "unknown_extension",
            Msg(
                f"--ics: geef een bestandsnaam die eindigt op .ics ({ics}).",
                f"--ics: give a file name ending in .ics ({ics}).",
            ),
        )
    check_writable(ics)


def _conversation(session_id: str, as_json: bool) -> Any:
    from meldcode_cli.tui.conversation import Conversation, terminal_available

    stream = sys.stderr if as_json else sys.stdout
    if not terminal_available(stream):
        raise MeldcodeError(
            "needs_decision",
            Msg(
                "meldcode decide vraagt naar het besluit en heeft daarvoor een terminal nodig. In een script: "
                f"meldcode decide {session_id} --decision {'|'.join(KINDS)} (zie --help).",
                "meldcode decide asks for the decision and needs a terminal for that. In a script: "
                f"meldcode decide {session_id} --decision {'|'.join(KINDS)} (see --help).",
            ),
        )
    return Conversation(stream, separate_stream=as_json)


def _check_advice(record: Any) -> None:
    if record.outcome is None:
        raise MeldcodeError(
            "no_advice_yet",
            Msg(
                f"Sessie {record.id} ({record.reference}) heeft nog geen advies. Maak de doorloop eerst af: "
                f"meldcode resume {record.id}",
                f"Session {record.id} ({record.reference}) has no advice yet. Finish the walk first: "
                f"meldcode resume {record.id}",
            ),
        )


def _ask(ui: Any, record: Any) -> tuple[Decision, Path | None]:
    """The decision asked at the terminal, with the advice it follows named first."""
    lang = context.lang()
    from meldcode_cli.tui.decision_prompts import DecisionAsker

    ui.console.print(
        Msg(
            f"Sessie {record.id} ({record.reference}), advies: {record.outcome.replace('_', ' ')}.",
            f"Session {record.id} ({record.reference}), advice: {record.outcome.replace('_', ' ')}.",
        ).get(lang),
        markup=False,
        highlight=False,
    )
    asked = DecisionAsker(ui).ask(record.id, offer_later=False, follow_up_default=record.reassess_on)
    assert asked is not None
    return asked


def _tell(record: Any, decision: Decision, ics: Path | None, as_json: bool, ui: Any) -> None:
    if as_json:
        sys.stdout.write(
            json.dumps(
                {
                    "format": json_format.DECISION,
                    "session": record.id,
                    "reference": record.reference,
                    "outcome": record.outcome,
                    "decision": decision.model_dump(mode="json"),
                    "ics": str(ics) if ics else None,
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    elif ui is not None:
        ui.console.print(confirmation(record, decision, ics), markup=False, highlight=False)
    else:
        sys.stdout.write(confirmation(record, decision, ics) + "\n")

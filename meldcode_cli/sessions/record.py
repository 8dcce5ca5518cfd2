"""A session's record: one case's walk through a flow, with the flow it began with and a timestamped trail."""

from __future__ import annotations

import getpass
import hashlib
import secrets
from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from meldcode_cli import __version__
from meldcode_cli.engine.observer import Observer
from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.model import Answer, Flow
from meldcode_cli.sessions.decision import Decision

FORMAT: Literal[1] = 1
_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed without doubt


def new_session_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(6))


def now() -> datetime:
    """Local time with its offset: a dossier reader needs the time as the professional saw it."""
    return datetime.now().astimezone().replace(microsecond=0)


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "onbekend"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FlowSnapshot(Record):
    """The flow exactly as the session began, so a resumed session keeps its version."""

    id: str
    version: str
    source: str  # a built-in id, or the path it was loaded from
    builtin: bool
    sha256: str
    text: str

    @classmethod
    def of(cls, flow: Flow, text: str, source: str, builtin: bool) -> FlowSnapshot:
        return cls(
            id=flow.id,
            version=flow.version,
            source=source,
            builtin=builtin,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            text=text,
        )


EventKind = Literal["started", "answer", "note", "resumed", "finished", "follow_up", "decision"]


class Event(Record):
    """One line of the audit trail: who did what, when; a changed answer keeps the value it replaced."""

    at: datetime
    by: str
    kind: EventKind
    question: str | None = None
    value: Any = None
    previous: Any = None
    from_file: bool = False


class SessionRecord(Record):
    """Everything saved for one session (the file's content, before any encryption)."""

    format: Literal[1] = FORMAT
    tool: str = Field(default_factory=lambda: f"meldcode {__version__}")
    id: str = Field(pattern=r"^[a-z0-9]{4,16}$")
    reference: str = Field(min_length=1, max_length=60)
    created: datetime
    updated: datetime
    flow: FlowSnapshot
    path: list[str]
    answers: dict[str, Answer] = Field(default_factory=dict)
    remembered: dict[str, Answer] = Field(default_factory=dict)
    notes: dict[str, str] = Field(default_factory=dict)
    events: list[Event] = Field(default_factory=list)
    step: int = 0  # the current node's step, so `meldcode sessions` need not load every flow
    outcome: str | None = None
    finished: datetime | None = None
    reassess_on: date | None = None
    decision: Decision | None = None  # what the professional decided and did after the advice

    @property
    def is_due(self) -> bool:
        return self.reassess_on is not None and self.reassess_on <= now().date()


class Recorder(Observer):
    """Keeps a record in step with a walk, adding trail events; `save` is called after every change."""

    def __init__(self, record: SessionRecord, save: Any) -> None:
        self.record = record
        self._save = save

    @classmethod
    def start(
        cls,
        walk: Walk,
        snapshot: FlowSnapshot,
        reference: str,
        save: Any,
        from_file: set[str] | frozenset[str] = frozenset(),
        session_id: str | None = None,
    ) -> Recorder:
        """A new record for a walk that may already hold answers (from a file, or the 112 question)."""
        moment = now()
        record = SessionRecord(
            id=session_id or new_session_id(),
            reference=reference,
            created=moment,
            updated=moment,
            flow=snapshot,
            path=list(walk.path),
        )
        recorder = cls(record, save)
        recorder._event("started")
        for node_id in walk.path:
            if node_id in walk.answers:
                recorder._answer_event(node_id, walk.answers[node_id], from_file=node_id in from_file)
        recorder.sync(walk)
        return recorder

    def rename(self, reference: str) -> None:
        """The case reference the user gave, in place of the provisional one the session began with."""
        self.record.reference = reference
        self.record.updated = now()
        self._save(self.record)

    def _event(self, kind: EventKind, **fields: Any) -> None:
        self.record.events.append(Event(at=now(), by=current_user(), kind=kind, **fields))

    def _last_answer(self, question: str) -> Any:
        for event in reversed(self.record.events):
            if event.kind == "answer" and event.question == question:
                return event.value
        return None

    def _answer_event(self, question: str, value: Any, from_file: bool = False) -> None:
        earlier = self._last_answer(question)
        changed = earlier is not None and earlier != value
        self._event(
            "answer", question=question, value=value, previous=earlier if changed else None, from_file=from_file
        )

    def answered(self, walk: Walk, node: Any) -> None:
        if node.is_question:
            self._answer_event(node.id, walk.answers[node.id])
        self.sync(walk)

    def noted(self, walk: Walk, node: Any) -> None:
        text = walk.notes.get(node.id, "")
        earlier = next(
            (e.value for e in reversed(self.record.events) if e.kind == "note" and e.question == node.id), None
        )
        if text != (earlier or ""):
            self._event("note", question=node.id, value=text, previous=earlier)
        self.sync(walk)

    def went_back(self, walk: Walk) -> None:
        self.sync(walk)

    def resumed(self, walk: Walk) -> None:
        self._event("resumed", question=walk.current.id)
        self.sync(walk)

    def finished(self, walk: Walk) -> None:
        outcome = walk.outcome
        if outcome is not None and (
            self.record.outcome != outcome.id or self.record.finished is None or self._changed_since_finish()
        ):
            self._event("finished", value=outcome.id)
            self.record.finished = now()
        if outcome is not None and outcome.follow_up is None and self.record.reassess_on is not None:
            # The re-assessment is done (question 5 answered for good): no date may stay to alarm anyone.
            self.record.reassess_on = None
            self._event("follow_up", value=None)
        self.sync(walk)

    def _changed_since_finish(self) -> bool:
        for event in reversed(self.record.events):
            if event.kind == "finished":
                return False
            if event.kind in ("answer", "note"):
                return True
        return True

    def set_follow_up(self, walk: Walk, when: date) -> None:
        self.record.reassess_on = when
        self._event(
            "follow_up", question=walk.outcome.follow_up.question if walk.outcome else None, value=when.isoformat()
        )
        self.sync(walk)

    def decided(self, decision: Decision) -> None:
        """A decision goes into the trail like an answer; a replaced one stays there as `previous`."""
        earlier = self.record.decision
        self._event(
            "decision",
            value=decision.model_dump(mode="json"),
            previous=earlier.model_dump(mode="json") if earlier else None,
        )
        self.record.decision = decision
        self.record.updated = now()
        self._save(self.record)

    def sync(self, walk: Walk) -> None:
        record = self.record
        record.path = list(walk.path)
        record.answers = dict(walk.answers)
        record.remembered = dict(walk.remembered)
        record.notes = {q: n for q, n in walk.notes.items() if n}
        record.step = walk.current.step
        record.outcome = walk.outcome.id if walk.outcome is not None else None
        if not walk.finished:
            record.finished = None
        record.updated = now()
        self._save(record)


def default_follow_up(walk: Walk) -> date | None:
    outcome = walk.outcome
    if outcome is None or outcome.follow_up is None:
        return None
    return now().date() + timedelta(days=outcome.follow_up.after_days)

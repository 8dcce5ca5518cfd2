"""How a walk is put into words without a terminal: answers, step labels, contacts, the JSON result."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from meldcode_cli.base import json_format
from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.kinds import MultipleNode, SingleNode, TextNode, YesNoNode

if TYPE_CHECKING:
    from meldcode_cli.flow.model import Flow, FollowUp, Text

YES = Msg("Ja", "Yes")
NO = Msg("Nee", "No")
NOTHING_TICKED = Msg("(niets aangevinkt)", "(nothing ticked)")
LEFT_EMPTY = Msg("(leeg gelaten)", "(left empty)")


def step_label(flow: Flow, number: int, lang: str) -> str:
    """ "Stap 2 van 5 — Collegiale consultatie"; step 0 is "Eerst — Direct gevaar"."""
    step = flow.step(number)
    title = step.title.get(lang) if step else ""
    if number == 0:
        return f"{Msg('Eerst', 'First').get(lang)} — {title}"
    total = len(flow.numbered_steps)
    return f"{Msg('Stap', 'Step').get(lang)} {number} {Msg('van', 'of').get(lang)} {total} — {title}"


def answer_text(node: Any, value: Any, lang: str) -> str:
    """An answer as the user chose it: Ja/Nee, the option's label, the note."""
    if isinstance(node, YesNoNode):
        return (YES if value else NO).get(lang)
    if isinstance(node, SingleNode):
        option = node.option(value)
        return option.label.get(lang) if option else str(value)
    if isinstance(node, MultipleNode):
        labels = [o.label.get(lang) for o in node.options if o.id in value]
        return ", ".join(labels) if labels else NOTHING_TICKED.get(lang)
    if isinstance(node, TextNode):
        return value if value else LEFT_EMPTY.get(lang)
    return str(value)


class FollowUpSubject:
    """What a follow-up date is for, shaped like a question (it has a `text`) for the date prompt."""

    def __init__(self, text: Text) -> None:
        self.text = text


def follow_up_subject(flow: Flow, follow_up: FollowUp) -> FollowUpSubject:
    """The question weighed again on the follow-up date, or else what the user checks then."""
    if follow_up.question is not None:
        return FollowUpSubject(flow.node(follow_up.question).text)
    assert follow_up.text is not None  # the model requires one of the two
    return FollowUpSubject(follow_up.text)


def outcome_contacts(walk: Walk) -> list[str]:
    """The outcome's contacts, then those of the gathered actions, each once."""
    assert walk.outcome is not None
    ids = list(walk.outcome.contacts)
    for action in walk.actions():
        ids += walk.flow.actions[action.id].contacts
    return list(dict.fromkeys(ids))


def result(walk: Walk, lang: str) -> dict[str, Any]:
    """The JSON result of the public contract."""
    outcome = walk.outcome
    return {
        "format": json_format.RESULT,
        "flow": {"id": walk.flow.id, "version": walk.flow.version},
        "outcome": {"id": outcome.id, "title": outcome.title.get(lang)} if outcome else None,
        "actions": [a.id for a in walk.actions()],
        "path": list(walk.path),
        "answers": dict(walk.answers),
    }

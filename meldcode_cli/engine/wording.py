"""How a walk is put into words without a terminal: answers, step labels, contacts, the JSON result."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.kinds import MultipleNode, SingleNode, TextNode, YesNoNode

if TYPE_CHECKING:
    from meldcode_cli.flow.model import Flow, FollowUp, Text

YES = Msg("Ja", "Yes")
NO = Msg("Nee", "No")
NOTHING_TICKED = Msg("(niets aangevinkt)", "(nothing ticked)")
LEFT_EMPTY = Msg("(leeg gelaten)", "(left empty)")


def step_label(flow: Flow, number: int) -> Msg:
    """ "Stap 2 van 5 — Collegiale consultatie"; step 0 is "Eerst — Direct gevaar"."""
    step = flow.step(number)
    nl, en = (step.title.get("nl"), step.title.get("en")) if step else ("", "")
    if number == 0:
        return Msg(f"Eerst — {nl}", f"First — {en}")
    total = len(flow.numbered_steps)
    return Msg(f"Stap {number} van {total} — {nl}", f"Step {number} of {total} — {en}")


def answer_text(node: Any, value: Any) -> Msg:
    """An answer as the user chose it: Ja/Nee, the option's label, the note."""
    if isinstance(node, YesNoNode):
        return YES if value else NO
    if isinstance(node, SingleNode):
        option = node.option(value)
        return _both(option.label) if option else Msg(str(value), str(value))
    if isinstance(node, MultipleNode):
        labels = [o.label for o in node.options if o.id in value]
        if not labels:
            return NOTHING_TICKED
        return Msg(", ".join(label.get("nl") for label in labels), ", ".join(label.get("en") for label in labels))
    if isinstance(node, TextNode):
        return Msg(value, value) if value else LEFT_EMPTY
    return Msg(str(value), str(value))


def _both(text: Any) -> Msg:
    """A flow's text (Dutch, and English when the flow has it) as a message in both languages."""
    return Msg(text.get("nl"), text.get("en"))


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

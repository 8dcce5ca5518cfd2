"""What a condition reads of the answers, and the few answers to a question that stand for all.

A search never tries every answer: a question's answers that nothing later can tell apart lead to
the same place, so one of them stands for the group. What "later" reads is a set of atoms.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import Any

from meldcode_cli.engine.walk import normalize
from meldcode_cli.flow.integrity import iter_tests
from meldcode_cli.flow.model import Flow, MultipleNode, SingleNode, TextNode, YesNoNode

# An atom is one thing a condition can read: (question, value) for a value it compares with, or
# (question, EXACT) for "does this multiple-choice answer hold options nobody tests?", which
# `equals` on a multiple-choice question needs. Option ids never start with '=', so it cannot clash.
EXACT = "=exact"
Atom = tuple[str, Any]

MAX_CHOICES = 1 << 14  # combinations of tested options of one multiple-choice question


class TooLarge(Exception):
    """The search would exceed its limits; the flow cannot be checked completely."""

    def __init__(self, reason: str, node: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.node = node


def reads(condition: Any, flow: Flow) -> set[Atom]:
    """The atoms a condition reads, matching how `engine.holds` compares answers."""
    atoms: set[Atom] = set()
    if condition is None:
        return atoms
    for _, test in iter_tests(condition, ()):
        if not flow.has_node(test.question):
            continue
        q, op, operand = test.question, test.operator, test.operand
        if isinstance(flow.node(q), MultipleNode):
            if op == "equals":
                if isinstance(operand, list):  # a list never equals a plain value: nothing to read
                    atoms |= {(q, o) for o in operand} | {(q, EXACT)}
            else:
                atoms |= {(q, o) for o in (operand if isinstance(operand, list) else [operand])}
        elif not (op == "equals" and isinstance(operand, list)):  # a plain answer never equals a list
            atoms |= {(q, v) for v in (operand if isinstance(operand, list) else [operand])}
    return atoms


def representatives(node: Any, read: frozenset[Any]) -> Iterator[Any]:
    """Representative answers: every value a later check compares with, plus one that none does."""
    for kind, choose in _CHOOSERS:
        if isinstance(node, kind):
            yield from choose(node, read)
            return


def _yes_no_choices(_node: YesNoNode, read: frozenset[Any]) -> Iterator[bool]:
    yield from (v for v in (True, False) if v in read)
    yield from [v for v in (False, True) if v not in read][:1]


def _single_choices(node: SingleNode, read: frozenset[Any]) -> Iterator[str]:
    ids = [o.id for o in node.options]
    yield from (o for o in ids if o in read)
    yield from [o for o in ids if o not in read][:1]


def _text_choices(node: TextNode, read: frozenset[Any]) -> Iterator[str]:
    yield from sorted(v for v in read if isinstance(v, str) and _valid(node, v))
    other = "" if not node.required else "tekst"
    while other in read or not _valid(node, other):
        other = other + "x"
    yield other


def _multiple_choices(node: MultipleNode, read: frozenset[Any]) -> Iterator[list[str]]:
    ids = [o.id for o in node.options]
    tested = [o for o in ids if o in read]
    untested = [o for o in ids if o not in read]
    if len(tested) > 20 or (1 << len(tested)) > MAX_CHOICES:
        raise TooLarge("choices", node.id)
    for size in range(len(tested) + 1):  # fewest options first
        extras = _extras(node.min_selected, size, len(untested), EXACT in read)
        for chosen in _in_mask_order(tested, size) if extras else ():
            for extra in extras:
                picked = set(chosen).union(untested[:extra])
                yield [o for o in ids if o in picked]


def _extras(minimum: int, size: int, untested: int, exact: bool) -> list[int]:
    """How many untested options to add to `size` tested ones: enough to be a valid answer, and
    (when `equals` asks whether the answer holds options nobody tests) none as well as some."""
    need = minimum - size
    variants = ([0] if not untested else [0, max(1, need)]) if exact else [max(0, need)]
    return [e for e in variants if size + e >= minimum and e <= untested]


_CHOOSERS: tuple[tuple[type, Any], ...] = (
    (YesNoNode, _yes_no_choices),
    (SingleNode, _single_choices),
    (TextNode, _text_choices),
    (MultipleNode, _multiple_choices),
)


def _in_mask_order(items: list[str], size: int) -> list[tuple[str, ...]]:
    """The subsets of `size` items, in the order of their bit masks (bit i for items[i]): the
    order counterexamples have always been searched in."""
    subsets = list(combinations(reversed(items), size))  # masks from high to low
    subsets.reverse()
    return subsets


def _valid(node: Any, value: str) -> bool:
    try:
        return normalize(node, value) == value
    except Exception:  # an answer the question refuses is not a possible answer
        return False

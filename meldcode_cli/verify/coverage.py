"""Which nodes and answers of a flow no scenario reaches, each with its line in the flow."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from meldcode_cli.flow import yamlsource
from meldcode_cli.flow.kinds import MultipleNode, SingleNode, YesNoNode
from meldcode_cli.flow.model import Flow
from meldcode_cli.flow.places import Places


class Walked(Protocol):
    """A scenario's walk as coverage reads it (scenarios.Outcome): the nodes shown, the answers given."""

    @property
    def path(self) -> tuple[str, ...]: ...

    @property
    def answers(self) -> dict[str, Any]: ...


@dataclass
class Coverage:
    """The counts, and the nodes and answers missed, each with its file and line."""

    nodes: int = 0
    answers: int = 0
    answered: int = 0
    missed_nodes: list[tuple[str, int | None, str]] = field(default_factory=list)  # file, line, node id
    missed_answers: list[tuple[str, int | None, str, str]] = field(default_factory=list)  # + answer


def coverage(flow: Flow, results: Sequence[Walked], located: yamlsource.Located | Places | None) -> Coverage:
    shown = {n for r in results for n in r.path}
    chosen: set[tuple[str, Any]] = set()
    for r in results:
        for q, value in r.answers.items():
            if q in r.path:
                for v in value if isinstance(value, list) else [value]:
                    chosen.add((q, v))

    def place(loc: tuple[Any, ...]) -> tuple[str, int | None]:
        if located is None:
            return flow.id, None
        return located.file_of(loc), located.line_of(loc)

    found = Coverage()
    for n, node in enumerate(flow.nodes):
        found.nodes += 1
        if node.id not in shown:
            found.missed_nodes.append((*place(("nodes", n)), node.id))
        for k, value, label in _possible_answers(node):
            found.answers += 1
            if (node.id, value) in chosen:
                found.answered += 1
            elif node.id in shown:  # a node no scenario reaches is listed once, not with each answer
                loc = ("nodes", n, "options", k) if k is not None else ("nodes", n)
                found.missed_answers.append((*place(loc), node.id, label))
    return found


def _possible_answers(node: Any) -> list[tuple[int | None, Any, str]]:
    """The answers worth covering: each option of a choice, and yes and no."""
    if isinstance(node, YesNoNode):
        return [(None, True, "true"), (None, False, "false")]
    if isinstance(node, (SingleNode, MultipleNode)):
        return [(k, o.id, o.id) for k, o in enumerate(node.options)]
    return []

"""Proves a flow's guarantees over every possible walk, with the shortest counterexample when one fails."""

from __future__ import annotations

from dataclasses import dataclass

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.walk import Walk, holds
from meldcode_cli.flow.model import Flow, Guarantee
from meldcode_cli.flow.yamlsource import paused_gc
from meldcode_cli.verify.explore import Ending, Goal, Graph, Search, Step, TooLarge, Watch


@dataclass(frozen=True)
class Counterexample:
    """A walk that breaks a guarantee, replayed through the engine: the answers in the order they
    are asked, and where the walk ends."""

    steps: tuple[Step, ...]
    outcome: str
    actions: tuple[str, ...]
    path: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    """The result of proving one guarantee."""

    index: int
    guarantee: Guarantee
    counterexample: Counterexample | None = None
    broken: tuple[Msg, ...] = ()
    too_large: TooLarge | None = None

    @property
    def proved(self) -> bool:
        return self.counterexample is None and self.too_large is None


def watch_for(guarantee: Guarantee) -> Watch:
    then = guarantee.then
    return Watch(
        when=guarantee.when,
        actions=frozenset(then.actions) | frozenset(then.not_actions),
        nodes=frozenset(then.visits) | frozenset(then.avoids),
        first_question=then.first_question is not None,
        goal=_goal(guarantee),
    )


def _goal(guarantee: Guarantee) -> Goal | None:
    """What meets the guarantee for good before a walk ends, if anything can: what it asks to be
    gathered, visited or asked first stays so; an outcome is only known at the end, and an action
    or node to avoid may still come."""
    then = guarantee.then
    if then.outcome or then.not_actions or then.avoids:
        return None
    return Goal(frozenset(then.actions), frozenset(then.visits), then.first_question)


def breaks(guarantee: Guarantee, ending: Ending) -> bool:
    return bool(what_breaks(guarantee, ending))


def what_breaks(guarantee: Guarantee, ending: Ending) -> list[Msg]:
    """Which requirements of the guarantee an ending does not meet (empty: it meets them all)."""
    then = guarantee.then
    broken: list[Msg] = []
    if then.outcome and ending.outcome not in then.outcome:
        wanted = "', '".join(then.outcome)
        broken.append(
            Msg(
                f"de uitkomst is '{ending.outcome}' in plaats van '{wanted}'",
                f"the outcome is '{ending.outcome}' instead of '{wanted}'",
            )
        )
    broken += [
        Msg(f"de actie '{action}' wordt niet verzameld", f"the action '{action}' is not gathered")
        for action in then.actions
        if action not in ending.actions
    ]
    broken += [
        Msg(f"de actie '{action}' wordt toch verzameld", f"the action '{action}' is gathered after all")
        for action in then.not_actions
        if action in ending.actions
    ]
    broken += [
        Msg(f"de weg komt niet langs '{node}'", f"the path does not pass '{node}'")
        for node in then.visits
        if node not in ending.visited
    ]
    broken += [
        Msg(f"de weg komt langs '{node}'", f"the path passes '{node}'")
        for node in then.avoids
        if node in ending.visited
    ]
    if then.first_question is not None and ending.first_question != then.first_question:
        broken.append(
            Msg(
                f"de eerste vraag is '{ending.first_question}' in plaats van '{then.first_question}'",
                f"the first question is '{ending.first_question}' instead of '{then.first_question}'",
            )
        )
    return broken


def prove(flow: Flow, graph: Graph | None = None) -> list[Verdict]:
    """Every guarantee of the flow, each proved by its own search (so that one guarantee's
    bookkeeping never multiplies another's states)."""
    with paused_gc():  # a great many small objects that live until it is done: see `Checker.check`
        graph = graph or Graph(flow)
        return [prove_one(flow, graph, index, guarantee) for index, guarantee in enumerate(flow.guarantees)]


def prove_one(flow: Flow, graph: Graph, index: int, guarantee: Guarantee) -> Verdict:
    try:
        found = Search(graph, watch_for(guarantee)).run(lambda ending: breaks(guarantee, ending))
    except TooLarge as exc:
        return Verdict(index, guarantee, too_large=exc)
    if found.violation is None:
        return Verdict(index, guarantee)
    steps, _ = found.violation
    walk = _walk(flow, steps)
    example = Counterexample(tuple(steps), walk.current.id, tuple(a.id for a in walk.actions()), tuple(walk.path))
    broken = []
    if walk.finished and (guarantee.when is None or holds(guarantee.when, walk.answers)):
        broken = what_breaks(guarantee, ending_of(flow, example))
    if not broken:
        # The engine disagrees with the search: never report a counterexample that is not one.
        raise MeldcodeError(
            "internal",
            Msg(
                f"Interne fout bij het bewijzen van '{guarantee.id}': het tegenvoorbeeld klopt niet. Meld dit "
                "aan de makers van meldcode.",
                f"Internal error proving '{guarantee.id}': the counterexample does not hold. Please report this "
                "to the makers of meldcode.",
            ),
        )
    return Verdict(index, guarantee, example, tuple(broken))


def _walk(flow: Flow, steps: list[Step]) -> Walk:
    """Walk the engine through the answers, in the order they are asked, to see where they lead."""
    walk = Walk(flow)
    for question, value in steps:
        _pass_screens(walk)
        if walk.current.id != question:
            raise MeldcodeError(
                "internal",
                Msg(
                    f"Interne fout: het tegenvoorbeeld verwacht '{question}', maar de "
                    f"doorloop is bij '{walk.current.id}'.",
                    f"Internal error: the counterexample expects '{question}', but the walk is at '{walk.current.id}'.",
                ),
            )
        walk.answer(value)
    _pass_screens(walk)
    return walk


def _pass_screens(walk: Walk) -> None:
    for _ in range(len(walk.flow.nodes) + 1):  # information screens in a row, never forever
        if walk.finished or walk.current.is_question:
            return
        walk.answer()


def ending_of(flow: Flow, example: Counterexample) -> Ending:
    first = next((n for n in example.path if flow.node(n).is_question), None)
    return Ending(example.outcome, frozenset(example.actions), frozenset(example.path), first)

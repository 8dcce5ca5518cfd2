"""Cross-reference checks a flow must pass to load: ids, targets, steps, options, actions, contacts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow.model import (
    ActionRef,
    All,
    AnswerTest,
    AnyOf,
    Flow,
    MultipleNode,
    Not,
    OutcomeNode,
    SingleNode,
    TextNode,
    YesNoNode,
)
from meldcode_cli.flow.schema_errors import did_you_mean

Loc = tuple[Any, ...]
Finding = tuple[Loc, str, Msg, Msg | None]  # where, code, what is wrong, what to do


def iter_tests(condition: Any, loc: Loc) -> Iterator[tuple[Loc, AnswerTest]]:
    """Every answer test inside a condition, with its place in the file."""
    if isinstance(condition, AnswerTest):
        yield loc, condition
    elif isinstance(condition, Not):
        yield from iter_tests(condition.not_, loc + ("not",))
    elif isinstance(condition, All):
        for i, part in enumerate(condition.all):
            yield from iter_tests(part, loc + ("all", i))
    elif isinstance(condition, AnyOf):
        for i, part in enumerate(condition.any):
            yield from iter_tests(part, loc + ("any", i))


def iter_conditions(flow: Flow) -> Iterator[tuple[Loc, Any]]:
    """Every condition in the flow, with its place: only_if, next rules, actions, extra advice."""
    for n, node in enumerate(flow.nodes):
        base: Loc = ("nodes", n)
        if node.only_if is not None:
            yield base + ("only_if",), node.only_if
        for i, rule in enumerate(getattr(node, "next", [])):
            if rule.when is not None:
                yield base + ("next", i, "when"), rule.when
        for loc, ref in iter_action_refs_of(node, base):
            if ref.when is not None:
                yield loc + ("when",), ref.when
        for i, extra in enumerate(getattr(node, "extra_advice", [])):
            yield base + ("extra_advice", i, "when"), extra.when
        for i, line in enumerate(getattr(node, "lines", [])):
            if line.when is not None:
                yield base + ("lines", i, "when"), line.when
    for g, guarantee in enumerate(flow.guarantees):
        if guarantee.when is not None:
            yield ("guarantees", g, "when"), guarantee.when


def iter_action_refs_of(node: Any, base: Loc) -> Iterator[tuple[Loc, ActionRef]]:
    for i, ref in enumerate(node.actions):
        yield base + ("actions", i), ref
    for o, option in enumerate(getattr(node, "options", [])):
        for i, ref in enumerate(option.actions):
            yield base + ("options", o, "actions", i), ref


def check(flow: Flow) -> list[Finding]:
    """All reference problems in a flow; an empty list means it can be walked."""
    findings: list[Finding] = []
    findings += _check_ids(flow)
    findings += _check_steps(flow)
    findings += _check_targets(flow)
    findings += _check_conditions(flow)
    findings += _check_actions_and_contacts(flow)
    findings += _check_guarantees(flow)
    findings += _check_follow_ups(flow)
    return findings


def _check_follow_ups(flow: Flow) -> Iterator[Finding]:
    ids = [n.id for n in flow.nodes if n.is_question]
    for n, node in enumerate(flow.nodes):
        for h, hinted in enumerate(getattr(node, "hint_for", [])):
            if not flow.has_node(hinted) or not flow.node(hinted).is_question:
                yield (
                    ("nodes", n, "hint_for", h),
                    "MC116",
                    Msg(
                        f"de notitie '{node.id}' wijst naar het antwoord op '{hinted}', maar dat is geen vraag "
                        "in deze flow.",
                        f"the note '{node.id}' points towards the answer to '{hinted}', but that is not a "
                        "question in this flow.",
                    ),
                    did_you_mean(hinted, ids),
                )
        follow_up = getattr(node, "follow_up", None)
        if (
            follow_up is not None
            and follow_up.question is not None
            and (not flow.has_node(follow_up.question) or not flow.node(follow_up.question).is_question)
        ):
            yield (
                ("nodes", n, "follow_up", "question"),
                "MC115",
                Msg(
                    f"de uitkomst '{node.id}' laat '{follow_up.question}' later opnieuw beoordelen, maar dat "
                    "is geen vraag in deze flow.",
                    f"the outcome '{node.id}' has '{follow_up.question}' weighed again later, but that is not "
                    "a question in this flow.",
                ),
                did_you_mean(follow_up.question, ids),
            )


def _check_ids(flow: Flow) -> Iterator[Finding]:
    seen: set[str] = set()
    for n, node in enumerate(flow.nodes):
        if node.id in seen:
            yield (
                ("nodes", n, "id"),
                "MC102",
                Msg(
                    f"de id '{node.id}' wordt al door een andere node gebruikt.",
                    f"the id '{node.id}' is already used by another node.",
                ),
                Msg("Geef elke node een eigen id.", "Give every node an id of its own."),
            )
        seen.add(node.id)
        option_ids: set[str] = set()
        for o, option in enumerate(getattr(node, "options", [])):
            if option.id in option_ids:
                yield (
                    ("nodes", n, "options", o, "id"),
                    "MC103",
                    Msg(
                        f"de optie '{option.id}' staat twee keer bij '{node.id}'.",
                        f"the option '{option.id}' appears twice in '{node.id}'.",
                    ),
                    None,
                )
            option_ids.add(option.id)
    if flow.start is not None and not flow.has_node(flow.start):
        yield (
            ("start",),
            "MC109",
            Msg(f"de startnode '{flow.start}' bestaat niet.", f"the start node '{flow.start}' does not exist."),
            did_you_mean(flow.start, [n.id for n in flow.nodes]),
        )


def _check_steps(flow: Flow) -> Iterator[Finding]:
    numbers: set[int] = set()
    for s, step in enumerate(flow.steps):
        if step.number in numbers:
            yield (
                ("steps", s, "number"),
                "MC111",
                Msg(
                    f"stap {step.number} staat twee keer in de lijst met stappen.",
                    f"step {step.number} appears twice in the list of steps.",
                ),
                None,
            )
        numbers.add(step.number)
    for n, node in enumerate(flow.nodes):
        if node.step not in numbers:
            yield (
                ("nodes", n, "step"),
                "MC108",
                Msg(
                    f"'{node.id}' hoort bij stap {node.step}, maar die stap staat niet onder 'steps'.",
                    f"'{node.id}' belongs to step {node.step}, which is not listed under 'steps'.",
                ),
                Msg(f"Kies uit {sorted(numbers)}.", f"Choose from {sorted(numbers)}."),
            )


def _check_targets(flow: Flow) -> Iterator[Finding]:
    ids = [node.id for node in flow.nodes]
    for n, node in enumerate(flow.nodes):
        for i, rule in enumerate(getattr(node, "next", [])):
            if not flow.has_node(rule.goto):
                yield (
                    ("nodes", n, "next", i, "goto"),
                    "MC101",
                    Msg(
                        f"'{node.id}' gaat naar '{rule.goto}', maar die node bestaat niet.",
                        f"'{node.id}' goes to '{rule.goto}', which does not exist.",
                    ),
                    did_you_mean(rule.goto, ids),
                )


def _check_conditions(flow: Flow) -> Iterator[Finding]:
    ids = [node.id for node in flow.nodes]
    for loc, condition in iter_conditions(flow):
        for test_loc, test in iter_tests(condition, loc):
            if not flow.has_node(test.question):
                yield (
                    test_loc + ("question",),
                    "MC104",
                    Msg(
                        f"de voorwaarde noemt de vraag '{test.question}', die niet bestaat.",
                        f"the condition names the question '{test.question}', which does not exist.",
                    ),
                    did_you_mean(test.question, ids),
                )
                continue
            target = flow.node(test.question)
            if not target.is_question:
                yield (
                    test_loc + ("question",),
                    "MC112",
                    Msg(
                        f"'{test.question}' is geen vraag ({target.kind}); een voorwaarde kan alleen "
                        "naar een antwoord kijken.",
                        f"'{test.question}' is not a question ({target.kind}); a condition can only test an answer.",
                    ),
                    None,
                )
                continue
            yield from _check_test(test, target, test_loc)


def _check_test(test: AnswerTest, node: Any, loc: Loc) -> Iterator[Finding]:
    operators: dict[type[Any], tuple[str, ...]] = {
        YesNoNode: ("equals", "any_of"),
        SingleNode: ("equals", "any_of"),
        MultipleNode: ("equals", "contains", "any_of", "all_of"),
        TextNode: ("equals", "any_of"),
    }
    allowed = operators[type(node)]
    op = test.operator
    if op not in allowed:
        yield (
            loc + (op,),
            "MC110",
            Msg(
                f"'{op}' past niet bij de vraag '{node.id}' ({node.kind}); gebruik {', '.join(allowed)}.",
                f"'{op}' does not suit the question '{node.id}' ({node.kind}); use {', '.join(allowed)}.",
            ),
            None,
        )
        return
    operand = test.operand
    if op == "equals" and isinstance(operand, list) != isinstance(node, MultipleNode):
        # Such a test could never hold: a multiple-choice answer is a list, any other answer is not.
        yield (
            loc + (op,),
            "MC105",
            Msg(
                f"'equals' bij '{node.id}' ({node.kind}) kan zo nooit kloppen: "
                + (
                    "het antwoord is een lijst; schrijf [..] of gebruik contains."
                    if isinstance(node, MultipleNode)
                    else "het antwoord is één waarde, geen lijst."
                ),
                f"'equals' on '{node.id}' ({node.kind}) can never hold like this: "
                + (
                    "the answer is a list; write [..] or use contains."
                    if isinstance(node, MultipleNode)
                    else "the answer is a single value, not a list."
                ),
            ),
            None,
        )
        return
    values = operand if isinstance(operand, list) else [operand]
    if isinstance(node, YesNoNode):
        wrong = [v for v in values if not isinstance(v, bool)]
        expected = Msg("Gebruik true of false.", "Use true or false.")
    elif isinstance(node, TextNode):
        wrong = [v for v in values if not isinstance(v, str)]
        expected = Msg("Gebruik tekst.", "Use text.")
    else:
        option_ids = [o.id for o in node.options]
        wrong = [v for v in values if v not in option_ids]
        expected = Msg(f"Kies uit: {', '.join(option_ids)}.", f"Choose from: {', '.join(option_ids)}.")
        if len(wrong) == 1 and isinstance(wrong[0], str):
            expected = did_you_mean(wrong[0], option_ids) or expected
    for value in wrong:
        yield (
            loc + (op,),
            "MC105",
            Msg(
                f"'{value}' is geen mogelijk antwoord op '{node.id}'.",
                f"'{value}' is not a possible answer to '{node.id}'.",
            ),
            expected,
        )


def _check_actions_and_contacts(flow: Flow) -> Iterator[Finding]:
    for n, node in enumerate(flow.nodes):
        for loc, ref in iter_action_refs_of(node, ("nodes", n)):
            if ref.id not in flow.actions:
                yield (
                    loc + ("id",),
                    "MC106",
                    Msg(
                        f"de actie '{ref.id}' staat niet onder 'actions'.",
                        f"the action '{ref.id}' is not listed under 'actions'.",
                    ),
                    did_you_mean(ref.id, flow.actions),
                )
        if isinstance(node, OutcomeNode):
            for c, contact in enumerate(node.contacts):
                yield from _check_contact(flow, contact, ("nodes", n, "contacts", c))
    for action_id, action in flow.actions.items():
        for c, contact in enumerate(action.contacts):
            yield from _check_contact(flow, contact, ("actions", action_id, "contacts", c))


def _check_contact(flow: Flow, contact: str, loc: Loc) -> Iterator[Finding]:
    if contact not in flow.contacts:
        yield (
            loc,
            "MC107",
            Msg(
                f"het contact '{contact}' staat niet onder 'contacts'.",
                f"the contact '{contact}' is not listed under 'contacts'.",
            ),
            did_you_mean(contact, flow.contacts),
        )


def _check_guarantees(flow: Flow) -> Iterator[Finding]:
    """A guarantee may only name outcomes, actions, nodes and questions that exist."""
    ids = [node.id for node in flow.nodes]
    outcomes = [node.id for node in flow.nodes if isinstance(node, OutcomeNode)]
    questions = [node.id for node in flow.nodes if node.is_question]
    seen: set[str] = set()
    for g, guarantee in enumerate(flow.guarantees):
        base: Loc = ("guarantees", g)
        if guarantee.id in seen:
            yield (
                base + ("id",),
                "MC114",
                Msg(
                    f"de garantie '{guarantee.id}' staat twee keer in de flow.",
                    f"the guarantee '{guarantee.id}' appears twice in the flow.",
                ),
                Msg("Geef elke garantie een eigen id.", "Give every guarantee an id of its own."),
            )
        seen.add(guarantee.id)
        then = guarantee.then
        named: list[tuple[str, int | None, str, Any, Msg]] = [
            ("outcome", i, value, outcomes, Msg("uitkomst", "outcome")) for i, value in enumerate(then.outcome)
        ]
        named += [
            (key, i, value, list(flow.actions), Msg("actie", "action"))
            for key in ("actions", "not_actions")
            for i, value in enumerate(getattr(then, key))
        ]
        named += [
            (key, i, value, ids, Msg("node", "node"))
            for key in ("visits", "avoids")
            for i, value in enumerate(getattr(then, key))
        ]
        if then.first_question is not None:
            named.append(("first_question", None, then.first_question, questions, Msg("vraag", "question")))
        for key, index, value, allowed, what in named:
            if value in allowed:
                continue
            loc = base + ("then", key) + ((index,) if index is not None else ())
            yield (
                loc,
                "MC113",
                Msg(
                    f"de garantie '{guarantee.id}' noemt de {what.nl} '{value}', maar die bestaat niet.",
                    f"the guarantee '{guarantee.id}' names the {what.en} '{value}', which does not exist.",
                ),
                did_you_mean(value, allowed),
            )

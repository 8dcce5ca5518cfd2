"""A training case checked against its flow: the names it uses, its answers and story, and its reference walk."""

from __future__ import annotations

from typing import Any

from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.walk import AnswerError, Walk, normalize
from meldcode_cli.flow.model import Answer, Flow, MultipleNode, OutcomeNode, SingleNode
from meldcode_cli.flow.schema_errors import did_you_mean
from meldcode_cli.training.case_model import Accepted, Case, judge, walk_answers

Loc = tuple[Any, ...]
Finding = tuple[Loc, str, Msg, Msg | None]  # where, code, what is wrong, what to do


def check_references(case: Case, flow: Flow) -> list[Finding]:
    """Every id the case names must exist in its flow, and every answer must fit its question."""
    findings: list[Finding] = []
    question_ids = [q.id for q in flow.questions()]

    def question(question_id: str, loc: Loc) -> Any:
        if flow.has_node(question_id) and flow.node(question_id).is_question:
            return flow.node(question_id)
        findings.append(
            (
                loc,
                "MC502",
                Msg(
                    f"de flow '{flow.id}' heeft geen vraag '{question_id}'.",
                    f"the flow '{flow.id}' has no question '{question_id}'.",
                ),
                did_you_mean(question_id, question_ids),
            )
        )
        return None

    for question_id, alternatives in case.reference.items():
        node = question(question_id, ("reference", question_id))
        if node is None:
            continue
        seen: list[Accepted] = []
        for i, accepted in enumerate(alternatives):
            loc = ("reference", question_id, i)
            finding = _check_accepted(node, accepted, loc)
            if finding:
                findings.append(finding)
                continue
            if any(accepted.value == earlier.value and accepted.includes == earlier.includes for earlier in seen):
                findings.append(
                    (
                        loc,
                        "MC508",
                        Msg(
                            f"'{question_id}' noemt hetzelfde antwoord twee keer.",
                            f"'{question_id}' lists the same answer twice.",
                        ),
                        None,
                    )
                )
            seen.append(accepted)
    for question_id, value in case.answers.items():
        node = question(question_id, ("answers", question_id))
        if node is None:
            continue
        finding = _check_value(node, value, ("answers", question_id))
        if finding:
            findings.append(finding)
        elif question_id in case.reference and judge(case.reference[question_id], normalize(node, value)) is None:
            findings.append(
                (
                    ("answers", question_id),
                    "MC508",
                    Msg(
                        f"het antwoord op '{question_id}' onder 'answers' staat niet bij de referentieantwoorden.",
                        f"the answer to '{question_id}' under 'answers' is not one of its reference answers.",
                    ),
                    Msg(
                        "Laat het weg: de referentiewandeling neemt dan het eerste referentieantwoord.",
                        "Leave it out: the reference walk then takes the first reference answer.",
                    ),
                )
            )
    findings += _check_story(case, flow)
    findings += _check_expected(case, flow)
    return findings


def _check_accepted(node: Any, accepted: Accepted, loc: Loc) -> Finding | None:
    if (accepted.answer is None) == (accepted.includes is None):
        return (
            loc,
            "MC509",
            Msg("geef precies één van 'answer' of 'includes'.", "give exactly one of 'answer' or 'includes'."),
            None,
        )
    if accepted.includes is not None:
        if not isinstance(node, MultipleNode):
            return (
                loc + ("includes",),
                "MC509",
                Msg(
                    f"'includes' kan alleen bij een vraag met meerdere keuzes; '{node.id}' is {node.kind}. "
                    "Gebruik 'answer'.",
                    f"'includes' only suits a multiple-choice question; '{node.id}' is {node.kind}. Use 'answer'.",
                ),
                None,
            )
        return _check_value(node, accepted.includes, loc + ("includes",))
    return _check_value(node, accepted.answer, loc + ("answer",))


def _check_value(node: Any, value: Any, loc: Loc) -> Finding | None:
    """Unknown option ids get a "did you mean"; other misfits the engine's own message."""
    if isinstance(node, (SingleNode, MultipleNode)):
        ids = [o.id for o in node.options]
        chosen = value if isinstance(value, list) else [value]
        for item in chosen:
            if isinstance(item, str) and item not in ids:
                return (
                    loc,
                    "MC503",
                    Msg(
                        f"'{node.id}' heeft geen keuze '{item}'. Kies uit: {', '.join(ids)}.",
                        f"'{node.id}' has no choice '{item}'. Choose from: {', '.join(ids)}.",
                    ),
                    did_you_mean(item, ids),
                )
    try:
        normalize(node, value)
    except AnswerError as exc:
        return (loc, "MC503", exc.message, None)
    return None


def _check_story(case: Case, flow: Flow) -> list[Finding]:
    findings: list[Finding] = []
    steps = [s.number for s in flow.steps]
    for i, part in enumerate(case.story):
        if flow.step(part.step) is None:
            findings.append(
                (
                    ("story", i, "step"),
                    "MC504",
                    Msg(
                        f"de flow '{flow.id}' heeft geen stap {part.step}; stappen: {', '.join(map(str, steps))}.",
                        f"the flow '{flow.id}' has no step {part.step}; steps: {', '.join(map(str, steps))}.",
                    ),
                    None,
                )
            )
        elif part.before is not None:
            node = flow.node(part.before) if flow.has_node(part.before) else None
            if node is None or not node.is_question:
                findings.append(
                    (
                        ("story", i, "before"),
                        "MC504",
                        Msg(
                            f"de flow '{flow.id}' heeft geen vraag '{part.before}'.",
                            f"the flow '{flow.id}' has no question '{part.before}'.",
                        ),
                        did_you_mean(part.before, [q.id for q in flow.questions()]),
                    )
                )
            elif node.step != part.step:
                findings.append(
                    (
                        ("story", i, "before"),
                        "MC504",
                        Msg(
                            f"'{part.before}' hoort bij stap {node.step}, niet bij stap {part.step}.",
                            f"'{part.before}' belongs to step {node.step}, not to step {part.step}.",
                        ),
                        None,
                    )
                )
    return findings


def _check_expected(case: Case, flow: Flow) -> list[Finding]:
    findings: list[Finding] = []
    outcomes = [n.id for n in flow.nodes if isinstance(n, OutcomeNode)]
    if case.expected.outcome not in outcomes:
        findings.append(
            (
                ("expected", "outcome"),
                "MC505",
                Msg(
                    f"de flow '{flow.id}' heeft geen uitkomst '{case.expected.outcome}'; "
                    f"uitkomsten: {', '.join(outcomes)}.",
                    f"the flow '{flow.id}' has no outcome '{case.expected.outcome}'; outcomes: {', '.join(outcomes)}.",
                ),
                did_you_mean(case.expected.outcome, outcomes),
            )
        )
    for i, action in enumerate(case.expected.actions):
        if action not in flow.actions:
            findings.append(
                (
                    ("expected", "actions", i),
                    "MC505",
                    Msg(
                        f"de flow '{flow.id}' heeft geen actie '{action}'.",
                        f"the flow '{flow.id}' has no action '{action}'.",
                    ),
                    did_you_mean(action, flow.actions),
                )
            )
    return findings


def reference_answers(case: Case, flow: Flow) -> dict[str, Answer]:
    """The answers of the reference walk: each graded question's first reference answer, then `answers`."""
    given = {
        question_id: normalize(flow.node(question_id), alternatives[0].value)
        for question_id, alternatives in case.reference.items()
    }
    given.update({question_id: normalize(flow.node(question_id), value) for question_id, value in case.answers.items()})
    return given


def check_reference_walk(case: Case, flow: Flow) -> tuple[Walk, list[Finding]]:
    """The reference answers must reach the expected outcome, gathering exactly the expected actions."""
    walk = walk_answers(flow, reference_answers(case, flow))
    expected = case.expected
    if not walk.finished:
        stuck = walk.current.id
        return walk, [
            (
                ("answers",) if case.answers else ("expected", "outcome"),
                "MC506",
                Msg(
                    f"de referentieantwoorden stoppen bij '{stuck}': die vraag heeft geen antwoord onder 'answers' "
                    "of 'reference'.",
                    f"the reference answers stop at '{stuck}': that question has no answer under 'answers' or "
                    "'reference'.",
                ),
                None,
            )
        ]
    if walk.current.id != expected.outcome:
        return walk, [
            (
                ("expected", "outcome"),
                "MC506",
                Msg(
                    f"de referentieantwoorden leiden naar '{walk.current.id}', niet naar '{expected.outcome}'.",
                    f"the reference answers lead to '{walk.current.id}', not to '{expected.outcome}'.",
                ),
                Msg("Pas de antwoorden of de verwachte uitkomst aan.", "Change the answers or the expected outcome."),
            )
        ]
    gathered = [a.id for a in walk.actions()]
    missing = [a for a in expected.actions if a not in gathered]
    extra = [a for a in gathered if a not in expected.actions]
    if missing or extra:
        parts_nl, parts_en = [], []
        if missing:
            parts_nl.append(f"niet verzameld: {', '.join(missing)}")
            parts_en.append(f"not gathered: {', '.join(missing)}")
        if extra:
            parts_nl.append(f"wel verzameld maar niet genoemd: {', '.join(extra)}")
            parts_en.append(f"gathered but not listed: {', '.join(extra)}")
        return walk, [
            (
                ("expected", "actions"),
                "MC507",
                Msg(
                    f"de acties kloppen niet met de referentieantwoorden ({'; '.join(parts_nl)}).",
                    f"the actions do not match the reference answers ({'; '.join(parts_en)}).",
                ),
                None,
            )
        ]
    return walk, []

"""Static checks of a flow that loads: unanswerable conditions, unreachable nodes, dead ends, loops, translations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.walk import FlowRuntimeError, Walk
from meldcode_cli.flow.integrity import iter_conditions, iter_tests
from meldcode_cli.flow.model import Flow, OutcomeNode, Text
from meldcode_cli.flow.yamlsource import Located, paused_gc
from meldcode_cli.verify.diagnostics import WARNING, Diagnostic, Example
from meldcode_cli.verify.explore import Exploration, Graph, Search, Step, TooLarge

Loc = tuple[Any, ...]


class Checker:
    """Runs every check on one flow; each finding points at the line in the file it came from."""

    def __init__(self, flow: Flow, located: Located, graph: Graph | None = None) -> None:
        self.flow = flow
        self.located = located
        with paused_gc():  # see `check`
            self.graph = graph or Graph(flow)
        self.index = {node.id: n for n, node in enumerate(flow.nodes)}

    def diagnostic(
        self,
        loc: Loc,
        code: str,
        message: Msg,
        hint: Msg | None = None,
        *,
        severity: str = "error",
        example: Example | None = None,
    ) -> Diagnostic:
        return Diagnostic(self.located.file_of(loc), self.located.line_of(loc), code, message, hint, severity, example)

    def check(self) -> list[Diagnostic]:
        # The checks make a great many small objects that live until they are done, and the flow is
        # many more: the cycle collector would go over all of them again and again and free nothing
        # (10,000 nodes: half the time), so it waits, as it does while the file is read.
        with paused_gc():
            return self._check()

    def _check(self) -> list[Diagnostic]:
        found = list(self.unanswerable_conditions())
        found += self.rules_never_tried()
        found += self.walk_problems()
        found += self.missing_translations()
        found += self.unused_definitions()
        return found

    # -- MC201: a condition that reads a question no path has asked by then

    def unanswerable_conditions(self) -> Iterator[Diagnostic]:
        graph = self.graph
        for loc, condition in iter_conditions(self.flow):
            if loc[0] != "nodes":
                continue  # a guarantee reads the final answers, whatever comes first
            node = self.flow.nodes[loc[1]]
            if not graph.reach.reachable(node.id):
                continue  # no path reaches the node at all: MC202 says so
            where = loc[2]
            for test_loc, test in iter_tests(condition, loc):
                if _answerable(graph, test.question, node.id, where):
                    continue
                yield self.diagnostic(test_loc + ("question",), "MC201", *_unanswerable(where, node.id, test.question))

    # -- MC208: rules after a rule without `when`

    def rules_never_tried(self) -> Iterator[Diagnostic]:
        for n, node in enumerate(self.flow.nodes):
            rules = getattr(node, "next", [])
            first_default = next((i for i, r in enumerate(rules) if r.when is None), None)
            if first_default is None:
                continue
            for i in range(first_default + 1, len(rules)):
                yield self.diagnostic(
                    ("nodes", n, "next", i),
                    "MC208",
                    Msg(
                        f"deze regel van '{node.id}' wordt nooit geprobeerd: een regel erboven heeft geen 'when' "
                        "en geldt dus altijd.",
                        f"this rule of '{node.id}' is never tried: a rule above it has no 'when' and so "
                        "always applies.",
                    ),
                    Msg("Zet de regel zonder 'when' als laatste.", "Put the rule without 'when' last."),
                    severity=WARNING,
                )

    # -- MC202–MC207, MC209: what the search over every walk finds

    def walk_problems(self) -> list[Diagnostic]:
        try:
            found = Search(self.graph).run(traps=True)
        except TooLarge as exc:
            return [self.too_large(exc, ())]
        problems = self._never_shown(found)
        problems += [self._error(kind, node_id, steps) for (kind, node_id), steps in found.errors.items()]
        problems += [self._trap(nodes, steps) for nodes, steps in found.traps]
        return problems

    def too_large(self, exc: TooLarge, loc: Loc) -> Diagnostic:
        if exc.node is not None:
            loc = ("nodes", self.index[exc.node], "options")
            what = Msg(
                f"bij '{exc.node}' worden te veel opties getest om alle combinaties na te gaan",
                f"too many options of '{exc.node}' are tested to go through every combination",
            )
        else:
            what = Msg(
                "de flow heeft te veel verschillende toestanden om volledig na te gaan",
                "the flow has too many different states to go through completely",
            )
        return self.diagnostic(
            loc,
            "MC209",
            Msg(f"{what.nl}; de controle is niet af.", f"{what.en}; the check is not complete."),
            Msg(
                "Test in voorwaarden minder opties van één vraag tegelijk, of splits de flow.",
                "Test fewer options of one question at a time in conditions, or split the flow.",
            ),
        )

    def _never_shown(self, found: Exploration) -> list[Diagnostic]:
        problems = []
        for n, node in enumerate(self.flow.nodes):
            if node.id in found.shown:
                continue
            skipped = node.id in found.arrived
            if isinstance(node, OutcomeNode):
                code, message = (
                    "MC206",
                    Msg(
                        f"geen enkele weg eindigt bij de uitkomst '{node.id}'"
                        + (" (hij wordt altijd overgeslagen)." if skipped else "."),
                        f"no path ends at the outcome '{node.id}'" + (" (it is always passed by)." if skipped else "."),
                    ),
                )
            elif skipped:
                code, message = (
                    "MC203",
                    Msg(
                        f"'{node.id}' wordt altijd overgeslagen: op elke weg die hier komt, geldt 'only_if' niet.",
                        f"'{node.id}' is always passed by: on every path that comes here, 'only_if' does not hold.",
                    ),
                )
            else:
                code, message = "MC202", Msg(f"geen enkele weg komt bij '{node.id}'.", f"no path reaches '{node.id}'.")
            if skipped:
                hint = Msg("Controleer de voorwaarde onder 'only_if'.", "Check the condition under 'only_if'.")
                loc: Loc = ("nodes", n, "only_if")
            elif self.graph.pred[node.id]:
                hint = Msg(
                    "De regels die hierheen wijzen, gelden op geen enkele weg; controleer hun 'when'.",
                    "The rules that point here apply on no path; check their 'when'.",
                )
                loc = ("nodes", n)
            else:
                hint = Msg(
                    f"Laat een 'next' naar '{node.id}' wijzen, of haal de node weg.",
                    f"Make a 'next' point to '{node.id}', or remove the node.",
                )
                loc = ("nodes", n)
            problems.append(self.diagnostic(loc, code, message, hint))
        return problems

    def _error(self, kind: str, node_id: str, steps: list[Step]) -> Diagnostic:
        n = self.index[node_id]
        if kind == "dead_end":
            return self.diagnostic(
                ("nodes", n, "next"),
                "MC204",
                Msg(
                    f"doodlopend: na '{node_id}' past bij sommige antwoorden geen enkele regel onder 'next'.",
                    f"dead end: after '{node_id}' no rule under 'next' applies for some answers.",
                ),
                Msg("Voeg als laatste een regel zonder 'when' toe.", "Add a last rule without 'when'."),
                example=self._example(steps, Msg(f"doodlopend na '{node_id}'", f"dead end after '{node_id}'")),
            )
        if kind == "skipped_outcome":
            return self.diagnostic(
                ("nodes", n, "only_if"),
                "MC207",
                Msg(
                    f"de uitkomst '{node_id}' wordt soms overgeslagen ('only_if' geldt niet), en na een uitkomst "
                    "komt niets: de doorloop loopt vast.",
                    f"the outcome '{node_id}' is sometimes passed by ('only_if' does not hold), and nothing comes "
                    "after an outcome: the walk gets stuck.",
                ),
                Msg(
                    "Haal 'only_if' weg bij de uitkomst, of leid de weg eromheen.",
                    "Remove 'only_if' from the outcome, or route the path around it.",
                ),
                example=self._example(steps, Msg(f"vast bij '{node_id}'", f"stuck at '{node_id}'")),
            )
        return self.diagnostic(
            ("nodes", n),
            "MC207",
            Msg(
                f"de doorloop komt vast te zitten: vanaf '{node_id}' wordt elke volgende "
                "node overgeslagen, in een kring.",
                f"the walk gets stuck: from '{node_id}' on, every following node is passed by, in a circle.",
            ),
            Msg(
                "Zorg dat in deze kring minstens één node getoond wordt, of verbreek de kring.",
                "Make sure at least one node in this circle is shown, or break the circle.",
            ),
            example=self._example(steps, Msg(f"vast bij '{node_id}'", f"stuck at '{node_id}'")),
        )

    def _trap(self, nodes: list[str], steps: list[Step]) -> Diagnostic:
        listed = ", ".join(f"'{n}'" for n in nodes)
        return self.diagnostic(
            ("nodes", self.index[nodes[0]]),
            "MC205",
            Msg(
                f"een lus zonder uitweg: vanaf '{nodes[0]}' komt geen enkele weg nog bij een uitkomst "
                f"(de lus: {listed}).",
                f"a loop with no way out: from '{nodes[0]}' no path reaches an outcome any more (the loop: {listed}).",
            ),
            Msg(
                "Geef een van deze nodes een regel die de lus verlaat.",
                "Give one of these nodes a rule that leaves the loop.",
            ),
            example=self._example(steps, Msg(f"in de lus bij '{nodes[0]}'", f"in the loop at '{nodes[0]}'")),
        )

    def _example(self, steps: list[Step], ends: Msg) -> Example:
        """The walk up to where it goes wrong (the engine stops there with an error)."""
        walk: Walk | None = None
        try:
            walk = Walk(self.flow)
            for _question, value in steps:
                while not walk.current.is_question:
                    walk.answer()
                walk.answer(value)
        except FlowRuntimeError:
            pass
        return Example(tuple(steps), ends, tuple(walk.path) if walk else ())

    # -- MC250: texts without English

    def missing_translations(self) -> Iterator[Diagnostic]:
        for loc, text in iter_texts(self.flow, ()):
            if not text.en:
                yield self.diagnostic(
                    loc,
                    "MC250",
                    Msg("de Engelse vertaling ontbreekt.", "the English translation is missing."),
                    Msg(
                        "Schrijf de tekst als {nl: …, en: …}; tot dan ziet wie Engels kiest de Nederlandse tekst.",
                        "Write the text as {nl: …, en: …}; until then, English users see the Dutch text.",
                    ),
                    severity=WARNING,
                )

    # -- MC251, MC252: contacts and actions nobody uses

    def unused_definitions(self) -> Iterator[Diagnostic]:
        used_actions = {ref.id for node in self.flow.nodes for ref in node.actions}
        used_actions |= {ref.id for node in self.flow.nodes for o in getattr(node, "options", []) for ref in o.actions}
        used_contacts = {c for node in self.flow.nodes for c in getattr(node, "contacts", [])}
        used_contacts |= {c for a in self.flow.actions.values() for c in a.contacts}
        for action_id in self.flow.actions:
            if action_id not in used_actions:
                yield self.diagnostic(
                    ("actions", action_id),
                    "MC252",
                    Msg(
                        f"de actie '{action_id}' wordt nergens verzameld.",
                        f"the action '{action_id}' is never gathered.",
                    ),
                    Msg(
                        "Noem haar bij een node of optie onder 'actions', of haal haar weg.",
                        "Name it under 'actions' of a node or option, or remove it.",
                    ),
                    severity=WARNING,
                )
        for contact_id, contact in self.flow.contacts.items():
            if contact_id not in used_contacts and not contact.pinned:
                yield self.diagnostic(
                    ("contacts", contact_id),
                    "MC251",
                    Msg(
                        f"het contact '{contact_id}' wordt nergens getoond.",
                        f"the contact '{contact_id}' is never shown.",
                    ),
                    Msg(
                        "Noem het bij een uitkomst of actie onder 'contacts', maak het 'pinned', of haal het weg.",
                        "Name it under 'contacts' of an outcome or action, make it 'pinned', or remove it.",
                    ),
                    severity=WARNING,
                )


def iter_texts(value: Any, loc: Loc) -> Iterator[tuple[Loc, Text]]:
    """Every text a user reads, with its place in the file."""
    if isinstance(value, Text):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from iter_texts(getattr(value, name), loc + (field.alias or name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from iter_texts(item, loc + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_texts(item, loc + (key,))


def _answerable(graph: Graph, question: str, node_id: str, where: str) -> bool:
    """Whether a condition of a node (under `where`) can find an answer to `question`: one given
    on the way there, the node's own for its rules, any later one for its actions (they are settled
    on the final answers)."""
    if question not in graph.questions or graph.answered_before(question, node_id):
        return question in graph.questions
    if where == "next":
        return question == node_id
    return where in ("actions", "options") and graph.reach.reaches(node_id, question)


def _unanswerable(where: str, node_id: str, question: str) -> tuple[Msg, Msg]:
    if where in ("actions", "options"):
        place = Msg(f"op geen enkele weg langs '{node_id}'", f"on any path through '{node_id}'")
    elif where == "extra_advice":
        place = Msg(f"op geen enkele weg vóór de uitkomst '{node_id}'", f"before the outcome '{node_id}'")
    else:
        place = Msg(f"op geen enkele weg vóór '{node_id}'", f"before '{node_id}'")
    return (
        Msg(
            f"de voorwaarde kijkt naar '{question}', maar die vraag wordt {place.nl} gesteld; deze test "
            "geldt dus nooit.",
            f"the condition looks at '{question}', but no path asks that question {place.en}; this test "
            "therefore never holds.",
        ),
        Msg(
            f"Verwijs naar een vraag die eerder komt, of zet '{question}' eerder in de flow.",
            f"Refer to a question that comes earlier, or move '{question}' earlier in the flow.",
        ),
    )

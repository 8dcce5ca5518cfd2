"""A flow as a diagram, Mermaid or Graphviz DOT: grouped by step, outcomes styled apart, edges labelled."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from typing import Any

from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow.model import (
    All,
    AnswerTest,
    AnyOf,
    Flow,
    InfoNode,
    MultipleNode,
    Not,
    OutcomeNode,
    SingleNode,
)
from meldcode_cli.output import context

WRAP = 36
MAX_TEXT = 110
MAX_LABEL = 40
OTHERWISE = Msg("anders", "otherwise")
ONLY_IF = Msg("alleen als", "only if")

# Mermaid reads these words as syntax when they are used as a node id.
_MERMAID_WORDS = {
    "end",
    "graph",
    "flowchart",
    "subgraph",
    "style",
    "class",
    "classdef",
    "click",
    "default",
    "linkstyle",
    "direction",
}


# ---------------------------------------------------------------------------------------------
# What is drawn, whatever the format


def step_title(flow: Flow, number: int) -> str:
    lang = context.lang()
    step = flow.step(number)
    title = step.title.get(lang) if step else ""
    lead = Msg("Eerst", "First").get(lang) if number == 0 else f"{Msg('Stap', 'Step').get(lang)} {number}"
    return f"{lead} — {title}" if title else lead


def node_text(node: Any, flow: Flow) -> list[str]:
    """The lines shown in a node's box: its question, title or text, and when it is asked."""
    lang = context.lang()
    if isinstance(node, (OutcomeNode, InfoNode)) and node.title is not None:
        text = node.title.get(lang)
    else:
        text = node.text.get(lang)
    lines = textwrap.wrap(_short(" ".join(text.split())), WRAP) or [node.id]
    if node.only_if is not None:
        lines += textwrap.wrap(f"({ONLY_IF.get(lang)}: {condition_label(node.only_if, flow, None)})", WRAP + 8)
    return lines


def _short(text: str) -> str:
    """The first sentence (a question's question), or the text cut short."""
    first = re.match(r"^.+?[?.!](?=\s|$)", text)
    if first and len(first.group(0)) <= MAX_TEXT:
        return first.group(0)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def edges(flow: Flow) -> Iterator[tuple[str, str, str]]:
    """(from, to, label) for every rule that can apply: rules after one without `when` never do."""
    lang = context.lang()
    for node in flow.nodes:
        rules = getattr(node, "next", [])
        for rule in rules:
            if rule.when is None:
                label = OTHERWISE.get(lang) if len(rules) > 1 else ""
                yield node.id, rule.goto, label
                break
            yield node.id, rule.goto, condition_label(rule.when, flow, node.id)


def condition_label(condition: Any, flow: Flow, own: str | None) -> str:
    """A condition in words. A test of the node's own question shows just the answer ("ja")."""
    label = _words(condition, flow, own)
    return label if len(label) <= MAX_LABEL * 2 else label[: MAX_LABEL * 2 - 1] + "…"


def _words(condition: Any, flow: Flow, own: str | None) -> str:
    lang = context.lang()
    if isinstance(condition, Not):
        return f"{Msg('niet', 'not').get(lang)} ({_words(condition.not_, flow, own)})"
    if isinstance(condition, All):
        return f" {Msg('en', 'and').get(lang)} ".join(_words(c, flow, own) for c in condition.all)
    if isinstance(condition, AnyOf):
        return f" {Msg('of', 'or').get(lang)} ".join(_words(c, flow, own) for c in condition.any)
    assert isinstance(condition, AnswerTest)
    node = flow.node(condition.question) if flow.has_node(condition.question) else None
    values = condition.operand if isinstance(condition.operand, list) else [condition.operand]
    shown = ", ".join(_answer(node, v) for v in values) or "[]"
    if condition.question == own and condition.operator in ("equals", "any_of") and not isinstance(node, MultipleNode):
        return shown
    name = condition.question
    op = condition.operator
    if isinstance(node, MultipleNode):
        words = {
            "equals": Msg("is precies", "is exactly"),
            "contains": Msg("bevat", "includes"),
            "any_of": Msg("bevat een van", "includes one of"),
            "all_of": Msg("bevat alle", "includes all of"),
        }
        return f"{name} {words[op].get(lang)} {shown}"
    if op == "any_of" and len(values) > 1:
        return f"{name} {Msg('is een van', 'is one of').get(lang)} {shown}"
    return f"{name} = {shown}"


def _answer(node: Any, value: Any) -> str:
    lang = context.lang()
    if isinstance(value, bool):
        return (Msg("ja", "yes") if value else Msg("nee", "no")).get(lang)
    if isinstance(node, (SingleNode, MultipleNode)) and isinstance(value, str):
        option = node.option(value)
        if option is not None and isinstance(node, SingleNode):
            label = " ".join(option.label.get(lang).split())
            return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"
    return str(value)


def _groups(flow: Flow) -> list[tuple[int, list[Any]]]:
    by_step: dict[int, list[Any]] = {}
    for node in flow.nodes:
        by_step.setdefault(node.step, []).append(node)
    order = [s.number for s in flow.steps] + sorted(n for n in by_step if flow.step(n) is None)
    return [(number, by_step[number]) for number in order if number in by_step]


# ---------------------------------------------------------------------------------------------
# Mermaid


def remake_command(flow: Flow, fmt: str, source: str | None) -> str:
    """The command that draws this diagram again: with the file it came from, since a flow's id only
    names it when the flow is built in; with the language when it is not the default."""
    lang = context.lang()
    import shlex

    target = shlex.quote(source) if source else flow.id
    language = " --lang en" if lang == "en" else ""
    return f"meldcode graph {target} --format {fmt}{language}"


def mermaid(flow: Flow, source: str | None = None) -> str:
    names = _mermaid_names(flow)
    lines = ["flowchart TD", f"  %% {flow.id} {flow.version}: {remake_command(flow, 'mermaid', source)}"]
    for number, nodes in _groups(flow):
        lines.append(f'  subgraph step_{number}["{_mermaid_text(step_title(flow, number))}"]')
        lines.append("    direction TB")
        lines += [f"    {_mermaid_box(node, names[node.id], flow)}" for node in nodes]
        lines.append("  end")
    for source, target, label in edges(flow):
        arrow = f' -->|"{_mermaid_text(label)}"| ' if label else " --> "
        lines.append(f"  {names[source]}{arrow}{names[target]}")
    lines += [
        "  classDef outcome fill:#e8f5e9,stroke:#2e7d32,stroke-width:2px,color:#1b5e20",
        "  classDef info fill:#fff8e1,stroke:#f9a825,color:#5d4037",
        "  classDef sometimes stroke-dasharray:5 4",
    ]
    for css, members in (
        ("outcome", [n for n in flow.nodes if isinstance(n, OutcomeNode)]),
        ("info", [n for n in flow.nodes if isinstance(n, InfoNode)]),
        ("sometimes", [n for n in flow.nodes if n.only_if is not None]),
    ):
        if members:
            lines.append(f"  class {','.join(names[n.id] for n in members)} {css}")
    return "\n".join(lines) + "\n"


def _mermaid_names(flow: Flow) -> dict[str, str]:
    names = {}
    for i, node in enumerate(flow.nodes):
        plain = re.fullmatch(r"[a-z][a-z0-9_]*", node.id) and node.id not in _MERMAID_WORDS
        names[node.id] = node.id if plain else f"node_{i}"
    return names


def _mermaid_box(node: Any, name: str, flow: Flow) -> str:
    text = "<br/>".join(_mermaid_text(line) for line in node_text(node, flow))
    if isinstance(node, OutcomeNode):
        return f'{name}(["{text}"])'
    if isinstance(node, InfoNode):
        return f'{name}>"{text}"]'
    return f'{name}["{text}"]'


def _mermaid_text(text: str) -> str:
    # Mermaid's own entity codes: a quote would end the label, angle brackets start HTML.
    return text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


# ---------------------------------------------------------------------------------------------
# Graphviz DOT


def dot(flow: Flow, source: str | None = None) -> str:
    lines = [
        f"// {flow.id} {flow.version}: {remake_command(flow, 'dot', source)}",
        f"digraph {_dot_text(flow.id)} {{",
        '  graph [rankdir=TB, fontname="Helvetica", compound=true];',
        '  node [fontname="Helvetica", fontsize=11, shape=box, style=rounded];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for number, nodes in _groups(flow):
        lines.append(f"  subgraph cluster_step_{number} {{")
        lines.append(f'    label={_dot_text(step_title(flow, number))}; style="rounded,dashed"; color="#9e9e9e";')
        lines += [f"    {_dot_text(node.id)} [{_dot_attributes(node, flow)}];" for node in nodes]
        lines.append("  }")
    for source, target, label in edges(flow):
        attributes = f" [label={_dot_text(label)}]" if label else ""
        lines.append(f"  {_dot_text(source)} -> {_dot_text(target)}{attributes};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_attributes(node: Any, flow: Flow) -> str:
    attributes = [f"label={_dot_text(chr(10).join(node_text(node, flow)))}"]
    style = ["rounded"]
    if isinstance(node, OutcomeNode):
        style += ["filled", "bold"]
        attributes += ['fillcolor="#e8f5e9"', 'color="#2e7d32"']
    elif isinstance(node, InfoNode):
        style.append("filled")
        attributes += ["shape=note", 'fillcolor="#fff8e1"', 'color="#f9a825"']
    if node.only_if is not None:
        style.append("dashed")
    attributes.append(f'style="{",".join(style)}"')
    return ", ".join(attributes)


def _dot_text(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'

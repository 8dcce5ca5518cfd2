"""Language and plain mode are decided once, at the command line, and read from the output context:
no function below `cli/` takes them by hand (issue 15), except the bilingual data itself."""

from __future__ import annotations

import ast
from pathlib import Path

import meldcode_cli

PACKAGE = Path(meldcode_cli.__file__).parent
SETTINGS = {"lang", "language", "plain"}
# The layer that reads the options: its commands take them, and hand them to the context once.
SHOWING = {"cli"}
# Bilingual data picks its own language when asked: the text is the data, not the output
# (docs/architecture.md, "One output context").
ACCESSORS = {
    "output/context.py:decide",  # where the options become the display, once per command
    "base/i18n.py:Msg.get",
    "base/errors.py:MeldcodeError.text",
    "base/errors.py:Problem.text",
    "base/errors.py:FileProblems.text",
    "flow/model.py:Text.get",
    "flow/compiled.py:Text.get",
    "flow/headers.py:Header.title_in",
    "flow/headers.py:Header.sector_in",
    "flow/headers.py:Header.label_in",
    "flow/headers.py:_text_in",
}


def takers(source: str, module: str) -> list[str]:
    """`module:Qualified.name (parameter)` for every function of the source that takes a setting."""
    found: list[str] = []

    def visit(node: ast.AST, names: list[str]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                args = child.args
                params = [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
                params += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
                name = getattr(child, "name", "<lambda>")
                found.extend(
                    f"{module}:{'.'.join([*names, name])} ({p})" for p in sorted(SETTINGS.intersection(params))
                )
                visit(child, [*names, name])
            elif isinstance(child, ast.ClassDef):
                visit(child, [*names, child.name])
            else:
                visit(child, names)

    visit(ast.parse(source), [])
    return found


def test_no_function_below_the_command_line_takes_the_language_or_plain_mode():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        if module.split("/")[0] in SHOWING:
            continue
        found += [t for t in takers(path.read_text(encoding="utf-8"), module) if t.split(" ")[0] not in ACCESSORS]
    assert found == [], "read the language from meldcode_cli.output.context, or return a Msg:\n" + "\n".join(found)


def test_every_named_accessor_still_exists():
    """A renamed accessor must leave this list, or the list would excuse a function nobody checks."""
    present = set()
    for path in PACKAGE.rglob("*.py"):
        module = path.relative_to(PACKAGE).as_posix()
        present.update(t.split(" ")[0] for t in takers(path.read_text(encoding="utf-8"), module))
    assert present >= ACCESSORS, sorted(ACCESSORS - present)


def test_the_scan_finds_a_setting_in_a_method_a_nested_function_and_a_keyword():
    source = """
class Report:
    def text(self, *, plain=False): ...

def outer():
    def inner(language): ...
    return lambda lang: lang

def fine(flow, verbose): ...
"""
    assert sorted(takers(source, "m.py")) == [
        "m.py:Report.text (plain)",
        "m.py:outer.<lambda> (lang)",
        "m.py:outer.inner (language)",
    ]

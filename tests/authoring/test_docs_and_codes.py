"""The error-code table is complete, and the rarer checks (MC207, MC208, MC251, MC252) say what they find."""

from __future__ import annotations

import re
from pathlib import Path

from tests.authoring.helpers import meldcode

ROOT = Path(__file__).parent.parent.parent


def documented_codes(page: str, heading: str, kinds: str) -> list[tuple[str, str]]:
    table = (ROOT / "docs" / page).read_text(encoding="utf-8").split(heading)[1]
    return re.findall(rf"^\| (MC\d{{3}}) \| ({kinds}) \|", table, flags=re.M)


def test_every_code_the_program_can_give_is_in_the_one_table():
    used = set()
    for source in (ROOT / "meldcode_cli").rglob("*.py"):
        used |= set(re.findall(r'"(MC\d{3})"', source.read_text(encoding="utf-8")))
    english = documented_codes("authoring.en.md", "## Error codes", "error|warning")
    dutch = documented_codes("authoring.md", "## Foutcodes", "fout|waarschuwing")
    assert [code for code, _ in english] == sorted(code for code, _ in english)
    assert {code for code, _ in english} == used
    # The Dutch page (for the aandachtsfunctionaris) and the English one list the same codes, alike.
    translated = {"fout": "error", "waarschuwing": "warning"}
    assert [(code, translated[kind]) for code, kind in dutch] == english


SMALL = """\
id: klein
version: "1"
title: {nl: Klein, en: Small}
disclaimer: {nl: U beslist., en: You decide.}
steps: [{number: 1, title: {nl: Een, en: One}}]
contacts:
  vergeten: {name: {nl: Vergeten, en: Forgotten}, phone: "1"}
actions:
  ongebruikt: {title: {nl: Ongebruikt, en: Unused}}
nodes:
  - id: vraag
    step: 1
    kind: yes_no
    text: {nl: Vraag?, en: Question?}
    next:
      - goto: einde
      - when: {question: vraag, equals: true}
        goto: einde
  - id: einde
    step: 1
    kind: outcome
    only_if: {question: vraag, equals: true}
    title: {nl: Einde, en: End}
    advice: {nl: Klaar., en: Done.}
"""


def test_the_rarer_checks(tmp_path):
    path = tmp_path / "klein.yaml"
    path.write_text(SMALL, encoding="utf-8")
    result = meldcode("validate", str(path), "--lang", "en")
    assert result.exit_code == 1
    problems = [line for line in result.stdout.splitlines() if ": MC" in line]
    assert problems == [  # the error first, then the warnings
        f"{path}:22: MC207 the outcome 'einde' is sometimes passed by ('only_if' does not hold), and nothing "
        "comes after an outcome: the walk gets stuck. Remove 'only_if' from the outcome, or route the path "
        "around it.",
        f"{path}:7: MC251 warning: the contact 'vergeten' is never shown. Name it under 'contacts' of an outcome "
        "or action, make it 'pinned', or remove it.",
        f"{path}:9: MC252 warning: the action 'ongebruikt' is never gathered. Name it under 'actions' of a node or "
        "option, or remove it.",
        f"{path}:17: MC208 warning: this rule of 'vraag' is never tried: a rule above it has no 'when' and so "
        "always applies. Put the rule without 'when' last.",
    ]
    assert "    vraag: false" in result.stdout

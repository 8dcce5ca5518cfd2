"""`meldcode flows --export ID`: a built-in flow as one whole file (and its scenarios) for an author to adapt."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.base.manuals import manual
from meldcode_cli.flow.export import whole_text
from meldcode_cli.flow.loader import FLOW_SUFFIXES, builtin_paths, resolve
from meldcode_cli.output import context


def export(flow_id: str, output: Path | None, force: bool) -> None:
    from meldcode_cli.base.private_files import write_private
    from meldcode_cli.base.target_files import check_writable
    from meldcode_cli.output.replacing import may_replace

    source = resolve(flow_id)  # an unknown id gets the did-you-mean of every other command
    if source.builtin_id is None:
        raise MeldcodeError(
            "not_builtin",
            Msg(
                f"'{flow_id}' is geen ingebouwde flow; --export kopieert een ingebouwde flow: "
                f"{', '.join(builtin_paths())}.",
                f"'{flow_id}' is not a built-in flow; --export copies a built-in flow: {', '.join(builtin_paths())}.",
            ),
        )
    target = output or Path(f"{source.builtin_id}.yaml")
    if target.suffix not in FLOW_SUFFIXES:
        raise MeldcodeError(
            "unknown_extension",
            Msg(
                f"Geef een bestandsnaam die eindigt op .yaml ({target}).",
                f"Give a file name ending in .yaml ({target}).",
            ),
        )
    scenarios = source.path.with_name(f"{source.path.stem}.scenarios{source.path.suffix}")
    copies = [(source.path, target)]
    if scenarios.is_file():
        copies.append((scenarios, target.with_name(f"{target.stem}.scenarios{target.suffix}")))
    for _, to in copies:
        check_writable(to)
        may_replace(to, force)
    for origin, to in copies:
        text = whole_text(origin) if to is target else origin.read_text(encoding="utf-8")
        if to is not target:  # the scenarios name the flow they test: the copy, not the built-in one
            text = re.sub(r"(?m)^flow: .*$", f"flow: {target.name}", text, count=1)
        write_private(to, text)
    written = " + ".join(str(to) for _, to in copies)
    sys.stderr.write(
        context.say(
            Msg(
                f"Geschreven: {written}.\n"
                f"Geef de flow een eigen 'id' en 'version', pas hem aan, en controleer hem met:\n"
                f"  meldcode validate {target}\n  meldcode test {target}\n"
                "Alleen contacten of een paar teksten aanpassen? "
                f"Dan is een kort bestand met 'extends: {source.builtin_id}' "
                f"handiger: het volgt de ingebouwde flow bij elke update (zie {manual('authoring.md')}).\n",
                f"Written: {written}.\n"
                f"Give the flow its own 'id' and 'version', adapt it, and check it with:\n"
                f"  meldcode validate {target}\n  meldcode test {target}\n"
                "Only changing contacts or a few texts? "
                f"Then a short file with 'extends: {source.builtin_id}' is handier: "
                f"it follows the built-in flow with every update (see {manual('authoring.en.md')}).\n",
            )
        )
    )

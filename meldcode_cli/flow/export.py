"""`meldcode flows --export ID`: a built-in flow as one whole file (and its scenarios) for an author to adapt."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.base.manuals import manual
from meldcode_cli.flow.loader import FLOW_SUFFIXES, builtin_paths, resolve


def export(flow_id: str, output: Path | None, force: bool, lang: str) -> None:
    from meldcode_cli.base.private_files import write_private
    from meldcode_cli.base.target_files import check_writable, may_replace

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
        may_replace(to, force, lang)
    for origin, to in copies:
        text = whole_text(origin) if to is target else origin.read_text(encoding="utf-8")
        if to is not target:  # the scenarios name the flow they test: the copy, not the built-in one
            text = re.sub(r"(?m)^flow: .*$", f"flow: {target.name}", text, count=1)
        write_private(to, text)
    written = " + ".join(str(to) for _, to in copies)
    sys.stderr.write(
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
            f"Only changing contacts or a few texts? Then a short file with 'extends: {source.builtin_id}' is handier: "
            f"it follows the built-in flow with every update (see {manual('authoring.en.md')}).\n",
        ).get(lang)
    )


def whole_text(path: Path) -> str:
    """A flow file as a whole flow: the file itself, or for a flow composed of others (a built-in sector
    flow extends the shared core and includes its fragments) the merged flow, so that the copy stands on
    its own wherever it is put."""
    from meldcode_cli.flow import loader

    text = path.read_text(encoding="utf-8")
    if not loader.is_composed(text):
        return text
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text_node(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        # Help texts of several paragraphs stay readable as blocks, as an author wrote them.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    Dumper.add_representer(str, text_node)
    located, _ = loader.read_flow(path)
    heading = (
        f"# {path.stem}, written out whole by 'meldcode flows --export' from the built-in flow and the\n"
        "# shared parts it is composed of (flows/kern/).\n"
    )
    return heading + yaml.dump(located.data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10_000)

"""A built-in flow written out as one whole file, for `meldcode flows --export ID` (cli/flow_export.py)."""

from __future__ import annotations

from pathlib import Path


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

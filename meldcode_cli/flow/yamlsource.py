"""Reads a YAML or JSON file safely and remembers the line of every value, for `file:line` errors."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from meldcode_cli.base.errors import FileProblems, Problem
from meldcode_cli.base.i18n import Msg
from meldcode_cli.base.private_files import NotRegular, TooLarge, read_regular
from meldcode_cli.base.textsafety import clean

try:  # libyaml's composer is several times faster; fall back to pure Python where it is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 5_000_000
MAX_DEPTH = 64
MAX_VALUES = 1_000_000

Path_ = tuple[Any, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
# Plain data only: a tag such as !!python/object must never build anything.
_ALLOWED_TAGS = _SCALAR_TAGS | {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class Located:
    """Parsed data plus the line (1-based) where each value starts, keyed by its path. A flow that
    extends another is merged data from several files: `files` names the file of each value that
    did not come from `file` itself."""

    def __init__(self, file: str, data: Any, lines: dict[Path_, int], files: dict[Path_, str] | None = None) -> None:
        self.file = file
        self.data = data
        self.lines = lines
        self.files = files or {}

    def line_of(self, loc: Path_) -> int | None:
        """The line of the deepest part of `loc` that exists in the data (pydantic locs may hold
        union tags such as 'yes_no' that are not in the data: those are skipped)."""
        return self.lines.get(self.deepest(loc))

    def file_of(self, loc: Path_) -> str:
        """The file the value at `loc` was read from."""
        return self.files.get(self.deepest(loc), self.file)

    def deepest(self, loc: Path_) -> Path_:
        """The longest part of `loc` that exists in the data."""
        best: Path_ = ()
        node = self.data
        for part in loc:
            if (isinstance(node, dict) and part in node) or (
                isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            ):
                node = node[part]
            else:
                continue
            best = best + (part,)
        return best

    def problem(self, loc: Path_, message: Msg, code: str = "", hint: Msg | None = None) -> Problem:
        return Problem(self.file_of(loc), self.line_of(loc), message, code, hint)


def _fail(file: str, line: int | None, nl: str, en: str, code: str = "invalid_yaml") -> FileProblems:
    heading = Msg(f"Het bestand {file} is geen geldige YAML.", f"The file {file} is not valid YAML.")
    return FileProblems(code, heading, [Problem(file, line, Msg(nl, en), "MC000")])


def read_text(path: Path) -> str:
    """The file's text, or a clear error when it is missing, too large, not a regular file (a device
    such as /dev/zero, a FIFO) or not UTF-8. Nothing is read beyond the limit, and nothing waits."""
    name = str(path)
    try:
        raw = read_regular(path, MAX_BYTES, follow=True)
    except FileNotFoundError:
        raise FileProblems(
            "not_found", Msg(f"Het bestand {name} bestaat niet.", f"The file {name} does not exist."), []
        ) from None
    except NotRegular:
        if path.is_dir():
            raise FileProblems(
                "not_a_file", Msg(f"{name} is een map, geen bestand.", f"{name} is a folder, not a file."), []
            ) from None
        raise FileProblems(
            "not_a_file", Msg(f"{name} is geen gewoon bestand.", f"{name} is not a regular file."), []
        ) from None
    except TooLarge:
        size = path.stat().st_size
        raise _fail(
            name,
            None,
            f"het bestand is te groot ({size:,} bytes; hooguit {MAX_BYTES:,}).",
            f"the file is too large ({size:,} bytes; at most {MAX_BYTES:,}).",
            "too_large",
        ) from None
    except PermissionError:
        raise FileProblems(
            "unreadable", Msg(f"Geen toestemming om {name} te lezen.", f"No permission to read {name}."), []
        ) from None
    except OSError as exc:
        raise FileProblems(
            "unreadable",
            Msg(f"{name} kan niet worden gelezen ({exc.strerror}).", f"{name} cannot be read ({exc.strerror})."),
            [],
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(
            name,
            line,
            "de tekst is geen UTF-8. Sla het bestand op als UTF-8.",
            "the text is not UTF-8. Save the file as UTF-8.",
            "encoding",
        ) from None
    return text


def load(path: Path, display_name: str | None = None) -> Located:
    """Parse a YAML (or JSON) file into plain data with line numbers."""
    return parse(read_text(path), display_name or str(path))


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector runs again and again while a big file becomes hundreds of thousands
    of small objects, each time over all of them: 10,000 nodes took 5× longer than 10 × 1,000. What
    we build has no cycles, so the collector waits until the file is read."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(text: str, file: str) -> Located:
    with paused_gc():
        return _parse(text, file)


def _parse(text: str, file: str) -> Located:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "onbekende fout"
        if "nesting depth" in what:  # libyaml's own limit: say it as the pure-Python path does
            raise _too_deep(file, line) from None
        from meldcode_cli.flow.yaml_words import describe

        line, words = describe(exc, text)
        raise _fail(file, line, words.nl, words.en) from None
    except yaml.YAMLError as exc:
        raise _fail(
            file, None, f"de YAML kan niet gelezen worden ({exc}).", f"the YAML cannot be read ({exc})."
        ) from None
    except RecursionError:  # the pure-Python parser recurses once per level of nesting
        raise _too_deep(file, 1) from None
    if root is None:
        raise _fail(file, 1, "het bestand is leeg.", "the file is empty.", "empty")
    if "*" in text:  # without an alias ('*name') nothing unfolds: no need to count
        _check_size(root, file)
    lines: dict[Path_, int] = {}
    builder = _Builder(file, lines)
    data = builder.build(root, (), 0)
    return Located(file, data, lines)


def _too_deep(file: str, line: int | None) -> FileProblems:
    return _fail(
        file,
        line,
        f"de gegevens zijn te diep genest (meer dan {MAX_DEPTH} niveaus).",
        f"the data is nested too deeply (more than {MAX_DEPTH} levels).",
        "too_deep",
    )


def _check_size(root: yaml.Node, file: str) -> None:
    """Refuse a file whose aliases would unfold into too many values ("billion laughs") before any
    of them is built: the composed nodes are shared, so their unfolded size is counted once each."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        children = _children(node)
        if children_done:
            visiting.discard(id(node))
            sizes[id(node)] = min(1 + sum(sizes[id(child)] for child in children), MAX_VALUES + 1)
            continue
        if id(node) in sizes:
            continue
        if id(node) in visiting:
            raise _fail(
                file,
                node.start_mark.line + 1,
                "een alias verwijst naar zichzelf.",
                "an alias refers to itself.",
                "too_large",
            )
        visiting.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    if sizes[id(root)] > MAX_VALUES:
        raise _fail(
            file,
            1,
            f"het bestand bevat te veel waarden (meer dan {MAX_VALUES:,}; gebruikt het "
            "aliassen die zich steeds herhalen?).",
            f"the file holds too many values (over {MAX_VALUES:,}; does it use aliases that repeat themselves?).",
            "too_large",
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _Builder:
    """Turns composed YAML nodes into dicts, lists and scalars, recording each value's line."""

    def __init__(self, file: str, lines: dict[Path_, int]) -> None:
        self.file = file
        self.lines = lines
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        line = node.start_mark.line + 1
        self.lines[path] = line
        self.count += 1
        if self.count > MAX_VALUES:
            raise _fail(
                self.file,
                line,
                f"het bestand bevat te veel waarden (meer dan {MAX_VALUES:,}; "
                "gebruikt het aliassen die zich steeds herhalen?).",
                f"the file holds too many values (over {MAX_VALUES:,}; does it use aliases that repeat themselves?).",
                "too_large",
            )
        if depth > MAX_DEPTH:
            raise _too_deep(self.file, line)
        if node.tag not in _ALLOWED_TAGS:
            raise _fail(
                self.file,
                line,
                f"de YAML-tag {node.tag} is niet toegestaan; gebruik gewone tekst, getallen, lijsten en mappings.",
                f"the YAML tag {node.tag} is not allowed; use plain text, numbers, lists and mappings.",
                "tag",
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        value = self.constructor.construct_object(node)
        # Text from a file reaches the terminal and reports: escape codes and bidi marks never do.
        return clean(value) if isinstance(value, str) else value

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _fail(
                    self.file,
                    key_line,
                    "'<<' (samenvoegen) wordt niet ondersteund; schrijf de waarden uit.",
                    "'<<' (merge) is not supported; write the values out.",
                    "key",
                )
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                raise _fail(
                    self.file, key_line, "een sleutel moet gewone tekst zijn.", "a key must be plain text.", "key"
                )
            # The key as written: YAML 1.1 would turn a key such as `no` or `1` into a bool or int.
            key = clean(str(key_node.value))
            if key in result:
                raise _fail(
                    self.file,
                    key_line,
                    f"de sleutel '{key}' staat twee keer in dezelfde mapping.",
                    f"the key '{key}' appears twice in the same mapping.",
                    "duplicate_key",
                )
            result[key] = self.build(value_node, path + (key,), depth + 1)
            # The key's line is where a reader looks, also when its value is a block below it.
            self.lines[path + (key,)] = key_line
        return result

"""A flow's compiled form: checked once by the schema, cached as JSON by file hash, loaded without pydantic."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meldcode_cli import __version__
from meldcode_cli.flow import kinds
from meldcode_cli.flow.places import Places

# Why: `meldcode run --answers F --json` spent most of its time importing pydantic and building
# the 26 schema classes, for a flow that had not changed since the last run. The flow is still
# checked by the schema (and the integrity checks) exactly as before, the first time a version of
# it is used; what is kept is the checked result, as plain data, under the user's cache folder,
# keyed by a hash of the file's bytes. A later run reads that file with `json` and builds light
# objects with the same attributes and methods the engine reads. Any doubt (no cache, another
# hash, another format, a damaged cache file, a part of the schema this module does not know)
# means: check the flow again with the schema, as if there were no cache.

FORMAT = 3  # 2: the header line names the flow's sector; 3: places relative to the flow's folder

# The schema classes this form knows, by name. A flow holding any other class (a newer schema)
# is not compiled; it is always loaded through the schema.
KNOWN = frozenset(
    {
        "Text",
        "AnswerTest",
        "Not",
        "All",
        "AnyOf",
        "ActionRef",
        "ActionDef",
        "Contact",
        "ExtraAdvice",
        "Rule",
        "Option",
        "InfoNode",
        "YesNoNode",
        "SingleNode",
        "MultipleNode",
        "TextNode",
        "FollowUp",
        "OutcomeNode",
        "GuaranteeThen",
        "Guarantee",
        "Step",
        "Flow",
        "NoteLine",
    }
)
TAG = "$"


class NotCompilable(Exception):
    """The flow holds something this compiled form does not know."""


# ---------------------------------------------------------------------------------------------
# From the checked (pydantic) flow to plain data


def tree(value: Any) -> Any:
    """A checked flow (or any part of it) as JSON-ready data, each object tagged with its class."""
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        name = type(value).__name__
        if name not in KNOWN:
            raise NotCompilable(name)
        out: dict[str, Any] = {TAG: name}
        for field in fields:
            out[field] = tree(getattr(value, field))
        return out
    if isinstance(value, list):
        return [tree(item) for item in value]
    if isinstance(value, dict):
        return {key: tree(item) for key, item in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise NotCompilable(type(value).__name__)


# ---------------------------------------------------------------------------------------------
# Light objects: the attributes and methods of the schema classes that reading a flow needs


class Light:
    """An object of the compiled flow: its fields as attributes."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.__dict__.update(fields)

    if TYPE_CHECKING:  # the fields come from the compiled JSON: any name, any value

        def __getattr__(self, name: str) -> Any: ...

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items() if not k.startswith("_"))
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self).__name__, repr(self)))


class Text(Light):
    nl: str
    en: str | None

    def get(self, lang: str) -> str:
        return (self.en if lang == "en" else None) or self.nl

    def model_dump(self) -> dict[str, Any]:
        return {"nl": self.nl, "en": self.en}


class Node(Light, kinds.NodeKind):
    is_question = False


class Question(Node, kinds.QuestionNode):
    is_question = True


class Choice(Question):
    def option(self, option_id: str) -> Any:
        return next((o for o in self.options if o.id == option_id), None)


class AnswerTest(Light, kinds.AnswerTest):
    def __init__(self, fields: dict[str, Any]) -> None:
        super().__init__(fields)
        self._operator = next(
            name for name in ("equals", "contains", "any_of", "all_of") if fields.get(name) is not None
        )

    @property
    def operator(self) -> str:
        return self._operator

    @property
    def operand(self) -> Any:
        return getattr(self, self._operator)


class Flow(Light):
    start: str | None
    _places: Places  # set when read from the cache: where each node is in the files

    def __init__(self, fields: dict[str, Any]) -> None:
        super().__init__(fields)
        by_id: dict[str, Any] = {}
        for node in self.nodes:
            by_id.setdefault(node.id, node)
        self._by_id = by_id
        self._steps = {step.number: step for step in self.steps}
        self._questions = [node for node in self.nodes if node.is_question]

    def node(self, node_id: str) -> Any:
        return self._by_id[node_id]

    def has_node(self, node_id: str) -> bool:
        return node_id in self._by_id

    @property
    def start_id(self) -> str:
        return self.start or self.nodes[0].id

    def step(self, number: int) -> Any:
        return self._steps.get(number)

    @property
    def numbered_steps(self) -> list[Any]:
        return [s for s in self.steps if s.number > 0]

    @property
    def pinned_contacts(self) -> list[Any]:
        return [c for c in self.contacts.values() if c.pinned]

    def questions(self) -> list[Any]:
        return list(self._questions)


def _kind(name: str, *bases: type) -> type:
    return type(name, bases, {"__module__": __name__})


CLASSES: dict[str, type] = {
    "Text": Text,
    "AnswerTest": AnswerTest,
    "Flow": Flow,
    "Not": _kind("Not", Light, kinds.Not),
    "All": _kind("All", Light, kinds.All),
    "AnyOf": _kind("AnyOf", Light, kinds.AnyOf),
    "InfoNode": _kind("InfoNode", Node, kinds.InfoNode),
    "YesNoNode": _kind("YesNoNode", Question, kinds.YesNoNode),
    "SingleNode": _kind("SingleNode", Choice, kinds.SingleNode),
    "MultipleNode": _kind("MultipleNode", Choice, kinds.MultipleNode),
    "TextNode": _kind("TextNode", Question, kinds.TextNode),
    "OutcomeNode": _kind("OutcomeNode", Node, kinds.OutcomeNode),
}
for _name in KNOWN - CLASSES.keys():
    CLASSES[_name] = _kind(_name, Light)


def _object(data: dict[str, Any]) -> Any:
    name = data.pop(TAG, None)
    if name is None:
        return data
    return CLASSES[name](data)


def build(text: str) -> Any:
    """The light flow from the `flow` part of a cache file's text."""
    return json.loads(text, object_hook=_object)


# ---------------------------------------------------------------------------------------------
# The cache


def cache_home() -> Path:
    """MELDCODE_HOME/cache when set (tests, an encrypted drive), else the platform's cache folder."""
    configured = os.environ.get("MELDCODE_HOME")
    if configured:
        return Path(configured).expanduser() / "cache"
    if sys.platform.startswith("linux"):  # platformdirs' answer, without importing it at start-up
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
        return root / "meldcode"
    from platformdirs import user_cache_path

    return user_cache_path("meldcode", appauthor=False)


def _schema_stamp() -> str:
    # A changed schema (or this module) makes every cached flow stale, also in a source checkout
    # where the version number does not change.
    here = Path(__file__).parent
    parts = [__version__, str(FORMAT)]
    for name in ("model.py", "compiled.py"):
        try:
            stat = (here / name).stat()
            parts.append(f"{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return "|".join(parts)


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def cache_path(raw: bytes, path: Path | None = None) -> Path:
    """Where the compiled form of a flow file with these bytes is kept. A file that `extends` or
    `include`s others is keyed by where it lies too: the same bytes elsewhere (a copy of a built-in
    sector file beside a changed copy of the core) name other files."""
    where = b""
    if path is not None and _COMPOSED.search(raw):
        where = str(path.resolve()).encode("utf-8", "surrogateescape") + b"\0"
    key = _digest(_schema_stamp().encode() + b"\0" + where + raw)
    return cache_home() / "flows" / f"{key}.json"


# The top-level keys of a flow composed of other files (as loader.is_composed, on bytes).
_COMPOSED = re.compile(rb"^(extends|include)\s*:", re.MULTILINE)


def load(path: Path) -> Any:
    """The flow in `path`, compiled: from the cache when this exact file (and each file it extends)
    was checked before, else checked by the schema now and cached. Errors in the flow are raised
    exactly as `loader.load_flow` raises them."""
    try:
        raw = path.read_bytes()
    except OSError:
        raw = None
    if raw is not None:
        cached = _read(cache_path(raw, path))
        if cached is not None:
            return cached
    return _compile_and_store(path)


def header(path: Path) -> dict[str, Any]:
    """The id, version and title of the flow in `path` (what `meldcode flows` lists), read from the
    first line of its compiled form; the flow is compiled first when it is not in the cache."""
    for _ in range(2):
        try:
            raw = path.read_bytes()
        except OSError:
            break
        found: dict[str, Any] | None = _read(cache_path(raw, path), header_only=True)
        if found is not None:
            return found
        if not isinstance(_compile_and_store(path), Flow):
            break  # not compilable (or the cache cannot be written): read the flow itself
    flow = load(path)
    return {
        "id": flow.id,
        "version": flow.version,
        "title": flow.title.model_dump(),
        "sector": flow.sector.model_dump() if getattr(flow, "sector", None) else None,
    }


_DAMAGED = (OSError, ValueError, TypeError, KeyError, AttributeError, StopIteration, RecursionError)


def _read(cache: Path, header_only: bool = False) -> Any:
    try:
        with open(cache, encoding="utf-8") as handle:
            head = handle.readline()
            places = "" if header_only else handle.readline()
            body = "" if header_only else handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    try:
        header = json.loads(head)
        if not head.endswith("\n") or header.get("format") != FORMAT:
            return None
        for file, digest in header.get("extends", []):
            if _digest(Path(file).read_bytes()) != digest:
                return None  # a flow it extends changed: check the whole chain again
        if header_only:
            found = {key: header[key] for key in ("id", "version", "title", "sector")}
            return found if all(isinstance(found[key], str) for key in ("id", "version")) else None
        flow = build(body)
        if isinstance(flow, Flow):
            flow._places = Places(json.loads(places))
    except _DAMAGED:
        return None  # a damaged or foreign cache file is simply rebuilt
    return flow if isinstance(flow, Flow) else None


def _compile_and_store(path: Path) -> Any:
    from meldcode_cli.flow import loader

    raw = path.read_bytes() if path.is_file() else None  # read before: the cache names these bytes
    located, sources = loader.read_flow(path, str(path))
    checked = loader.check_flow(located)  # the schema and every check; raises on a wrong flow
    try:
        data = tree(checked)
    except NotCompilable:
        return checked
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    places = json.dumps(Places.of(checked, located).data, ensure_ascii=False, separators=(",", ":"))
    flow = build(body)
    flow._places = Places(json.loads(places))
    try:
        extends = [(str(file.resolve()), _digest(file.read_bytes())) for file in sources[1:]]
    except OSError:
        return flow
    if raw is not None:
        head = {
            "format": FORMAT,
            "extends": extends,
            "id": checked.id,
            "version": checked.version,
            "title": checked.title.model_dump(),
            "sector": checked.sector.model_dump() if checked.sector is not None else None,
        }
        _store(cache_path(raw, path), json.dumps(head, ensure_ascii=False) + "\n" + places + "\n" + body)
    return flow


def places(flow: Any) -> Places | None:
    """Where the compiled flow's nodes are written (None for a flow not loaded from its compiled form)."""
    return getattr(flow, "_places", None)


def _store(cache: Path, text: str) -> None:
    from meldcode_cli.base.private_files import private_folder, write_private

    try:
        private_folder(cache.parent)
        write_private(cache, text)
    except OSError:
        pass  # a cache that cannot be written (read-only home, full disk) only costs time

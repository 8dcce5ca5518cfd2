"""Plain marker classes for the kinds of node and condition, shared by the schema and the compiled flow."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

# The pydantic models (model.py) and the compiled flow (compiled.py) both derive from these, so
# the engine can tell a yes/no question from an outcome with `isinstance` without importing
# pydantic: the quickest commands never do. They hold no data and no behaviour; for the type
# checker they say which attributes both forms have (read-only here, fields or attributes there).


class NodeKind:
    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def id(self) -> str: ...

        @property
        def step(self) -> int: ...

        @property
        def is_question(self) -> bool: ...


class InfoNode(NodeKind):
    __slots__ = ()


class QuestionNode(NodeKind):
    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def text(self) -> Any: ...

        @property
        def help(self) -> Any: ...

        @property
        def why(self) -> Any: ...


class YesNoNode(QuestionNode):
    __slots__ = ()


class SingleNode(QuestionNode):
    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def options(self) -> Sequence[Any]: ...

        def option(self, option_id: str) -> Any: ...


class MultipleNode(QuestionNode):
    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def options(self) -> Sequence[Any]: ...

        @property
        def min_selected(self) -> int: ...


class TextNode(QuestionNode):
    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def required(self) -> bool: ...

        @property
        def max_length(self) -> int: ...


class OutcomeNode(NodeKind):
    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def title(self) -> Any: ...

        @property
        def advice(self) -> Any: ...

        @property
        def extra_advice(self) -> Sequence[Any]: ...

        @property
        def next_steps(self) -> Sequence[Any]: ...

        @property
        def contacts(self) -> Sequence[str]: ...

        @property
        def follow_up(self) -> Any: ...


class AnswerTest:
    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def question(self) -> str: ...

        @property
        def operator(self) -> str: ...

        @property
        def operand(self) -> Any: ...


class Not:
    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def not_(self) -> Any: ...


class All:
    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def all(self) -> Sequence[Any]: ...


class AnyOf:
    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def any(self) -> Sequence[Any]: ...

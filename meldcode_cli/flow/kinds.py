"""Plain marker classes for the kinds of node and condition, shared by the schema and the compiled flow."""

from __future__ import annotations

# The pydantic models (model.py) and the compiled flow (compiled.py) both derive from these, so
# the engine can tell a yes/no question from an outcome with `isinstance` without importing
# pydantic: the quickest commands never do. They hold no data and no behaviour.


class NodeKind:
    __slots__ = ()


class InfoNode(NodeKind):
    __slots__ = ()


class QuestionNode(NodeKind):
    __slots__ = ()


class YesNoNode(QuestionNode):
    __slots__ = ()


class SingleNode(QuestionNode):
    __slots__ = ()


class MultipleNode(QuestionNode):
    __slots__ = ()


class TextNode(QuestionNode):
    __slots__ = ()


class OutcomeNode(NodeKind):
    __slots__ = ()


class AnswerTest:
    __slots__ = ()


class Not:
    __slots__ = ()


class All:
    __slots__ = ()


class AnyOf:
    __slots__ = ()

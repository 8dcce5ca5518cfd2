"""Property: any sequence of answers and backs leaves a walk whose path and answers agree."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow.loader import load_flow
from meldcode_cli.flow.model import MultipleNode, SingleNode, TextNode, YesNoNode

FLOW = load_flow("sociaal-werk")


def answer_for(node, draw_index: int, draw_subset: list[bool]):
    if isinstance(node, YesNoNode):
        return draw_index % 2 == 0
    if isinstance(node, SingleNode):
        return node.options[draw_index % len(node.options)].id
    if isinstance(node, MultipleNode):
        chosen = [o.id for o, keep in zip(node.options, draw_subset, strict=False) if keep]
        return chosen or ([node.options[draw_index % len(node.options)].id] if node.min_selected else [])
    if isinstance(node, TextNode):
        return "notitie" if draw_index % 3 else ""
    return None


moves = st.lists(
    st.tuples(
        st.sampled_from(["answer", "answer", "answer", "back", "rewind"]),
        st.integers(min_value=0, max_value=50),
        st.lists(st.booleans(), min_size=12, max_size=12),
    ),
    max_size=80,
)


@given(moves)
def test_path_and_answers_always_agree(sequence):
    walk = Walk(FLOW)
    for move, index, subset in sequence:
        if walk.finished and move == "answer":
            move = "back"
        if move == "answer":
            walk.answer(answer_for(walk.current, index, subset))
        elif move == "back":
            walk.back()
        else:
            asked = [n for n in walk.path[:-1] if FLOW.node(n).is_question]
            if asked:
                walk.rewind(asked[index % len(asked)])
        # Every answer belongs to a question on the path before the current node …
        assert set(walk.answers) <= set(walk.path[:-1])
        # … every question on that stretch is answered, and nothing remembered is also an answer …
        assert all(n in walk.answers for n in walk.path[:-1] if FLOW.node(n).is_question)
        assert not set(walk.remembered) & set(walk.answers)
    # Replaying the answers from the start gives exactly the same path (no stale answer survives),
    # and the actions are those of the path as it is now.
    replayed = Walk.replay(FLOW, walk.path, walk.answers)
    assert replayed.path == walk.path
    assert [a.id for a in walk.actions()] == [a.id for a in replayed.actions()]


@given(
    st.lists(st.tuples(st.integers(0, 50), st.lists(st.booleans(), min_size=12, max_size=12)), min_size=60, max_size=60)
)
def test_every_complete_answer_sequence_reaches_an_outcome(choices):
    walk = Walk(FLOW)
    for index, subset in choices:
        if walk.finished:
            break
        walk.answer(answer_for(walk.current, index, subset))
    assert walk.finished, walk.current.id
    assert walk.outcome.id in {"bel_112", "afsluiten", "melden", "hulp_bieden", "hulp_afsluiten", "medewerker_route"}

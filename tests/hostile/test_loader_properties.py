"""Properties: random flows always end in an outcome or a clear error; random bytes into every loader
only ever give the documented error type (MeldcodeError), never anything else."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.engine.answers import load_answers
from meldcode_cli.engine.walk import FlowRuntimeError, Walk
from meldcode_cli.flow.loader import load_flow
from meldcode_cli.flow.model import MultipleNode, SingleNode, TextNode, YesNoNode
from meldcode_cli.sessions.store import SessionStore
from meldcode_cli.training.cases import load_case
from tests.random_flows import random_flow

FLOW = load_flow("sociaal-werk")


def fixed_answer(node, pick: int):
    if isinstance(node, YesNoNode):
        return pick % 2 == 0
    if isinstance(node, SingleNode):
        return node.options[pick % len(node.options)].id
    if isinstance(node, MultipleNode):
        chosen = [o.id for i, o in enumerate(node.options) if (pick >> i) & 1]
        return chosen or ([node.options[0].id] if node.min_selected else [])
    if isinstance(node, TextNode):
        return "a" if pick % 2 else ("" if not node.required else "b")
    return None


@given(st.integers(0, 2**32), st.booleans(), st.lists(st.integers(0, 255), min_size=8, max_size=8))
def test_a_random_flow_ends_in_an_outcome_or_a_clear_error(seed, loops, picks):
    flow = random_flow(random.Random(seed), loops)
    answers = {q.id: fixed_answer(q, picks[i % len(picks)]) for i, q in enumerate(flow.questions())}
    try:
        walk = Walk(flow)
        walk.fill(answers)
    except FlowRuntimeError as error:  # a gap in the flow, said in words; validate finds it beforehand
        assert error.message.nl and error.code in ("dead_end", "skip_loop", "answer_loop")
        return
    assert walk.finished


def loaders(data: bytes, tmp: Path) -> list:
    """Every way a file reaches the program: as a flow, answers, a case, a session."""
    path = tmp / "bestand.yaml"
    path.write_bytes(data)
    folder = tmp / "sessions"
    folder.mkdir(exist_ok=True)
    (folder / "abcdef.json").write_bytes(data)
    return [
        lambda: load_flow(path),
        lambda: load_answers(path, FLOW),
        lambda: load_case(path),
        lambda: SessionStore(folder).load("abcdef", passphrase=lambda: "x"),
    ]


# Pieces of YAML syntax and of our own keys, strung together: most of it is nearly valid.
yamlish = st.lists(
    st.sampled_from(
        list("{}[]:,-&*!|>'\"# \n\tabc01~")
        + ["no", "yes", "id: ", "nodes:", "\n  - ", "kind: yes_no", "!!python/object ", "&a ", "*a ", "<<: "]
    ),
    max_size=60,
).map("".join)


@given(st.one_of(st.binary(max_size=300), yamlish.map(str.encode), st.text().map(str.encode)))
def test_any_bytes_into_any_loader_give_only_the_documented_error(tmp_path_factory, data):
    tmp = tmp_path_factory.mktemp("bytes")
    for load in loaders(data, tmp):
        try:
            load()
        except MeldcodeError as error:
            assert error.text("nl") and error.text("en")

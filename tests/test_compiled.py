"""The compiled flow: walks exactly like the checked one, is rebuilt whenever it could be stale, and is private."""

from __future__ import annotations

import inspect
import json
import random
import stat

import pytest

from benchmarks.synthetic import random_answers
from meldcode_cli.base.errors import FileProblems
from meldcode_cli.engine import wording
from meldcode_cli.engine.answers import load_answers
from meldcode_cli.engine.walk import Walk
from meldcode_cli.flow import compiled, model
from meldcode_cli.flow.loader import builtin_paths, load_flow
from meldcode_cli.flow.yamlsource import load as load_yaml
from meldcode_cli.output import context, results
from meldcode_cli.verify.scenarios import ScenarioFile


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MELDCODE_HOME", str(tmp_path / "home"))
    return tmp_path / "home" / "cache" / "flows"


def _result_in(walk, lang):
    with context.using(context.Display(lang=lang)):
        return results.walk_result(walk)


def walk_facts(flow, answers):
    walk = Walk(flow)
    try:
        walk.fill(answers, skip_optional=True)
    except Exception as exc:  # the same error on both sides counts as the same walk
        return ("error", type(exc).__name__, str(exc))
    return (
        _result_in(walk, "nl"),
        _result_in(walk, "en"),
        [(a.id, [r.get("nl") for r in a.reasons]) for a in walk.actions()],
        [wording.answer_text(n, walk.answers.get(n.id)).en for n in walk.visited_questions()],
        [wording.step_label(flow, flow.node(n).step).nl for n in walk.path],
    )


@pytest.mark.parametrize("flow_id", sorted(builtin_paths()))
def test_the_compiled_flow_walks_every_scenario_and_random_walk_like_the_checked_one(flow_id):
    path = builtin_paths()[flow_id]
    checked = load_flow(path)
    light = compiled.load(path)
    assert type(light) is compiled.Flow
    answer_sets = [dict(s.answers) for s in _scenarios(path)] + random_answers(checked, 300, seed=3)
    rng = random.Random(5)
    for answers in random_answers(checked, 50, seed=11):  # and walks cut short: questions left open
        keep = rng.randrange(len(answers) + 1)
        answer_sets.append(dict(list(answers.items())[:keep]))
    assert len(answer_sets) > 300
    for answers in answer_sets:
        assert walk_facts(light, answers) == walk_facts(checked, answers), answers
    assert [q.id for q in light.questions()] == [q.id for q in checked.questions()]
    assert light.start_id == checked.start_id
    assert [c.name.get("nl") for c in light.pinned_contacts] == [c.name.get("nl") for c in checked.pinned_contacts]


def _scenarios(path):
    scenario_file = path.with_name(path.stem + ".scenarios.yaml")
    if not scenario_file.exists():
        return []
    return ScenarioFile.model_validate(load_yaml(scenario_file).data).scenarios


def test_it_is_checked_once_then_read_from_the_cache(mini_path, own_cache):
    first = compiled.load(mini_path)
    files = list(own_cache.iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(own_cache.stat().st_mode) == 0o700
    again = compiled.load(mini_path)
    assert again == first and again is not first
    assert list(own_cache.iterdir()) == files


def test_a_changed_flow_is_checked_again(tmp_path, mini_path, own_cache):
    path = tmp_path / "flow.yaml"
    path.write_text(mini_path.read_text(encoding="utf-8"), encoding="utf-8")
    assert compiled.load(path).version == "2"
    path.write_text(mini_path.read_text(encoding="utf-8").replace('version: "2"', 'version: "3"'), encoding="utf-8")
    assert compiled.load(path).version == "3"
    assert len(list(own_cache.iterdir())) == 2


def test_a_changed_flow_with_a_mistake_gives_the_schema_error_and_no_cache(tmp_path, mini_path, own_cache):
    path = tmp_path / "flow.yaml"
    path.write_text(mini_path.read_text(encoding="utf-8").replace("kind: yes_no", "kind: ja_nee", 1), encoding="utf-8")
    with pytest.raises(FileProblems) as compiled_error:
        compiled.load(path)
    with pytest.raises(FileProblems) as checked_error:
        load_flow(path)
    assert compiled_error.value.text("nl") == checked_error.value.text("nl")
    assert not own_cache.exists() or not list(own_cache.iterdir())


@pytest.mark.parametrize(
    "damage",
    [
        "",
        "not json at all",
        '{"format": 1, "extends": []}\n{"$": "Nope"}',
        '{"format": 999, "extends": []}\n{}',
        '{"format": 1}\n[1, 2',
        '{"format": 1, "extends": []}\n{"$": "Text", "nl": "x"}',
    ],
)
def test_a_damaged_or_foreign_cache_file_is_rebuilt(mini_path, own_cache, damage):
    good = compiled.load(mini_path)
    (cache,) = own_cache.iterdir()
    cache.write_text(damage, encoding="utf-8")
    assert compiled.load(mini_path) == good
    assert cache.read_text(encoding="utf-8") != damage


def test_a_flow_that_extends_another_is_rebuilt_when_its_base_changes(tmp_path, mini_path):
    base = tmp_path / "basis.yaml"
    base.write_text(mini_path.read_text(encoding="utf-8"), encoding="utf-8")
    child = tmp_path / "eigen.yaml"
    child.write_text('extends: basis.yaml\nid: eigen\nversion: "1"\n', encoding="utf-8")
    assert compiled.load(child).node("gevaar").text.nl == load_flow(child).node("gevaar").text.nl
    text = base.read_text(encoding="utf-8")
    old = load_flow(base).node("gevaar").text.nl
    base.write_text(text.replace(old, "Is er nu direct gevaar, echt?"), encoding="utf-8")
    assert compiled.load(child).node("gevaar").text.nl == "Is er nu direct gevaar, echt?"


def test_a_cache_that_cannot_be_written_only_costs_time(mini_path, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("MELDCODE_HOME", str(blocked))
    assert compiled.load(mini_path).id == load_flow(mini_path).id


def test_a_flow_with_a_part_the_compiled_form_does_not_know_is_used_as_checked(mini_path, monkeypatch):
    monkeypatch.setattr(compiled, "KNOWN", compiled.KNOWN - {"Contact"})
    flow = compiled.load(mini_path)
    assert isinstance(flow, model.Flow)


def test_the_compiled_classes_offer_every_method_of_the_schema_classes():
    """A method or property added to the schema must be added to the compiled form too."""
    for name in compiled.KNOWN:
        schema_class = getattr(model, name)
        light_class = compiled.CLASSES[name]
        own = {
            attr
            for klass in schema_class.__mro__
            if klass.__module__ == model.__name__
            for attr, value in vars(klass).items()
            if not attr.startswith(("_", "model_"))
            and (inspect.isfunction(value) or isinstance(value, (property, classmethod)))
            and attr not in schema_class.model_fields
        }
        missing = {attr for attr in own if not hasattr(light_class, attr)}
        assert not missing, f"{name}: {sorted(missing)}"


def test_every_schema_class_a_flow_can_hold_is_known():
    known_models = {
        name
        for name, value in vars(model).items()
        if inspect.isclass(value)
        and issubclass(value, model.BaseModel)
        and value.__module__ == model.__name__
        and name not in {"Strict", "NodeBase", "Routed", "QuestionNode"}
    }
    assert known_models == set(compiled.KNOWN)


def test_json_answers_are_read_quickly_and_mistakes_still_name_their_line(tmp_path, mini_flow):
    good = tmp_path / "goed.json"
    good.write_text('\ufeff{"gevaar": false, "vormen": ["kind"]}', encoding="utf-8")
    assert load_answers(good, mini_flow) == {"gevaar": False, "vormen": ["kind"]}
    twice = tmp_path / "dubbel.json"
    twice.write_text('{\n"gevaar": false,\n"gevaar": true\n}', encoding="utf-8")
    with pytest.raises(FileProblems) as duplicate:
        load_answers(twice, mini_flow)
    assert duplicate.value.problems[0].line == 3
    wrong = tmp_path / "fout.json"
    wrong.write_text('{\n"gevaar": false,\n"vormen": ["fiets"]\n}', encoding="utf-8")
    with pytest.raises(FileProblems) as mistake:
        load_answers(wrong, mini_flow)
    assert [p.line for p in mistake.value.problems] == [3]
    assert "fiets" in mistake.value.text("nl")
    unknown = tmp_path / "onbekend.json"
    unknown.write_text('{"gevar": false}', encoding="utf-8")
    with pytest.raises(FileProblems) as typo:
        load_answers(unknown, mini_flow)
    assert typo.value.problems[0].line == 1
    assert "gevaar" in typo.value.problems[0].hint.get("nl")


def test_meldcode_run_json_gives_the_same_result_from_the_cache(mini_path, tmp_path):
    from typer.testing import CliRunner

    from meldcode_cli.cli.main import app

    answers = tmp_path / "a.json"
    answers.write_text(
        json.dumps({"gevaar": False, "vormen": ["kind"], "kinderen": True, "notitie": "x", "ernst": "zwaar"}),
        encoding="utf-8",
    )
    runs = [CliRunner().invoke(app, ["run", str(mini_path), "--answers", str(answers), "--json"]) for _ in range(2)]
    assert [r.exit_code for r in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout
    assert json.loads(runs[0].stdout)["outcome"]["id"] == "melden"


@pytest.mark.parametrize("which", ["builtin", "overlay"])
def test_the_compiled_form_knows_every_node_and_option_line_as_the_yaml_does(which, tmp_path, mini_path):
    from meldcode_cli.flow.loader import read_flow

    if which == "builtin":
        path = builtin_paths()["sociaal-werk"]
    else:
        (tmp_path / "basis.yaml").write_text(mini_path.read_text(encoding="utf-8"), encoding="utf-8")
        path = tmp_path / "eigen.yaml"
        path.write_text(
            'extends: basis.yaml\nid: eigen\nversion: "1"\nnodes:\n  - id: ernst\n    options:\n'
            "      - {id: extreem, label: {nl: Extreem, en: Extreme}}\n",
            encoding="utf-8",
        )
    located, _ = read_flow(path, str(path))
    for flow in (compiled.load(path), compiled.load(path)):  # as compiled, and as read from the cache
        stored = compiled.places(flow)
        assert stored is not None
        places = stored.shown_as(str(path))  # named as the user names the flow now
        locs = [("nodes", n) for n in range(len(flow.nodes))]
        locs += [
            ("nodes", n, "options", k)
            for n, node in enumerate(flow.nodes)
            for k in range(len(getattr(node, "options", [])))
        ]
        assert [(places.file_of(loc), places.line_of(loc)) for loc in locs] == [
            (located.file_of(loc), located.line_of(loc)) for loc in locs
        ]
    if which == "overlay":  # lines from both files: the overlay's own option, the rest from its base
        assert len({places.file_of(loc) for loc in locs}) == 2


def test_the_built_in_flows_are_listed_from_their_compiled_form(monkeypatch):
    from meldcode_cli.flow import headers

    listed = headers.headers()
    assert [h.id for h in listed] == [load_flow(p).id for p in builtin_paths().values()]
    for header in listed:
        assert header.title_in("en") == load_flow(header.path).title.get("en")

    def no_yaml(*_args, **_kwargs):
        raise AssertionError("the YAML was read")

    monkeypatch.setattr(headers, "_top_keys", no_yaml)
    monkeypatch.setattr(compiled, "_compile_and_store", no_yaml)
    assert headers.headers() == listed  # the second time from the cache alone

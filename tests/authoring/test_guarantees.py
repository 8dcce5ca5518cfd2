"""Guarantees: proved over every path; a broken one yields the shortest counterexample, which `run` reproduces."""

from __future__ import annotations

import json
import subprocess

import pytest

from benchmarks.synthetic import independent_questions
from meldcode_cli.base.i18n import Msg
from meldcode_cli.output import context
from meldcode_cli.output.checks_report import example_lines
from meldcode_cli.verify.diagnostics import Example
from meldcode_cli.verify.explore import Graph, Search
from meldcode_cli.verify.guarantees import prove, watch_for
from tests.authoring.helpers import line_of, meldcode, plant
from tests.e2e.pty import meldcode_command


def broken(result, guarantee: str) -> dict:
    found = [
        p for p in json.loads(result.stdout)["diagnostics"] if p["code"] == "MC301" and f"'{guarantee}'" in p["message"]
    ]
    assert len(found) == 1, result.stdout
    return found[0]


def replay(tmp_path, flow_path, answers: dict) -> dict:
    """`meldcode run FLOW --answers FILE --json` in a real process, as an author would paste it."""
    answers_file = tmp_path / "tegenvoorbeeld.yaml"
    answers_file.write_text(json.dumps(answers), encoding="utf-8")
    done = subprocess.run(
        [*meldcode_command(), "run", str(flow_path), "--answers", str(answers_file), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads(done.stdout)


def test_question_2_yes_must_report_and_the_counterexample_reproduces(tmp_path):
    # The mistake is in the core; the guarantee it breaks lives in the fragment the flow includes.
    plant(tmp_path, "goto: melden", "goto: afweging_3", after="  - id: afweging_2")
    path, fragment = tmp_path / "flow.yaml", tmp_path / "kern" / "afweging-ja-nee.yaml"
    result = meldcode("validate", str(path))
    assert result.exit_code == 1
    line = line_of(fragment.read_text(encoding="utf-8"), "- id: afweging_2_ja_melden")
    assert (
        f"{fragment}:{line}: MC301 de garantie 'afweging_2_ja_melden' geldt niet: de uitkomst is 'hulp_afsluiten' "
        "in plaats van 'melden'; de actie 'melden_bij_veilig_thuis' wordt niet verzameld; de actie "
        "'vervolg_na_melding' wordt niet verzameld. (Acute of structurele onveiligheid (vraag 2 ja): altijd "
        "melden bij Veilig Thuis, met een afspraak over het vervolg) Dit is de kortste reeks antwoorden die het "
        f"laat zien; probeer ze met 'meldcode run {path} --answers BESTAND'."
    ) in result.stdout.splitlines()

    problem = broken(meldcode("validate", str(path), "--json"), "afweging_2_ja_melden")
    example = problem["counterexample"]
    assert example["replayable"] and example["answers"]["afweging_2"] is True
    assert list(example["answers"])[-5:] == ["afweging_1", "afweging_2", "afweging_3", "afweging_4", "afweging_5"]
    walked = replay(tmp_path, path, example["answers"])
    assert walked["outcome"]["id"] == example["outcome"] == "hulp_afsluiten"
    assert walked["path"] == example["path"]
    assert "melden_bij_veilig_thuis" not in walked["actions"]


def test_the_pasteable_text_is_an_answers_file_that_reproduces(tmp_path):
    plant(tmp_path, "goto: melden", "goto: afweging_3", after="  - id: afweging_2")
    path = tmp_path / "flow.yaml"  # the built-in flow, of which the core is a part
    out = meldcode("validate", str(path)).stdout
    # The indented lines under the first MC301 message (more guarantees may break after it).
    block = [line for line in out.split("MC301")[1].splitlines()[1:] if line.startswith("    ")]
    answers_file = tmp_path / "geplakt.yaml"
    answers_file.write_text("\n".join(line.strip() for line in block) + "\n", encoding="utf-8")
    done = subprocess.run(
        [*meldcode_command(), "run", str(path), "--answers", str(answers_file), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(done.stdout)["outcome"]["id"] == "hulp_afsluiten"


def test_honour_related_violence_must_consult_veilig_thuis(tmp_path):
    # Take away the option's action: only "no advice asked yet" still gathers it, and not always.
    path, _ = plant(
        tmp_path,
        "- id: raadpleeg_veilig_thuis",
        "- id: geen_gesprek_met_familie",
        after="      - id: eergerelateerd_geweld",
    )
    guarantee = "eer_huwelijksdwang_achterlating_geen_gesprek_met_familie"
    problem = broken(meldcode("validate", str(path), "--json", "--lang", "en"), guarantee)
    assert problem["message"].startswith(
        f"the guarantee '{guarantee}' does not hold: the action 'raadpleeg_veilig_thuis' is not gathered."
    )
    walked = replay(tmp_path, path, problem["counterexample"]["answers"])
    assert "eergerelateerd_geweld" in walked["answers"]["vormen"]
    assert "raadpleeg_veilig_thuis" not in walked["actions"]


def test_the_112_check_must_come_first(tmp_path):
    path, _ = plant(tmp_path, "start: direct_gevaar", "start: vormen")
    problem = broken(meldcode("validate", str(path), "--json"), "eerst_direct_gevaar")
    assert "de eerste vraag is 'vormen' in plaats van 'direct_gevaar'" in problem["message"]


def test_a_guarantee_may_only_name_what_exists(tmp_path):
    path, text = plant(
        tmp_path,
        "then: {outcome: melden, actions: [melden_bij_veilig_thuis, vervolg_na_melding]}",
        "then: {outcome: meldn, actions: [melden_bij_veilig_thuis, vervolg_na_melding]}",
    )
    result = meldcode("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:{line_of(text, 'outcome: meldn')}: MC113 de garantie 'afweging_3_nee_melden' noemt de uitkomst "
        "'meldn', maar die bestaat niet. Bedoelt u 'melden'?"
    )


# -- scale: states, not answer sequences


def test_forty_independent_questions_are_a_few_hundred_states_not_2_to_the_40_walks():
    flow = independent_questions(40)
    assert all(v.proved for v in prove(flow))
    graph = Graph(flow)
    for guarantee in flow.guarantees:
        assert Search(graph, watch_for(guarantee)).run(lambda ending: False).states < 200


def test_a_multiple_choice_question_counts_only_its_tested_options():
    flow = independent_questions(3, options=24, tested=2)  # 2**24 subsets, 2 of them tested
    assert all(v.proved for v in prove(flow))
    assert Search(Graph(flow)).run().states < 50


def test_too_many_tested_options_say_the_check_is_not_complete(tmp_path):
    flow = independent_questions(1, options=24, tested=24)
    (verdict,) = [v for v in prove(flow) if v.guarantee.id == "laatste"]
    assert verdict.too_large is not None and verdict.too_large.node == "keuze"


@pytest.mark.parametrize(
    "lang, head",
    [
        (
            "nl",
            "# antwoorden in volgorde; een vraag komt vaker terug met een ander antwoord, dus geef ze in de terminal:",
        ),
        ("en", "# answers in order; a question comes back with another answer, so give them at the terminal:"),
    ],
)
def test_a_counterexample_that_answers_a_question_twice_differently_is_not_an_answers_file(lang, head):
    example = Example((("nog_eens", True), ("nog_eens", False)), Msg("uitkomst 'x'", "outcome 'x'"))
    assert not example.replayable
    with context.using(context.decide(lang)):
        assert example_lines(example)[0] == head
    assert example.as_json()["answers"] is None

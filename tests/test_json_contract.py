"""The versioned JSON contract: every --json output names its format and fits its schema in docs/schemas/,
errors share one envelope, the committed schemas are the current ones, and scenario and case files fit theirs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import typing
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from benchmarks.synthetic import synthetic_flow
from meldcode_cli.base import json_format
from meldcode_cli.cli.main import app
from meldcode_cli.flow import yamlsource
from meldcode_cli.output import schemas
from meldcode_cli.output.json_shapes import FORMATS, OUTPUTS
from meldcode_cli.sessions.store import SessionStore
from tests.e2e.pty import meldcode_command
from tests.test_sociaal_werk import BASE

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "docs" / "schemas"
runner = CliRunner()


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("MELDCODE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MELDCODE_PASSPHRASE", raising=False)


def meldcode(*args: str):
    return runner.invoke(app, list(args))


def committed(kind: str) -> dict:
    path = ROOT / "docs" / "flow.schema.json" if kind == "flow" else SCHEMAS / f"{kind}.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def problems(instance: object, kind: str) -> list[str]:
    schema = committed(kind)
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def fits(result, kind: str) -> dict:
    """The one object a --json command printed, checked against its kind's committed schema."""
    data = json.loads(result.stdout)
    assert data["format"] == f"meldcode.{kind}/1"
    assert problems(data, kind) == []
    return data


@pytest.mark.parametrize("kind", schemas.kinds())
def test_the_committed_schemas_are_the_current_ones(kind):
    assert committed(kind) == schemas.schema(kind), "run `python tools/schemas.py`"
    result = meldcode("schema", kind)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == committed(kind)


def test_every_format_is_named_meldcode_kind_1_in_one_place():
    for kind, model in OUTPUTS.items():
        (literal,) = typing.get_args(model.model_fields["format"].annotation)
        assert literal == FORMATS[kind] == f"meldcode.{kind}/1"
    assert sorted(FORMATS.values()) == sorted(
        value for name, value in vars(json_format).items() if name.isupper() and isinstance(value, str)
    )


def test_an_unknown_schema_names_the_kinds():
    result = meldcode("schema", "resultaat")
    assert result.exit_code == 1
    assert result.stderr == (
        "Er is geen schema 'resultaat'. Kies uit: flow, scenarios, case, result, validate, test, config, decision, "
        "grade, report, error.\n"
    )


# -- real outputs against their schemas -----------------------------------------------------


def answers_file(tmp_path, answers: dict) -> Path:
    path = tmp_path / "antwoorden.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return path


def test_run_json_fits_the_result_schema(tmp_path):
    data = fits(meldcode("run", "--answers", str(answers_file(tmp_path, BASE)), "--json"), "result")
    assert data["outcome"]["id"] == "hulp_bieden"
    danger = fits(meldcode("run", "-a", str(answers_file(tmp_path, {"direct_gevaar": True})), "--json"), "result")
    assert danger["actions"] == ["bel_112"]


def test_missing_answers_come_in_the_error_envelope(tmp_path):
    result = meldcode("run", "-a", str(answers_file(tmp_path, {"direct_gevaar": False})), "--json")
    assert result.exit_code == 1
    data = fits(result, "error")
    assert data["error"]["code"] == "missing_answers"
    assert data["error"]["missing"] == [{"id": "acuut_komende_uren", "kind": "yes_no", "options": [True, False]}]


def test_a_broken_flow_in_json_mode_is_one_envelope_with_file_and_line(tmp_path):
    flow = tmp_path / "kapot.yaml"
    flow.write_text("id: kapot\nversion: '1'\nstart: a\nnodes:\n  - id: a\n    type: vraag\n", encoding="utf-8")
    result = meldcode("run", str(flow), "-a", str(answers_file(tmp_path, {})), "--json")
    assert result.exit_code == 1
    data = fits(result, "error")
    assert (data["error"]["code"], data["error"]["file"]) == ("invalid_flow", str(flow))
    assert data["error"]["line"] == data["error"]["problems"][0]["line"]
    assert list(data) == ["format", "error"]


def test_validate_json_is_one_object_that_fits_its_schema(tmp_path):
    ok = fits(meldcode("validate", "sociaal-werk", "--json"), "validate")
    assert ok["ok"] is True and ok["errors"] == 0 and ok["files"][0]["proved"] == ok["files"][0]["guarantees"] > 0
    # A broken guarantee comes with its counterexample: question 2 "yes" no longer leads to reporting.
    broken = tmp_path / "eigen.yaml"
    broken.write_text(
        'id: eigen\nversion: "1"\nextends: sociaal-werk\nnodes:\n  - id: afweging_2\n    next: afweging_3\n',
        encoding="utf-8",
    )
    result = meldcode("validate", str(broken), "--json")
    assert result.exit_code == 1
    data = fits(result, "validate")
    assert data["ok"] is False
    assert any("counterexample" in d for d in data["diagnostics"])


def test_test_json_fits_its_schema():
    data = fits(meldcode("test", str(ROOT / "flows"), "--json"), "test")
    assert data["failed"] == 0 and data["passed"] > 0
    assert "coverage" in data["files"][0]


def test_config_json_fits_its_schema():
    assert meldcode("config", "sector", "sociaal-werk").exit_code == 0
    data = fits(meldcode("config", "--json"), "config")
    assert data["settings"]["sector"] == "sociaal-werk"


def test_decide_and_report_json_fit_their_schemas(tmp_path):
    answers = answers_file(tmp_path, {**BASE, "afweging_5": "nee"})
    assert meldcode("run", "-a", str(answers), "--reference", "casus-schema").exit_code == 0
    (session_id,) = [i.id for i in SessionStore().listing()]
    decided = meldcode("decide", session_id, "--decision", "melding", "--date", "2026-12-01", "--by", "zelf", "--json")
    assert fits(decided, "decision")["decision"]["kind"] == "melding"
    target = tmp_path / "verslag.json"
    assert meldcode("report", session_id, "-o", str(target)).exit_code == 0
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["format"] == "meldcode.report/1"
    assert problems(report, "report") == []


def test_a_graded_exercise_fits_the_grade_schema(tmp_path):
    answers = tmp_path / "kim.yaml"
    answers.write_text("name: Kim\ndirect_gevaar: false\nacuut_komende_uren: true\n", encoding="utf-8")
    data = fits(meldcode("exercise", "eer-en-controle", "--answers", str(answers), "--json"), "grade")
    assert data["name"] == "Kim"


def test_an_output_with_a_key_the_schema_lacks_does_not_fit(tmp_path):
    data = json.loads(meldcode("run", "-a", str(answers_file(tmp_path, BASE)), "--json").stdout)
    assert problems({**data, "extra": 1}, "result") == [
        "/: Additional properties are not allowed ('extra' was unexpected)"
    ]
    assert problems({**data, "format": "meldcode.result/2"}, "result") == ["/format: 'meldcode.result/1' was expected"]


# -- the files people write ---------------------------------------------------------------------


def built_in(pattern: str) -> list[Path]:
    return sorted((ROOT / "flows").glob(pattern))


@pytest.mark.parametrize(("pattern", "kind"), [("*.scenarios.yaml", "scenarios"), ("cases/*.yaml", "case")])
def test_built_in_scenarios_and_cases_fit_their_schema_and_point_editors_at_it(pattern, kind):
    files = built_in(pattern)
    assert files
    for path in files:
        assert problems(yamlsource.load(path).data, kind) == [], path
        # The first comment line tells the YAML language server which schema to check while typing.
        pointer = next(line for line in path.read_text(encoding="utf-8").splitlines() if "$schema=" in line)
        relative = pointer.removeprefix("# yaml-language-server: $schema=")
        assert (path.parent / relative).resolve() == (SCHEMAS / f"{kind}.schema.json").resolve(), path


def test_mistakes_in_scenario_and_case_files_do_not_fit():
    scenarios = yamlsource.load(built_in("*.scenarios.yaml")[0]).data
    scenarios["scenarios"][0]["outcom"] = "melden"
    assert problems(scenarios, "scenarios") == [
        "/scenarios/0: Additional properties are not allowed ('outcom' was unexpected)"
    ]
    case = yamlsource.load(built_in("cases/*.yaml")[0]).data
    case["expected"] = {"outcome": "Melden"}
    assert problems(case, "case") == ["/expected/outcome: 'Melden' does not match '^[a-z0-9][a-z0-9_\\\\-]*$'"]


def test_a_usage_error_in_json_mode_is_the_error_envelope_on_stdout_with_the_usage_on_stderr(tmp_path):
    done = subprocess.run(
        [*meldcode_command(), "run", "--json", "--bogus"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "MELDCODE_HOME": str(tmp_path)},
    )
    assert done.returncode == 2
    envelope = json.loads(done.stdout)
    assert problems(envelope, "error") == []
    assert envelope["error"] == {"code": "usage_error", "message": "Onbekende optie: --bogus"}
    assert "Gebruik: meldcode run [OPTIES] [FLOW]" in done.stderr


def test_ctrl_c_in_json_mode_is_the_error_envelope_on_stdout(tmp_path):
    big = tmp_path / "groot.yaml"
    big.write_text(synthetic_flow(25_000), encoding="utf-8")  # seconds of work to interrupt
    child = subprocess.Popen(
        [*meldcode_command(), "validate", "--json", "--lang", "en", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "MELDCODE_HOME": str(tmp_path)},
    )
    time.sleep(2)  # well past start-up (about 0.3 s), well before the end (about 7 s)
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    envelope = json.loads(stdout)
    assert problems(envelope, "error") == []
    assert envelope["error"] == {"code": "interrupted", "message": "Interrupted."}

"""The command line through typer's runner (no terminal): answers files, JSON, errors and exit codes."""

from __future__ import annotations

import json
import os

from typer.testing import CliRunner

from meldcode_cli import __version__
from meldcode_cli.cli.main import app

runner = CliRunner()


def meldcode(*args: str):
    return runner.invoke(app, list(args))


def test_version():
    result = meldcode("--version")
    assert result.exit_code == 0
    assert result.output == f"meldcode {__version__}\n"


def test_json_result_follows_the_contract(mini_path, write):
    answers = write("a.yaml", "gevaar: false\nvormen: [kind]\nkinderen: true\nnotitie: blauwe plekken\nernst: zwaar\n")
    result = meldcode("run", str(mini_path), "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "format": "meldcode.result/1",
        "flow": {"id": "mini", "version": "2"},
        "outcome": {"id": "melden", "title": "Melden"},
        "actions": ["let_op"],
        "path": ["gevaar", "vormen", "kinderen", "notitie", "ernst", "melden"],
        "answers": {
            "gevaar": False,
            "vormen": ["kind"],
            "kinderen": True,
            "notitie": "blauwe plekken",
            "ernst": "zwaar",
        },
    }


def test_json_answers_file_and_english_titles(mini_path, write):
    answers = write("a.json", '{"gevaar": true}')
    result = meldcode("run", str(mini_path), "-a", str(answers), "--json", "--lang", "en")
    assert json.loads(result.stdout)["outcome"] == {"id": "bellen", "title": "Call 112"}


def test_a_json_result_can_be_replayed_as_answers(mini_path, write):
    answers = write("a.yaml", "gevaar: false\nvormen: [eer]\nnotitie: ''\nernst: licht\n")
    first = meldcode("run", str(mini_path), "-a", str(answers), "--json")
    replay = write("result.json", first.stdout)
    second = meldcode("run", str(mini_path), "-a", str(replay), "--json")
    assert json.loads(second.stdout) == json.loads(first.stdout)


def test_summary_shows_answers_outcome_actions_contacts_and_disclaimer(mini_path, write):
    answers = write("a.yaml", "gevaar: false\nvormen: [kind, eer]\nkinderen: true\nnotitie: ''\nernst: onbekend\n")
    result = meldcode("run", str(mini_path), "-a", str(answers))
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in [
        "Samenvatting",
        "Eerst — Direct gevaar",
        "Stap 1 van 2 — Signalen",
        "Is er direct gevaar?",
        "Nee",
        "Kind, Eer",
        "(leeg gelaten)",
        "Weet ik niet",
        "ℹ Eergerelateerd geweld",
        "Advies: Melden",
        "Meld bij Veilig Thuis.",
        "Denk aan de kinderen.",
        "Volgende stappen",
        "1. Bel Veilig Thuis.",
        "Raadpleeg Veilig Thuis",
        "Altijd bij eer.",
        "Let op",
        "Een uitleg.",
        "0800-2000",
        "De tool adviseert; u beslist.",
    ]:
        assert expected in out, expected


def test_summary_in_english(mini_path, write):
    answers = write("a.yaml", "gevaar: true\n")
    out = meldcode("run", str(mini_path), "-a", str(answers), "--lang", "en").stdout
    assert "Summary" in out and "First — Direct danger" in out and "Yes" in out
    assert "Advice: Call 112" in out and "The tool advises; you decide." in out


def test_without_a_terminal_missing_answers_are_an_error(mini_path, write):
    answers = write("a.yaml", "gevaar: false\nvormen: [partner]\n")
    result = meldcode("run", str(mini_path), "-a", str(answers))
    assert result.exit_code == 1
    assert result.stderr == (
        "Er is geen terminal om de ontbrekende vragen te stellen. Het antwoord op 'kinderen' "
        "(ja/nee: true of false) ontbreekt. Zet het in het antwoordenbestand, bijvoorbeeld: kinderen: false\n"
    )


def test_missing_answers_in_json_list_the_question_with_its_options(mini_path, write):
    answers = write("a.yaml", "gevaar: false\nvormen: [partner]\nkinderen: false\n")
    result = meldcode("run", str(mini_path), "-a", str(answers), "--json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "missing_answers"
    # The optional note is left empty without a terminal; the next real question is missing.
    assert error["missing"] == [{"id": "ernst", "kind": "single", "options": ["licht", "zwaar", "onbekend"]}]


def test_run_without_terminal_or_answers_says_what_to_do(mini_path):
    result = meldcode("run", str(mini_path))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "meldcode run heeft een terminal nodig om de vragen te stellen, of een antwoordenbestand "
        "(--answers BESTAND). Het antwoord op 'gevaar'"
    )


def test_a_wrong_answers_file_names_the_question_and_line(mini_path, write):
    answers = write("a.yaml", "gevaar: misschien\nvormn: [kind]\nernst: heel_erg\n")
    result = meldcode("run", str(mini_path), "-a", str(answers))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Het antwoordenbestand {answers} klopt niet:\n"
        f"  {answers}:1: Het antwoord op 'gevaar' moet ja of nee zijn (of true/false).\n"
        f"  {answers}:2: de flow 'mini' heeft geen vraag 'vormn'. Bedoelt u 'vormen'?\n"
        f"  {answers}:3: Het antwoord op 'ernst' moet één van deze zijn: licht, zwaar, onbekend.\n"
    )


def test_a_wrong_answers_file_in_json_mode(mini_path, write):
    answers = write("a.yaml", "gevaar: misschien\n")
    result = meldcode("run", str(mini_path), "-a", str(answers), "--json")
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "invalid_answers"
    assert error["problems"] == [
        {
            "file": str(answers),
            "line": 1,
            "code": "",
            "message": "Het antwoord op 'gevaar' moet ja of nee zijn (of true/false).",
        }
    ]


def test_a_broken_flow_is_one_paragraph_naming_the_place(write):
    flow = write("kapot.yaml", "id: kapot\nversion: '1'\ntitle: K\ndisclaimer: D\nsteps: []\nnodes: []\n")
    result = meldcode("run", str(flow))
    assert result.exit_code == 1
    assert result.stderr == (
        f"De flow in {flow} kan niet geladen worden:\n"
        f"  {flow}:5: 'steps' moet minstens 1 element bevatten.\n"
        f"  {flow}:6: 'nodes' moet minstens 1 element bevatten.\n"
    )


def test_an_unknown_option_is_a_usage_error():
    result = meldcode("run", "--jsn")
    assert result.exit_code == 2


def test_a_missing_answers_file(mini_path, tmp_path):
    result = meldcode("run", str(mini_path), "-a", str(tmp_path / "weg.yaml"))
    assert result.exit_code == 1
    assert result.stderr == f"Het bestand {tmp_path / 'weg.yaml'} bestaat niet.\n"


def test_an_internal_error_is_one_calm_message_without_what_the_user_typed(mini_path, write, monkeypatch):
    import meldcode_cli.cli.run

    def broken(*_args, **_kwargs):
        raise RuntimeError("notitie over de buurvrouw")

    monkeypatch.setattr(meldcode_cli.cli.run, "run", broken)
    result = meldcode("run", str(mini_path))
    assert result.exit_code == 1
    assert result.stderr == (
        "Er ging iets mis in meldcode zelf (RuntimeError). Elk antwoord dat u al gaf, is bewaard; 'meldcode "
        "sessions' toont de sessie. Zet MELDCODE_DEBUG=1 voor de technische details.\n"
    )
    assert "buurvrouw" not in result.output


def test_an_answers_file_may_say_ja_and_nee(mini_path, write):
    answers = write("a.yaml", "gevaar: nee\nvormen: [kind]\nkinderen: Ja\nnotitie: ''\nernst: licht\n")
    result = meldcode("run", str(mini_path), "-a", str(answers), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["answers"]["gevaar"] is False
    assert json.loads(result.stdout)["answers"]["kinderen"] is True


def test_a_reader_that_stops_early_gets_no_error_message(tmp_path):
    """`meldcode config | head -1`: the pipe closes before meldcode is done writing."""
    import subprocess

    from tests.e2e.pty import meldcode_command

    env = {**os.environ, "MELDCODE_HOME": str(tmp_path / "m"), "MELDCODE_CONFIG_HOME": str(tmp_path / "c")}
    process = subprocess.Popen(meldcode_command() + ["config"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    process.stdout.close()  # the reader is gone before the first line
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert stderr == ""

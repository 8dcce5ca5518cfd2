"""Broken and malicious files into every loader (flows, overlays, cases, answers, sessions): each gets a
clear message naming the file, never a traceback, never code execution, and bounded memory.
The fixtures are made here, in a temporary folder: nothing large lives in git."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from tests.e2e.pty import meldcode_command

runner = CliRunner()
MINI = (Path(__file__).parent.parent / "data" / "mini.yaml").read_bytes()


def billion_laughs() -> bytes:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


# name → (bytes of the file, the words the one-paragraph message must contain)
ATTACKS: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "het bestand is leeg."),
    "only a comment": (b"# niets\n", "het bestand is leeg."),
    "binary garbage": (bytes(range(256)) * 8, "de tekst is geen UTF-8."),
    "invalid utf-8": ("id: café\n".encode("latin-1"), ":1: de tekst is geen UTF-8."),
    "tabs for indentation": (
        b"id: x\nnodes:\n\t- id: y\n",
        ":3: hier staat een tab; YAML springt alleen in met spaties",
    ),
    "billion laughs": (billion_laughs(), "het bestand bevat te veel waarden (meer dan 1,000,000;"),
    "alias to itself": (b"a: &a [1, *a]\n", "een alias verwijst naar zichzelf."),
    "nested 10,000 deep (flow style)": (
        b"x: " + b"{a: " * 10_000 + b"1" + b"}" * 10_000 + b"\n",
        "de gegevens zijn te diep genest (meer dan 64 niveaus).",
    ),
    "nested 10,000 deep (lists)": (
        b"x: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        "de gegevens zijn te diep genest (meer dan 64 niveaus).",
    ),
    "python object tag": (
        b'id: !!python/object/apply:os.system ["touch PWNED"]\n',
        "de YAML-tag tag:yaml.org,2002:python/object/apply:os.system is niet toegestaan",
    ),
    "python name tag": (b"id: !!python/name:os.system\n", "is niet toegestaan"),
    "duplicate keys": (b"id: a\nid: b\n", ":2: de sleutel 'id' staat twee keer in dezelfde mapping."),
    "a list, not a mapping": (b"- 1\n- 2\n", ":1:"),
    "wrong types everywhere": (
        b"id: [1]\nversion: {a: b}\ntitle: 5\ndisclaimer: []\nsteps: 7\nnodes: x\n",
        ":6: 'nodes' moet een lijst zijn.",
    ),
    "unknown keys": (MINI + b"kleur: rood\n", "onbekende sleutel 'kleur'."),
}


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("MELDCODE_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)


def clean_failure(result, file: Path, words: str) -> str:
    """The run failed with exit 1 and a message naming the file; `validate` adds codes, `run` not."""
    output = re.sub(r"MC\d{3} ", "", result.stdout + result.stderr)
    assert result.exit_code == 1, output
    assert "Traceback" not in output and "Error:" not in output.replace("MC", "")
    assert str(file) in output or file.name in output
    assert words in output, output
    assert not Path("PWNED").exists()
    return output


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_a_hostile_flow(tmp_path, attack):
    data, words = ATTACKS[attack]
    path = tmp_path / "flow.yaml"
    path.write_bytes(data)
    clean_failure(runner.invoke(app, ["validate", str(path)]), path, words)
    clean_failure(runner.invoke(app, ["run", str(path)]), path, words)


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_a_hostile_answers_file(tmp_path, attack):
    data, words = ATTACKS[attack]
    if attack == "unknown keys":
        data, words = b"direct_gevaar: false\nkleur: rood\n", "de flow 'sociaal-werk' heeft geen vraag 'kleur'."
    if attack == "wrong types everywhere":
        data, words = b"direct_gevaar: [ja]\nvormen: 5\n", "Het antwoord op 'direct_gevaar' moet ja of nee zijn"
    path = tmp_path / "antwoorden.yaml"
    path.write_bytes(data)
    clean_failure(runner.invoke(app, ["run", "--answers", str(path)]), path, words)
    result = runner.invoke(app, ["run", "--answers", str(path), "--json"])
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["code"] and words in re.sub(r"MC\d{3} ", "", error["message"])
    assert [p["line"] for p in error.get("problems", [])] != []


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_a_hostile_case_file(tmp_path, attack):
    data, words = ATTACKS[attack]
    if attack in ("unknown keys", "wrong types everywhere"):
        data = b"id: x\nflow: sociaal-werk\nkleur: [1]\ntitle: 5\n"
        words = ":3: onbekende sleutel 'kleur'."
    path = tmp_path / "casus.yaml"
    path.write_bytes(data)
    clean_failure(runner.invoke(app, ["exercise", str(path), "--handout", "md"]), path, words)


def test_an_answers_file_with_a_bom_and_windows_line_endings_is_fine(tmp_path):
    path = tmp_path / "antwoorden.yaml"
    path.write_bytes(b"\xef\xbb\xbfdirect_gevaar: true\r\n")
    result = runner.invoke(app, ["run", "--answers", str(path), "--json"])
    assert json.loads(result.stdout)["outcome"]["id"] == "bel_112"


def test_a_flow_with_a_bom_and_windows_line_endings_is_fine(tmp_path):
    path = tmp_path / "flow.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINI.replace(b"\n", b"\r\n"))
    answers = tmp_path / "a.yaml"
    answers.write_text("gevaar: true\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(path), "--answers", str(answers), "--json"])
    assert json.loads(result.stdout)["outcome"]["id"] == "bellen"


def test_a_50_mb_file_is_refused_by_its_size_without_being_read(tmp_path):
    path = tmp_path / "groot.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    for command in (
        ["validate", str(path)],
        ["run", "--answers", str(path)],
        ["exercise", str(path), "--handout", "md"],
    ):
        clean_failure(
            runner.invoke(app, command), path, "het bestand is te groot (52,428,800 bytes; hooguit 5,000,000)."
        )


def test_an_extends_outside_the_allowed_folders_is_refused(tmp_path):
    outside = tmp_path / "buiten.yaml"
    outside.write_bytes(MINI)
    folder = tmp_path / "org"
    folder.mkdir()
    overlay = folder / "overlay.yaml"
    overlay.write_text('extends: ../buiten.yaml\nid: org\nversion: "1"\n', encoding="utf-8")
    clean_failure(runner.invoke(app, ["validate", str(overlay)]), overlay, "ligt buiten de map van de flow")
    overlay.write_text(f'extends: {outside}\nid: org\nversion: "1"\n', encoding="utf-8")
    clean_failure(runner.invoke(app, ["run", str(overlay)]), overlay, "ligt buiten de map van de flow")


def test_a_loop_of_extends_is_refused_with_the_chain(tmp_path):
    (tmp_path / "a.yaml").write_text('extends: ./b.yaml\nid: a\nversion: "1"\n', encoding="utf-8")
    (tmp_path / "b.yaml").write_text('extends: ./a.yaml\nid: b\nversion: "1"\n', encoding="utf-8")
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    clean_failure(runner.invoke(app, ["validate", str(a)]), a, f"'extends' vormt een kring: {a} → {b} → {a}.")


SESSION_ATTACKS = {
    "binary garbage": (bytes(range(256)) * 8, "is beschadigd of met de hand gewijzigd"),
    "not json": (b"{format: 1", "is beschadigd of met de hand gewijzigd"),
    "nested 10,000 deep": (b"[" * 100_000 + b"]" * 100_000, "is beschadigd of met de hand gewijzigd"),
    "wrong types": (
        b'{"format": 1, "id": "abcdef", "reference": 5, "events": "x"}',
        "is beschadigd of met de hand gewijzigd",
    ),
    "from a newer version": (b'{"format": 9, "id": "abcdef"}', "is gemaakt met een andere versie van meldcode"),
    "encrypted but garbled": (
        b'{"format": 1, "id": "abcdef", "reference": "r", "flow": "f", "version": "1", '
        b'"created": "x", "updated": "y", "sealed": {"salt": "!!"}}',
        "(de versleuteling gebruikt instellingen die meldcode niet schrijft)",
    ),
}


@pytest.mark.parametrize("attack", SESSION_ATTACKS, ids=list(SESSION_ATTACKS))
def test_a_hostile_session_file(tmp_path, attack, monkeypatch):
    data, words = SESSION_ATTACKS[attack]
    folder = tmp_path / "home" / "sessions"
    folder.mkdir(parents=True)
    path = folder / "abcdef.json"
    path.write_bytes(data)
    monkeypatch.setenv("MELDCODE_PASSPHRASE", "iets")
    result = runner.invoke(app, ["report", "abcdef"])
    output = result.stdout + result.stderr
    assert result.exit_code == 1 and "Traceback" not in output
    assert words in output, output
    assert path.read_bytes() == data  # never overwritten
    listing = runner.invoke(app, ["sessions"])
    assert listing.exit_code == 0 and "abcdef" in listing.stdout


def _limit_memory() -> None:
    limit = 1024 * 1024 * 1024  # 1 GiB of address space: far above a real flow, far below a bomb
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.parametrize("attack", ["billion laughs", "nested 10,000 deep (lists)"])
def test_bombs_stay_within_bounded_memory_in_the_real_program(tmp_path, attack):
    path = tmp_path / "bom.yaml"
    path.write_bytes(ATTACKS[attack][0])
    result = subprocess.run(
        meldcode_command() + ["validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
        env={**os.environ, "MELDCODE_HOME": str(tmp_path / "home")},
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr and "MemoryError" not in result.stderr
    assert f"{path}:" in result.stdout


def test_the_pure_python_yaml_loader_gives_the_same_clear_errors(tmp_path, monkeypatch):
    import yaml

    from meldcode_cli.flow import yamlsource

    monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    for attack in ("nested 10,000 deep (flow style)", "billion laughs", "python object tag", "duplicate keys"):
        data, words = ATTACKS[attack]
        path = tmp_path / "flow.yaml"
        path.write_bytes(data)
        clean_failure(runner.invoke(app, ["validate", str(path)]), path, words)
    assert sys.getrecursionlimit() < 10_000  # the nesting above really was deeper than Python recurses

"""The command line speaks Dutch all the way: the library's usage, help and errors come from a Dutch
catalog, help follows --lang, -h works, a wrong --lang is refused, and Tab completion works."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.e2e.pty import meldcode_command

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import msgfmt  # noqa: E402


def meldcode(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "MELDCODE_LANG"}
    environment.update({"COLUMNS": "100", **env})
    return subprocess.run(meldcode_command() + list(args), env=environment, capture_output=True, text=True, timeout=60)


def test_usage_errors_are_dutch():
    result = meldcode("run", "--formt")
    assert result.returncode == 2
    assert result.stderr == (
        "Gebruik: meldcode run [OPTIES] [FLOW]\nHulp: 'meldcode run --help'.\n\nFout: Onbekende optie: --formt\n"
    )
    assert meldcode("report").stderr.endswith("Fout: Het argument 'ID' ontbreekt.\n")
    assert meldcode("runn").stderr.endswith("Fout: De opdracht 'runn' bestaat niet. Bedoelt u 'run'?\n")
    assert meldcode("graph", "x", "-f", "svg").stderr.endswith(
        "Fout: Ongeldige waarde voor '--format' / '-f': 'svg' is geen van 'mermaid', 'dot'.\n"
    )
    assert meldcode("sessions", "--purge-older-than", "veel").stderr.endswith(
        "Fout: Ongeldige waarde voor '--purge-older-than': geef een heel getal\n"
    )
    assert meldcode("report", "--format").stderr == "Fout: Na de optie '--format' hoort een waarde.\n"


def test_usage_errors_are_english_with_lang_en():
    result = meldcode("run", "--formt", "--lang", "en")
    assert result.stderr == (
        "Usage: meldcode run [OPTIONS] [FLOW]\nTry 'meldcode run --help' for help.\n\nError: No such option: --formt\n"
    )
    assert meldcode("report", MELDCODE_LANG="en").stderr.endswith("Error: Missing argument 'ID'.\n")


def test_help_is_dutch_and_follows_lang():
    dutch = meldcode("-h")
    assert dutch.returncode == 0
    for words in (
        "Gebruik: meldcode [OPTIES] OPDRACHT [ARGUMENTEN]...",
        "\nOpties:\n",
        "\nOpdrachten:\n",
        "-h, --help",
        "Toon deze hulp en stop.",
        "Doorloop de meldcode stap voor stap",
    ):
        assert words in dutch.stdout, words
    for english in ("Usage:", "Options:", "Show this message"):
        assert english not in dutch.stdout
    report = meldcode("report", "--help").stdout
    assert "\nArgumenten:\n  ID <tekst>  Id of zaakreferentie.  [verplicht]\n" in report
    for args in (["run", "--help", "--lang", "en"], ["--lang", "en", "run", "-h"], ["run", "--lang=en", "-h"]):
        english = meldcode(*args).stdout
        assert english.startswith("Usage: meldcode run [OPTIONS] [FLOW]"), args
        assert "Walk through the meldcode step by step" in english and "Show this message and exit." in english


def test_an_unknown_language_is_an_error():
    result = meldcode("run", "--lang", "fr")
    assert result.returncode == 2
    assert result.stderr.endswith(
        "Fout: Ongeldige waarde voor '--lang': 'fr' is geen taal van meldcode; kies nl of en.\n"
    )
    assert meldcode("--lang", "de", "flows").returncode == 2


def test_the_root_lang_sets_the_language_of_the_command():
    result = meldcode("--lang", "en", "flows")
    assert result.returncode == 0 and "version" in result.stdout and "versie" not in result.stdout


def test_tab_completion_can_be_shown_installed_and_completes(tmp_path):
    shown = meldcode("--show-completion", "bash")
    assert shown.returncode == 0 and "_meldcode_completion" in shown.stdout
    installed = meldcode("--install-completion", "bash", HOME=str(tmp_path), SHELL="/bin/bash")
    assert installed.returncode == 0
    assert "_meldcode_completion" in (tmp_path / ".bash_completions" / "meldcode.sh").read_text(encoding="utf-8")
    completed = meldcode(_MELDCODE_COMPLETE="complete_bash", COMP_WORDS="meldcode rep", COMP_CWORD="1")
    assert completed.stdout.split() == ["report"]
    completed = meldcode(_MELDCODE_COMPLETE="complete_bash", COMP_WORDS="meldcode report --fo", COMP_CWORD="2")
    assert sorted(completed.stdout.split()) == ["--force", "--format"]


def test_the_compiled_catalog_is_current_and_keeps_every_placeholder():
    for po in (ROOT / "meldcode_cli" / "locale").glob("*/LC_MESSAGES/*.po"):
        entries = msgfmt.parse_po(po.read_text(encoding="utf-8"))
        assert po.with_suffix(".mo").read_bytes() == msgfmt.mo_bytes(entries), "run: python tools/msgfmt.py"
        for msgid, msgstr in entries.items():
            if msgid:
                assert msgstr, msgid
                assert set(re.findall(r"\{\w+(?:![rs])?\}", msgid)) == set(re.findall(r"\{\w+(?:![rs])?\}", msgstr))

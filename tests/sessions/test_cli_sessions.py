"""`meldcode run --reference`, `sessions`, `report` and `resume` through typer's runner (no terminal)."""

from __future__ import annotations

import os
import stat

import yaml
from typer.testing import CliRunner

from meldcode_cli.cli.main import app
from meldcode_cli.sessions.store import SessionStore
from tests.sessions.conftest import recorded_walk

runner = CliRunner()


def meldcode(*args: str, **env: str):
    return runner.invoke(app, list(args), env=env or None)


def saved_session(write, answers: dict, reference: str = "casus-9") -> str:
    path = write("antwoorden.yaml", yaml.safe_dump(answers, allow_unicode=True))
    result = meldcode("run", "-a", str(path), "--reference", reference)
    assert result.exit_code == 0, result.output
    (listed,) = [i for i in SessionStore().listing() if i.reference == reference]
    assert f"Bewaard als sessie {listed.id} ({reference})." in result.stdout
    return listed.id


def test_a_scripted_run_with_a_reference_is_saved_and_listed(write, base_answers):
    session_id = saved_session(write, base_answers)
    result = meldcode("sessions", COLUMNS="150")
    assert result.exit_code == 0
    assert session_id in result.stdout and "casus-9" in result.stdout
    assert "advies: hulp bieden" in result.stdout  # finished; question 5 to weigh again


def test_without_a_reference_a_scripted_run_saves_nothing(write, base_answers):
    path = write("a.yaml", yaml.safe_dump(base_answers))
    assert meldcode("run", "-a", str(path)).exit_code == 0
    assert meldcode("run", "-a", str(path), "-r", "x", "--no-save").exit_code == 0
    assert SessionStore().listing() == []
    assert "Er zijn nog geen sessies" in meldcode("sessions").stdout


def test_report_to_a_private_file(write, base_answers, tmp_path):
    session_id = saved_session(write, base_answers)
    target = tmp_path / "verslag.html"
    result = meldcode("report", "casus-9", "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Verslag geschreven naar {target}.\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert session_id in target.read_text(encoding="utf-8")


def test_report_markdown_on_stdout_in_english(write, base_answers):
    session_id = saved_session(write, base_answers)
    result = meldcode("report", session_id, "--lang", "en")
    assert result.stdout.startswith("# Meldcode — record for the client file\n")
    assert "(from answers file)" in result.stdout


def test_report_rejects_an_unknown_format(write, base_answers):
    session_id = saved_session(write, base_answers)
    assert meldcode("report", session_id, "--format", "xml").exit_code == 2


def test_unknown_session(write):
    result = meldcode("report", "nergens")
    assert result.exit_code == 1
    assert result.stderr == "Er is geen sessie met id of referentie 'nergens'. Zie 'meldcode sessions'.\n"


def test_delete_and_purge(write, base_answers):
    first = saved_session(write, base_answers, "casus-a")
    saved_session(write, base_answers, "casus-b")
    result = meldcode("sessions", "--delete", "casus-a")
    assert result.exit_code == 1
    assert result.stderr == (
        "Verwijderen kan niet ongedaan worden gemaakt. Bevestig in een terminal, of geef --yes mee in een script.\n"
    )
    assert len(SessionStore().listing()) == 2
    result = meldcode("sessions", "--delete", "casus-a", "--yes")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Verwijderd: sessie {first} (casus-a, sociaal-werk 2.1.0, gewijzigd ")
    assert [i.reference for i in SessionStore().listing()] == ["casus-b"]
    assert meldcode("sessions", "--purge-older-than", "0").exit_code == 1
    result = meldcode("sessions", "--purge-older-than", "0", "-y")
    assert result.stdout.startswith("1 sessie verwijderd:\n  sessie ")
    assert "(casus-b, sociaal-werk 2.1.0" in result.stdout
    assert SessionStore().listing() == []


def test_resume_needs_a_terminal(store):
    _, recorder = recorded_walk(store, {"direct_gevaar": False}, "casus-open")
    session_id = recorder.record.id
    result = meldcode("resume")
    assert result.exit_code == 1
    assert result.stderr == (
        "meldcode resume stelt vragen en heeft daarvoor een terminal nodig. Voor het "
        f"verslag zonder vragen: meldcode report {session_id}\n"
    )


def test_resume_without_any_open_session(write):
    result = meldcode("resume")
    assert result.exit_code == 1
    assert result.stderr == "Er is geen sessie om mee verder te gaan. Begin met 'meldcode run'.\n"


def test_a_reference_that_looks_like_a_bsn_is_warned_about_but_kept(write, base_answers):
    path = write("a.yaml", yaml.safe_dump(base_answers))
    result = meldcode("run", "-a", str(path), "-r", "111222333")
    assert result.exit_code == 0
    assert "Hierin staat een getal dat op een BSN (burgerservicenummer) lijkt. Gebruik geen BSN." in result.stderr
    assert "111222333" not in result.stderr  # never shown back: the screen may be seen by others


def test_report_format_follows_the_extension_and_never_overwrites_silently(write, base_answers, tmp_path):
    saved_session(write, base_answers)
    target = tmp_path / "verslag.html"
    result = meldcode("report", "casus-9", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = meldcode("report", "casus-9", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"{target} bestaat al. Kies een andere naam, of overschrijf het bestand met --force.\n"
    target.write_text("eigen aantekeningen", encoding="utf-8")
    assert meldcode("report", "casus-9", "-o", str(target)).exit_code == 1
    assert target.read_text(encoding="utf-8") == "eigen aantekeningen"
    assert meldcode("report", "casus-9", "-o", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    data = tmp_path / "verslag.json"
    assert meldcode("report", "casus-9", "-o", str(data)).exit_code == 0
    assert data.read_text(encoding="utf-8").startswith("{")


def test_report_refuses_an_unknown_extension_and_a_missing_folder(write, base_answers, tmp_path):
    saved_session(write, base_answers)
    result = meldcode("report", "casus-9", "-o", str(tmp_path / "verslag.docx"))
    assert result.exit_code == 1
    assert result.stderr == (
        "Aan de extensie van verslag.docx is het formaat niet te zien. Gebruik een van .htm, "
        ".html, .json, .markdown, .md, of kies het formaat met --format.\n"
    )
    assert not (tmp_path / "verslag.docx").exists()
    result = meldcode("report", "casus-9", "-o", str(tmp_path / "nergens" / "verslag.md"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"De map {tmp_path / 'nergens'} bestaat niet.")

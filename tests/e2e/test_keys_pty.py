"""Every key does what the user means (issue 13, items 1–7): help keeps the cursor and the ticks, a 112
stop is not the end, notes take several lines, `--at` and `resume` offer lists, passphrases can be
typed again, plain mode reads well, and an outside SIGINT stops like Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess

import pytest
import yaml

from tests.e2e.pty import (
    ALT_ENTER,
    CTRL_C,
    DOWN,
    ENTER,
    PROMPT_READY,
    SPACE,
    UP,
    Terminal,
    meldcode_command,
    walk_mini_to_afsluiten,
)


def sessions(home) -> list[dict]:
    folder = home / "meldcode" / "sessions"
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def only_session(home) -> dict:
    [record] = sessions(home)
    return record


def meldcode(home, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MELDCODE_HOME": str(home / "meldcode"), "COLUMNS": "200"}
    return subprocess.run(meldcode_command() + list(args), env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def reasoned_mini(tmp_path, mini_path):
    """The small flow, with a note asked after 'Hoe ernstig?' (as the built-in flows do for weighing)."""
    flow = yaml.safe_load(mini_path.read_text(encoding="utf-8"))
    for node in flow["nodes"]:
        if node["id"] == "ernst":
            node["ask_reason"] = True
    path = tmp_path / "mini-met-toelichting.yaml"
    path.write_text(yaml.safe_dump(flow, allow_unicode=True), encoding="utf-8")
    return path


# -- 1. help keeps the cursor and the ticks; 112 is not the end of the road ---------------------


def test_help_keeps_the_cursor_on_the_choice_it_was_on(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, "?")  # on "Nee", ask for the explanation
    term.expect("Bel bij twijfel 112.")
    term.child.expect(PROMPT_READY)
    term.send(ENTER)  # still on "Nee": this must not become "Bel 112"
    term.text_answer("Zaakreferentie", "casus-hulp")
    term.answer("Welke vormen?", CTRL_C)
    term.finish()
    assert "Advies: Bel 112" not in term.output_so_far()
    assert only_session(tmp_path)["answers"] == {"gevaar": False}


def test_help_keeps_the_ticks_in_a_checklist(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-vinkjes")
    term.answer("Welke vormen?", DOWN, SPACE, DOWN, SPACE, "?")  # Partner and Eer ticked, then help
    term.expect("Bij deze vraag is geen extra uitleg.")
    term.child.expect(PROMPT_READY)
    term.send(ENTER)
    term.answer("Zijn er kinderen?", CTRL_C)
    term.finish()
    assert only_session(tmp_path)["answers"]["vormen"] == ["partner", "eer"]


def test_the_help_line_chosen_with_enter_keeps_the_list(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, DOWN, ENTER)  # from Ja past Nee to "? Uitleg"
    term.expect("Bel bij twijfel 112.")
    term.child.expect(PROMPT_READY)
    term.send(UP, ENTER)  # back up to "Nee"
    term.expect("Zaakreferentie")
    term.send(CTRL_C)
    term.finish()
    assert "Advies: Bel 112" not in term.output_so_far()


def test_after_112_the_same_session_goes_on_with_the_steps(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path, env={"TERM": "xterm-256color"})
    term.answer("Is er direct gevaar?", ENTER)  # Ja
    term.expect("Advies: Bel 112")
    term.expect("Is het gevaar voorbij? Ga dan in deze sessie verder met de stappen:")
    assert term.finish() == 0
    record = only_session(tmp_path)
    assert record["outcome"] == "bellen"

    term = Terminal("resume", home=tmp_path)  # no id: the 112 session is the one to go on with
    term.answer("Het advies was: Bel 112. Is het gevaar voorbij?", ENTER)  # "Het gevaar is voorbij"
    term.answer("Is er direct gevaar?", ENTER)  # the cursor starts on "Nee" now
    term.answer("Welke vormen?", SPACE, ENTER)
    term.answer("Zijn er kinderen?", DOWN, ENTER)
    term.text_answer("Wat zag u?", "")
    term.answer("Hoe ernstig?", ENTER)
    term.expect("Advies: Afsluiten")
    assert term.finish() == 0
    [again] = sessions(tmp_path)
    assert again["id"] == record["id"] and again["outcome"] == "afsluiten"
    answers = [(e["question"], e["value"], e["previous"]) for e in again["events"] if e["kind"] == "answer"]
    assert answers[:2] == [("gevaar", True, None), ("gevaar", False, True)]
    report = meldcode(tmp_path, "report", record["id"]).stdout
    assert "Eerder gegeven advies, vervallen na een gewijzigd antwoord" in report
    assert ": Bel 112" in report.split("Eerder gegeven advies")[1]


def test_the_112_advice_looks_urgent(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", ENTER)
    term.expect("Advies: Bel 112")
    assert term.finish() == 0
    out = term.output_so_far()
    advice = out[out.index("Advies: Bel 112") - 40 :]
    assert "\x1b[1;31m" in advice  # bold red, where every other outcome is green
    assert "\x1b[32m" not in advice.split("Bel nu.")[0]


# -- 2. notes of several lines ---------------------------------------------------------------


def test_a_text_answer_takes_several_lines_and_none_spills_over(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-regels")
    term.answer("Welke vormen?", SPACE, ENTER)
    term.answer("Zijn er kinderen?", DOWN, ENTER)
    term.answer("Wat zag u?", "regel een", ALT_ENTER, "regel twee", ENTER)
    term.answer("Hoe ernstig?", CTRL_C)
    term.finish()
    assert "Alt+Enter = nieuwe regel" in term.output_so_far()
    assert only_session(tmp_path)["answers"]["notitie"] == "regel een\nregel twee"


def test_a_pasted_text_keeps_its_lines_in_one_answer(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-plakken")
    term.answer("Welke vormen?", SPACE, ENTER)
    term.answer("Zijn er kinderen?", DOWN, ENTER)
    term.answer("Wat zag u?", "\x1b[200~eerste regel\ntweede regel\x1b[201~", ENTER)  # a bracketed paste
    term.answer("Hoe ernstig?", CTRL_C)
    term.finish()
    assert only_session(tmp_path)["answers"]["notitie"] == "eerste regel\ntweede regel"


def test_a_text_answer_can_be_written_in_the_users_editor(tmp_path, mini_path):
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "uit de editor\\nregel twee\\n" > "$1"\n', encoding="utf-8")
    editor.chmod(0o700)
    term = Terminal("run", str(mini_path), home=tmp_path, env={"EDITOR": str(editor)})
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-editor")
    term.answer("Welke vormen?", SPACE, ENTER)
    term.answer("Zijn er kinderen?", DOWN, ENTER)
    term.answer("Wat zag u?", "\x18\x05")  # Ctrl-X Ctrl-E
    term.answer("Hoe ernstig?", CTRL_C)
    term.finish()
    assert only_session(tmp_path)["answers"]["notitie"] == "uit de editor\nregel twee"


# -- 3. changing an answer: the old note is set aside, the old advice kept ------------------------


def walk_to_afsluiten_with_a_note(tmp_path, flow, note: str) -> str:
    term = Terminal("run", str(flow), home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-wijzig")
    term.answer("Welke vormen?", SPACE, ENTER)
    term.answer("Zijn er kinderen?", DOWN, ENTER)
    term.text_answer("Wat zag u?", "")
    term.answer("Hoe ernstig?", ENTER)  # Licht
    term.text_answer("Waarom?", note)
    term.expect("Advies: Afsluiten")
    assert term.finish() == 0
    return only_session(tmp_path)["id"]


def test_a_changed_answer_does_not_reuse_the_old_note(tmp_path, reasoned_mini):
    session_id = walk_to_afsluiten_with_a_note(tmp_path, reasoned_mini, "alleen een schram")
    term = Terminal("resume", session_id, "--at", "ernst", home=tmp_path)
    term.answer("Hoe ernstig?", DOWN, ENTER)  # Zwaar now
    term.expect("Eerder schreef u bij het antwoord 'Licht': alleen een schram")
    term.answer("Waarom?", ENTER)  # the field is empty: Enter leaves no note
    term.expect("Advies: Melden")
    assert term.finish() == 0
    record = only_session(tmp_path)
    assert record["answers"]["ernst"] == "zwaar"
    assert "ernst" not in record["notes"]
    report = meldcode(tmp_path, "report", session_id).stdout
    withdrawn = report.split("### Eerder gegeven advies, vervallen na een gewijzigd antwoord")[1]
    assert ": Afsluiten" in withdrawn.split("##")[0]
    assert "alleen een schram" in report  # the old note stays in the trail of changes


def test_the_report_has_no_empty_table_for_a_step_not_yet_answered(tmp_path, reasoned_mini):
    session_id = walk_to_afsluiten_with_a_note(tmp_path, reasoned_mini, "licht")
    term = Terminal("resume", session_id, "--at", "ernst", home=tmp_path)
    term.answer("Hoe ernstig?", CTRL_C)  # stopped at step 2's only question
    term.finish()
    report = meldcode(tmp_path, "report", session_id).stdout
    assert "## Stap 2 van 2" not in report


# -- 4. resume --at and resume pick from a list ---------------------------------------------------


@pytest.mark.parametrize("with_id", [True, False], ids=["with-id", "finished-session-without-id"])
def test_resume_at_without_a_value_offers_the_questions_answered(tmp_path, mini_path, with_id):
    term = Terminal("run", str(mini_path), home=tmp_path)
    walk_mini_to_afsluiten(term, "casus-kies")
    session_id = only_session(tmp_path)["id"]
    term = Terminal("resume", *([session_id] if with_id else []), "--at", home=tmp_path)
    term.answer("Welk antwoord wilt u wijzigen?", DOWN, ENTER)
    term.answer("Welke vormen?", CTRL_C)
    assert term.finish() == 130
    assert "2. Welke vormen? — Kind" in term.output_so_far()


@pytest.mark.parametrize("at", ["2", "vormen", "welke VORMEN"])
def test_resume_at_a_number_or_words(tmp_path, mini_path, at):
    walk_mini_to_afsluiten(Terminal("run", str(mini_path), home=tmp_path), "casus-woord")
    term = Terminal("resume", only_session(tmp_path)["id"], "--at", at, home=tmp_path)
    term.answer("Welke vormen?", CTRL_C)
    assert term.finish() == 130
    assert "Welk antwoord wilt u wijzigen?" not in term.output_so_far()


def test_resume_without_an_id_offers_the_open_sessions(tmp_path, mini_path):
    for reference in ("casus-een", "casus-twee"):
        term = Terminal("run", str(mini_path), home=tmp_path)
        term.answer("Is er direct gevaar?", DOWN, ENTER)
        term.text_answer("Zaakreferentie", reference)
        term.answer("Welke vormen?", CTRL_C)
        assert term.finish() == 130
    term = Terminal("resume", home=tmp_path)
    term.answer("Met welke sessie gaat u verder?", DOWN, ENTER)  # the older one, casus-een
    term.expect("(casus-een)")
    term.answer("Welke vormen?", CTRL_C)
    assert term.finish() == 130


# -- 5. passphrases ---------------------------------------------------------------------------


def test_a_short_passphrase_is_cleared_and_a_wrong_one_may_be_typed_again(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), "--encrypt", home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-slot")
    term.text_answer("Wachtwoord voor deze sessie", "kort")
    term.expect("Kies minstens 8 tekens.")
    # The rejected text is gone: what is typed now is the whole passphrase.
    term.text_answer("Wachtwoord voor deze sessie", "lang genoeg wachtwoord")
    term.text_answer("Typ het wachtwoord nog een keer", "lang genoeg wachtwoord")
    term.answer("Welke vormen?", CTRL_C)
    assert term.finish() == 130
    assert "u ziet een * voor elk teken" in term.output_so_far()
    assert "onzichtbaar" not in term.output_so_far()
    assert "verschillen" not in term.output_so_far()

    term = Terminal("resume", home=tmp_path)
    term.text_answer("Wachtwoord voor deze sessie", "verkeerd")
    term.expect("Het wachtwoord klopt niet. Probeer het nog eens.")
    term.text_answer("Wachtwoord voor deze sessie", "lang genoeg wachtwoord")
    term.answer("Welke vormen?", CTRL_C)
    assert term.finish() == 130


# -- 6. plain mode for screen readers ---------------------------------------------------------


def test_plain_mode_takes_words_shows_the_earlier_text_and_labels_the_summary(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), "--plain", home=tmp_path)
    term.expect("Is er direct gevaar?")
    term.child.sendline("nee")
    term.expect("Zaakreferentie")
    term.child.sendline("casus-woorden")
    term.expect("Welke vormen?")
    term.child.sendline("kind, eer")
    term.expect("Zijn er kinderen?")
    term.child.sendline("Nee")
    term.expect("Geen gesprek met de familie.")
    term.child.sendline("")
    term.expect("Wat zag u?")
    term.child.sendline("een blauwe plek")
    term.expect("Hoe ernstig?")
    term.child.sendline("<")
    term.expect("Uw eerdere antwoord: een blauwe plek")
    term.child.sendline("")  # Enter keeps it
    term.expect("Hoe ernstig?")
    term.child.sendline("zwaar")
    term.expect("Advies: Melden")
    assert term.finish() == 0
    summary = term.output_so_far().split("Samenvatting")[1]
    assert "Vraag: Welke vormen?\nAntwoord: Kind, Eer" in summary
    assert "Vraag: Wat zag u?\nAntwoord: een blauwe plek" in summary


# -- 7. a SIGINT from outside -----------------------------------------------------------------


def test_an_outside_sigint_at_a_list_stops_like_ctrl_c(tmp_path, mini_path):
    term = Terminal("run", str(mini_path), home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-signaal")
    term.answer("Welke vormen?", SPACE)
    term.child.kill(signal.SIGINT)
    term.child.expect(r"Onderbroken\. Uw antwoorden zijn bewaard in sessie [a-z0-9]+ ")
    assert term.finish() == 130
    assert only_session(tmp_path)["answers"] == {"gevaar": False}

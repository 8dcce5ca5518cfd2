"""Attacks in a real terminal: two windows on one session, a kill at the reference prompt, square
brackets in answers, flows and references, and SIGTERM at any moment of a walk."""

from __future__ import annotations

import json
import os
import random
import signal
import time

import pexpect

from tests.e2e.pty import CTRL_C, DOWN, ENTER, PROMPT_READY, SPACE, Terminal
from tests.e2e.test_sessions_pty import meldcode, session_file, stopped_session_id, waiting_at_the_forms

BRACKETS = "Zie dossier [/2024/123] en [onverstaanbaar]"


def the_only_session(tmp_path) -> str:
    (path,) = (tmp_path / "meldcode" / "sessions").glob("*.json")
    return path.stem


def test_run_and_resume_of_the_same_session_cannot_both_get_in(tmp_path):
    first = waiting_at_the_forms(tmp_path, "casus-twee")
    session_id = the_only_session(tmp_path)
    second = Terminal("resume", session_id, home=tmp_path)
    second.expect(
        f"De sessie {session_id} is al geopend in een ander venster (proces {first.child.pid}). "
        "Ga daar verder, of sluit dat eerst."
    )
    assert second.finish() == 1
    record = json.loads(session_file(tmp_path, session_id).read_text(encoding="utf-8"))
    assert record["reference"] == "casus-twee"  # the first window's session, whole
    first.send(DOWN, ENTER)  # the first window goes on, and its answers are saved in place
    first.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", DOWN, ENTER)
    first.answer("Om welke vorm van geweld gaat het", DOWN, SPACE, ENTER)
    first.expect("Welke signalen ziet u die wijzen op geweld tussen partners?")
    first.child.expect(PROMPT_READY)
    first.send(CTRL_C)
    assert stopped_session_id(first) == session_id
    assert the_only_session(tmp_path) == session_id  # no split into a second session
    record = json.loads(session_file(tmp_path, session_id).read_text(encoding="utf-8"))
    assert record["answers"] == {
        "direct_gevaar": False,
        "acuut_komende_uren": False,
        "vermoeden_tegen_medewerker": False,
        "vormen": ["partnergeweld"],
    }

    # Now resume holds it, and a second resume is refused in turn.
    third = Terminal("resume", session_id, home=tmp_path)
    third.expect("Welke signalen ziet u die wijzen op geweld tussen partners?")
    fourth = Terminal("resume", session_id, home=tmp_path)
    fourth.expect(f"De sessie {session_id} is al geopend in een ander venster (proces {third.child.pid}).")
    assert fourth.finish() == 1
    third.child.expect(PROMPT_READY)
    third.send(CTRL_C)
    assert stopped_session_id(third) == session_id


def test_a_purge_during_a_walk_skips_it_and_the_walk_keeps_its_session(tmp_path):
    term = waiting_at_the_forms(tmp_path, "casus-purge")
    session_id = the_only_session(tmp_path)
    purge = meldcode(tmp_path, "sessions", "--purge-older-than", "0", "--yes")
    assert purge.returncode == 0, purge.stderr
    assert purge.stdout == (
        f"Geen sessies verwijderd.\nOvergeslagen omdat ze in een ander venster open zijn: {session_id}.\n"
    )
    term.send(DOWN, ENTER)
    term.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", DOWN, ENTER)
    term.answer("Om welke vorm van geweld gaat het", DOWN, SPACE, ENTER)
    term.expect("Welke signalen ziet u die wijzen op geweld tussen partners?")
    term.child.expect(PROMPT_READY)
    term.send(CTRL_C)
    assert stopped_session_id(term) == session_id
    record = json.loads(session_file(tmp_path, session_id).read_text(encoding="utf-8"))
    assert record["answers"] == {
        "direct_gevaar": False,
        "acuut_komende_uren": False,
        "vermoeden_tegen_medewerker": False,
        "vormen": ["partnergeweld"],
    }
    purge = meldcode(tmp_path, "sessions", "--purge-older-than", "0", "--yes")  # the walk has ended: now it goes
    assert purge.stdout.startswith(f"1 sessie verwijderd:\n  sessie {session_id} (casus-purge, ")
    assert not session_file(tmp_path, session_id).exists()


def test_a_process_killed_at_the_reference_prompt_keeps_the_first_answer(tmp_path):
    term = Terminal("run", "sociaal-werk", home=tmp_path)
    term.answer("Is iemand op dit moment in direct gevaar?", DOWN, ENTER)
    term.expect("Zaakreferentie")
    term.child.expect(PROMPT_READY)
    term.child.kill(signal.SIGKILL)
    term.child.wait()
    record = json.loads(session_file(tmp_path, the_only_session(tmp_path)).read_text(encoding="utf-8"))
    assert record["answers"] == {"direct_gevaar": False}
    assert record["reference"].startswith("zonder-referentie-")


def bracketed_flow(tmp_path, mini_path):
    """The small flow with square brackets in its version, as a flow file from elsewhere might have."""
    text = mini_path.read_text(encoding="utf-8").replace('version: "2"', 'version: "2 [/x] [onverstaanbaar]"')
    path = tmp_path / "haken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_square_brackets_in_an_answer_and_a_version_are_shown_as_typed(tmp_path, mini_path):
    flow = bracketed_flow(tmp_path, mini_path)
    term = Terminal("run", str(flow), home=tmp_path)
    term.answer("Is er direct gevaar?", DOWN, ENTER)
    term.text_answer("Zaakreferentie", "casus-haken")
    term.answer("Welke vormen?", SPACE, ENTER)
    term.answer("Zijn er kinderen?", DOWN, ENTER)
    term.text_answer("Wat zag u?", BRACKETS)
    term.answer("Hoe ernstig?", ENTER)
    term.expect(BRACKETS)  # in the summary
    term.expect("Advies: Afsluiten")
    assert term.finish() == 0
    session_id = the_only_session(tmp_path)

    term = Terminal("resume", session_id, home=tmp_path)
    term.expect("Deze sessie is afgerond.")
    term.expect(BRACKETS)
    term.expect("Advies: Afsluiten")
    assert term.finish() == 0

    listing = meldcode(tmp_path, "sessions")
    assert listing.returncode == 0, listing.stderr
    assert "mini 2 [/x] [onverstaanbaar]" in listing.stdout
    report = meldcode(tmp_path, "report", session_id)
    assert report.returncode == 0, report.stderr
    assert f"| Wat zag u? | {BRACKETS} |" in report.stdout


def test_sigterm_at_any_moment_ends_the_walk_saved(tmp_path):
    """SIGTERM right after a key, while the screen is redrawn and the answer saved: 4 trials, 12 with
    HYPOTHESIS_PROFILE=full, 40 with =long (the README's thorough runs), more with benchmarks/attacks.py."""
    rng = random.Random(14)
    trials = {"full": 12, "long": 40}.get(os.environ.get("HYPOTHESIS_PROFILE", ""), 4)
    for trial in range(trials):
        home = tmp_path / f"t{trial}"
        home.mkdir()
        term = waiting_at_the_forms(home, f"casus-{trial}")
        term.send(DOWN, SPACE, ENTER)
        time.sleep(rng.uniform(0, 0.1))
        term.child.kill(signal.SIGTERM)
        term.child.expect(r"Uw antwoorden zijn bewaard in sessie ([a-z0-9]+) ")
        session_id = term.child.match.group(1)
        term.child.expect(pexpect.EOF)
        term.child.close()
        assert term.child.exitstatus == 130, f"trial {trial}"
        answers = json.loads(session_file(home, session_id).read_text(encoding="utf-8"))["answers"]
        assert answers["direct_gevaar"] is False, f"trial {trial}"

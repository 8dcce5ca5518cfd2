"""What the screen shows at 80 columns (issue 13, items 16–17): hints whole, references whole, warnings
gone once answered, the session confirmed, nothing typed shown back."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
import yaml

from tests.e2e.pty import CTRL_C, DOWN, ENTER, PROMPT_READY, Terminal, meldcode_command
from tests.test_sociaal_werk import BASE

NO = (DOWN, ENTER)


def words_whole(text: str, screen: list[str]) -> list[str]:
    """The words of `text` that no screen line shows whole (a word broken over two lines)."""
    shown = {w for line in screen for w in line.split()}
    return [w for w in text.split() if w not in shown]


def test_hints_and_questions_never_break_mid_word_at_80_columns(tmp_path):
    term = Terminal("run", "sociaal-werk", home=tmp_path, columns=80)
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "casus-smal")
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", *NO)
    term.expect("Om welke vorm van geweld gaat het")
    term.child.expect(PROMPT_READY)
    term.expect("Ik weet het nog niet precies")  # the whole list is drawn
    screen = term.screen()
    question = "? Om welke vorm van geweld gaat het, denkt u? U kunt meer dan één kiezen."
    hint = "(pijltjes, spatie = aanvinken, Enter = klaar, ? = uitleg, < = vorige vraag)"
    assert words_whole(question + " " + hint, screen) == []
    assert max(len(line) for line in screen) <= 80
    term.send(CTRL_C)
    term.finish()


def test_a_long_text_question_and_its_hint_stay_whole_at_80_columns(tmp_path):
    term = Terminal("run", "sociaal-werk", home=tmp_path, columns=80)
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "casus-tekst")
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", *NO)
    term.answer("Om welke vorm van geweld gaat het", DOWN, " ", ENTER)
    term.answer("Welke signalen ziet u die wijzen op geweld tussen partners?", ENTER)
    term.answer("Welke andere signalen of omstandigheden", ENTER)
    term.answer("Heeft iemand u zelf verteld over geweld", *NO)
    term.answer("Kindcheck: zorgt uw cliënt", *NO)
    term.expect("Schrijf de feiten op")
    term.child.expect(PROMPT_READY)
    term.expect("vorige vraag)")
    screen = term.screen()
    hint = (
        "(typ en Enter; Alt+Enter = nieuwe regel; Ctrl-X Ctrl-E = editor; leeg laten mag · ? = uitleg · "
        "< = vorige vraag)"
    )
    assert words_whole(hint, screen) == []
    term.send(CTRL_C)
    term.finish()


def test_a_name_warning_goes_once_answered_and_the_session_is_confirmed(tmp_path):
    term = Terminal("run", "sociaal-werk", home=tmp_path, columns=80)
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "fam-Jansen")  # a surname behind a prefix
    term.answer("Toch deze referentie gebruiken?", ENTER)  # Nee: asked again
    term.text_answer("Zaakreferentie", "casus-77")
    term.child.expect(r"Sessie ([a-z0-9]+) is aangemaakt \(casus-77\); elk antwoord wordt meteen bewaard\.")
    session_id = term.child.match.group(1)
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", *NO)
    term.expect("Om welke vorm van geweld gaat het")
    term.child.expect(PROMPT_READY)
    term.expect("Ik weet het nog niet precies")
    screen = "\n".join(term.screen())
    assert "Dit lijkt op een naam" in term.output_so_far()
    assert "Dit lijkt op een naam" not in screen  # the warning went with its question
    assert f"Sessie {session_id} is aangemaakt (casus-77)" in screen
    term.send(CTRL_C)
    term.finish()


def test_a_bsn_in_a_reference_is_warned_about_without_showing_it(tmp_path, write):
    answers = write("a.yaml", yaml.safe_dump(BASE))
    env = {**os.environ, "MELDCODE_HOME": str(tmp_path / "meldcode")}
    result = subprocess.run(
        meldcode_command() + ["run", "-a", str(answers), "-r", "dossier 111222333"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "op een BSN (burgerservicenummer) lijkt" in result.stderr
    assert "111222333" not in result.stderr


def test_the_sessions_table_keeps_references_whole_at_80_columns(tmp_path, write):
    answers = write("a.yaml", yaml.safe_dump(BASE))
    env = {**os.environ, "MELDCODE_HOME": str(tmp_path / "meldcode"), "COLUMNS": "80"}
    references = ["casus-2026-regio-noord-0042", "dossier-2026-wijkteam-oost-17"]
    for reference in references:
        subprocess.run(
            meldcode_command() + ["run", "-a", str(answers), "-r", reference],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    listing = subprocess.run(
        meldcode_command() + ["sessions"], env=env, capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert max(len(line) for line in listing.splitlines()) <= 80
    for reference in references:
        assert re.search(rf"(^|\s){re.escape(reference)}(\s|$)", listing, re.MULTILINE), listing


@pytest.mark.parametrize("columns", [80, 120])
def test_the_112_advice_fits_and_stands_out(tmp_path, columns):
    term = Terminal("run", "sociaal-werk", home=tmp_path, columns=columns)
    term.answer("Is iemand op dit moment in direct gevaar?", ENTER)
    term.expect("Advies: Bel nu 112")
    assert term.finish() == 0
    screen = term.screen()
    assert max(len(line) for line in screen) <= columns
    assert any("meldcode resume" in line for line in screen)

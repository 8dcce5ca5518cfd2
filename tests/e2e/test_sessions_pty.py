"""Sessions in a pseudo-terminal: stop with Ctrl-C, list, resume, change an answer, report; a killed
process loses nothing; an encrypted session shows nothing; a second terminal is refused."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess

from tests.e2e.pty import CTRL_C, DOWN, ENTER, SPACE, UP, Terminal, meldcode_command

NO = (DOWN, ENTER)
YES = (ENTER,)


def meldcode(home, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MELDCODE_HOME": str(home / "meldcode"), "COLUMNS": "200"}
    return subprocess.run(meldcode_command() + list(args), env=env, capture_output=True, text=True, timeout=60)


def session_file(home, session_id):
    return home / "meldcode" / "sessions" / f"{session_id}.json"


def into_step_2(term: Terminal, reference: str, *, disclosure_changed: bool = False) -> None:
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", reference)
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", *NO)
    term.answer("Om welke vorm van geweld gaat het", DOWN, SPACE, ENTER)
    term.answer("Welke signalen ziet u die wijzen op geweld tussen partners?", SPACE, ENTER)
    term.answer("Welke andere signalen of omstandigheden", ENTER)
    term.answer("Heeft iemand u zelf verteld over geweld", *NO)
    if disclosure_changed:  # back: the client did ask for help after all
        term.answer("Kindcheck: zorgt uw cliënt", "<")
        term.answer("Heeft iemand u zelf verteld over geweld", UP, ENTER)
    term.answer("Kindcheck: zorgt uw cliënt", *NO)
    term.text_answer("Schrijf de feiten op die u zag en hoorde", "Blauwe plek op de arm")


def waiting_at_the_forms(tmp_path, reference: str) -> Terminal:
    """A walk with its first answer saved, its next prompt on screen and waiting for keys."""
    term = Terminal("run", "sociaal-werk", home=tmp_path)
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", reference)
    term.expect("Is de veiligheid in de komende uren of dagen niet zeker?")
    term.child.expect(r"\(pijltjes")
    return term


def stopped_session_id(term: Terminal) -> str:
    term.child.expect(r"Uw antwoorden zijn bewaard in sessie ([a-z0-9]+) ")
    session_id = term.child.match.group(1)
    term.expect(f"meldcode resume {session_id}")
    assert term.finish() == 130
    return session_id


def test_stop_list_resume_change_finish_and_report(tmp_path):
    term = Terminal("run", "sociaal-werk", home=tmp_path)
    into_step_2(term, "casus-e2e", disclosure_changed=True)
    term.answer("Heeft u uw zorgen besproken met een ervaren collega", *YES)
    term.answer("Heeft u Veilig Thuis om advies gevraagd?", *YES)
    term.answer("Zijn Veilig Thuis of de politie al betrokken", *NO)
    term.text_answer("Wat kwam er uit het overleg", "Eerst het gesprek voeren")
    term.answer("Kunt u het gesprek over uw zorgen voeren", CTRL_C)  # in step 3
    session_id = stopped_session_id(term)

    listing = meldcode(tmp_path, "sessions")
    assert listing.returncode == 0
    assert re.search(rf"{session_id}\s+casus-e2e\s+sociaal-werk 2.1.0\s+stap 3", listing.stdout), listing.stdout

    term = Terminal("resume", home=tmp_path)
    term.expect(f"Sessie {session_id} (casus-e2e), begonnen op")
    term.answer("Kunt u het gesprek over uw zorgen voeren", *YES)  # the same question
    term.answer("Heeft u het gesprek met de cliënt al gevoerd?", *YES)
    term.text_answer("Wat is er in het gesprek gezegd?", "Cliënte ontkent")
    term.answer("Afwegingsvraag 1:", *YES)
    term.text_answer("Waarom? Licht uw antwoord kort toe", "")
    term.answer("Let op: acute of structurele onveiligheid", ENTER)  # information after a disclosure
    term.answer("Afwegingsvraag 2:", *YES)
    term.text_answer("Waarom? Licht uw antwoord kort toe", "Onthulling telt als acuut")
    term.answer("Op welke datum beoordeelt u deze vraag opnieuw? Heeft Veilig Thuis", ENTER)  # after a report
    term.expect("Advies: Melden bij Veilig Thuis")
    term.expect(f"Bewaard als sessie {session_id} (casus-e2e)")
    assert term.finish() == 0

    report = meldcode(tmp_path, "report", session_id)
    assert report.returncode == 0, report.stderr
    text = report.stdout
    changes = text.split("## Gewijzigde antwoorden")[1]
    row = re.search(
        r"^\| (\d+ \w+ \d{4}, \d\d:\d\d) \| \S+ \| Heeft iemand u zelf verteld over geweld, en u om "
        r"hulp gevraagd\? .*? \| Nee \| Ja \|$",
        changes,
        flags=re.M,
    )
    assert row, changes
    assert "Onthulling telt als acuut" in text
    assert re.search(r"\| Blauwe plek op de arm \| \d+ \w+ \d{4}, \d\d:\d\d \|", text)
    assert "## Advies: Melden bij Veilig Thuis" in text


def test_a_killed_process_loses_no_answer(tmp_path):
    term = Terminal("run", "sociaal-werk", home=tmp_path)
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "casus-kill")
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", *NO)
    term.answer("Om welke vorm van geweld gaat het", DOWN, SPACE, ENTER)
    # The next prompt is on screen, so the answer before it has been saved.
    term.expect("Welke signalen ziet u die wijzen op geweld tussen partners?")
    term.child.expect(r"\(pijltjes")
    term.child.kill(signal.SIGKILL)
    term.child.wait()
    (path,) = (tmp_path / "meldcode" / "sessions").glob("*.json")
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["answers"] == {
        "direct_gevaar": False,
        "acuut_komende_uren": False,
        "vermoeden_tegen_medewerker": False,
        "vormen": ["partnergeweld"],
    }
    assert record["reference"] == "casus-kill"

    term = Terminal("resume", home=tmp_path)
    term.answer("Welke signalen ziet u die wijzen op geweld tussen partners?", CTRL_C)
    assert stopped_session_id(term) == path.stem


def test_a_closed_terminal_keeps_every_answer(tmp_path):
    term = waiting_at_the_forms(tmp_path, "casus-hup")
    term.child.kill(signal.SIGHUP)
    term.child.wait()
    (path,) = (tmp_path / "meldcode" / "sessions").glob("*.json")
    assert json.loads(path.read_text(encoding="utf-8"))["answers"] == {"direct_gevaar": False}


def test_an_encrypted_session_shows_nothing_and_needs_its_passphrase(tmp_path):
    term = Terminal("run", "sociaal-werk", "--encrypt", home=tmp_path)
    term.answer("Is iemand op dit moment in direct gevaar?", *NO)
    term.text_answer("Zaakreferentie", "casus-geheim")
    term.text_answer("Wachtwoord voor deze sessie", "lang genoeg wachtwoord")
    term.text_answer("Typ het wachtwoord nog een keer", "lang genoeg wachtwoord")
    term.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    term.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", *NO)
    term.answer("Om welke vorm van geweld gaat het", DOWN, SPACE, ENTER)
    term.answer("Welke signalen ziet u die wijzen op geweld tussen partners?", ENTER)
    term.answer("Welke andere signalen of omstandigheden", ENTER)
    term.answer("Heeft iemand u zelf verteld over geweld", *NO)
    term.answer("Kindcheck: zorgt uw cliënt", *NO)
    term.text_answer("Schrijf de feiten op die u zag en hoorde", "GEHEIME-NOTITIE-42")
    term.answer("Heeft u uw zorgen besproken met een ervaren collega", CTRL_C)
    session_id = stopped_session_id(term)
    path = session_file(tmp_path, session_id)
    raw = path.read_text(encoding="utf-8")
    for secret in ("GEHEIME-NOTITIE-42", "partnergeweld", "direct_gevaar"):
        assert secret not in raw

    term = Terminal("resume", session_id, home=tmp_path)
    for _ in range(2):  # three tries in all
        term.text_answer("Wachtwoord voor deze sessie", "verkeerd")
        term.expect("Het wachtwoord klopt niet. Probeer het nog eens.")
    term.text_answer("Wachtwoord voor deze sessie", "verkeerd")
    term.expect("Het wachtwoord klopt niet, of het bestand is beschadigd. Er is niets gewijzigd.")
    assert term.finish() == 1
    assert path.read_text(encoding="utf-8") == raw

    term = Terminal("resume", session_id, home=tmp_path)
    term.text_answer("Wachtwoord voor deze sessie", "lang genoeg wachtwoord")
    term.answer("Heeft u uw zorgen besproken met een ervaren collega", CTRL_C)
    assert stopped_session_id(term) == session_id


def test_a_second_terminal_is_refused_while_the_first_works(tmp_path):
    first = Terminal("run", "sociaal-werk", home=tmp_path)
    first.answer("Is iemand op dit moment in direct gevaar?", *NO)
    first.text_answer("Zaakreferentie", "casus-twee")
    first.answer("Is de veiligheid in de komende uren of dagen niet zeker?", *NO)
    first.answer("Is een medewerker of vrijwilliger van uw organisatie de vermoedelijke pleger?", *NO)
    first.answer("Om welke vorm van geweld gaat het", CTRL_C)
    session_id = stopped_session_id(first)

    first = Terminal("resume", session_id, home=tmp_path)
    first.expect("Om welke vorm van geweld gaat het")
    first.child.expect(r"\(pijltjes")
    second = Terminal("resume", session_id, home=tmp_path)
    second.expect(f"De sessie {session_id} is al geopend in een ander venster (proces {first.child.pid}).")
    assert second.finish() == 1
    first.send(CTRL_C)
    assert stopped_session_id(first) == session_id


def test_question_5_is_weighed_again_on_resume(tmp_path):
    term = Terminal("run", "sociaal-werk", home=tmp_path)
    into_step_2(term, "casus-vijf")
    term.answer("Heeft u uw zorgen besproken met een ervaren collega", *YES)
    term.answer("Heeft u Veilig Thuis om advies gevraagd?", *YES)
    term.answer("Zijn Veilig Thuis of de politie al betrokken", *NO)
    term.text_answer("Wat kwam er uit het overleg", "")
    term.answer("Kunt u het gesprek over uw zorgen voeren", *YES)
    term.answer("Heeft u het gesprek met de cliënt al gevoerd?", *YES)
    term.text_answer("Wat is er in het gesprek gezegd?", "")
    for question, keys in (
        ("Afwegingsvraag 1:", YES),
        ("Afwegingsvraag 2:", NO),
        ("Afwegingsvraag 3:", YES),
        ("Afwegingsvraag 4:", YES),
        ("Afwegingsvraag 5:", (DOWN, DOWN, ENTER)),
    ):
        term.answer(question, *keys)
        term.text_answer("Waarom? Licht uw antwoord kort toe", "")
    term.answer("Op welke datum beoordeelt u deze vraag opnieuw?", ENTER)
    term.expect("Advies: Hulp starten en later opnieuw wegen")
    term.expect("Opnieuw beoordelen op")
    assert term.finish() == 0

    term = Terminal("resume", "casus-vijf", home=tmp_path)
    term.expect("Deze vraag wordt nu opnieuw gewogen (gepland op")
    term.answer("Afwegingsvraag 5:", UP, UP, ENTER)  # from "Nog niet bekend" up to "Ja"
    term.text_answer("Waarom? Licht uw antwoord kort toe", "Geen incidenten meer sinds de hulp")
    term.expect("Advies: De hulp afsluiten")
    assert term.finish() == 0
    report = meldcode(tmp_path, "report", "casus-vijf").stdout
    assert re.search(r"\| Afwegingsvraag 5: .+? \| Nog niet bekend \| Ja, het is blijvend veilig \|", report)


def test_sigterm_ends_like_ctrl_c_and_keeps_every_answer(tmp_path):
    term = waiting_at_the_forms(tmp_path, "casus-term")
    term.child.kill(signal.SIGTERM)
    session_id = stopped_session_id(term)
    assert json.loads(session_file(tmp_path, session_id).read_text(encoding="utf-8"))["answers"] == {
        "direct_gevaar": False
    }

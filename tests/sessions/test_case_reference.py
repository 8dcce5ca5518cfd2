"""The case reference: a pseudonym; names, BSNs and birth dates are questioned."""

from __future__ import annotations

import pytest

from meldcode_cli.sessions.reference import is_bsn, problem, warnings


@pytest.mark.parametrize(
    "reference", ["casus-17", "2026/0042", "dossier 381", "AB-12", "gezin K.", "fam-12", "team-Oost"]
)
def test_ordinary_references_pass(reference):
    assert problem(reference) is None
    assert warnings(reference) == []


def test_a_bsn_is_recognised_by_the_eleven_test():
    assert is_bsn("111222333")
    assert not is_bsn("111222334")
    # The number itself is never shown back: the screen may be seen by others.
    assert [w.nl for w in warnings("casus 111222333")] == [
        "Hierin staat een getal dat op een BSN (burgerservicenummer) lijkt. Gebruik geen BSN."
    ]
    assert all("111222333" not in w.nl + w.en for w in warnings("casus 111222333 en 111222333"))
    assert warnings("dossier 111222334") == []


@pytest.mark.parametrize(
    "reference",
    ["Jan Jansen", "familie de Vries", "Fatima El Amrani", "fam-Jansen", "fam.de Vries", "gezin Bakker", "mw. Bakker"],
)
def test_names_are_questioned(reference):
    assert [w.nl for w in warnings(reference)] == [
        "Dit lijkt op een naam. Gebruik een pseudoniem of dossiernummer, geen naam."
    ]


def test_birth_dates_are_questioned():
    assert [w.nl for w in warnings("kind 03-04-2015")] == [
        "Dit lijkt op een geboortedatum. Laat data weg uit de referentie."
    ]


def test_empty_and_odd_references_are_refused():
    assert problem("  ").nl.startswith("Geef een zaakreferentie")
    assert problem("x" * 41).nl == "Te lang: hooguit 40 tekens."
    assert problem("casus<script>").nl == "Gebruik letters, cijfers, spaties en - _ . / #."

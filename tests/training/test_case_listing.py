"""`meldcode cases` from the remembered table: the same table, redone after any change, never for a broken case."""

from __future__ import annotations

import pytest

from meldcode_cli.cli import trainer as training
from meldcode_cli.training import case_listing
from meldcode_cli.training.cases import cases_dir
from tests.authoring.helpers import core_text
from tests.training.conftest import SMALL_CASE


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MELDCODE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "120")
    return tmp_path / "home" / "cache" / "cases"


@pytest.fixture
def checks(monkeypatch):
    """How often the cases were loaded and checked in full."""
    counted = []
    original = training.load_case

    def counting(path):
        counted.append(path)
        return original(path)

    monkeypatch.setattr(training, "load_case", counting)
    return counted


def test_the_remembered_table_is_the_checked_one(meldcode, checks, own_cache):
    first = meldcode("cases", "--lang", "en")
    loaded = len(checks)
    assert first.exit_code == 0 and loaded == len(list(cases_dir().glob("*.yaml")))
    again = meldcode("cases", "--lang", "en")
    assert again.exit_code == 0
    assert again.stdout == first.stdout
    assert len(checks) == loaded  # not checked again
    assert case_listing.builtin_cases_dir() == cases_dir()


def test_a_changed_case_file_is_checked_again(meldcode, write, tmp_path, checks):
    case = write("proef.yaml", SMALL_CASE)
    assert "Proef" in meldcode("cases", str(tmp_path)).stdout
    case.write_text(SMALL_CASE.replace("{nl: Proef, en: Trial}", "{nl: Nieuwe proef, en: New trial}"), encoding="utf-8")
    result = meldcode("cases", str(tmp_path))
    assert "Nieuwe proef" in result.stdout
    assert len(checks) == 2


def test_a_new_mistake_is_reported_not_hidden_by_the_cache(meldcode, write, tmp_path):
    write("goed.yaml", SMALL_CASE)
    assert meldcode("cases", str(tmp_path)).exit_code == 0
    write("fout.yaml", SMALL_CASE.replace("outcome: bel_112", "outcome: bellen"))
    for _ in range(2):  # a listing with a broken case is never remembered
        result = meldcode("cases", str(tmp_path))
        assert result.exit_code == 1
        assert "heeft geen uitkomst 'bellen'" in result.stderr


def test_a_changed_flow_is_checked_again(meldcode, tmp_path, checks):
    (tmp_path / "flows").mkdir()
    flow = tmp_path / "flows" / "eigen.yaml"
    flow.write_text(core_text(), encoding="utf-8")  # the built-ins' core: a whole flow in one file
    (tmp_path / "casus.yaml").write_text(
        SMALL_CASE.replace("flow: sociaal-werk", "flow: flows/eigen.yaml"), encoding="utf-8"
    )
    assert meldcode("cases", str(tmp_path)).exit_code == 0
    assert meldcode("cases", str(tmp_path)).exit_code == 0
    assert len(checks) == 1
    flow.write_text(
        flow.read_text(encoding="utf-8").replace('nl: "Bel nu 112"', 'nl: "Bel direct 112"'), encoding="utf-8"
    )
    result = meldcode("cases", str(tmp_path))
    assert result.exit_code == 0 and "Bel direct 112" in result.stdout
    assert len(checks) == 2


@pytest.mark.parametrize("damage", ["", "{", '{"format": 1}', '{"format": 1, "flows": [], "rows": [{"id": 1}]}'])
def test_a_damaged_cache_file_means_a_full_check(meldcode, own_cache, checks, damage):
    first = meldcode("cases")
    (cache,) = own_cache.iterdir()
    cache.write_text(damage, encoding="utf-8")
    again = meldcode("cases")
    assert again.stdout == first.stdout
    assert len(checks) == 2 * len(list(cases_dir().glob("*.yaml")))


def test_a_flow_loaded_earlier_and_gone_since_does_not_stop_the_listing_being_remembered(meldcode, tmp_path, checks):
    from meldcode_cli.flow.loader import load_flow

    gone = tmp_path / "weg.yaml"
    gone.write_text(core_text(), encoding="utf-8")
    load_flow(gone)  # loaded in this process, then removed
    gone.unlink()
    meldcode("cases")
    loaded = len(checks)
    meldcode("cases")
    assert len(checks) == loaded  # remembered all the same

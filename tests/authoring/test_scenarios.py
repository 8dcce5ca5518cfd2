"""`meldcode test`: scenarios beside a flow, a line per scenario, a diff per failure, coverage."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from meldcode_cli.base.manuals import manual
from meldcode_cli.flow.loader import builtin_paths
from tests.authoring.helpers import built_in_copy, meldcode

FAILING = """\
flow: sociaal-werk
scenarios:
  - name: verkeerde uitkomst
    answers: {direct_gevaar: true}
    outcome: melden
    actions: [bel_112, kindcheck]
    not_actions: [bel_112]
  - name: ontbrekend antwoord
    answers: {direct_gevaar: false, acuut_komende_uren: false, vermoeden_tegen_medewerker: false}
    outcome: melden
"""


def test_the_built_in_scenarios_pass_and_cover_every_node_and_answer():
    result = meldcode("test", "flows/")
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    # One scenario file per built-in flow (each sector flow covers itself; see its own tests).
    assert "flows/sociaal-werk.scenarios.yaml::direct gevaar — bel 112 GESLAAGD" in lines
    assert "Dekking van flows/sociaal-werk.yaml: 46 van 46 nodes (100%), 112 van 112 antwoorden (100%)." in lines
    assert sum(line.startswith("flows/sociaal-werk.scenarios.yaml::") for line in lines) == 21
    assert len([line for line in lines if line.startswith("Dekking van ")]) == len(builtin_paths())
    assert all("(100%)" in line for line in lines if line.startswith("Dekking van "))
    assert lines[-1].strip("= ").endswith(" geslaagd") and "MISLUKT" not in result.stdout


def test_the_built_in_scenarios_reach_every_outcome_and_special_route():
    result = json.loads(meldcode("test", "sociaal-werk", "--json").stdout)
    scenarios = result["files"][0]["scenarios"]
    outcomes = {s["outcome"] for s in scenarios}
    assert outcomes == {"bel_112", "afsluiten", "melden", "hulp_bieden", "hulp_afsluiten", "medewerker_route"}
    visited = {n for s in scenarios for n in s["path"]}
    assert {
        "speciale_route",
        "vgv_spoed",
        "gesprek_eer_overslaan",
        "gesprek_onveilig",
        "let_op_acuut",
        "acuut_komende_uren",
        "al_betrokken",
        "signalen_andere_vormen",
        "kindcheck_gegevens",
        "vermoeden_tegen_medewerker",
        "medewerker_feiten",
    } <= visited
    gathered = {a for s in scenarios for a in s["actions"]}
    assert {
        "raadpleeg_veilig_thuis",
        "geen_gesprek_met_familie",
        "voorbereiding_risicovolle_reis",
        "bel_centrum_seksueel_geweld",
        "vgv_spoed_veilig_thuis_en_politie",
        "kindcheck",
        "bel_veilig_thuis_nu",
        "overleg_deskundige_eer",
        "informeer_slachtoffer",
        "afstemmen_met_betrokkenen",
        "vervolg_na_melding",
        "meld_bij_toezichthouder",
    } <= gathered


def test_a_failure_shows_expected_and_actual(tmp_path):
    path = tmp_path / "mijn.scenarios.yaml"
    path.write_text(FAILING, encoding="utf-8")
    result = meldcode("test", str(path))
    assert result.exit_code == 1
    out = result.stdout
    assert f"{path}::verkeerde uitkomst MISLUKT" in out
    assert f"{path}::ontbrekend antwoord MISLUKT" in out
    failure = out.split(f"verkeerde uitkomst ({path}:3)")[1].split("\n_")[0]
    assert failure.splitlines()[1:] == [
        "--- verwacht",
        "+++ werkelijk",
        "- uitkomst: melden",
        "+ uitkomst: bel_112",
        "- acties met: kindcheck",
        "+ acties: bel_112",
        "- acties zonder: bel_112",
        "+ acties: bel_112",
        "  pad: direct_gevaar → bel_112",
    ]
    assert "de doorloop stopt: het antwoord op 'vormen' ontbreekt." in out
    assert out.splitlines()[-1].strip("= ") == "0 geslaagd, 2 mislukt"


def test_coverage_lists_what_no_scenario_reaches_with_its_line(tmp_path):
    path = tmp_path / "mijn.scenarios.yaml"
    path.write_text(
        "flow: sociaal-werk\nscenarios:\n  - {name: gevaar, answers: {direct_gevaar: true}, outcome: bel_112}\n",
        encoding="utf-8",
    )
    out = meldcode("test", str(path), "--lang", "en").stdout
    core = builtin_paths()["sociaal-werk"].parent / "kern" / "kern.yaml"  # where the node is written
    text = core.read_text(encoding="utf-8")
    vormen_line = text[: text.index("  - id: vormen")].count("\n") + 1
    assert "Coverage of flows/sociaal-werk.yaml: 2 of 46 nodes (4%), 1 of 112 answers (0%)." in out
    assert f"  flows/kern/kern.yaml:{vormen_line}: no scenario reaches 'vormen'" in out
    assert "  flows/kern/kern.yaml:" in out and "no scenario answers 'false' to 'direct_gevaar'" in out
    assert out.splitlines()[-1].strip("= ") == "1 passed"


def test_scenario_files_are_checked_with_file_and_line(tmp_path):
    path = tmp_path / "mijn.scenarios.yaml"
    path.write_text(
        """\
flow: sociaal-werk
scenarios:
  - name: een
    answers: {direct_gevaarr: true, vormen: [geen_vorm]}
    outcome: meldn
  - name: een
    answers: {direct_gevaar: true}
    verwacht: bel_112
""",
        encoding="utf-8",
    )
    result = meldcode("test", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{path}:8: MC100 onbekende sleutel 'verwacht'. Haal de sleutel weg."
    path.write_text(path.read_text().replace("    verwacht: bel_112\n", ""), encoding="utf-8")
    lines = meldcode("test", str(path)).stdout.splitlines()
    assert lines[:4] == [
        f"{path}:4: MC401 de flow 'sociaal-werk' heeft geen vraag 'direct_gevaarr'. Bedoelt u 'direct_gevaar'?",
        f"{path}:4: MC402 'vormen' heeft geen keuze 'geen_vorm'. Kies uit: kindermishandeling, partnergeweld, "
        "ouderenmishandeling, verwaarlozing, seksueel_geweld, vgv, eergerelateerd_geweld, huwelijksdwang_achterlating, "
        "financiele_uitbuiting, kind_oudergeweld, stalking, uitbuiting, ontspoorde_mantelzorg, nog_onduidelijk.",
        f"{path}:5: MC401 de flow 'sociaal-werk' heeft geen uitkomst 'meldn'. Bedoelt u 'melden'?",
        f"{path}:6: MC403 de naam 'een' wordt al door een ander scenario gebruikt. Geef elk scenario een eigen naam.",
    ]


def test_a_flow_without_scenarios_is_an_error(tmp_path):
    flow = built_in_copy(tmp_path, "eigen.yaml")
    result = meldcode("test", str(flow))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{flow}: MC404 er staat geen scenariobestand naast deze flow (verwacht: eigen.scenarios.yaml). "
        f"Schrijf scenario's in dat bestand; zie {manual('authoring.md')}."
    )
    assert Path(manual("authoring.md")).is_file()  # a manual this copy has, not a path that may not exist


def test_scenarios_beside_a_flow_find_it_by_name(tmp_path):
    built_in_copy(tmp_path, "eigen.yaml")
    (tmp_path / "eigen.scenarios.yaml").write_text(
        "scenarios:\n  - {name: gevaar, answers: {direct_gevaar: true}, outcome: bel_112}\n", encoding="utf-8"
    )
    result = meldcode("test", str(tmp_path / "eigen.yaml"))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{tmp_path / 'eigen.scenarios.yaml'}::gevaar GESLAAGD\n")


def test_json_for_tools(tmp_path):
    path = tmp_path / "mijn.scenarios.yaml"
    path.write_text(FAILING, encoding="utf-8")
    result = json.loads(meldcode("test", str(path), "--json").stdout)
    assert (result["passed"], result["failed"]) == (0, 2)
    first = result["files"][0]["scenarios"][0]
    assert first["differences"][0] == {"what": "outcome", "expected": "melden", "actual": "bel_112"}


def test_scenario_files_are_not_flows():
    assert "sociaal-werk" in builtin_paths()
    assert not any(flow_id.endswith("scenarios") for flow_id in builtin_paths())
    result = meldcode("flows")
    assert "scenarios" not in result.stdout


def test_coverage_names_the_files_as_the_user_names_the_flow_whatever_the_cache_holds(tmp_path, monkeypatch):
    # The compiled form is cached the first time a flow is read; a later `meldcode test` that names the
    # flow another way (absolute first, then relative) still gets the core's path in its own terms.
    flows = tmp_path / "flows"
    shutil.copytree(builtin_paths()["sociaal-werk"].parent, flows, ignore=shutil.ignore_patterns("cases"))
    (flows / "sociaal-werk.scenarios.yaml").write_text(
        "flow: sociaal-werk.yaml\nscenarios:\n  - {name: gevaar, answers: {direct_gevaar: true}, outcome: bel_112}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    absolute = meldcode("test", str(flows / "sociaal-werk.yaml"), "--lang", "en").stdout
    relative = meldcode("test", "flows/sociaal-werk.yaml", "--lang", "en").stdout
    for out in (absolute, relative):  # the lines name the core the way the heading names the flow
        coverage = out.split("Coverage of ")[1]
        assert coverage.startswith("flows/sociaal-werk.yaml: 2 of 46 nodes")
        assert "\n  flows/kern/kern.yaml:" in coverage and str(tmp_path) not in coverage

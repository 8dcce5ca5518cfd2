"""Overlays: `extends` a built-in or neighbouring flow, override named parts, errors at the right file:line."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from meldcode_cli.base.errors import FileProblems
from meldcode_cli.flow.loader import builtin_paths, load_flow
from tests.authoring.helpers import line_of, meldcode

ROOT = Path(__file__).parent.parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "mijn-organisatie.yaml"
MINI = ROOT / "tests" / "data" / "mini.yaml"


def refused(path: Path) -> list[str]:
    with pytest.raises(FileProblems) as caught:
        load_flow(path)
    return [
        f"{p.file}:{p.line}: {p.code} {p.message.nl}" + (f" {p.hint.nl}" if p.hint else "")
        for p in caught.value.problems
    ]


@pytest.fixture
def folder(tmp_path):
    shutil.copy(MINI, tmp_path / "basis.yaml")
    return tmp_path


def overlay(folder: Path, text: str, name: str = "eigen.yaml") -> Path:
    path = folder / name
    path.write_text('id: eigen\nversion: "1"\n' + text, encoding="utf-8")
    return path


def test_the_example_overlay_validates_and_passes_its_scenarios():
    result = meldcode("validate", "docs/examples/")
    assert result.exit_code == 0, result.stdout
    assert (
        result.stdout
        == "docs/examples/mijn-organisatie.yaml: in orde; 27 garanties bewezen over alle mogelijke wegen.\n"
    )
    tested = meldcode("test", "docs/examples/")
    assert tested.exit_code == 0, tested.stdout


def test_the_example_overlay_changes_only_what_it_names():
    flow, base = load_flow(EXAMPLE), load_flow("sociaal-werk")
    assert (flow.id, flow.version) == ("stichting-voorbeeld", "2025.1")
    officer = flow.contacts["aandachtsfunctionaris"]
    assert officer.phone == "030-123 45 67"
    assert officer.when == base.contacts["aandachtsfunctionaris"].when  # not named, so kept
    assert flow.contacts["veilig_thuis"] == base.contacts["veilig_thuis"]
    assert flow.node("collega_geraadpleegd").next[0].goto == "wijkteam_betrokken"
    assert flow.node("collega_geraadpleegd").text == base.node("collega_geraadpleegd").text
    assert "Stichting Voorbeeld" in flow.node("afweging_2").help.nl
    assert flow.node("afweging_2").text == base.node("afweging_2").text
    assert [n.id for n in flow.nodes][: len(base.nodes)] == [n.id for n in base.nodes]
    assert [g.id for g in flow.guarantees] == [g.id for g in base.guarantees] + ["wijkteam_betrekken"]


def test_meldcode_run_walks_an_overlay(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("direct_gevaar: true\n", encoding="utf-8")
    result = meldcode("run", str(EXAMPLE), "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["flow"] == {"id": "stichting-voorbeeld", "version": "2025.1"}
    summary = meldcode("run", str(EXAMPLE), "--answers", str(answers)).stdout
    assert "Bel nu 112" in summary


def test_a_neighbouring_base_with_options_steps_and_a_new_kind(folder):
    path = overlay(
        folder,
        """\
extends: ./basis.yaml
steps:
  - {number: 2, title: {nl: Afwegen, en: Weighing}}
nodes:
  - id: ernst
    options:
      - {id: zwaar, label: {nl: Ernstig, en: Serious}}
      - {id: extreem, label: {nl: Extreem, en: Extreme}}
  - id: uitleg_eer
    kind: yes_no
    step: 1
    text: {nl: Eer?, en: Honour?}
    next: notitie
""",
    )
    flow = load_flow(path)
    ernst = flow.node("ernst")
    assert [o.id for o in ernst.options] == ["licht", "zwaar", "onbekend", "extreem"]
    assert ernst.option("zwaar").label.nl == "Ernstig"
    assert ernst.option("zwaar").help.nl == "Bijvoorbeeld letsel."  # the rest of the option stays
    assert flow.step(2).title.nl == "Afwegen"
    assert flow.node("uitleg_eer").kind == "yes_no" and flow.node("uitleg_eer").only_if is None


def test_mistakes_in_an_overlay_point_at_its_own_lines(folder):
    text = """\
extends: basis.yaml
contacts:
  vt: {phon: "0800-2000"}
nodes:
  - id: notitie
    next: ernts
  - id: ernstt
    help: Extra.
"""
    path = overlay(folder, text)
    assert refused(path) == [
        f"{path}:9: MC123 de basisflow heeft geen node 'ernstt' om aan te passen, en een nieuwe node is niet "
        "compleet. Bedoelt u 'ernst'?"
    ]
    path.write_text(path.read_text().replace("  - id: ernstt\n    help: Extra.\n", ""), encoding="utf-8")
    assert refused(path) == [f"{path}:5: MC100 onbekende sleutel 'phon'. Bedoelt u 'phone'?"]
    path.write_text(path.read_text().replace("phon:", "phone:"), encoding="utf-8")
    assert refused(path) == [
        f"{path}:8: MC101 'notitie' gaat naar 'ernts', maar die node bestaat niet. Bedoelt u 'ernst'?"
    ]


def test_mistakes_that_come_from_the_base_point_at_the_base(folder):
    path = overlay(folder, "extends: basis.yaml\nnodes:\n  - id: notitie\n    remove: true\n")
    base = folder / "basis.yaml"
    target = line_of(base.read_text(), "next: notitie")
    assert refused(path) == [f"{base}:{target}: MC101 'uitleg_eer' gaat naar 'notitie', maar die node bestaat niet."]


def test_validate_reports_base_findings_at_the_base(folder):
    # The overlay re-routes around `kinderen`: the base's node is left unreachable.
    path = overlay(folder, "extends: basis.yaml\nnodes:\n  - id: vormen\n    next: uitleg_eer\n")
    base = folder / "basis.yaml"
    result = meldcode("validate", str(path))
    assert result.exit_code == 1
    assert [line for line in result.stdout.splitlines() if "MC202" in line] == [
        (
            f"{base}:{line_of(base.read_text(), '- id: kinderen')}: MC202 geen enkele weg komt bij 'kinderen'. "
            "Laat een 'next' naar 'kinderen' wijzen, of haal de node weg."
        )
    ]


@pytest.mark.parametrize("reference", ["../buiten.yaml", "sub/../../buiten.yaml", "ABSOLUTE"])
def test_only_files_inside_the_flows_folder_can_be_extended(tmp_path, reference):
    shutil.copy(MINI, tmp_path / "buiten.yaml")
    inner = tmp_path / "binnen"
    inner.mkdir()
    reference = str(tmp_path / "buiten.yaml") if reference == "ABSOLUTE" else reference
    path = overlay(inner, f"extends: {reference}\n")
    assert refused(path) == [
        f"{path}:3: MC121 '{reference}' ligt buiten de map van de flow; een flow kan alleen een bestand in zijn "
        "eigen map (of een submap) of een ingebouwde flow uitbreiden. Zet de basisflow naast deze flow, of gebruik "
        "de id van een ingebouwde flow."
    ]


def test_a_symlink_out_of_the_folder_is_refused(tmp_path):
    shutil.copy(MINI, tmp_path / "buiten.yaml")
    inner = tmp_path / "binnen"
    inner.mkdir()
    os.symlink(tmp_path / "buiten.yaml", inner / "basis.yaml")
    path = overlay(inner, "extends: basis.yaml\n")
    assert refused(path)[0].startswith(f"{path}:3: MC121 'basis.yaml' ligt buiten de map van de flow")


def test_a_subfolder_is_inside(folder):
    (folder / "basis").mkdir()
    shutil.move(folder / "basis.yaml", folder / "basis" / "mini.yaml")
    assert load_flow(overlay(folder, "extends: basis/mini.yaml\n")).id == "eigen"


def test_an_extends_loop_names_the_chain(tmp_path):
    a = overlay(tmp_path, "extends: b.yaml\n", "a.yaml")
    b = overlay(tmp_path, "extends: a.yaml\n", "b.yaml")
    assert refused(a) == [
        f"{b}:3: MC122 'extends' vormt een kring: {a} → {b} → {a}. Laat één van deze flows niets uitbreiden."
    ]
    itself = overlay(tmp_path, "extends: zelf.yaml\n", "zelf.yaml")
    assert refused(itself)[0].startswith(f"{itself}:3: MC122 'extends' vormt een kring: {itself} → {itself}.")


def test_an_unknown_base(folder):
    path = overlay(folder, "extends: sociaal-werkk\n")
    assert refused(path) == [
        f"{path}:3: MC120 er is geen ingebouwde flow 'sociaal-werkk' om uit te breiden "
        f"(ingebouwd: {', '.join(sorted(builtin_paths()))}). Bedoelt u 'sociaal-werk'?"
    ]
    path = overlay(folder, "extends: ./weg.yaml\n")
    assert refused(path) == [f"{path}:3: MC120 het bestand './weg.yaml' om uit te breiden bestaat niet."]


def test_an_overlay_has_its_own_id_and_version(folder):
    path = folder / "eigen.yaml"
    path.write_text("extends: basis.yaml\ntitel: Eigen\n", encoding="utf-8")
    assert refused(path) == [
        f"{path}:1: MC100 'id' ontbreekt: een flow die een andere uitbreidt heeft een eigen id.",
        f"{path}:1: MC100 'version' ontbreekt: een flow die een andere uitbreidt heeft een eigen version.",
        f"{path}:2: MC100 onbekende sleutel 'titel' in een flow die een andere uitbreidt. Bedoelt u 'title'?",
    ]


def test_the_base_guarantees_cannot_be_changed(tmp_path):
    path = overlay(
        tmp_path,
        """\
extends: sociaal-werk
guarantees:
  - id: afweging_2_ja_melden
    description: Zwakker.
    when: {question: afweging_2, equals: true}
    then: {outcome: [melden, hulp_bieden]}
""",
    )
    assert refused(path) == [
        f"{path}:5: MC124 de garantie 'afweging_2_ja_melden' komt uit de basisflow en kan niet veranderd worden. "
        "De garanties van de basisflow gelden ook voor deze flow. Voeg eigen garanties toe met een nieuwe id."
    ]


def test_an_overlay_that_breaks_a_base_guarantee_fails_validation(tmp_path):
    path = overlay(tmp_path, "extends: sociaal-werk\nnodes:\n  - id: afweging_2\n    next: afweging_3\n")
    result = meldcode("validate", str(path), "--json")
    codes = {(p["code"], p["file"]) for p in json.loads(result.stdout)["diagnostics"]}
    # The guarantee's own line is in the fragment of the core that the built-in flow includes.
    assert ("MC301", "flows/kern/afweging-ja-nee.yaml") in codes


def test_a_changed_base_is_read_again(folder):
    path = overlay(folder, "extends: basis.yaml\n")
    assert load_flow(path).node("gevaar").text.nl == "Is er direct gevaar?"
    base = folder / "basis.yaml"
    base.write_text(base.read_text().replace("Is er direct gevaar?", "Direct gevaar nu?"), encoding="utf-8")
    os.utime(base, ns=(base.stat().st_atime_ns, base.stat().st_mtime_ns + 10**9))
    assert load_flow(path).node("gevaar").text.nl == "Direct gevaar nu?"


def test_a_built_in_base_by_id():
    assert builtin_paths()["sociaal-werk"].is_file()
    assert load_flow(EXAMPLE).node("direct_gevaar").text == load_flow("sociaal-werk").node("direct_gevaar").text

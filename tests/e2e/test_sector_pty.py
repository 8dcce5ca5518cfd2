"""In a real terminal, `meldcode run` without a flow asks the sector once, with the arrow keys, and remembers it."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect

from tests.e2e.pty import CTRL_C, ENTER, PROMPT_READY, UP

FLOW = Path(__file__).parent.parent / "data" / "contacten.yaml"
# The real program, with its built-in flows in a folder of the test's own: two sectors (the sector
# flows themselves come with their own issue).
PROGRAM = (
    "import os; from pathlib import Path; import meldcode_cli.flow.catalog as catalog; "
    "catalog.builtin_dir = lambda: Path(os.environ['TEST_FLOWS']); from meldcode_cli.cli.main import main; main()"
)


def two_sectors(tmp_path: Path) -> Path:
    folder = tmp_path / "flows"
    folder.mkdir()
    for flow_id, name, question in (
        ("sociaal-werk", "Sociaal werk", "Is iemand nu in direct gevaar?"),
        ("onderwijs", "Onderwijs", "Is een leerling nu in direct gevaar?"),
    ):
        text = FLOW.read_text(encoding="utf-8").replace("id: contacten", f"id: {flow_id}\nsector: {{nl: {name}}}")
        (folder / f"{flow_id}.yaml").write_text(
            text.replace("Is iemand nu in direct gevaar?", question), encoding="utf-8"
        )
    return folder


def spawn(tmp_path: Path, folder: Path, *args: str) -> pexpect.spawn:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "MELDCODE_HOME": str(tmp_path / "meldcode"),
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TEST_FLOWS": str(folder),
    }
    child = pexpect.spawn(
        sys.executable,
        ["-c", PROGRAM, *args],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        dimensions=(50, 120),
        timeout=15,
    )
    child.logfile_read = (tmp_path / "terminal.log").open("a", encoding="utf-8")
    return child


def test_asked_once_with_the_arrow_keys_then_remembered(tmp_path):
    folder = two_sectors(tmp_path)
    child = spawn(tmp_path, folder, "run", "--no-save")
    child.expect_exact("In welke sector werkt u?")
    child.expect(PROMPT_READY)
    child.expect_exact("Onderwijs")
    child.send(ENTER)  # the cursor starts at the default, sociaal-werk: Enter alone would take it
    child.expect_exact("Onthouden: sociaal-werk.")
    child.expect_exact("Is iemand nu in direct gevaar?")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    # Settings live beside the data folder; changed with `meldcode config`, or asked again when gone.
    config = tmp_path / "meldcode-config" / "config.json"
    assert json.loads(config.read_text(encoding="utf-8"))["settings"] == {"sector": "sociaal-werk"}
    config.unlink()

    child = spawn(tmp_path, folder, "run", "--no-save")
    child.expect_exact("In welke sector werkt u?")
    child.expect(PROMPT_READY)
    child.send(UP)  # from the default, sociaal-werk, up to onderwijs
    child.send(ENTER)
    child.expect_exact("Onthouden: onderwijs. Wijzig dit met 'meldcode config sector ID'.")
    child.expect_exact("Is een leerling nu in direct gevaar?")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)

    child = spawn(tmp_path, folder, "run", "--no-save")  # remembered: not asked again
    index = child.expect_exact(["Is een leerling nu in direct gevaar?", "In welke sector werkt u?"])
    assert index == 0
    child.send(CTRL_C)
    child.expect(pexpect.EOF)

    child = spawn(tmp_path, folder, "run", "sociaal-werk", "--no-save")  # a named flow wins
    index = child.expect_exact(["Is iemand nu in direct gevaar?", "Is een leerling nu in direct gevaar?"])
    assert index == 0
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    assert "Traceback" not in (tmp_path / "terminal.log").read_text(encoding="utf-8")

"""How a walk ends, for `run` and `resume` alike: the result shown, or the interruption that says what was saved."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.engine.walk import Walk
from meldcode_cli.output import context, results
from meldcode_cli.tui.conversation import make_console

if TYPE_CHECKING:
    from meldcode_cli.sessions.record import Recorder


class Interrupted(MeldcodeError):
    """Ctrl-C, a closed terminal or SIGTERM: every answer given so far is already saved."""

    exit_code = 130

    def __init__(self, recorder: Recorder | None, resuming: bool = False) -> None:
        if resuming and recorder is None:
            message = Msg("Onderbroken. Er is niets gewijzigd.", "Interrupted. Nothing was changed.")
        elif recorder is None:
            message = Msg(
                "Onderbroken. Er is niets bewaard; begin opnieuw met 'meldcode run'.",
                "Interrupted. Nothing was saved; start again with 'meldcode run'.",
            )
        else:
            record = recorder.record
            message = Msg(
                f"Onderbroken. Uw antwoorden zijn bewaard in sessie {record.id} ({record.reference}). "
                f"Ga verder met: meldcode resume {record.id}",
                f"Interrupted. Your answers are saved in session {record.id} ({record.reference}). "
                f"Continue with: meldcode resume {record.id}",
            )
        super().__init__("interrupted", message)


def show_result(walk: Walk, as_json: bool, recorder: Recorder | None) -> None:
    lang = context.lang()
    if as_json:
        sys.stdout.write(json.dumps(results.walk_result(walk), ensure_ascii=False, indent=2) + "\n")
        return
    from meldcode_cli.output import render

    console = make_console(sys.stdout)
    reassess = recorder.record.reassess_on if recorder else None
    console.print(render.summary(walk, reassess_on=reassess))
    if recorder is not None:
        record = recorder.record
        console.print(
            Msg(
                f"Bewaard als sessie {record.id} ({record.reference}). Verslag voor het dossier:\n"
                f"  meldcode report {record.id}",
                f"Saved as session {record.id} ({record.reference}). Report for the file:\n"
                f"  meldcode report {record.id}",
            ).get(lang),
            markup=False,
            highlight=False,
        )
        if walk.outcome is not None and render.urgent(walk.outcome):
            console.print(
                Msg(
                    "Is het gevaar voorbij? Ga dan in deze sessie verder met de stappen:\n"
                    f"  meldcode resume {record.id}",
                    f"Is the danger over? Then go on with the steps in this session:\n  meldcode resume {record.id}",
                ).get(lang),
                markup=False,
                highlight=False,
                style="bold",
            )

"""`meldcode config`: shows and changes the user's settings (sector, the organisation's contacts)."""

# No `from __future__ import annotations`: typer reads these signatures on every start, and
# annotations that are objects already need no evaluating (half the time it takes to build a command).
import json
import sys
from typing import Annotated

import typer

from meldcode_cli.base import json_format
from meldcode_cli.base.i18n import Msg
from meldcode_cli.cli.exits import user_errors
from meldcode_cli.cli.options import JsonOption, LangOption, command_group, h
from meldcode_cli.output import context

NOT_SET = Msg("(niet ingesteld)", "(not set)")
DEFAULT = Msg("(standaard)", "(default)")

group = command_group()


@group.command(
    help=h(
        "Toon of wijzig uw instellingen: uw sector, en de aandachtsfunctionaris, Veilig Thuis in uw regio, het "
        "wijkteam en de politie (geen spoed) van uw organisatie. Zonder SLEUTEL: alle instellingen.",
        "Show or change your settings: your sector, and your organisation's meldcode officer, regional Veilig "
        "Thuis, neighbourhood team and police (non-emergency). Without KEY: every setting.",
    )
)
def config(
    key: Annotated[
        str | None,
        typer.Argument(
            metavar=h("SLEUTEL", "KEY"),
            help=h(
                "Bijvoorbeeld sector of aandachtsfunctionaris.telefoon.",
                "For example sector or aandachtsfunctionaris.telefoon.",
            ),
        ),
    ] = None,
    value: Annotated[
        str | None,
        typer.Argument(
            metavar=h("WAARDE", "VALUE"),
            help=h(
                "De nieuwe waarde; zonder WAARDE wordt de huidige getoond.",
                "The new value; without VALUE the current one is shown.",
            ),
        ),
    ] = None,
    unset: Annotated[bool, typer.Option("--unset", help=h("Haal de instelling weg.", "Remove the setting."))] = False,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    with user_errors(lang, as_json):
        language = context.lang()
        from meldcode_cli.base.errors import MeldcodeError
        from meldcode_cli.sessions import settings

        if unset and (key is None or value is not None):
            raise MeldcodeError(
                "usage", Msg("Gebruik: meldcode config --unset SLEUTEL", "Usage: meldcode config --unset KEY")
            )
        if key is not None and (value is not None or unset):
            changed = _change(key, None if unset else value)
            if as_json:
                _print_json(changed)
            else:
                shown = (
                    Msg(f"{key} is weggehaald.", f"{key} was removed.")
                    if unset
                    else Msg(f"{key} is ingesteld op: {changed[key]}", f"{key} is set to: {changed[key]}")
                )
                typer.echo(shown.get(language))
            return
        current = settings.load()
        if key is not None:
            shown_value = settings.value_of(current, settings.setting(key).key)
            if as_json:
                _print_json({key: shown_value} if shown_value else {})
            else:
                typer.echo(shown_value or NOT_SET.get(language))
            return
        if as_json:
            _print_json(current)
            return
        _show_all(current)


def _change(key: str, value: str | None) -> dict[str, str]:
    from meldcode_cli.sessions import settings

    if value is None:
        return settings.save({settings.setting(key).key: None})
    known = None
    if key == "sector":
        from meldcode_cli.flow.catalog import builtin_paths

        known = list(builtin_paths())
    return settings.save({key: settings.checked(key, value, known)})


def _print_json(values: dict[str, str]) -> None:
    from meldcode_cli.sessions import settings

    payload = {"format": json_format.CONFIG, "file": str(settings.config_path()), "settings": values}
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _show_all(current: dict[str, str]) -> None:
    lang = context.lang()
    from meldcode_cli.sessions import settings

    typer.echo(
        Msg(f"Uw instellingen ({settings.config_path()}):", f"Your settings ({settings.config_path()}):").get(lang)
    )
    width = max(len(s.key) for s in settings.SETTINGS)
    for setting in settings.SETTINGS:
        if setting.key in current:
            shown = current[setting.key]
        elif setting.default:
            shown = f"{setting.default} {DEFAULT.get(lang)}"
        else:
            shown = NOT_SET.get(lang)
        typer.echo(f"  {setting.key.ljust(width)}  {shown}")
        typer.echo(f"  {''.ljust(width)}  {setting.label.get(lang)}")
    typer.echo("")
    typer.echo(
        Msg(
            "Wijzigen: meldcode config SLEUTEL WAARDE, bijvoorbeeld: meldcode config "
            'aandachtsfunctionaris.telefoon "030-123 45 67". Weghalen: meldcode config --unset SLEUTEL.',
            "Change: meldcode config KEY VALUE, for example: meldcode config "
            'aandachtsfunctionaris.telefoon "030-123 45 67". Remove: meldcode config --unset KEY.',
        ).get(lang)
    )

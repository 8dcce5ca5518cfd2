"""The user's settings (their sector, their organisation's contacts): where they live, checked, saved privately."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg

FILE_NAME = "config.json"
FORMAT = "meldcode.config/1"
# The police's number for matters without urgency, the same all over the Netherlands.
POLICE_DEFAULT = "0900-8844"
MAX_BYTES = 100_000


@dataclass(frozen=True)
class Setting:
    key: str
    label: Msg
    kind: str  # "sector", "name" or "phone"
    default: str = ""


SETTINGS = (
    Setting(
        "sector",
        Msg("Uw sector (de flow die 'meldcode run' gebruikt)", "Your sector (the flow 'meldcode run' uses)"),
        "sector",
    ),
    Setting("aandachtsfunctionaris.naam", Msg("Aandachtsfunctionaris: naam", "Meldcode officer: name"), "name"),
    Setting(
        "aandachtsfunctionaris.telefoon", Msg("Aandachtsfunctionaris: telefoon", "Meldcode officer: phone"), "phone"
    ),
    Setting("veilig-thuis.naam", Msg("Veilig Thuis in uw regio: naam", "Veilig Thuis in your region: name"), "name"),
    Setting(
        "veilig-thuis.telefoon",
        Msg("Veilig Thuis in uw regio: telefoon", "Veilig Thuis in your region: phone"),
        "phone",
    ),
    Setting("wijkteam.naam", Msg("Wijkteam: naam", "Neighbourhood team: name"), "name"),
    Setting("wijkteam.telefoon", Msg("Wijkteam: telefoon", "Neighbourhood team: phone"), "phone"),
    Setting(
        "politie.telefoon",
        Msg("Politie, geen spoed: telefoon", "Police, non-emergency: phone"),
        "phone",
        POLICE_DEFAULT,
    ),
)
BY_KEY = {s.key: s for s in SETTINGS}

# A phone number as people write it: digits, spaces, dashes, dots, brackets, a leading +.
_PHONE = re.compile(r"^\+?[0-9][0-9 ().-]{1,28}[0-9]$")


class SettingsError(MeldcodeError):
    pass


def config_home() -> Path:
    """MELDCODE_CONFIG_HOME if set; else, when MELDCODE_HOME is set (tests, an encrypted drive), the
    folder beside it (`<MELDCODE_HOME>-config`); else the platform's user config folder."""
    configured = os.environ.get("MELDCODE_CONFIG_HOME")
    if configured:
        return Path(configured).expanduser()
    home = os.environ.get("MELDCODE_HOME")
    if home:
        folder = Path(home).expanduser()
        return folder.with_name(folder.name + "-config")
    from platformdirs import user_config_path

    return user_config_path("meldcode", appauthor=False)


def config_path() -> Path:
    return config_home() / FILE_NAME


def load() -> dict[str, str]:
    """The settings saved so far (only known keys with usable values); {} when there is no file.
    A damaged file is an error that says where it is: it is never overwritten unasked."""
    path = config_path()
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _damaged(path)
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except OSError as exc:
        raise SettingsError(
            "config_unreadable",
            Msg(
                f"Het instellingenbestand {path} kan niet gelezen worden ({exc.strerror}).",
                f"The settings file {path} cannot be read ({exc.strerror}).",
            ),
        ) from None
    except (UnicodeDecodeError, ValueError):
        raise _damaged(path) from None
    if not isinstance(data, dict) or not isinstance(data.get("settings"), dict):
        raise _damaged(path)
    return {
        key: value
        for key, value in data["settings"].items()
        if key in BY_KEY and isinstance(value, str) and _problem(BY_KEY[key], value) is None
    }


def value_of(settings: dict[str, str], key: str) -> str:
    """A setting's value, or its default ('' for most)."""
    return settings.get(key) or BY_KEY[key].default


def checked(key: str, value: str, known_flows: list[str] | None = None) -> str:
    """The value as it will be saved, or an error that says what is wrong (never echoing the value:
    it may hold something that should not be shown again)."""
    found = setting(key)
    value = value.strip()
    if found.kind == "sector" and known_flows is not None and value not in known_flows:
        from meldcode_cli.flow.schema_errors import did_you_mean

        hint = did_you_mean(value, known_flows)
        raise SettingsError(
            "invalid_setting",
            Msg(
                f"'sector' is de id van een ingebouwde flow: {', '.join(known_flows)}.",
                f"'sector' is the id of a built-in flow: {', '.join(known_flows)}.",
            ),
            details=[hint] if hint else None,
        )
    problem = _problem(found, value)
    if problem is not None:
        raise SettingsError("invalid_setting", problem)
    return value


def save(changes: dict[str, str | None]) -> dict[str, str]:
    """Set (a value) or clear (None) settings, and write the file privately and atomically."""
    from meldcode_cli.base.private_files import private_folder, write_private

    settings = load()
    for key, value in changes.items():
        setting(key)
        if value is None:
            settings.pop(key, None)
        else:
            settings[key] = value
    folder = config_home()
    try:
        private_folder(folder)
        content = {"format": FORMAT, "settings": {s.key: settings[s.key] for s in SETTINGS if s.key in settings}}
        write_private(folder / FILE_NAME, json.dumps(content, ensure_ascii=False, indent=1) + "\n")
    except OSError as exc:
        raise SettingsError(
            "config_not_saved",
            Msg(
                f"De instellingen konden niet worden bewaard in {folder} ({exc.strerror}). Kies een andere map "
                "met MELDCODE_CONFIG_HOME.",
                f"The settings could not be saved in {folder} ({exc.strerror}). Choose another folder with "
                "MELDCODE_CONFIG_HOME.",
            ),
        ) from None
    return settings


def setting(key: str) -> Setting:
    """The setting with this key, or an error with the keys there are (and a did-you-mean)."""
    if key in BY_KEY:
        return BY_KEY[key]
    from meldcode_cli.flow.schema_errors import did_you_mean

    hint = did_you_mean(key, list(BY_KEY))
    raise SettingsError(
        "unknown_setting",
        Msg(
            f"Er is geen instelling '{key}'. Instellingen: {', '.join(BY_KEY)}.",
            f"There is no setting '{key}'. Settings: {', '.join(BY_KEY)}.",
        ),
        details=[hint] if hint else None,
    )


def _problem(setting: Setting, value: str) -> Msg | None:
    if not value:
        return Msg(
            f"'{setting.key}' mag niet leeg zijn; haal de instelling weg met --unset.",
            f"'{setting.key}' cannot be empty; remove the setting with --unset.",
        )
    if any(not ch.isprintable() for ch in value):
        return Msg(
            f"'{setting.key}' is één regel tekst, zonder tabs of stuurtekens.",
            f"'{setting.key}' is one line of text, without tabs or control characters.",
        )
    if setting.kind == "phone" and not _PHONE.match(value):
        return Msg(
            f"'{setting.key}' is geen telefoonnummer: gebruik cijfers, spaties en streepjes, "
            "bijvoorbeeld 030-123 45 67.",
            f"'{setting.key}' is not a phone number: use digits, spaces and dashes, for example 030-123 45 67.",
        )
    if setting.kind == "name" and len(value) > 80:
        return Msg(
            f"'{setting.key}' is te lang (hooguit 80 tekens).", f"'{setting.key}' is too long (at most 80 characters)."
        )
    if setting.kind == "sector" and not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", value):
        return Msg(
            "'sector' is de id van een ingebouwde flow, bijvoorbeeld sociaal-werk.",
            "'sector' is the id of a built-in flow, for example sociaal-werk.",
        )
    return None


def _damaged(path: Path) -> SettingsError:
    return SettingsError(
        "damaged_config",
        Msg(
            f"Het instellingenbestand {path} is beschadigd of met de hand gewijzigd. Het wordt niet overschreven; "
            "verwijder of herstel het, en stel opnieuw in met 'meldcode config'.",
            f"The settings file {path} is damaged or was edited by hand. It will not be overwritten; remove or "
            "repair it, and set up again with 'meldcode config'.",
        ),
    )

"""Files a command is asked to write: checked before any work, the format read from the extension.
(Asking before an existing file is replaced is output/replacing.py: it speaks to the user.)"""

from __future__ import annotations

import os
from pathlib import Path

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg

YES_WORDS = ("j", "ja", "y", "yes")


def check_writable(path: Path) -> None:
    """Refuse a path that cannot take a file, before the user puts any work into it."""
    if path.is_dir():
        raise MeldcodeError(
            "is_a_folder", Msg(f"{path} is een map; geef een bestandsnaam.", f"{path} is a folder; give a file name.")
        )
    folder = path.parent
    if not folder.is_dir():
        raise MeldcodeError(
            "no_folder",
            Msg(
                f"De map {folder} bestaat niet. Maak hem eerst (mkdir {folder}) of kies een andere plek.",
                f"The folder {folder} does not exist. Create it first (mkdir {folder}) or choose another place.",
            ),
        )
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise MeldcodeError(
            "cannot_write",
            Msg(
                f"In {folder} mag u niet schrijven; kies een andere plek.",
                f"You may not write in {folder}; choose another place.",
            ),
        )


def format_from_suffix(path: Path, formats: dict[str, str], option: str = "--format") -> str:
    """The format a file name asks for (verslag.html → html); an unknown extension is refused."""
    try:
        return formats[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(formats))
        raise MeldcodeError(
            "unknown_extension",
            Msg(
                f"Aan de extensie van {path.name} is het formaat niet te zien. Gebruik een van {known}, of kies het "
                f"formaat met {option}.",
                f"The extension of {path.name} does not tell the format. Use one of {known}, or choose the format "
                f"with {option}.",
            ),
        ) from None

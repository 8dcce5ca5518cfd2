"""The errors of the session store, in both languages: damaged files, foreign folders, locks, failed saves."""

from __future__ import annotations

from pathlib import Path

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg

NOT_REGULAR = Msg("geen gewoon bestand (een koppeling of iets anders)", "not a regular file (a link or something else)")
DAMAGED = Msg("beschadigd", "damaged")


class SessionError(MeldcodeError):
    pass


def damaged(path: Path, detail: Msg | str) -> SessionError:
    """The message for a damaged session file; `detail` in both languages, or a str that has only one
    (a system's or a library's own words)."""
    said = detail if isinstance(detail, Msg) else Msg(detail, detail)
    return SessionError(
        "damaged_session",
        Msg(
            f"Het sessiebestand {path} is beschadigd of met de hand gewijzigd ({said.nl}). Het wordt niet "
            "overschreven; maak er een kopie van en vraag hulp als u de gegevens nodig heeft.",
            f"The session file {path} is damaged or was edited by hand ({said.en}). It will not be "
            "overwritten; keep a copy and ask for help if you need its contents.",
        ),
    )


def not_regular(path: Path) -> SessionError:
    return SessionError(
        "not_regular",
        Msg(
            f"{path} is {NOT_REGULAR.nl}; meldcode opent in de map {path.parent} alleen eigen bestanden. "
            "Verwijder het en probeer het opnieuw.",
            f"{path} is {NOT_REGULAR.en}; meldcode opens only its own files in the folder {path.parent}. "
            "Remove it and try again.",
        ),
    )


def unusable_folder(folder: Path, exc: OSError) -> SessionError:
    return SessionError(
        "data_folder",
        Msg(
            f"De map {folder} kan niet worden gemaakt of gebruikt ({exc.strerror}). Kies een "
            "andere map met MELDCODE_HOME.",
            f"The folder {folder} cannot be created or used ({exc.strerror}). Choose another "
            "folder with MELDCODE_HOME.",
        ),
    )


def foreign_folder(folder: Path) -> SessionError:
    return SessionError(
        "foreign_folder",
        Msg(
            f"De map {folder} is een koppeling naar een andere plek, of niet van u. meldcode "
            "bewaart sessies alleen in een eigen map; verwijder de koppeling of kies een andere map "
            "met MELDCODE_HOME.",
            f"The folder {folder} is a link to another place, or not yours. meldcode keeps "
            "sessions only in a folder of its own; remove the link or choose another folder with "
            "MELDCODE_HOME.",
        ),
    )


def locked(session_id: str, holder: str) -> SessionError:
    return SessionError(
        "session_locked",
        Msg(
            f"De sessie {session_id} is al geopend in een ander venster (proces {holder}). "
            "Ga daar verder, of sluit dat eerst.",
            f"The session {session_id} is already open in another window (process {holder}). "
            "Continue there, or close it first.",
        ),
        data={"session": session_id},
    )


def unknown_session(session_id: str) -> SessionError:
    return SessionError(
        "unknown_session", Msg(f"Er is geen sessie '{session_id}'.", f"There is no session '{session_id}'.")
    )


def save_failed(exc: OSError) -> SessionError:
    return SessionError(
        "save_failed",
        Msg(
            f"De sessie kon niet worden bewaard ({exc.strerror}). Het laatst bewaarde antwoord staat "
            "nog in het bestand; los het probleem op en ga verder met 'meldcode resume'.",
            f"The session could not be saved ({exc.strerror}). The last saved answer is still in the "
            "file; fix the problem and continue with 'meldcode resume'.",
        ),
    )


def changed_on_disk(path: Path, new_id: str, old_id: str) -> SessionError:
    return SessionError(
        "changed_on_disk",
        Msg(
            f"Het sessiebestand {path} is buiten meldcode om gewijzigd of vervangen; het wordt niet "
            f"overschreven. Uw antwoorden zijn bewaard als nieuwe sessie {new_id}. Ga daarmee verder: "
            f"meldcode resume {new_id}",
            f"The session file {path} was changed or replaced outside meldcode; it will not be "
            f"overwritten. Your answers are saved as a new session {new_id}. Continue with it: "
            f"meldcode resume {new_id}",
        ),
        data={"session": new_id, "replaced": old_id},
    )


def newer_session(session_id: str, found: object) -> SessionError:
    return SessionError(
        "newer_session",
        Msg(
            f"De sessie {session_id} is gemaakt met een andere versie van meldcode "
            f"(formaat {found!r}). Werk meldcode bij om hem te openen.",
            f"The session {session_id} was made by another version of meldcode "
            f"(format {found!r}). Update meldcode to open it.",
        ),
    )

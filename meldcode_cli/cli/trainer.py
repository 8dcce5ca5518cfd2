"""The trainer's commands: list cases, run or grade an exercise, print a handout, build a class report."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import replace
from pathlib import Path

from meldcode_cli.base.errors import FileProblems, MeldcodeError
from meldcode_cli.base.i18n import Msg
from meldcode_cli.output import context, training_export, training_render
from meldcode_cli.training.case_model import LoadedCase
from meldcode_cli.training.cases import builtin_case_paths, case_paths, cases_dir, load_case
from meldcode_cli.tui.conversation import make_console

FEEDBACK_MODES = ("direct", "end")
HANDOUT_FORMATS = ("md", "html")
REPORT_FORMATS = ("md", "csv", "html")
SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".csv": "csv", ".html": "html", ".htm": "html"}


class UsageError(MeldcodeError):
    """Options that do not go together, or a value that is not one of the choices: exit code 2."""

    exit_code = 2


def choice(option: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is None or value in allowed:
        return value
    raise UsageError(
        "usage",
        Msg(
            f"{option} '{value}' bestaat niet; kies uit {', '.join(allowed)}.",
            f"{option} '{value}' does not exist; choose from {', '.join(allowed)}.",
        ),
    )


def _refuse(nl: str, en: str) -> UsageError:
    return UsageError("usage", Msg(nl, en))


# ---------------------------------------------------------------------------------------------
# meldcode cases


def list_cases(folder: Path | None, hide_answers: bool = False) -> None:
    """The cases (built in, or in a folder) as a table; a case that does not load is reported and
    makes the exit code 1, the others are still listed."""
    if folder is not None and not folder.is_dir():
        raise MeldcodeError(
            "not_a_folder", Msg(f"{folder} is geen map met casussen.", f"{folder} is not a folder of cases.")
        )
    paths = case_paths(folder) if folder is not None else builtin_case_paths()
    loaded: list[LoadedCase] = []
    broken: list[FileProblems | MeldcodeError] = []
    for path in paths.values():
        try:
            loaded.append(load_case(path))
        except MeldcodeError as exc:
            broken.append(exc)
    if not loaded and not broken:
        raise MeldcodeError(
            "no_cases",
            Msg(
                f"In {folder or cases_dir()} staan geen casussen (.yaml).",
                f"There are no cases (.yaml) in {folder or cases_dir()}.",
            ),
        )
    make_console().print(training_render.cases_table(loaded, hide_answers))
    if not broken:  # remembered only when every case checked out
        from meldcode_cli.flow.loader import loaded_files
        from meldcode_cli.training import case_listing

        case_listing.remember(
            folder if folder is not None else cases_dir(),
            [case_listing.row_of(case) for case in loaded],
            loaded_files(),
        )
    if broken:
        raise MeldcodeError(
            "invalid_case",
            Msg("Deze casussen kunnen niet geladen worden:", "These cases cannot be loaded:"),
            details=[Msg(_indented(b.text("nl")), _indented(b.text("en"))) for b in broken],
        )


def _indented(text: str) -> str:
    # Each detail line is indented once by MeldcodeError.text; nested lines get one level more.
    return text.replace("\n", "\n  ")


# ---------------------------------------------------------------------------------------------
# meldcode exercise


def exercise(
    case_ref: str,
    *,
    feedback: str,
    answers: Path | None,
    as_json: bool,
    handout: str | None,
    with_answers: bool,
    output: Path | None,
    save: Path | None,
    name: str | None,
) -> None:
    feedback = choice("--feedback", feedback, FEEDBACK_MODES) or "direct"
    handout = choice("--handout", handout, HANDOUT_FORMATS)
    _check_exercise_options(answers, as_json, handout, with_answers, output, save)
    if save is not None:
        from meldcode_cli.base.target_files import check_writable

        check_writable(save)  # before the first question: an exercise's work is never lost at the end
    loaded = load_case(case_ref)
    if handout is not None:
        write_or_print(training_export.handout(loaded, handout, with_answers), output)
        return
    if answers is not None:
        from meldcode_cli.output.results import grade_result
        from meldcode_cli.training.grading import grade_file

        result = grade_file(answers, loaded)
        if as_json:
            sys.stdout.write(json.dumps(grade_result(result), ensure_ascii=False, indent=2) + "\n")
        else:
            make_console().print(training_render.result_view(result, with_feedback=True))
        return
    _exercise_at_terminal(loaded, feedback, save, name)


def _check_exercise_options(
    answers: Path | None, as_json: bool, handout: str | None, with_answers: bool, output: Path | None, save: Path | None
) -> None:
    if as_json and answers is None:
        raise _refuse(
            "--json gaat alleen samen met --answers BESTAND: het beoordeelt dat bestand zonder vragen.",
            "--json only goes with --answers FILE: it grades that file without asking anything.",
        )
    if handout is not None and (answers is not None or save is not None):
        raise _refuse(
            "--handout maakt lesmateriaal; het gaat niet samen met --answers of --save.",
            "--handout makes class material; it does not go with --answers or --save.",
        )
    if with_answers and handout is None:
        raise _refuse("--with-answers hoort bij --handout md|html.", "--with-answers belongs with --handout md|html.")
    if output is not None and handout is None:
        raise _refuse(
            "-o/--output hoort bij --handout; bewaar de antwoorden van een oefening met --save BESTAND.",
            "-o/--output belongs with --handout; keep an exercise's answers with --save FILE.",
        )
    if save is not None and answers is not None:
        raise _refuse(
            "--save bewaart de antwoorden van een oefening in de terminal; met --answers is er niets nieuws "
            "te bewaren.",
            "--save keeps the answers of an exercise at the terminal; with --answers there is nothing new to keep.",
        )


def _exercise_at_terminal(loaded: LoadedCase, feedback: str, save: Path | None, name: str | None) -> None:
    # Reused from `run`: the same terminal check, plain mode and prompts as a real walkthrough.
    lang = context.lang()
    from meldcode_cli.tui.conversation import Conversation, terminal_available

    if not terminal_available(sys.stdout):
        raise MeldcodeError(
            "no_terminal",
            Msg(
                f"meldcode exercise heeft een terminal nodig om de vragen te stellen. Zonder terminal: beoordeel een "
                f"antwoordenbestand met 'meldcode exercise {loaded.id} --answers BESTAND', of maak lesmateriaal met "
                f"'--handout md'.",
                f"meldcode exercise needs a terminal to ask the questions. Without one: grade an answers file with "
                f"'meldcode exercise {loaded.id} --answers FILE', or make class material with '--handout md'.",
            ),
        )
    from meldcode_cli.output.results import grade_result
    from meldcode_cli.tui.exercise import run_exercise

    conversation = Conversation(sys.stdout, separate_stream=False)
    result = run_exercise(loaded, conversation, feedback, name)
    if save is not None:
        write_file(save, json.dumps(grade_result(result), ensure_ascii=False, indent=2) + "\n")
        conversation.console.print(
            Msg(f"Uw antwoorden staan in {save}.", f"Your answers are in {save}.").get(lang),
            markup=False,
            highlight=False,
        )


# ---------------------------------------------------------------------------------------------
# meldcode class-report


def class_report(case_ref: str, folder: Path, fmt: str | None, output: Path | None, separator: str = ";") -> None:
    fmt = choice("--format", fmt, REPORT_FORMATS)
    separator = choice("--separator", separator, (";", ",")) or ";"
    if fmt is None and output is not None:
        fmt = SUFFIX_FORMATS.get(output.suffix.lower(), "text")
    from meldcode_cli.training.class_report import build

    report = build(load_case(case_ref), folder)
    if fmt in REPORT_FORMATS:
        text = training_export.class_report(report, fmt, separator)
        if fmt == "csv" and output is not None:
            text = "\ufeff" + text  # the byte-order mark tells a spreadsheet the file is UTF-8 ("cliënt")
        write_or_print(text, output)
    elif output is not None:  # the screen view as plain text, for a file
        buffer = io.StringIO()
        # The screen's table as plain text of a fixed width: a file has no terminal to fit.
        with context.using(replace(context.current(), plain=True, color=False, width=100)):
            make_console(buffer).print(training_render.class_report_view(report))
        write_or_print(buffer.getvalue(), output)
    else:
        make_console().print(training_render.class_report_view(report))


# ---------------------------------------------------------------------------------------------
# Writing what a trainer shares


def write_or_print(text: str, output: Path | None) -> None:
    lang = context.lang()
    if output is None:
        sys.stdout.write(text)
        return
    write_file(output, text)
    sys.stderr.write(Msg(f"Geschreven naar {output}.", f"Written to {output}.").get(lang) + "\n")


def write_file(path: Path, text: str) -> None:
    """Atomically and readable by the user alone: class results name learners."""
    from meldcode_cli.base.private_files import write_private

    if path.is_dir():
        raise MeldcodeError(
            "is_a_folder", Msg(f"{path} is een map; geef een bestandsnaam.", f"{path} is a folder; give a file name.")
        )
    if not path.parent.is_dir():
        raise MeldcodeError(
            "no_folder", Msg(f"De map {path.parent} bestaat niet.", f"The folder {path.parent} does not exist.")
        )
    try:
        write_private(path, text)
    except OSError as exc:
        raise MeldcodeError(
            "cannot_write",
            Msg(
                f"{path} kan niet geschreven worden ({exc.strerror or exc}).",
                f"{path} cannot be written ({exc.strerror or exc}).",
            ),
        ) from None

"""The terminal prompts (the only module that imports questionary): ask a node, get an answer, BACK or HELP."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from typing import Any, TextIO

import questionary
from prompt_toolkit.application import run_in_terminal
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.output import create_output
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl

from meldcode_cli.flow.model import MultipleNode, SingleNode, TextNode, YesNoNode
from meldcode_cli.output import context
from meldcode_cli.output.context import Lang
from meldcode_cli.tui import quiet_gc
from meldcode_cli.tui.prompt_texts import (
    BACK,
    BACK_KEY,
    CONTINUE,
    HELP,
    HELP_KEY,
    T,
    parse_date,
    signal_or_text,
)

__all__ = ["BACK", "CONTINUE", "HELP", "Prompter", "fit"]

# Shows the explanation of the question being asked, above the prompt, without leaving it.
Explain = Callable[[], None]


def fit(message: str, instruction: str, columns: int) -> tuple[str, str]:
    """The question and its instruction broken between words to fit the terminal (prompt_toolkit
    would break them at the last column, mid-word); the instruction moves to a line of its own when
    it does not fit behind the question."""
    width = max(columns - 1, 20)
    lines: list[str] = []
    for paragraph in message.split("\n"):
        lines += textwrap.wrap(paragraph, width - 2, break_on_hyphens=False) or [""]
    text = "\n  ".join(lines)
    if not instruction or 2 + len(lines[-1]) + 2 + len(instruction) <= width:
        return text, instruction
    return text, "\n  " + "\n  ".join(textwrap.wrap(instruction, width - 2, break_on_hyphens=False))


class Prompter:
    """Asks one node at a time at the terminal, in the user's language."""

    plain = False

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        # In --json mode the prompts go to stderr so that stdout holds only the JSON.
        self.output = create_output(stdout=stream) if stream is not None else None

    @property
    def lang(self) -> Lang:
        return context.lang()

    def _t(self, key: str, **values: Any) -> str:
        return T[key].format(**values).get(self.lang) if values else T[key].get(self.lang)

    def _fit(self, message: str, instruction: str) -> tuple[str, str]:
        try:
            columns = os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            columns = 80
        return fit(message, instruction, columns)

    def _common(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"erase_when_done": True, "qmark": "?"}
        if self.output is not None:
            kwargs["output"] = self.output
        return kwargs

    def ask(self, node: Any, default: Any = None, *, can_go_back: bool = True, explain: Explain | None = None) -> Any:
        """The answer in stored form, or BACK or HELP. Ctrl-C raises KeyboardInterrupt. With `explain`,
        '?' in a list shows the explanation above the prompt and the cursor and ticks stay put."""
        text = node.text.get(self.lang)
        if getattr(node, "why", None) is not None:  # the short "why" line stands under the question
            text += "\n" + node.why.get(self.lang)
        if isinstance(node, YesNoNode):
            choices = [Choice(self._t("yes"), True), Choice(self._t("no"), False)]
            return self._select(text, choices, default, can_go_back, explain)
        if isinstance(node, SingleNode):
            choices = [Choice(o.label.get(self.lang), o.id) for o in node.options]
            return self._select(text, choices, default, can_go_back, explain)
        if isinstance(node, MultipleNode):
            return self._checkbox(node, text, default or [], explain)
        if isinstance(node, TextNode):
            return self._text(node, text, default or "")
        raise TypeError(f"not a question: {node.id}")

    def ask_note(self, default: str = "") -> Any:
        """An optional note with the reasoning behind the answer just given; or BACK or HELP."""
        message, instruction = self._fit(self._t("note"), self._t("note_instruction"))
        return signal_or_text(
            _ask(
                _multiline(
                    questionary.text(
                        message, default=default, instruction=instruction, enable_open_in_editor=True, **self._common()
                    )
                )
            )
        )

    def ask_reference(self, console: Any) -> str:
        """A case reference; a reference that looks like a name, BSN or birth date is questioned."""
        from meldcode_cli.sessions import reference as case_reference

        def acceptable(value: str) -> bool | str:
            problem = case_reference.problem(value)
            return problem.get(self.lang) if problem else True

        while True:
            message, instruction = self._fit(self._t("reference"), self._t("reference_instruction"))
            reference: str = _ask(
                questionary.text(message, validate=acceptable, instruction=instruction, **self._common())
            ).strip()
            warnings = case_reference.warnings(reference)
            if not warnings:
                return reference
            # The warnings are part of the question, so they go when it is answered.
            question = "\n".join(w.get(self.lang) for w in warnings) + "\n" + self._t("use_anyway")
            message, instruction = self._fit(question, self._t("choose"))
            choices = [Choice(self._t("no"), False), Choice(self._t("yes"), True)]
            if _ask(questionary.select(message, choices=choices, instruction=instruction, **self._common())):
                return reference

    def ask_passphrase(self, confirm: bool = False) -> str:
        """A passphrase; each typed character shows as '*'. A new one is asked twice. A rejected
        passphrase is not left in the field: the question is asked afresh, with the reason."""
        reason = ""
        while True:
            message, instruction = self._fit(reason + self._t("passphrase"), self._t("passphrase_instruction"))
            first: str = _ask(questionary.password(message, instruction=instruction, **self._common()))
            if confirm and len(first) < 8:
                reason = self._t("passphrase_short") + "\n"
                continue
            if not confirm:
                return first
            message, instruction = self._fit(self._t("passphrase_again"), self._t("passphrase_instruction"))
            again = _ask(questionary.password(message, instruction=instruction, **self._common()))
            if again == first:
                return first
            reason = self._t("passphrase_differs") + "\n"

    def ask_follow_up_date(self, node: Any, default: date) -> date:
        """The date to weigh a question again (question 5: does the help bring lasting safety?)."""

        def valid(value: str) -> bool | str:
            parsed = parse_date(value)
            if parsed is None:
                return self._t("bad_date")
            return True if parsed >= date.today() else self._t("past_date")

        message, instruction = self._fit(
            self._t("follow_up", question=node.text.get(self.lang)), self._t("date_instruction")
        )
        value = _ask(
            questionary.text(
                message, default=default.isoformat(), validate=valid, instruction=instruction, **self._common()
            )
        )
        parsed = parse_date(value)
        assert parsed is not None
        return parsed

    def pause(self, can_go_back: bool = True) -> Any:
        """After an information screen: CONTINUE or BACK."""
        choices = [Choice(self._t("continue"), CONTINUE)]
        if can_go_back:
            choices.append(Choice(self._t("back"), BACK))
        return _ask(questionary.select("", choices=choices, instruction=self._t("choose"), **self._common()))

    def choose(self, question: str, choices: list[tuple[Any, str]], default: Any = None) -> Any:
        """One of a few values, for questions of the tool itself (which session, which question)."""
        message, instruction = self._fit(question, self._t("choose"))
        return _ask(
            questionary.select(
                message,
                choices=[Choice(label, value) for value, label in choices],
                default=default,
                instruction=instruction,
                **self._common(),
            )
        )

    def _select(
        self, text: str, choices: list[Choice], default: Any, can_go_back: bool, explain: Explain | None
    ) -> Any:
        values = [c.value for c in choices]
        extra: list[Any] = [Separator(" "), Choice(self._t("help"), HELP)]
        if can_go_back:
            extra.append(Choice(self._t("back"), BACK))
        message, instruction = self._fit(text, self._t("choose"))
        question = questionary.select(
            message,
            choices=choices + extra,
            default=default if default in values and default is not None else None,
            instruction=instruction,
            **self._common(),
        )
        return _ask(_with_keys(question, explain))

    def _checkbox(self, node: MultipleNode, text: str, default: list[str], explain: Explain | None) -> Any:
        choices = [Choice(o.label.get(self.lang), o.id, checked=o.id in default) for o in node.options]

        def enough(selected: list[str]) -> bool | str:
            if len(selected) >= node.min_selected:
                return True
            return self._t("too_few", n=node.min_selected)

        message, instruction = self._fit(text, self._t("tick"))
        question = questionary.checkbox(
            message, choices=choices, validate=enough, instruction=instruction, **self._common()
        )
        return _ask(_with_keys(question, explain))

    def _text(self, node: TextNode, text: str, default: str) -> Any:
        def fits(value: str) -> bool | str:
            stripped = value.strip()
            if stripped in (HELP_KEY, BACK_KEY):
                return True
            if node.required and not stripped:
                return self._t("required")
            if len(stripped) > node.max_length:
                return self._t("too_long", n=node.max_length)
            return True

        message, instruction = self._fit(text, self._t("type_required" if node.required else "type"))
        # Ctrl-X Ctrl-E opens $VISUAL or $EDITOR on a private temporary file (0600, removed afterwards).
        question = questionary.text(
            message,
            default=default,
            validate=fits,
            instruction=instruction,
            enable_open_in_editor=True,
            **self._common(),
        )
        return signal_or_text(_ask(_multiline(question)))


def _ask(question: Any) -> Any:
    """Ask a question; a SIGINT from outside (`kill -INT`) stops it like Ctrl-C does.

    prompt_toolkit turns SIGINT into a <sigint> key, which questionary's list prompts do not bind:
    without this the signal would be swallowed while a list is on screen."""
    keys = KeyBindings()

    @keys.add(Keys.SIGINT)
    def _interrupt(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys
    quiet_gc.before_prompt()
    quiet_gc.collect_while_read(app)
    return question.unsafe_ask()


def _multiline(question: Any) -> Any:
    """Alt+Enter (or Esc, then Enter) starts a new line in a text answer; Enter still finishes it.
    Pasted text keeps its lines (bracketed paste) and never spills into the next question; Ctrl-X
    Ctrl-E writes the answer in the user's own editor."""
    keys = KeyBindings()

    @keys.add(Keys.Escape, Keys.Enter)
    def _new_line(event: Any) -> None:
        event.current_buffer.insert_text("\n")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, keys])
    return question


def _with_keys(question: Any, explain: Explain | None) -> Any:
    """Add '?' for help and '<' for back to a list prompt. With `explain`, help is shown above the
    list (also for the help line chosen with Enter) and the list stays as it was."""
    keys = KeyBindings()

    @keys.add(HELP_KEY, eager=True)
    def _help(event: Any) -> None:
        if explain is None:
            event.app.exit(result=HELP)
        else:
            run_in_terminal(explain)

    @keys.add(BACK_KEY, eager=True)
    def _back(event: Any) -> None:
        event.app.exit(result=BACK)

    app = question.application
    control = next((c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl)), None)
    if explain is not None and control is not None:
        on_help_line = Condition(lambda: _pointed_value(control) is HELP)

        @keys.add(Keys.Enter, eager=True, filter=on_help_line)
        def _help_line(event: Any) -> None:
            run_in_terminal(explain)

    app.key_bindings = merge_key_bindings([app.key_bindings, keys])
    return question


def _pointed_value(control: InquirerControl) -> Any:
    pointed = control.get_pointed_at()
    return getattr(pointed, "value", None)

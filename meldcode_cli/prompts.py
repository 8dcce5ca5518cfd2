"""The terminal prompts (the only module that imports questionary): ask a node, get an answer, BACK or HELP."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any, TextIO

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.output import create_output
from questionary import Choice, Separator

from meldcode_cli.model import MultipleNode, SingleNode, TextNode, YesNoNode
from meldcode_cli.prompt_texts import (
    BACK,
    BACK_KEY,
    CONTINUE,
    HELP,
    HELP_KEY,
    T,
    parse_date,
    signal_or_text,
)

__all__ = ["BACK", "CONTINUE", "HELP", "Prompter"]


class Prompter:
    """Asks one node at a time at the terminal, in the user's language."""

    plain = False

    def __init__(self, lang: str, stream: TextIO | None = None) -> None:
        self.lang = lang
        self.stream = stream or sys.stdout
        # In --json mode the prompts go to stderr so that stdout holds only the JSON.
        self.output = create_output(stdout=stream) if stream is not None else None

    def _t(self, key: str, **values: Any) -> str:
        return T[key].format(**values).get(self.lang) if values else T[key].get(self.lang)

    def _common(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"erase_when_done": True, "qmark": "?"}
        if self.output is not None:
            kwargs["output"] = self.output
        return kwargs

    def ask(self, node: Any, default: Any = None, *, can_go_back: bool = True) -> Any:
        """The answer in stored form, or BACK or HELP. Ctrl-C raises KeyboardInterrupt."""
        text = node.text.get(self.lang)
        if isinstance(node, YesNoNode):
            choices = [Choice(self._t("yes"), True), Choice(self._t("no"), False)]
            return self._select(text, choices, default, can_go_back)
        if isinstance(node, SingleNode):
            choices = [Choice(o.label.get(self.lang), o.id) for o in node.options]
            return self._select(text, choices, default, can_go_back)
        if isinstance(node, MultipleNode):
            return self._checkbox(node, text, default or [])
        if isinstance(node, TextNode):
            return self._text(node, text, default or "")
        raise TypeError(f"not a question: {node.id}")

    def ask_note(self, default: str = "") -> Any:
        """An optional note with the reasoning behind the answer just given; or BACK or HELP."""
        value = questionary.text(self._t("note"), default=default, instruction=self._t("note_instruction"),
                                 **self._common()).unsafe_ask()
        return signal_or_text(value)

    def ask_reference(self, console: Any) -> str:
        """A case reference; a reference that looks like a name, BSN or birth date is questioned."""
        from meldcode_cli import case_reference

        def acceptable(value: str) -> bool | str:
            problem = case_reference.problem(value)
            return problem.get(self.lang) if problem else True

        while True:
            reference = questionary.text(self._t("reference"), validate=acceptable,
                                         instruction=self._t("reference_instruction"),
                                         **self._common()).unsafe_ask().strip()
            warnings = case_reference.warnings(reference)
            if not warnings:
                return reference
            for warning in warnings:
                console.print(f"[yellow]{warning.get(self.lang)}[/]", highlight=False)
            choices = [Choice(self._t("no"), False), Choice(self._t("yes"), True)]
            if questionary.select(self._t("use_anyway"), choices=choices, instruction=self._t("choose"),
                                  **self._common()).unsafe_ask():
                return reference

    def ask_passphrase(self, confirm: bool = False) -> str:
        """A passphrase, typed unseen; a new one is asked twice."""
        def long_enough(value: str) -> bool | str:
            return True if len(value) >= 8 or not confirm else self._t("passphrase_short")

        while True:
            first = questionary.password(self._t("passphrase"), validate=long_enough,
                                         instruction=self._t("passphrase_instruction"),
                                         **self._common()).unsafe_ask()
            if not confirm:
                return first
            again = questionary.password(self._t("passphrase_again"), instruction=self._t("passphrase_instruction"),
                                         **self._common()).unsafe_ask()
            if again == first:
                return first
            print(self._t("passphrase_differs"), file=self.stream)

    def ask_follow_up_date(self, node: Any, default: date) -> date:
        """The date to weigh a question again (question 5: does the help bring lasting safety?)."""
        def valid(value: str) -> bool | str:
            parsed = parse_date(value)
            if parsed is None:
                return self._t("bad_date")
            return True if parsed >= date.today() else self._t("past_date")

        value = questionary.text(self._t("follow_up", question=node.text.get(self.lang)),
                                 default=default.isoformat(), validate=valid,
                                 instruction=self._t("date_instruction"), **self._common()).unsafe_ask()
        parsed = parse_date(value)
        assert parsed is not None
        return parsed

    def pause(self, can_go_back: bool = True) -> Any:
        """After an information screen: CONTINUE or BACK."""
        choices = [Choice(self._t("continue"), CONTINUE)]
        if can_go_back:
            choices.append(Choice(self._t("back"), BACK))
        return questionary.select("", choices=choices, instruction=self._t("choose"),
                                  **self._common()).unsafe_ask()

    def _select(self, text: str, choices: list[Choice], default: Any, can_go_back: bool) -> Any:
        values = [c.value for c in choices]
        extra: list[Any] = [Separator(" "), Choice(self._t("help"), HELP)]
        if can_go_back:
            extra.append(Choice(self._t("back"), BACK))
        question = questionary.select(
            text, choices=choices + extra,
            default=default if default in values and default is not None else None,
            instruction=self._t("choose"), **self._common())
        return _with_keys(question).unsafe_ask()

    def _checkbox(self, node: MultipleNode, text: str, default: list[str]) -> Any:
        choices = [Choice(o.label.get(self.lang), o.id, checked=o.id in default) for o in node.options]

        def enough(selected: list[str]) -> bool | str:
            if len(selected) >= node.min_selected:
                return True
            return self._t("too_few", n=node.min_selected)

        question = questionary.checkbox(text, choices=choices, validate=enough,
                                        instruction=self._t("tick"), **self._common())
        return _with_keys(question).unsafe_ask()

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

        instruction = self._t("type_required" if node.required else "type")
        value = questionary.text(text, default=default, validate=fits, instruction=instruction,
                                 **self._common()).unsafe_ask()
        return signal_or_text(value)


def _with_keys(question: Any) -> Any:
    """Add '?' for help and '<' for back to a list prompt."""
    keys = KeyBindings()

    @keys.add(HELP_KEY, eager=True)
    def _help(event: Any) -> None:
        event.app.exit(result=HELP)

    @keys.add(BACK_KEY, eager=True)
    def _back(event: Any) -> None:
        event.app.exit(result=BACK)

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, keys])
    return question

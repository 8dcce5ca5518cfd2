"""The terminal prompts (the only module that imports questionary): ask a node, get an answer, BACK or HELP."""

from __future__ import annotations

from typing import Any, TextIO

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.output import create_output
from questionary import Choice, Separator

from meldcode_cli.i18n import Msg
from meldcode_cli.model import MultipleNode, SingleNode, TextNode, YesNoNode


class _Signal:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


BACK = _Signal("BACK")
HELP = _Signal("HELP")
CONTINUE = _Signal("CONTINUE")

# Typed alone at a text prompt (or pressed in a checkbox list), these ask for help or go back.
HELP_KEY = "?"
BACK_KEY = "<"

T = {
    "choose": Msg("(pijltjes en Enter)", "(arrow keys and Enter)"),
    "tick": Msg("(pijltjes, spatie = aanvinken, Enter = klaar, ? = uitleg, < = vorige vraag)",
                "(arrow keys, space = tick, Enter = done, ? = explanation, < = previous question)"),
    "type": Msg("(typ en Enter; leeg laten mag · ? = uitleg · < = vorige vraag)",
                "(type and press Enter; may be left empty · ? = explanation · < = previous question)"),
    "type_required": Msg("(typ en Enter · ? = uitleg · < = vorige vraag)",
                         "(type and press Enter · ? = explanation · < = previous question)"),
    "help": Msg("? Uitleg bij deze vraag", "? Explanation of this question"),
    "back": Msg("< Terug naar de vorige vraag", "< Back to the previous question"),
    "continue": Msg("Verder", "Continue"),
    "yes": Msg("Ja", "Yes"),
    "no": Msg("Nee", "No"),
    "too_few": Msg("Kies minstens {n}.", "Choose at least {n}."),
    "required": Msg("Vul hier iets in (of typ ? voor uitleg).", "Please type something (or ? for help)."),
    "too_long": Msg("Te lang: hooguit {n} tekens.", "Too long: at most {n} characters."),
}


class Prompter:
    """Asks one node at a time at the terminal, in the user's language."""

    def __init__(self, lang: str, stream: TextIO | None = None) -> None:
        self.lang = lang
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
        stripped = value.strip()
        if stripped == HELP_KEY:
            return HELP
        if stripped == BACK_KEY:
            return BACK
        return stripped


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

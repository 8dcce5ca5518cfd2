"""Plain prompts: numbered choices and typed lines, for screen readers, dumb terminals and --plain."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any, TextIO

from meldcode_cli.base.i18n import Msg
from meldcode_cli.flow.model import MultipleNode, SingleNode, TextNode, YesNoNode
from meldcode_cli.output import context
from meldcode_cli.output.context import Lang
from meldcode_cli.tui.prompt_texts import BACK, BACK_KEY, CONTINUE, HELP, HELP_KEY, T, parse_date, signal_or_text

P = {
    "pick": Msg("Typ een nummer of het woord en Enter", "Type a number or the word and Enter"),
    "pick_many": Msg(
        "Typ de nummers of woorden, gescheiden door komma's (bijvoorbeeld 1,3), en Enter",
        "Type the numbers or words, separated by commas (for example 1,3), and Enter",
    ),
    "none_ok": Msg("; alleen Enter = niets", "; Enter alone = none"),
    "keep": Msg("; alleen Enter = {current}", "; Enter alone = {current}"),
    "keys": Msg("; ? = uitleg; < = vorige vraag", "; ? = explanation; < = previous question"),
    "not_a_choice": Msg(
        "Dat is geen van de keuzes. Typ een nummer van 1 tot en met {n}, of het woord.",
        "That is none of the choices. Type a number from 1 to {n}, or the word.",
    ),
    "earlier": Msg("Uw eerdere antwoord: {text}", "Your earlier answer: {text}"),
    "keep_text": Msg(" Alleen Enter = het eerdere antwoord houden.", " Enter alone = keep the earlier answer."),
    "chosen": Msg(" (gekozen)", " (chosen)"),
    "continue": Msg(
        "Druk op Enter om verder te gaan (< = vorige vraag)", "Press Enter to continue (< = previous question)"
    ),
    # One typed line is one answer here: the full-screen prompts' Alt+Enter has no place in plain mode.
    "type": Msg(
        "(typ en Enter; leeg laten mag · ? = uitleg · < = vorige vraag)",
        "(type and press Enter; may be left empty · ? = explanation · < = previous question)",
    ),
    "type_required": Msg(
        "(typ en Enter · ? = uitleg · < = vorige vraag)",
        "(type and press Enter · ? = explanation · < = previous question)",
    ),
    "note_instruction": Msg(
        "(typ en Enter; leeg laten mag · ? = uitleg · < = antwoord wijzigen)",
        "(type and press Enter; may be left empty · ? = explanation · < = change the answer)",
    ),
}


class PlainPrompter:
    """Asks in plain lines of text, one question at a time; the same answers as the full prompts."""

    plain = True

    def __init__(self, stream: TextIO | None = None, source: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.source = source or sys.stdin

    @property
    def lang(self) -> Lang:
        return context.lang()

    def _t(self, key: str, **values: Any) -> str:
        table = P if key in P else T
        return table[key].format(**values).get(self.lang) if values else table[key].get(self.lang)

    def _say(self, text: str = "") -> None:
        print(text, file=self.stream, flush=True)

    def _line(self, prompt: str) -> str:
        """One typed line. End of input (Ctrl-D, a closed pipe) stops like Ctrl-C: all is saved."""
        self.stream.write(prompt + " ")
        self.stream.flush()
        line = self.source.readline()
        if not line:
            raise KeyboardInterrupt
        return line.rstrip("\r\n")

    def ask(self, node: Any, default: Any = None, *, can_go_back: bool = True, explain: Any = None) -> Any:
        self._say(node.text.get(self.lang))
        if getattr(node, "why", None) is not None:  # the short "why" line stands under the question
            self._say(node.why.get(self.lang))
        if isinstance(node, YesNoNode):
            return self._choose([(True, self._t("yes")), (False, self._t("no"))], default)
        if isinstance(node, SingleNode):
            return self._choose([(o.id, o.label.get(self.lang)) for o in node.options], default)
        if isinstance(node, MultipleNode):
            return self._choose_many(node, default or [])
        if isinstance(node, TextNode):
            return self._text(node, default or "")
        raise TypeError(f"not a question: {node.id}")

    def choose(self, question: str, choices: list[tuple[Any, str]], default: Any = None) -> Any:
        """One of a few values, for questions of the tool itself (which session, which question)."""
        self._say(question)
        while True:
            reply = self._choose(choices, default)
            if reply not in (HELP, BACK):
                return reply

    def _choose(self, options: list[tuple[Any, str]], default: Any) -> Any:
        for number, (_, label) in enumerate(options, 1):
            self._say(f"  {number}. {label}")
        labels = dict(options)
        keep = self._t("keep", current=labels[default]) if default in labels and default is not None else ""
        while True:
            reply = signal_or_text(self._line(self._t("pick") + keep + self._t("keys") + ":"))
            if reply in (HELP, BACK):
                return reply
            if reply == "" and keep:
                return default
            picked = _pick(reply, [label for _, label in options])
            if picked is not None:
                return options[picked][0]
            self._say(self._t("not_a_choice", n=len(options)))

    def _choose_many(self, node: MultipleNode, default: list[str]) -> Any:
        options = node.options
        for number, option in enumerate(options, 1):
            mark = self._t("chosen") if option.id in default else ""
            self._say(f"  {number}. {option.label.get(self.lang)}{mark}")
        hint = (
            self._t("keep", current=", ".join(str(i) for i, o in enumerate(options, 1) if o.id in default))
            if default
            else (self._t("none_ok") if node.min_selected == 0 else "")
        )
        while True:
            reply = signal_or_text(self._line(self._t("pick_many") + hint + self._t("keys") + ":"))
            if reply in (HELP, BACK):
                return reply
            if reply == "":
                chosen = list(default)
            else:
                labels = [o.label.get(self.lang) for o in options]
                picked = [_pick(p, labels) for p in reply.replace(";", ",").split(",") if p.strip()]
                if None in picked or not picked:
                    self._say(self._t("not_a_choice", n=len(options)))
                    continue
                chosen = [options[i].id for i in picked if i is not None]
            if len(set(chosen)) < node.min_selected:
                self._say(self._t("too_few", n=node.min_selected))
                continue
            return chosen

    def _text(self, node: TextNode, default: str) -> Any:
        instruction = self._t("type_required" if node.required else "type")
        if default:
            self._say(self._t("earlier", text=default))
            instruction += self._t("keep_text")
        while True:
            reply = signal_or_text(self._line(instruction + ":") or default)
            if reply in (HELP, BACK):
                return reply
            if node.required and not reply:
                self._say(self._t("required"))
            elif len(reply) > node.max_length:
                self._say(self._t("too_long", n=node.max_length))
            else:
                return reply

    def ask_note(self, default: str = "") -> Any:
        self._say(self._t("note"))
        instruction = self._t("note_instruction")
        if default:
            self._say(self._t("earlier", text=default))
            instruction += self._t("keep_text")
        return signal_or_text(self._line(instruction + ":") or default)

    def pause(self, can_go_back: bool = True) -> Any:
        reply = self._line(self._t("continue") + ":").strip()
        return BACK if reply == BACK_KEY and can_go_back else CONTINUE

    def ask_reference(self, console: Any) -> str:
        from meldcode_cli.sessions import reference as case_reference

        while True:
            reference = self._line(self._t("reference")).strip()
            problem = case_reference.problem(reference)
            if problem is not None:
                self._say(problem.get(self.lang))
                continue
            warnings = case_reference.warnings(reference)
            for warning in warnings:
                self._say(warning.get(self.lang))
            if not warnings or self._line(self._t("use_anyway") + " (ja/nee):").strip().lower() in (
                "ja",
                "j",
                "yes",
                "y",
            ):
                return reference

    def ask_passphrase(self, confirm: bool = False) -> str:
        import getpass

        while True:
            first = getpass.getpass(self._t("passphrase") + " ", stream=self.stream)
            if confirm and len(first) < 8:
                self._say(self._t("passphrase_short"))
                continue
            if not confirm or getpass.getpass(self._t("passphrase_again") + " ", stream=self.stream) == first:
                return first
            self._say(self._t("passphrase_differs"))

    def ask_follow_up_date(self, node: Any, default: date) -> date:
        self._say(self._t("follow_up", question=node.text.get(self.lang)))
        while True:
            reply = self._line(self._t("date_instruction") + f" [{default.isoformat()}]:").strip()
            parsed = parse_date(reply) if reply else default
            if parsed is None:
                self._say(self._t("bad_date"))
            elif parsed < date.today():
                self._say(self._t("past_date"))
            else:
                return parsed


def _pick(reply: str, labels: list[str]) -> int | None:
    """The option meant by a typed number, a label ('ja', 'Nee'), or the unique start of a label."""
    text = reply.strip().lower()
    if text.isdigit():
        return int(text) - 1 if 1 <= int(text) <= len(labels) else None
    if not text:
        return None
    # 'j' and 'y' are yes, 'n' is no, in either language (yes/no labels are 'Ja'/'Nee', 'Yes'/'No').
    aliases = {"j": "ja", "y": "yes", "yes": "ja", "no": "nee", "ja": "yes", "nee": "no", "n": "nee"}
    lowered = [label.lower() for label in labels]
    for wanted in (text, aliases.get(text, text)):
        if wanted in lowered:
            return lowered.index(wanted)
    starts = [i for i, label in enumerate(lowered) if label.startswith(text)]
    return starts[0] if len(starts) == 1 else None


__all__ = ["BACK", "CONTINUE", "HELP", "HELP_KEY", "PlainPrompter"]

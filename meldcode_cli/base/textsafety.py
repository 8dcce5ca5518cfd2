"""Text from a file or a user made inert for a terminal and a reader: no control codes, no bidi tricks."""

from __future__ import annotations

import re
from typing import Any

# Escape sequences whole (so no stray "[2J" is left): CSI (colours, cursor, clearing the screen),
# OSC (window titles, OSC 8 links) up to BEL or ST, DCS/SOS/PM/APC strings, and two-byte escapes.
# (A lone C1 character is removed below, without the text after it.)
_SEQUENCES = re.compile(
    r"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x7e]?"
)
# What is left: C0 controls except tab and newline, DEL, C1 controls, and the invisible marks that
# reorder text (bidi embeddings, overrides and isolates) so that what is read differs from what is stored.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """The text without escape sequences and control characters; newlines and tabs stay."""
    if text.isprintable():  # the common case costs one C-level scan
        return text
    text = text.replace("\r\n", "\n")
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))


def clean_data(value: Any) -> Any:
    """`clean` applied to every string (keys too) in parsed JSON or YAML data."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(k) if isinstance(k, str) else k: clean_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v) for v in value]
    return value

"""Compiles the gettext catalogs (.po) in meldcode_cli/cli/locale into the .mo files the program reads.

Run after editing a .po file: python tools/msgfmt.py. A test checks that every .mo is current."""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "meldcode_cli" / "cli" / "locale"


def parse_po(text: str) -> dict[str, str]:
    """msgid → msgstr for the simple catalogs we write: no contexts, no plurals, no fuzzy entries."""
    entries: dict[str, str] = {}
    current: dict[str, list[str]] = {}
    key = None

    def flush() -> None:
        if "msgid" in current and "msgstr" in current:
            entries["".join(current["msgid"])] = "".join(current["msgstr"])
        current.clear()

    for raw in text.splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line:
                flush()
                key = None
            continue
        if line.startswith(("msgid ", "msgstr ")):
            key, _, rest = line.partition(" ")
            if key == "msgid" and "msgstr" in current:
                flush()
            current[key] = [ast.literal_eval(rest)]
        elif line.startswith('"') and key is not None:
            current[key].append(ast.literal_eval(line))
        else:
            raise ValueError(f"cannot read this line of the catalog: {raw!r}")
    return entries


def mo_bytes(entries: dict[str, str]) -> bytes:
    """The GNU .mo format: a header, two tables of (length, offset), then the strings, keys sorted."""
    keys = sorted(entries)
    ids = [k.encode("utf-8") for k in keys]
    strs = [entries[k].encode("utf-8") for k in keys]
    count = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    offsets: list[tuple[int, int]] = []
    blob = b""
    for item in ids + strs:
        offsets.append((len(item), data_at + len(blob)))
        blob += item + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, 0)
    tables = b"".join(struct.pack("<2I", length, at) for length, at in offsets)
    return header + tables + blob


def compile_all() -> list[Path]:
    written = []
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        mo.write_bytes(mo_bytes(parse_po(po.read_text(encoding="utf-8"))))
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_all():
        sys.stdout.write(f"{path}\n")

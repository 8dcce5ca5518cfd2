"""A document as blocks (headings, paragraphs, lists, tables), written as Markdown, one HTML page, or CSV."""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field
from typing import TypeAlias

from meldcode_cli.output import context


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Em:
    text: str


@dataclass(frozen=True)
class Bar:
    """A count drawn as long as its share of the largest: block characters in Markdown, a box in HTML."""

    count: int
    largest: int


@dataclass(frozen=True)
class Wide:
    """A table cell over several columns; Markdown cannot span, so the columns it covers stay empty."""

    text: Inline
    columns: int = 2


# A run of text: a tuple is its pieces one after the other; a newline in a table cell is a line break.
Inline: TypeAlias = "str | int | Strong | Em | Bar | Wide | tuple[Inline, ...]"


@dataclass
class Heading:
    text: str
    level: int = 2


@dataclass
class Para:
    """One or more paragraphs (separated by a blank line in the text); a note is set in italics."""

    text: Inline
    note: bool = False


@dataclass
class Items:
    items: list[Inline]
    style: str = "bullet"  # bullet, numbered, or check (a box to tick on paper)


@dataclass
class Quote:
    """Lines set apart in a box: a reference answer with its reasons."""

    lines: list[Inline]


@dataclass
class Table:
    headers: list[Inline]
    rows: list[list[Inline]] = field(default_factory=list)
    row_headers: bool = False  # the first cell of each row names the row


@dataclass
class Fields:
    """Label and value, one pair a line: the particulars at the top of a record."""

    pairs: list[tuple[str, str]]


@dataclass
class Box:
    """Blocks set apart on the page (the advice); Markdown has no box and writes them as they are."""

    blocks: list[Block]


Block: TypeAlias = "Heading | Para | Items | Quote | Table | Fields | Box"


def bar(count: int, largest: int, width: int = 20) -> str:
    """A small bar: the largest count fills `width` blocks; any count above zero shows at least one."""
    if count <= 0 or largest <= 0:
        return ""
    return "█" * max(1, round(width * count / largest))


# -- Markdown --------------------------------------------------------------------------------


def to_markdown(blocks: list[Block]) -> str:
    return "\n".join(_md_blocks(blocks)).rstrip() + "\n"


def _md_blocks(blocks: list[Block]) -> list[str]:
    """Each block's lines and a blank line after it."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Box):
            out += _md_blocks(block.blocks)
        else:
            out += [*_md_block(block), ""]
    return out


_BULLETS = {"bullet": "- ", "check": "- [ ] "}


def _md_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + _md_line(block.text)]
    if isinstance(block, Para):
        text = "\n\n".join(_one_line(p) for p in _md(block.text).split("\n\n"))
        return [f"*{text}*" if block.note else text]
    if isinstance(block, Items):
        marks = [f"{i}. " for i in range(1, len(block.items) + 1)] if block.style == "numbered" else None
        return [(marks[i] if marks else _BULLETS[block.style]) + _md_line(item) for i, item in enumerate(block.items)]
    if isinstance(block, Quote):
        return ["\n>\n".join(f"> {_md_line(line)}" for line in block.lines)]
    if isinstance(block, Fields):
        return [f"- **{_md_line(label)}:** {_md_line(value)}" for label, value in block.pairs]
    assert isinstance(block, Table)
    return [
        _md_row(block.headers),
        "|" + "|".join("---" for _ in block.headers) + "|",
        *(_md_row(row) for row in block.rows),
    ]


def _md_row(cells: list[Inline]) -> str:
    return "| " + " | ".join(_md_cell(cell) for cell in cells) + " |"


def _md_cell(cell: Inline) -> str:
    if isinstance(cell, Wide):
        return _md_cell(cell.text) + " |" * (cell.columns - 1)
    return _md(cell, in_cell=True)


def _md_line(text: Inline) -> str:
    return _one_line(_md(text))


def _one_line(text: str) -> str:
    """A newline in a Markdown line would end the heading or list item it belongs to."""
    return " ".join(text.split("\n"))


def _md(text: Inline, in_cell: bool = False) -> str:
    """Markdown for a run of text. <, > and & are escaped: a Markdown viewer passes raw HTML on to the
    reader, and a `<script>` in an answer or a learner's name must not run there."""
    if isinstance(text, tuple):
        return "".join(_md(piece, in_cell) for piece in text)
    if isinstance(text, Strong):
        return f"**{_md(text.text, in_cell)}**"
    if isinstance(text, Em):
        return f"*{_md(text.text, in_cell)}*"
    if isinstance(text, Bar):
        return f"`{bar(text.count, text.largest) or ' '}`"
    plain = html.escape(str(text), quote=False)
    return plain.replace("|", "\\|").replace("\n", "<br>") if in_cell else plain


# -- HTML ------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}.note{color:#555;font-style:italic}
table.meta th{width:12rem}.advice{border:2px solid #2b7a2b;padding:.5rem 1rem}
.bar{display:inline-block;height:.8rem;background:#2b6cb0;vertical-align:middle}
blockquote.answer{margin:.5rem 0 1rem;padding:.2rem 1rem;border-left:4px solid #2f855a;background:#f0fff4}
blockquote.answer p{margin:.3rem 0}
ul.check{list-style:none;padding-left:0}ul.check li:before{content:"\\2610\\00a0\\00a0"}
@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}tr{break-inside:avoid}}
"""


def to_html(blocks: list[Block], title: str) -> str:
    """One page with its style inline: no scripts, fonts or images from anywhere."""
    lang = context.lang()
    return (
        f'<!DOCTYPE html><html lang="{_e(lang)}"><head><meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(title)}</title>\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n" + "\n".join(_html_blocks(blocks)) + "\n</body>\n</html>\n"
    )


def _html_blocks(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Box):
            out += ['<div class="advice">', *_html_blocks(block.blocks), "</div>"]
        else:
            out += _html_block(block)
    return out


_LISTS = {"bullet": "<ul>", "numbered": "<ol>", "check": '<ul class="check">'}


def _html_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [f"<h{block.level}>{_e(block.text)}</h{block.level}>"]
    if isinstance(block, Para):
        css = ' class="note"' if block.note else ""
        return [f"<p{css}>{p}</p>" for p in _html(block.text).split("<br><br>")]
    if isinstance(block, Items):
        end = "</ol>" if block.style == "numbered" else "</ul>"
        return [_LISTS[block.style] + "".join(f"<li>{_html(item)}</li>" for item in block.items) + end]
    if isinstance(block, Quote):
        return [
            '<blockquote class="answer">' + "".join(f"<p>{_html(line)}</p>" for line in block.lines) + "</blockquote>"
        ]
    if isinstance(block, Fields):
        rows = "".join(f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>" for label, value in block.pairs)
        return [f'<table class="meta"><tbody>{rows}</tbody></table>']
    assert isinstance(block, Table)
    head = "".join(f"<th>{_html(h)}</th>" for h in block.headers)
    rows = "".join(f"<tr>{_html_row(row, block.row_headers)}</tr>" for row in block.rows)
    return [f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"]


def _html_row(cells: list[Inline], row_headers: bool) -> str:
    out = []
    for index, cell in enumerate(cells):
        tag = "th" if row_headers and index == 0 else "td"
        if isinstance(cell, Wide):
            out.append(f'<{tag} colspan="{cell.columns}">{_html(cell.text)}</{tag}>')
        else:
            out.append(f"<{tag}>{_html(cell)}</{tag}>")
    return "".join(out)


def _html(text: Inline) -> str:
    if isinstance(text, tuple):
        return "".join(_html(piece) for piece in text)
    if isinstance(text, Strong):
        return f"<strong>{_html(text.text)}</strong>"
    if isinstance(text, Em):
        return f"<em>{_html(text.text)}</em>"
    if isinstance(text, Bar):
        width = round(100 * text.count / text.largest) if text.largest else 0
        return f'<span class="bar" style="width:{width}%" title="{text.count}"></span>' if width else ""
    return _e(text)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True).replace("\n", "<br>")


# -- CSV -------------------------------------------------------------------------------------


def to_csv(table: Table, separator: str = ",") -> str:
    """The table for a spreadsheet: the headers, then a row a line, every cell as plain text."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\n")
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    return out.getvalue()

"""The PDF reader: a PDF's text layer becomes the block text the core reads.

pdfplumber (pdfminer underneath) gives the characters with their positions. A
PDF has no paragraphs, only lines placed on pages, so the paragraphs are
rebuilt from the geometry, the way a reader sees them, with nothing that
depends on the program that wrote the PDF (Word, WPS, a browser's print):

- a line goes on in the next one when the next line's first unbreakable unit
  (a character with the punctuation that may not open a line, or a run of
  digits and Latin letters) would not have fitted in the room left at the
  right margin — the writer had to break there; a line that stops short
  ended its paragraph;
- a new paragraph also shows as an indented first line or as a vertical gap
  larger than the document's line pitch, and a heading label (``（二）``,
  ``3.``) starts a line of its own;
- the same holds across a page break, after the running headers, footers and
  page numbers between the two lines are dropped (a line repeated at the top
  or the bottom of most pages, a bare page number first or last on a page);
- ruled tables (pdfplumber's table finder) become tab-separated rows, with
  merged cells repeated in every slot;
- a table without rules, printed as lines of cells with wide gaps between
  them, becomes tab-separated rows too: a line whose words stand apart by
  more than two character widths is cut there.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ._documents import _error, _grid_lines, _need, _one_line

__all__ = ["read_pdf"]


@dataclass
class _Line:
    """One printed line, or one row of a ruled table."""

    text: str
    x0: float
    x1: float
    top: float
    size: float  #: font size of the line's first character
    first: float  #: width of the line's first unbreakable unit
    row: bool = False  #: a table row: tab-separated cells, never joined


_PAGE_NO = re.compile(r"^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$")
_ENDS_SENTENCE = tuple("。；！？：:;!?”）)")
# Characters that may not open a line (Chinese line-breaking rules, 避头点): a
# writer moves the character before them down with them.
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’％%‰,.;:?!)]}·…—")
# Characters that may not close a line (避尾点).
_NO_LINE_END = frozenset("（《「『【〔“‘([{")
# A heading label opens its own line: "（二）", "3.", "第三章", "一、", "专栏1".
_HEADING = re.compile(r"^(（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\)|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十\d]+[章节条]|"
                      r"[一二三四五六七八九十]+、|专栏)")  # fmt: skip


def read_pdf(path: str) -> str:
    """The block text of a PDF file: paragraphs one a line, table rows tab-separated."""
    pdfplumber = _need("pdfplumber", path)
    import logging

    # pdfminer warns about every font it cannot measure; the text is read all the same.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(path)
    except Exception as err:  # pdfminer raises several types for a broken file
        raise _error("input.unreadable", f"not a readable PDF ({type(err).__name__}: {err})", path) from None
    pages: list[list[_Line]] = []
    chars = 0
    width = 0.0
    with pdf:
        for page in pdf.pages:
            chars += len(page.chars)
            width = max(width, float(page.width))
            pages.append(_page_lines(page))
    if chars == 0:
        raise _error(
            "input.no_text_layer",
            "this PDF has no text layer (a scan): run OCR first, e.g. ocrmypdf -l chi_sim FILE out.pdf",
            path,
        )
    _drop_running_lines(pages)
    _drop_page_numbers(pages)
    return "\n".join(_paragraphs(pages, width)) + "\n"


# ------------------------------------------------------------- paragraphs --


@dataclass
class _Layout:
    """The page geometry shared by the document's text lines."""

    left: float  #: the text's left edge (the most common start of a line)
    right: float  #: the text's right edge (the furthest end of a line)
    pitch: float  #: the most common distance from one line's top to the next's


def _layout(pages: list[list[_Line]], page_width: float) -> _Layout:
    text = [ln for page in pages for ln in page if not ln.row]
    if not text:
        return _Layout(0.0, 0.0, 0.0)
    left = Counter(round(ln.x0) for ln in text).most_common(1)[0][0]
    steps = Counter(
        round(b.top - a.top, 1) for page in pages for a, b in zip(page, page[1:]) if not a.row and not b.row and b.top > a.top
    )
    pitch = steps.most_common(1)[0][0] if steps else 0.0
    return _Layout(float(left), _right_edge(text, page_width - left), float(pitch))


def _right_edge(text: list[_Line], symmetric: float) -> float:
    """The text's right edge: the furthest line end that two other lines come within a
    character of (a URL or a word that overflows the margin on its own does not move it),
    when that is near where margins as wide as the left one put it; else there."""
    size = Counter(round(ln.size) for ln in text).most_common(1)[0][0] or 10.0
    ends = sorted((ln.x1 for ln in text), reverse=True)
    for k, x in enumerate(ends):
        if sum(1 for y in ends[k + 1 : k + 40] if y >= x - size) >= 2:
            return x if abs(x - symmetric) <= 3 * size else symmetric
    return symmetric


def _continues(a: _Line, b: _Line, same_page: bool, lay: _Layout) -> bool:
    """Whether line b goes on with line a's paragraph."""
    if a.row or b.row or a.text.endswith(_ENDS_SENTENCE) or _HEADING.match(b.text):
        return False
    # The next line's first unit would have fitted at the end of this one: the writer broke the line on purpose.
    if lay.right - a.x1 >= b.first + 0.3 * a.size:
        return False
    if b.x0 > lay.left + 0.8 * b.size:  # an indented first line
        return False
    # A gap larger than the line pitch separates paragraphs (not across a page break).
    return not (same_page and lay.pitch and b.top - a.top > 1.3 * lay.pitch)


def _paragraphs(pages: list[list[_Line]], page_width: float) -> list[str]:
    lay = _layout(pages, page_width)
    out: list[str] = []
    prev: _Line | None = None
    for page in pages:
        for k, ln in enumerate(page):
            if prev is not None and out and _continues(prev, ln, k > 0, lay):
                out[-1] += ln.text
            else:
                out.append(ln.text)
            prev = ln
    return out


# ------------------------------------------------------------------ pages --


def _page_lines(page: Any) -> list[_Line]:
    """A page's lines top to bottom: text lines outside ruled tables, and the tables' rows."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    body = page.filter(outside) if boxes else page
    items: list[_Line] = []
    for ln in body.extract_text_lines(keep_blank_chars=False):
        chars = [c for c in ln["chars"] if c["text"].strip()]
        if not chars:
            continue
        text = _radicals(_spaced_cells(chars))
        if text:
            size = float(chars[0]["size"])
            items.append(_Line(text, ln["x0"], ln["x1"], ln["top"], size, _first_unit(chars), "\t" in text))
    for t in tables:
        grid = [[_radicals(c) for c in r] for r in _fill_merged(t.extract())]
        for k, line in enumerate(_grid_lines(grid)):
            items.append(_Line(line, t.bbox[0], t.bbox[2], t.bbox[1] + k * 0.01, 0.0, 0.0, row=True))
    items.sort(key=lambda it: it.top)
    return items


def _first_unit(chars: list[dict[str, Any]]) -> float:
    """Width of the line's start up to its first break opportunity: what the writer could not have split off."""
    end = 1
    while end < len(chars) and not _may_break(chars[end - 1]["text"], chars[end]["text"]):
        end += 1
    return float(chars[end - 1]["x1"] - chars[0]["x0"])


def _may_break(a: str, b: str) -> bool:
    """A simplified line-breaking rule (Unicode UAX #14 for this genre): may a line break between a and b?"""
    if b in _NO_LINE_START or a in _NO_LINE_END:
        return False
    # A Latin word or a number with its signs ("2030", "0.15%", "COVID-19") is one unit.
    return not (a.isascii() and b.isascii() and not a.isspace() and not b.isspace())


def _spaced_cells(chars: list[dict[str, Any]]) -> str:
    """A line's text; where its characters stand apart by more than two character widths, a tab (cells of a table without rules)."""
    parts: list[str] = []
    for k, c in enumerate(chars):
        if k:
            gap = c["x0"] - chars[k - 1]["x1"]
            size = max(float(c["size"]), 1.0)
            latin = c["text"].isascii() or chars[k - 1]["text"].isascii()
            if gap > 2.0 * size:
                parts.append("\t")
            # A space between ideographs is wider than the spread of a justified line.
            elif gap > (0.15 if latin else 0.25) * size:
                parts.append(" ")
        parts.append(c["text"])
    return _one_line_keep_tabs("".join(parts))


def _one_line_keep_tabs(text: str) -> str:
    return "\t".join(_one_line(f) for f in text.split("\t") if _one_line(f))


# CJK Radicals Supplement code points that PDF fonts use for whole ideographs,
# with their unified ideograph (Unicode's EquivalentUnifiedIdeograph.txt); the
# Kangxi radicals (⼈ for 人) NFKC already maps.
_RADICAL_SUPPLEMENT = dict(
    zip(
        "⺟⺠⻄⻅⻆⻈⻉⻋⻓⻔⻘⻚⻛⻜⻝⻢⻤⻥⻦⻩⻬⻮⻰⻳",
        "母民西见角讠贝车长门青页风飞食马鬼鱼鸟黄齐齿龙龟",
    )
)


def _radicals(text: str) -> str:
    """PDF fonts often map ideographs to radical code points (⼈ for 人, ⺠ for 民): restore them."""
    return "".join(
        _RADICAL_SUPPLEMENT.get(c) or unicodedata.normalize("NFKC", c) if "\u2e80" <= c <= "\u2fdf" else c for c in text
    )


def _fill_merged(rows: list[list[str | None]]) -> list[list[str]]:
    """pdfplumber gives None for the slots a merged cell covers: take the text from the left, else above."""
    grid: list[list[str]] = []
    for r, row in enumerate(rows):
        out: list[str] = []
        for c, cell in enumerate(row):
            if cell is None:
                if c > 0:
                    cell = out[c - 1]
                elif r > 0 and c < len(grid[r - 1]):
                    cell = grid[r - 1][c]
                else:
                    cell = ""
            out.append(cell)
        grid.append(out)
    return grid


# ------------------------------------------------- headers, footers, numbers --


def _drop_running_lines(pages: list[list[_Line]]) -> None:
    """Running headers and footers: a first or last line repeated on most pages."""
    if len(pages) < 3:
        return
    for pos in (0, -1):
        seen: Counter[str] = Counter(re.sub(r"\d+", "#", page[pos].text) for page in pages if page)
        for key, n in seen.items():
            # A running header or footer has words ("某某市人民政府文件"); a number
            # or a short cell ("7.8", "预期性") that happens to end many pages is text.
            words = sum(1 for c in key if c.isalpha())
            if n * 2 > len(pages) and len(key) < 60 and words >= 4:
                for page in pages:
                    if page and re.sub(r"\d+", "#", page[pos].text) == key:
                        page.pop(pos)


def _drop_page_numbers(pages: list[list[_Line]]) -> None:
    """A page number sits first or last on its page; a bare number elsewhere is a table cell."""
    for page in pages:
        for pos in (-1, 0):
            if page and not page[pos].row and _PAGE_NO.match(page[pos].text):
                page.pop(pos)

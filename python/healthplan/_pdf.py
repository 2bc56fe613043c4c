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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

from ._documents import _error, _grid_lines, _need, _one_line, combine_header_rows

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
    row: bool = False  #: a table row or a line of cells apart (a tab in its text): never joined
    cells: list[str] | None = None  #: a table row's cells (text is then "")
    cont: bool = False  #: the rest of a row the page break cut (at a page's head)
    fallback: list[_Line] | None = None  #: the text lines of a continuation that has no row to go on


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
    pages: list[list[_Line]] = []
    chars = 0
    width = 0.0
    # pdfplumber opens lazily: a damaged page tree, content stream or font
    # surfaces while the pages are read, as any of pdfminer's exception types.
    # The file is ours to close: pdfplumber's close() walks the pages again and
    # raises the same error before it closes a file it opened itself.
    with open(path, "rb") as stream:
        try:
            pdf = pdfplumber.open(stream)
            for page in pdf.pages:
                chars += len(page.chars)
                width = max(width, float(page.width))
                pages.append(_page_lines(page))
        except Exception as err:  # pdfminer raises several types for a broken file
            raise _error("input.unreadable", f"not a readable PDF ({type(err).__name__}: {err})", path) from None
    if chars == 0:
        raise _error(
            "input.no_text_layer",
            "this PDF has no text layer (a scan): run OCR first, e.g. ocrmypdf -l chi_sim FILE out.pdf",
            path,
        )
    _drop_running_lines(pages)
    _drop_page_numbers(pages, _layout(pages, width).left)
    _join_broken_rows(pages)
    return "\n".join(_paragraphs(pages, width)) + "\n"


# ------------------------------------------------------------- paragraphs --


@dataclass
class _Layout:
    """The page geometry shared by the document's text lines."""

    left: float  #: the text's left edge (the most common start of a line)
    right: float  #: the text's right edge (see _right_edge)
    pitch: float  #: the distance from one line's top to the next's inside a paragraph


def _layout(pages: list[list[_Line]], page_width: float) -> _Layout:
    text = [ln for page in pages for ln in page if not ln.row]
    if not text:
        return _Layout(0.0, 0.0, 0.0)
    left = Counter(round(ln.x0) for ln in text).most_common(1)[0][0]
    steps = Counter(
        round(2 * (b.top - a.top)) / 2
        for page in pages
        for a, b in zip(page, page[1:])
        if not a.row and not b.row and b.top > a.top
    )
    # The smallest step that recurs: in a document of one-line paragraphs the most
    # common step is the gap between paragraphs, not the line pitch.
    recurring = [step for step, n in steps.items() if n >= max(2, sum(steps.values()) // 20)]
    pitch = min(recurring) if recurring else 0.0
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
    if a.row or b.row or _ends_sentence(a.text) or _HEADING.match(b.text):
        return False
    # The next line's first unit would have fitted at the end of this one: the writer broke the line on purpose.
    if lay.right - a.x1 >= b.first + 0.3 * a.size:
        return False
    if b.x0 > lay.left + 0.8 * b.size:  # an indented first line
        return False
    # A gap larger than the line pitch separates paragraphs (not across a page break).
    return not (same_page and lay.pitch and b.top - a.top > 1.3 * lay.pitch)


def _ends_sentence(line: str) -> bool:
    """Whether a line ends on a sentence's end. A closing bracket does when its group follows
    a sentence's end or opens the line ("。（市卫生健康委牵头）", "（一）"), or opened on an
    earlier line; not when it closes a gloss inside the sentence ("病床数(含住院护理)" goes
    on with "达到6张" when the printer broke the line there)."""
    if not line.endswith(_ENDS_SENTENCE):
        return False
    if line[-1] not in "）)":
        return True
    opening = max(line.rfind("（"), line.rfind("("))
    return opening <= 0 or line[opening - 1] in _ENDS_SENTENCE


def _paragraphs(pages: list[list[_Line]], page_width: float) -> list[str]:
    lay = _layout(pages, page_width)
    out: list[str] = []
    prev: _Line | None = None
    for page in pages:
        for k, ln in enumerate(page):
            if ln.cells is not None:
                out += _grid_lines([ln.cells])
            elif prev is not None and out and _continues(prev, ln, k > 0, lay):
                # Latin words broken at a line end keep their space; ideographs have none.
                latin = (
                    out[-1][-1:].isascii()
                    and out[-1][-1:].isalnum()
                    and ln.text[:1].isascii()
                    and ln.text[:1].isalnum()
                )
                out[-1] += (" " if latin else "") + ln.text
            else:
                out.append(ln.text)
            prev = ln
    return out


# ------------------------------------------------------------------ pages --


def _page_lines(page: Any) -> list[_Line]:
    """A page's lines top to bottom: text lines outside ruled tables, and the tables' rows."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    body = page.filter(outside) if boxes else page
    raw = [_trim(ln["chars"]) for ln in body.extract_text_lines(keep_blank_chars=True)]
    raw = [chars for chars in raw if chars]
    items: list[_Line] = []
    if tables:
        # A row broken by the page break: its part below the last table's rules, above the first's.
        for table, below in ((tables[-1], True), (tables[0], False)):
            taken = _fragment(raw, table, below, page)
            if taken:
                raw = [ln for ln in raw if not any(ln is t for t in taken)]
                edges = _column_edges(table)
                y = table.bbox[3] if below else table.bbox[1] - 1.0
                items.append(_Line("", table.bbox[0], table.bbox[2], y, 0.0, 0.0, True, _cells(taken, edges), not below,
                                   [_text_line(ln) for ln in taken]))  # fmt: skip
    items += [_text_line(chars) for chars in raw]
    chars = page.chars
    for t in tables:
        grid = combine_header_rows(
            _fill_merged(
                [[_cell_text(chars, cell) for cell in row.cells] for row in t.rows],
                [list(row.cells) for row in t.rows],
                [float(row.bbox[1]) for row in t.rows],
            )
        )
        items += [
            _Line("", t.bbox[0], t.bbox[2], t.bbox[1] + k * 0.01, 0.0, 0.0, True, row) for k, row in enumerate(grid)
        ]
    items.sort(key=lambda it: it.top)
    return [it for it in items if it.text or it.cells]


def _text_line(chars: list[dict[str, Any]]) -> _Line:
    text = _radicals(_spaced_cells(chars))
    top = min(float(c["top"]) for c in chars)
    return _Line(text, float(chars[0]["x0"]), float(chars[-1]["x1"]), top, float(chars[0]["size"]),
                 _first_unit(chars), "\t" in text)  # fmt: skip


def _column_edges(table: Any) -> list[float]:
    """The x positions of a ruled table's column rules."""
    xs = sorted({round(float(c[0]), 1) for c in table.cells} | {round(float(c[2]), 1) for c in table.cells})
    edges: list[float] = []
    for x in xs:
        if not edges or x - edges[-1] > 2.0:
            edges.append(x)
    return edges


def _fragment(lines: list[list[dict[str, Any]]], table: Any, below: bool, page: Any) -> list[list[dict[str, Any]]]:
    """The lines of a table row that a page break cut off, or nothing.

    A row that runs over a page break is drawn without the rule that would close
    it, so the table finder stops at the last closed row, and the column rules go
    on past it to the page's foot (or come down from the page's head). The row's
    part is every line between that table and the page's foot (or between the
    page's head and the table), starting right at the table, each character inside
    one column and none across a column's rule. A table that ends closed, with no
    rule going on, cut no row: short lines after it that happen to fit in a column
    (a list, the page number in the footer) are text."""
    edges = _column_edges(table)
    if len(edges) < 3 or not _rules_go_on(page, table, edges, below):
        return []
    x0, top, x1, bottom = table.bbox
    side = [ln for ln in lines if (min(float(c["top"]) for c in ln) >= bottom - 1.0) == below]
    side = [ln for ln in side if below or max(float(c["bottom"]) for c in ln) <= top + 1.0]
    if not side:
        return []
    nearest = side[0] if below else side[-1]
    size = float(nearest[0]["size"])
    gap = float(nearest[0]["top"]) - bottom if below else top - max(float(c["bottom"]) for c in nearest)
    if gap > 0.8 * size:
        return []
    inner = edges[1:-1]
    for ln in side:
        for c in ln:
            if c["x0"] < x0 - 1.0 or c["x1"] > x1 + 1.0:
                return []
            if any(c["x0"] < e - 0.5 and c["x1"] > e + 0.5 for e in inner):
                return []
    return side


def _rules_go_on(page: Any, table: Any, edges: list[float], below: bool) -> bool:
    """Whether a column rule of the table runs on past its last ruled row (below) or
    above its first one (not below): a row cut by the page break."""
    top, bottom = float(table.bbox[1]), float(table.bbox[3])
    for e in page.edges:
        if e["orientation"] != "v" or not any(abs(float(e["x0"]) - x) <= 2.0 for x in edges):
            continue
        if (float(e["bottom"]) > bottom + 2.0) if below else (float(e["top"]) < top - 2.0):
            return True
    return False


def _cells(lines: list[list[dict[str, Any]]], edges: list[float]) -> list[str]:
    """The characters of a row's lines, cell by cell (the column their centre falls in)."""
    cells: list[list[dict[str, Any]]] = [[] for _ in edges[1:]]
    for ln in lines:
        for c in ln:
            mid = (float(c["x0"]) + float(c["x1"])) / 2
            cells[max(0, min(len(cells) - 1, sum(1 for e in edges[1:-1] if mid > e)))].append(c)
    return [_cell_lines(c, edges[k], edges[k + 1]) for k, c in enumerate(cells)]


def _cell_text(chars: list[dict[str, Any]], bbox: tuple[float, float, float, float] | None) -> str | None:
    """The text of a ruled table's cell (None for a slot a merged cell covers)."""
    if bbox is None:
        return None
    x0, top, x1, bottom = bbox
    inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
    return _cell_lines(inside, x0, x1)


def _cell_lines(chars: list[dict[str, Any]], x0: float, x1: float) -> str:
    """A cell's characters as one line. A line the cell's width wrapped goes on without a
    space between ideographs; a line that stops short of the cell's right side was ended by
    the writer (two units, "市公安局 市交通运输局"; "较2022年 下降3%"), so a space follows it."""
    rows: list[list[dict[str, Any]]] = []
    for c in sorted(chars, key=lambda c: (round(float(c["top"])), float(c["x0"]))):
        if rows and abs(float(c["top"]) - float(rows[-1][0]["top"])) < 0.5 * float(c["size"]):
            rows[-1].append(c)
        else:
            rows.append([c])
    if not rows:
        return ""
    rows = [sorted(r, key=lambda c: float(c["x0"])) for r in rows]
    ends_space = [not r[-1]["text"].strip() for r in rows if _trim(r)]
    rows = [_trim(r) for r in rows if _trim(r)]
    if not rows:
        return ""
    # The text's right side: as far from the right rule as the text starts from the left one.
    right = x1 - (min(float(r[0]["x0"]) for r in rows) - x0)
    out = _spaced_cells(rows[0]).replace("\t", " ")
    for k, (a, b) in enumerate(zip(rows, rows[1:])):
        # The next line's first unit would have fitted without a space before it: the line
        # was ended, or broken at a space.
        ended = ends_space[k] or right - float(a[-1]["x1"]) >= _first_unit(b)
        out += (" " if ended else "\n") + _spaced_cells(b).replace("\t", " ")
    return _radicals(_one_line(out))


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
    # A Latin word or a number with its signs ("2030", "0.15%", "COVID-19", "×100", "≥22", "37℃") is one unit.
    return not (_alphabetic(a) and _alphabetic(b))


def _alphabetic(c: str) -> bool:
    """A character that line breaking keeps with the letters and digits beside it: ASCII
    other than a space, and the narrow letters, digits and symbols of other scripts (× ≥ ℃ —
    UAX #14's AL and AI classes, which browsers and Word treat as letters), not ideographs,
    not full-width forms and not punctuation such as dashes, which may break."""
    if len(c) != 1:  # a PDF "character" may be a ligature or a cluster ("ﬁ" as "fi", a base with its tone mark)
        return bool(c) and all(_alphabetic(x) for x in c)
    if c.isspace():
        return False
    if c.isascii():
        return True
    return unicodedata.east_asian_width(c) not in ("W", "F") and unicodedata.category(c)[0] in "LNS"


def _trim(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A line's characters without the spaces at its ends."""
    b, e = 0, len(chars)
    while b < e and not chars[b]["text"].strip():
        b += 1
    while e > b and not chars[e - 1]["text"].strip():
        e -= 1
    return chars[b:e]


def _spaced_cells(chars: list[dict[str, Any]]) -> str:
    """A line's text. Where two characters stand apart by more than two character widths
    (spaces or not between them), a tab: the cells of a table without rules. A space
    character, or a gap wider than the spread of a justified line, is a space."""
    parts: list[str] = []
    prev: dict[str, Any] | None = None
    spaced = False
    for c in chars:
        if not c["text"].strip():
            spaced = True
            continue
        if prev is not None:
            gap = float(c["x0"]) - float(prev["x1"])
            size = max(float(c["size"]), 1.0)
            latin = c["text"].isascii() or prev["text"].isascii()
            if gap > 2.0 * size:
                parts.append("\t")
            elif spaced or gap > (0.15 if latin else 0.25) * size:
                parts.append(" ")
        parts.append(c["text"])
        prev, spaced = c, False
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


def _fill_merged(
    rows: Sequence[Sequence[str | None]],
    boxes: Sequence[Sequence[tuple[float, float, float, float] | None]],
    tops: Sequence[float],
) -> list[list[str]]:
    """pdfplumber gives None for the slots a merged cell covers: the text of the cell that covers it.

    A cell above in the same column whose box reaches below the row's top spans down
    over the slot (a two-row header: "指标" beside "目标值" over "2022年 | 2030年"); any
    other slot is covered from the left (a colspan), else from above.
    """
    grid: list[list[str]] = []
    for r, row in enumerate(rows):
        out: list[str] = []
        for c, cell in enumerate(row):
            if cell is None:
                above = _spanning_above(boxes, tops, r, c)
                if above is not None:
                    cell = grid[above][c]
                elif c > 0:
                    cell = out[c - 1]
                elif r > 0 and c < len(grid[r - 1]):
                    cell = grid[r - 1][c]
                else:
                    cell = ""
            out.append(cell)
        grid.append(out)
    return grid


def _spanning_above(
    boxes: Sequence[Sequence[tuple[float, float, float, float] | None]], tops: Sequence[float], r: int, c: int
) -> int | None:
    """The row of the nearest cell above slot (r, c) whose box reaches down over row r, or None."""
    for k in range(r - 1, -1, -1):
        box = boxes[k][c] if c < len(boxes[k]) else None
        if box is not None:
            return k if float(box[3]) > float(tops[r]) + 1.0 else None
    return None


def _join_broken_rows(pages: list[list[_Line]]) -> None:
    """A table row a page break cut in two becomes one row again.

    The row's rest opens the next page: as lines under no rule (``cont``, see
    ``_fragment``), or as a ruled row of its own whose first cell (the row
    number or the indicator) is empty and at least half of whose cells are.
    A rest with no row before it is text after all."""
    for i, page in enumerate(pages):
        cells = page[0].cells if page else None
        if cells is None:
            continue
        head = page[0]
        before = pages[i - 1][-1].cells if i and pages[i - 1] else None
        rest = head.cont or (not cells[0] and 2 * sum(1 for c in cells if not c) >= len(cells))
        if rest and before and len(before) == len(cells):
            pages[i - 1][-1].cells = [_one_line(a + "\n" + b) for a, b in zip(before, cells)]
            page.pop(0)
        elif head.cont:
            page[0:1] = head.fallback or []


# ------------------------------------------------- headers, footers, numbers --


def _drop_running_lines(pages: list[list[_Line]]) -> None:
    """Running headers and footers: a first or last line repeated on most pages (on both
    pages of a two-page document: a notice with the office's running header)."""
    if len(pages) < 2:
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


def _drop_page_numbers(pages: list[list[_Line]], left: float) -> None:
    """A page number sits first or last on its page. "- 3 -" and "第3页" are page numbers
    wherever they stand; a bare number is one when it stands away from the left margin
    (centred or at the outer edge) or when the bare numbers at the pages' ends count the
    pages; a bare number at the left margin is a table cell laid out one a line."""
    bare: list[tuple[int, _Line]] = []  # page, line
    for i, page in enumerate(pages):
        for ln in {id(x): x for x in page[:1] + page[-1:]}.values():
            if ln.row or not _PAGE_NO.match(ln.text):
                continue
            if not ln.text.isdigit() or ln.x0 > left + 2 * ln.size:
                page[:] = [x for x in page if x is not ln]
            else:
                bare.append((i, ln))
    offsets = Counter(int(ln.text) - i for i, ln in bare)
    if offsets:
        offset, n = offsets.most_common(1)[0]
        if n >= max(2, len(pages) // 2):
            for i, ln in bare:
                if int(ln.text) - i == offset:
                    pages[i][:] = [x for x in pages[i] if x is not ln]

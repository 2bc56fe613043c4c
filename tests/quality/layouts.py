#!/usr/bin/env python3
"""Layout invariance: every development document rendered in every format and layout, scored against the same gold.

Usage (from the repository root, after ./scripts/setup.sh):

    .venv/bin/python tests/quality/layouts.py                 # the layout × score table, every set
    .venv/bin/python tests/quality/layouts.py --sets real --layouts plain,html,pdf

A document is read into blocks: paragraphs (its lines) and tables (its
one-cell-per-line tables, found by their running row numbers 1, 2, 3 … at a
fixed row width, and its tab-separated rows). Each layout renders the blocks:
HTML with real <table>s, DOCX with Word tables, PDF (the HTML printed by
headless Chromium), tables with one cell per line (with blank lines, with a
trailing " |"), markdown pipe tables, tab and multi-space rows, text
hard-wrapped at 34 characters with page numbers, spaces around numbers,
traditional script and full-width characters, and target tables "bare" as
many plans print them — without the running-number and nature columns — in
tab rows and in HTML, the HTML page saved as one file (MHTML), and DOCX whose
outline labels are Word list numbering instead of typed text; and three layouts as
publications come: an old CMS page with the article in a cell of a layout table
(cms_html), DOCX as Word users build tables (merged two-row headers, group labels
merged down, target tables boxed in frame tables: word_docx), and a PDF printed
to GB/T 9704 (A4, 16 pt, running header, "— N —" page numbers at the outer edge,
repeated table headers: gov_pdf). Every rendering is extracted
with the public API and scored with the shared scorers against the gold of
the plain text; the gold's doc names are kept.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

# ------------------------------------------------------------------ blocks --


@dataclass
class Table:
    rows: list[list[str]]


Block = "str | Table"


def _cell(line: str) -> str:
    return re.sub(r"\s*\|\s*$", "", line.strip())


_HEADER_WORDS = ("指标", "序号", "年", "性质", "属性", "单位", "类别", "领域", "目标", "基期", "备注", "牵头", "责任", "编号")


def _category(cell: str) -> bool:
    """A group label between a table's rows ("健康水平"): short text, no digit, no header word."""
    return 0 < len(cell) <= 8 and not re.search(r"\d", cell) and not any(w in cell for w in _HEADER_WORDS)


def _rows_at(lines: list[str], i: int) -> tuple[int, list[list[str]]] | None:
    """A one-cell-per-line table whose row 1 is at line i: (first line of the header, rows).

    A group label before a row ("健康水平" before row 1, "健康生活" before row 5) is a row of
    one cell; a "类别" header cell naming that column stays in the header."""
    cells = [_cell(x) for x in lines]
    if cells[i] != "1":
        return None
    width = next((j - i for j in range(i + 2, min(len(lines), i + 16)) if cells[j] == "2"), 0)
    if not width:
        return None
    rows: list[list[str]] = []
    numbered = 0
    k = i
    while k + width <= len(lines):
        if cells[k] == str(numbered + 1):
            row = cells[k : k + width]
            if any(not c for c in row):
                break
            rows.append(row)
            numbered += 1
            k += width
        elif numbered and _category(cells[k]) and k + 1 < len(lines) and cells[k + 1] == str(numbered + 1):
            rows.append([cells[k]])
            k += 1
        else:
            break
    if numbered < 2:
        return None
    # The header: the `width` short lines before row 1 (before its group label, when
    # the table has group labels), and a "类别" cell naming the labels' column.
    end = i
    if _category(cells[i - 1]) and any(len(r) == 1 for r in rows):
        rows.insert(0, [cells[i - 1]])
        end = i - 1
    h = end - width
    if h > 0 and cells[h - 1] in ("类别", "领域", "分类"):
        h -= 1
    if h < 0 or any(len(c) > 24 or not c or "。" in c for c in cells[h:end]):
        return None
    return h, [cells[h:end], *rows]


def blocks(text: str) -> list[object]:
    """The document as paragraphs (str) and tables (Table)."""
    lines = text.split("\n")
    out: list[object] = []
    i = 0
    while i < len(lines):
        # Look ahead for a table whose header starts here.
        t = None
        for j in range(i, min(len(lines), i + 16)):
            got = _rows_at(lines, j)
            if got and got[0] == i:
                t = got
                break
        if t:
            rows = t[1]
            out.append(Table(rows))
            i += sum(len(r) for r in rows)
            continue
        if "\t" in lines[i]:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append([c.strip() for c in lines[i].split("\t")])
                i += 1
            out.append(Table(rows))
            continue
        out.append(lines[i])
        i += 1
    return out


# --------------------------------------------------------------- renderers --


def _paragraphs(bs: list[object], table_fn, para_fn=lambda s: s) -> str:
    parts: list[str] = []
    for b in bs:
        if isinstance(b, Table):
            parts.extend(table_fn(b))
        else:
            parts.append(para_fn(b))
    return "\n".join(parts)


def r_cells(bs):
    return _paragraphs(bs, lambda t: [c for r in t.rows for c in r])


def r_cells_blank(bs):
    return _paragraphs(bs, lambda t: [x for r in t.rows for c in r for x in (c, "")])


def r_pipe_cells(bs):
    return _paragraphs(bs, lambda t: [c + " |" for r in t.rows for c in r])


def r_markdown(bs):
    def md(t):
        width = max(len(r) for r in t.rows)
        lines = ["| " + " | ".join(t.rows[0]) + " |", "|" + "---|" * width]
        lines += ["| " + " | ".join(r) + " |" for r in t.rows[1:]]
        return lines

    return _paragraphs(bs, md)


def r_tabs(bs):
    return _paragraphs(bs, lambda t: ["\t".join(r) for r in t.rows])


def r_multispace(bs):
    return _paragraphs(bs, lambda t: ["  ".join(r) for r in t.rows])


def r_wrapped(bs, width=34, page=45):
    lines: list[str] = []
    for b in bs:
        if isinstance(b, Table):
            lines.extend(c for r in b.rows for c in r)
        else:
            s = b
            while len(s) > width:
                lines.append(s[:width])
                s = s[width:]
            lines.append(s)
    out: list[str] = []
    for k, line in enumerate(lines):
        out.append(line)
        if (k + 1) % page == 0:
            out += ["", f"- {(k + 1) // page} -", ""]
    return "\n".join(out)


def r_flat(bs):
    # A document-sharing site's copy: every paragraph run into one line (tables kept as rows).
    parts: list[str] = []
    run: list[str] = []
    for b in bs:
        if isinstance(b, Table):
            if run:
                parts.append("".join(run))
                run = []
            parts.extend("\t".join(r) for r in b.rows)
        else:
            run.append(b.strip())
    if run:
        parts.append("".join(run))
    return "\n".join(parts)


_CJK_NUM = re.compile(r"(?<=[\u4e00-\u9fff])(?=\d)|(?<=\d)(?=[\u4e00-\u9fff])")


def r_spaced(bs):
    # A space between CJK and every number ("提高到 35 %" is not written; "提高到 35%" is).
    def sp(s):
        return re.sub(r"(?<=[\u4e00-\u9fff])(?=\d)", " ", s)

    return _paragraphs(bs, lambda t: [sp(c) for r in t.rows for c in r], sp)


def _s2t() -> dict[str, str]:
    table: dict[str, str] = {}
    inc = (ROOT / "src" / "text" / "traditional_table.inc").read_text(encoding="utf-8")
    for t, s in re.findall(r"\{0x([0-9A-F]+), 0x([0-9A-F]+)\}", inc):
        table.setdefault(chr(int(s, 16)), chr(int(t, 16)))
    return table


def _t2s() -> dict[str, str]:
    table: dict[str, str] = {}
    inc = (ROOT / "src" / "text" / "traditional_table.inc").read_text(encoding="utf-8")
    for t, s in re.findall(r"\{0x([0-9A-F]+), 0x([0-9A-F]+)\}", inc):
        table[chr(int(t, 16))] = chr(int(s, 16))
    return table


def fold_name(name: str, t2s: dict[str, str]) -> str:
    """A name as the gold writes it: simplified (the core's own table) and half-width.

    The extractor reports names as the document writes them (traditional,
    full-width); the gold is written once, in simplified script, for every
    rendering. Only the traditional and full-width renderings differ here.
    """
    # Full-width digits, letters and ／, as the normaliser folds them (not brackets: the gold keeps "（").
    half = {chr(c): chr(c - 0xFEE0) for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF0F]}
    return "".join(half.get(c) or t2s.get(c, c) for c in name)


def r_traditional(bs):
    s2t = _s2t()
    return "".join(s2t.get(c, c) for c in r_cells(bs))


def r_fullwidth(bs):
    def fw(c):
        o = ord(c)
        if 0x30 <= o <= 0x39 or 0x41 <= o <= 0x5A or 0x61 <= o <= 0x7A or c == "%":
            return chr(o + 0xFEE0)
        return c

    return "".join(fw(c) for c in r_cells(bs))


_NATURE_WORDS = {"预期性", "约束性", "倡导性", "预期", "约束", "倡导"}
_YEAR_HEADER = re.compile(r"(19|20)\d\d年")


def bare(t: Table) -> Table:
    """A target table as many plans print it: no running-number column, no nature column.

    Only tables whose header names a year and no responsibility column: a task
    table's row numbers are its tasks' numbers, which the gold keeps. Group-label
    rows (one cell) stay."""
    header, body = t.rows[0], [r for r in t.rows[1:] if len(r) > 1]
    if not any(_YEAR_HEADER.search(c) for c in header) or any("牵头" in c or "责任" in c for c in header):
        return t
    if not body or not all(r[0] == str(i) for i, r in enumerate(body, 1)):
        return t
    width = min(len(r) for r in body)
    drop = {0} | {j for j in range(width) if all(r[j] in _NATURE_WORDS for r in body)}
    # The group labels are rows of their own here, so their header cell ("类别") goes too:
    # the header then stands over the same columns as the rows.
    head = [c for c in header if c not in ("序号", "编号", "类别", "领域", "分类") and "性质" not in c and "属性" not in c]
    rows = [[c for j, c in enumerate(r) if j not in drop] if len(r) > 1 else r for r in t.rows[1:]]
    return Table([head, *rows])


def _bare_blocks(bs: list[object]) -> list[object]:
    return [bare(b) if isinstance(b, Table) else b for b in bs]


def r_bare_tabs(bs):
    return r_tabs(_bare_blocks(bs))


def _html_rows(rows: list[list[str]]) -> str:
    return "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)


def _html_page(bs, table_html, furniture: bool = True) -> str:
    """The document as an HTML page, each table as `table_html` writes it; with the
    navigation bar and footer a government site puts around a plan, or without."""
    body = _paragraphs(bs, lambda t: [table_html(t)], lambda s: f"<p>{html.escape(s)}</p>" if s.strip() else "")
    nav, footer = ('<div class="nav">首页 | 政务公开</div>', '<div class="footer">版权所有</div>') if furniture else ("", "")
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>plan</title>'
        "<style>body{font-family:'Noto Sans CJK SC',sans-serif}</style></head>\n"
        f"<body>{nav}\n" + body + f"\n{footer}</body></html>\n"
    )


def r_html(bs):
    return _html_page(bs, lambda t: f'<table border="1">{_html_rows(t.rows)}</table>')


_YEAR_HEAD = re.compile(r"^\D{0,6}\d{4}\s*年")


def _merged_header(t: Table) -> str | None:
    """A table's header as two rows, the way many plans print it: the later year columns
    under one spanning "目标值" cell, every other header cell spanning both rows
    ("指标 | 2020年 | 目标值" over "2025年 | 2030年"). None when the header has fewer than
    two year columns (the table keeps its one-row header)."""
    head = t.rows[0]
    years = [k for k, c in enumerate(head) if _YEAR_HEAD.match(c)]
    if len(years) < 2 or years != list(range(years[0], years[-1] + 1)):
        return None
    grouped = years[1:]  # the first year column may be the baseline: it stays on its own
    top, bottom = [], []
    for k, c in enumerate(head):
        if k == grouped[0]:
            top.append(f'<th colspan="{len(grouped)}">目标值</th>')
        if k in grouped:
            bottom.append(f"<th>{html.escape(c)}</th>")
        else:
            top.append(f'<th rowspan="2">{html.escape(c)}</th>')
    return "<tr>" + "".join(top) + "</tr><tr>" + "".join(bottom) + "</tr>"


def r_merged_html(bs):
    """HTML whose target tables have a two-row header with merged cells (rowspan / colspan)."""

    def tab(t):
        head = _merged_header(t)
        return f'<table border="1">{head or ""}{_html_rows(t.rows[1:] if head else t.rows)}</table>'

    return _html_page(bs, tab, furniture=False)


def _category_rows(t: Table) -> tuple[list[str], list[list[str]], list[int]] | None:
    """A table with group-label rows as Word and CMS editors lay it out: the label as a first
    column merged down over its group's rows. (header, rows, group length at each group's
    first row, 0 elsewhere); None when the table has no group labels."""
    if not any(len(r) == 1 for r in t.rows[1:]) or len(t.rows[1]) != 1:
        return None
    body_width = max(len(r) for r in t.rows[1:])
    head = t.rows[0] if len(t.rows[0]) > body_width else ["类别", *t.rows[0]]
    rows: list[list[str]] = []
    spans: list[int] = []
    for r in t.rows[1:]:
        if len(r) == 1:
            label, first = r[0], len(rows)
            continue
        rows.append([label, *r])
        spans.append(0)
        spans[first] += 1
    return head, rows, spans


_CMS_STYLE = "<style>td{padding:4px}.TRS_Editor p{line-height:2}</style>"


def _cms_paragraph(s: str, k: int) -> str:
    """A paragraph as a CMS editor saves it: a <div> or a <p>, indented with &nbsp;, the
    characters split into <span>s at the numbers (editors keep a run's font), and every
    fourth pair of paragraphs written as lines of one <p> split by <br>."""
    if not s.strip():
        return ""
    body = re.sub(r"(\d[\d.]*)", r'</span><span style="font-family:Times New Roman">\1</span><span>', html.escape(s))
    body = f"&nbsp;&nbsp;&nbsp;&nbsp;<span>{body}</span>"
    return f'<div style="text-indent:2em">{body}</div>' if k % 2 else f"<p>{body}</p>"


def r_cms_html(bs):
    """HTML as an old government CMS saves a plan: the article inside a layout table (one
    cell of the page's grid), paragraphs as <div>s and <p>s with &nbsp; indents and
    <span>-split numbers, some paragraphs as <br> lines of one <p>, tables whose header is
    <td><strong> (no <th>), cells holding <p>s, group labels as a first column merged down
    (rowspan)."""

    def tab(t: Table) -> str:
        cat = _category_rows(t)
        head, rows = (cat[0], cat[1]) if cat else (t.rows[0], t.rows[1:])
        out = ["<tr>" + "".join(f"<td><p><strong>{html.escape(c)}</strong></p></td>" for c in head) + "</tr>"]
        for k, r in enumerate(rows):
            cells = [f"<td><p>{html.escape(c)}</p></td>" for c in r]
            if cat:
                cells[0] = f'<td rowspan="{cat[2][k]}"><p>{html.escape(r[0])}</p></td>' if cat[2][k] else ""
            out.append("<tr>" + "".join(cells) + "</tr>")
        return f'<table border="1" cellspacing="0" class="MsoNormalTable">{"".join(out)}</table>'

    parts: list[str] = []
    k = 0
    while k < len(bs):
        b = bs[k]
        if isinstance(b, Table):
            parts.append(tab(b))
        elif k % 8 == 3 and k + 1 < len(bs) and isinstance(bs[k + 1], str) and b.strip() and bs[k + 1].strip():
            parts.append(f"<p>{html.escape(b)}<br>{html.escape(bs[k + 1])}</p>")  # two paragraphs, one <p>
            k += 1
        else:
            parts.append(_cms_paragraph(b, k))
        k += 1
    article = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>plan</title>' + _CMS_STYLE + "</head>\n<body>"
        '<table width="100%" border="0"><tr><td width="20%"><a href="/">首页</a></td><td>'
        '<table width="100%"><tr><td class="title">plan</td></tr><tr><td><div class="TRS_Editor">\n'
        + article
        + "\n</div></td></tr></table></td></tr></table></body></html>\n"
    )


_GOV_PAGE_STYLE = """<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @top-center { content: "某某市人民政府文件"; font-size: 10.5pt; color: #c00 } }
@page :right { @bottom-right { content: "— " counter(page) " —"; font-size: 14pt } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font-size: 14pt } }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 16pt; line-height: 28pt; margin: 0 }
p { margin: 0; text-indent: 2em }
table { border-collapse: collapse; font-size: 12pt; line-height: 1.3 }
td, th { border: 1px solid #000; padding: 2pt 4pt }
thead { display: table-header-group }
</style>"""


def r_gov_print(bs):
    """The page a government office prints its plan from (GB/T 9704): A4, 仿宋-sized 16pt
    text in a 156 mm column (about 28 characters a line, many wraps), indented paragraphs,
    a running header on every page, the page number "— 3 —" at the outer edge (right on
    odd pages, left on even), target tables with their header in <thead> (repeated on every
    page a table runs over) and group labels as a first column merged down."""

    def tab(t: Table) -> str:
        cat = _category_rows(t)
        head, rows = (cat[0], cat[1]) if cat else (t.rows[0], t.rows[1:])
        merged = _merged_header(Table([head]))
        thead = merged or "<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in head) + "</tr>"
        body = []
        for k, r in enumerate(rows):
            cells = [f"<td>{html.escape(c)}</td>" for c in r]
            if cat:
                cells[0] = f'<td rowspan="{cat[2][k]}">{html.escape(r[0])}</td>' if cat[2][k] else ""
            body.append("<tr>" + "".join(cells) + "</tr>")
        return f"<table><thead>{thead}</thead><tbody>{''.join(body)}</tbody></table>"

    body = _paragraphs(bs, lambda t: [tab(t)], lambda s: f"<p>{html.escape(s)}</p>" if s.strip() else "")
    return f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>plan</title>{_GOV_PAGE_STYLE}</head>\n<body>\n{body}\n</body></html>\n'


def r_mhtml(bs) -> bytes:
    """The HTML page saved by a browser as one file: MHTML, the page quoted-printable."""
    import quopri

    b = "----MultipartBoundary--layouts"
    head = (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/art/plan.html\r\n"
        "Subject: plan\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{b}"\r\n\r\n\r\n'
        f"--{b}\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: http://www.example.gov.cn/art/plan.html\r\n\r\n"
    )
    return head.encode("ascii") + quopri.encodestring(r_html(bs).encode("utf-8")) + f"\r\n--{b}--\r\n".encode("ascii")


def _docx_table(d, t: Table) -> None:
    table = d.add_table(rows=len(t.rows), cols=max(len(r) for r in t.rows))
    for i, r in enumerate(t.rows):
        for j, c in enumerate(r):
            table.cell(i, j).text = c


def write_docx(bs, path: Path) -> None:
    import docx

    d = docx.Document()
    for b in bs:
        if isinstance(b, Table):
            _docx_table(d, b)
        elif b.strip():
            d.add_paragraph(b)
    d.save(path)


# Outline labels Word can number by itself: (pattern, numFmt, lvlText), one level each.
_NUMBERED_LEVELS = [
    (re.compile(r"^([一二三四五六七八九十]+)、"), "chineseCounting", "%1、"),
    (re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]"), "chineseCounting", "（%2）"),
    (re.compile(r"^(\d{1,2})\.(?!\d)"), "decimal", "%3."),
    (re.compile(r"^[（(](\d{1,2})[）)]"), "decimal", "（%4）"),
]
_CHINESE_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def _label_value(s: str) -> int:
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CHINESE_VALUE[s[1]]
    if "十" in s:
        a, _, b = s.partition("十")
        return _CHINESE_VALUE[a] * 10 + (_CHINESE_VALUE[b] if b else 0)
    return _CHINESE_VALUE[s]


def write_docx_numbered(bs, path: Path) -> None:
    """DOCX whose outline labels are Word list numbering, not typed text: the paragraph
    holds "总体要求", Word prints "一、总体要求". Counters follow Word's rules (one
    abstract list; a level counting up restarts the levels below); where a typed label
    is not the next number, a new list instance restarts that level at it
    (w:lvlOverride/w:startOverride), as Word's "set numbering value" does."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        '<w:suff w:val="nothing"/></w:lvl>'
        for i, (_, fmt, text) in enumerate(_NUMBERED_LEVELS)
    )
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'))
    next_id = [900]

    def new_num(overrides: dict[int, int]) -> str:
        next_id[0] += 1
        body = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{v}"/></w:lvlOverride>' for lvl, v in overrides.items()
        )
        numbering.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="{next_id[0]}"><w:abstractNumId w:val="90"/>{body}</w:num>')
        )
        return str(next_id[0])

    num_id = new_num({})
    counters: dict[int, int] = {}
    for b in bs:
        if isinstance(b, Table):
            _docx_table(d, b)
            continue
        if not b.strip():
            continue
        hit = next(((lvl, m) for lvl, (rx, _, _) in enumerate(_NUMBERED_LEVELS) if (m := rx.match(b))), None)
        if not hit:
            d.add_paragraph(b)
            continue
        lvl, m = hit
        value = _label_value(m.group(1))
        if counters.get(lvl, 0) + 1 != value:
            num_id = new_num({lvl: value})
        counters[lvl] = value
        for deeper in [k for k in counters if k > lvl]:
            del counters[deeper]
        para = d.add_paragraph(b[m.end() :])
        ppr = para._p.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{lvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    d.save(path)


def _word_table(container, t: Table) -> None:
    """A table as Word users build it: a header over two rows with merged cells when it has
    year columns (gridSpan over "目标值", vMerge down the others, like merged_html), and the
    group labels as a first column merged down over their rows (vMerge)."""
    cat = _category_rows(t)
    head, rows = (cat[0], cat[1]) if cat else (t.rows[0], t.rows[1:])
    years = [k for k, c in enumerate(head) if _YEAR_HEAD.match(c)]
    two = len(years) >= 2 and years == list(range(years[0], years[-1] + 1))
    top = 2 if two else 1
    width = max(len(head), *(len(r) for r in rows))
    table = container.add_table(rows=top + len(rows), cols=width)
    table.style = "Table Grid"
    if two:
        grouped = years[1:]
        for k, c in enumerate(head):
            if k in grouped:
                table.cell(1, k).text = c
            else:
                table.cell(0, k).merge(table.cell(1, k)).text = c
        table.cell(0, grouped[0]).merge(table.cell(0, grouped[-1])).text = "目标值"
    else:
        for k, c in enumerate(head):
            table.cell(0, k).text = c
    for i, r in enumerate(rows):
        for j, c in enumerate(r):
            if not (cat and j == 0):
                table.cell(top + i, j).text = c
    if cat:
        for i, n in enumerate(cat[2]):
            if n:
                table.cell(top + i, 0).merge(table.cell(top + i + n - 1, 0)).text = cat[1][i][0]


def write_word_docx(bs, path: Path) -> None:
    """DOCX as Word users write a plan: tables with merged headers and merged group labels
    (_word_table), each target table (a header naming a year) boxed with its 专栏
    caption in a one-cell frame table — the table nested in the frame's cell — and some
    pairs of paragraphs as lines of one paragraph, split by a line break (w:br)."""
    import docx

    d = docx.Document()
    caption = None  # the 专栏 paragraph just written, which a frame takes in
    soft = None  # a paragraph whose next one goes on after a line break (Shift+Enter)
    for k, b in enumerate(bs):
        if isinstance(b, Table) or not b.strip():
            soft = None
        elif soft is not None and not b.startswith("专栏"):
            soft.add_run().add_break()
            soft.add_run(b)
            soft = caption = None
            continue
        if isinstance(b, Table):
            if any(_YEAR_HEADER.search(c) for c in b.rows[0]):
                frame = d.add_table(rows=1, cols=1).cell(0, 0)
                if caption is not None:
                    frame.paragraphs[0].text = caption.text
                    d.element.body.remove(caption._p)
                _word_table(frame, b)
            else:
                _word_table(d, b)
            caption = None
        elif b.strip():
            para = d.add_paragraph(b)
            caption = para if b.startswith("专栏") else None
            # Every eighth paragraph takes the next in as a new line (text pasted from a web page).
            soft = para if k % 8 == 3 and caption is None else None
    d.save(path)


def write_pdf(bs, path: Path, page=None) -> bool:
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chrome:
        return False
    src = path.with_suffix(".src.html")
    src.write_text((page or r_html)(bs), encoding="utf-8")
    subprocess.run(
        [chrome, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={path}", src.as_uri()],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    return path.exists()


TEXT_LAYOUTS = {
    "cells": r_cells,
    "cells_blank": r_cells_blank,
    "pipe_cells": r_pipe_cells,
    "markdown": r_markdown,
    "tabs": r_tabs,
    "multispace": r_multispace,
    "wrapped": r_wrapped,
    "spaced": r_spaced,
    "traditional": r_traditional,
    "fullwidth": r_fullwidth,
    "bare_tabs": r_bare_tabs,
    "flat": r_flat,
}
HTML_LAYOUTS = {
    "html": r_html,
    "bare_html": lambda bs: r_html(_bare_blocks(bs)),
    "merged_html": r_merged_html,
    "cms_html": r_cms_html,
}
LAYOUTS = ["plain", *TEXT_LAYOUTS, "utf16", "gbk", "html", "bare_html", "merged_html", "cms_html", "mhtml", "docx",
           "docx_numbered", "word_docx", "pdf", "merged_pdf", "gov_pdf"]  # fmt: skip


def render(doc: Path, layout: str, out_dir: Path) -> Path | None:
    """Writes `doc` in `layout` into out_dir; the path, or None when the layout cannot be made here."""
    text = doc.read_text(encoding="utf-8")
    stem = doc.stem
    if layout == "plain":
        return doc
    if layout == "utf16":
        p = out_dir / f"{stem}.txt"
        p.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
        return p
    if layout == "gbk":
        p = out_dir / f"{stem}.txt"
        try:
            p.write_bytes(text.encode("gb18030"))
        except UnicodeEncodeError:
            return None
        return p
    bs = blocks(text)
    if layout in TEXT_LAYOUTS:
        p = out_dir / f"{stem}.txt"
        p.write_text(TEXT_LAYOUTS[layout](bs), encoding="utf-8")
        return p
    if layout in HTML_LAYOUTS:
        p = out_dir / f"{stem}.html"
        p.write_text(HTML_LAYOUTS[layout](bs), encoding="utf-8")
        return p
    if layout == "mhtml":
        p = out_dir / f"{stem}.mhtml"
        p.write_bytes(r_mhtml(bs))
        return p
    if layout == "merged_pdf":
        p = out_dir / f"{stem}.pdf"
        return p if write_pdf(bs, p, r_merged_html) else None
    if layout == "gov_pdf":
        p = out_dir / f"{stem}.pdf"
        return p if write_pdf(bs, p, r_gov_print) else None
    if layout == "word_docx":
        p = out_dir / f"{stem}.docx"
        write_word_docx(bs, p)
        return p
    if layout == "docx":
        p = out_dir / f"{stem}.docx"
        write_docx(bs, p)
        return p
    if layout == "docx_numbered":
        p = out_dir / f"{stem}.docx"
        write_docx_numbered(bs, p)
        return p
    if layout == "pdf":
        p = out_dir / f"{stem}.pdf"
        return p if write_pdf(bs, p) else None
    raise ValueError(f"unknown layout {layout}")


# ------------------------------------------------------------------ scoring --


def sets() -> dict[str, tuple[list[Path], Path, Path]]:
    """name → (documents, gold targets, gold tasks)."""
    from healthplan import datasets

    q = HERE
    return {
        "seeds": (datasets.seed_paths(), q / "seeds" / "seed_targets.jsonl", q / "seeds" / "seed_tasks.jsonl"),
        **{
            name: (sorted((q / name / "docs").glob("*.txt")), q / name / "gold_targets.jsonl",
                   q / name / "gold_tasks.jsonl")
            for name in ("heldout", "heldout2", "real", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10")
        },
    }  # fmt: skip


def _score(scorer: str, gold: Path, pred: Path, docs: list[str]) -> str:
    proc = subprocess.run(
        [sys.executable, str(HERE / scorer), str(gold), str(pred), "--docs", ",".join(docs)],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    return proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr


def score_layout(docs: list[Path], gold_t: Path, gold_k: Path, layout: str, work: Path) -> dict[str, float] | None:
    import healthplan as hp
    from healthplan._cli.records import target_record, task_record

    out_dir = work / layout
    out_dir.mkdir(parents=True, exist_ok=True)
    targets, tasks = [], []
    t2s = _t2s()
    for doc in docs:
        path = render(doc, layout, out_dir)
        if path is None:
            return None
        plan = hp.extract_file(path)
        for t in plan.targets:
            record = target_record(t, doc.name)
            record["indicator"] = fold_name(record["indicator"], t2s)
            targets.append(record)
        tasks += [task_record(k, doc.name) for k in plan.tasks if k.lead or k.responsible or k.others]
    pt, pk = out_dir / "targets.jsonl", out_dir / "tasks.jsonl"
    pt.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in targets), encoding="utf-8")
    pk.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in tasks), encoding="utf-8")
    names = [d.name for d in docs]
    # The gold of a traditional-script document is written as found: fold it the same way.
    folded = out_dir / "gold_targets.folded.jsonl"
    gold_records = [json.loads(x) for x in gold_t.read_text(encoding="utf-8").splitlines() if x.strip()]
    for g in gold_records:
        g["indicator"] = fold_name(g["indicator"], t2s)
    folded.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold_records), encoding="utf-8")
    line_t = _score("score_targets.py", folded, pt, names)
    line_k = _score("score_tasks.py", gold_k, pk, names)
    m = re.search(r"precision ([\d.]+) recall ([\d.]+)", line_t)
    f = re.search(r"f1 ([\d.]+)", line_k)
    if not m or not f:
        raise RuntimeError(f"scorer output not understood: {line_t} / {line_k}")
    return {"P": float(m.group(1)), "R": float(m.group(2)), "F1": float(f.group(1))}


def table(set_names: list[str], layouts: list[str]) -> Iterator[tuple[str, str, dict[str, float] | None]]:
    """(set, layout, scores) as each is scored; scores None when the layout cannot be made here."""
    all_sets = sets()
    with tempfile.TemporaryDirectory() as tmp:
        for name in set_names:
            docs, gt, gk = all_sets[name]
            for layout in layouts:
                yield name, layout, score_layout(docs, gt, gk, layout, Path(tmp) / name)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default="seeds,heldout,heldout2,real,blind,blind2,blind3,blind4,blind5,blind6,blind7,blind8,blind9,blind10")
    ap.add_argument("--layouts", default=",".join(LAYOUTS))
    args = ap.parse_args()
    print(f"{'set':<9} {'layout':<12} {'targets P':>9} {'targets R':>9} {'tasks F1':>8}   ratio to plain (P R F1)")
    plain: dict[str, dict[str, float]] = {}
    for name, layout, s in table(args.sets.split(","), args.layouts.split(",")):
        if s is None:
            print(f"{name:<9} {layout:<12} {'(cannot render here)':>28}")
            continue
        if layout == "plain":
            plain[name] = s
        base = plain.get(name)
        ratio = " ".join(f"{(s[k] / base[k] if base[k] else 1.0):.2f}" for k in ("P", "R", "F1")) if base else ""
        print(f"{name:<9} {layout:<12} {s['P']:>9.3f} {s['R']:>9.3f} {s['F1']:>8.3f}   {ratio}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    raise SystemExit(main())

"""Readers: a document file (text, HTML, Word .docx, PDF) becomes the text the core reads.

The core's input is a *document of blocks* written as text: one paragraph a
line, one table row a line of tab-separated cells (merged cells expanded, so
every row has the grid's width). The text readers live in C++ (encodings);
HTML, DOCX and PDF are read here, with kept libraries: selectolax (the
lexbor HTML5 parser), python-docx and pdfplumber. They are Python packages,
so the readers are Python too; a C++ application hands ``healthplan::extract``
the same block text (see docs/extraction.md). The extracted text is kept in
``plan.source.text`` and the spans index into it.

The format is told from the content (``_core.sniff_format``: magic bytes,
the parts of a ZIP, ``<html``), not the name; a file that cannot be read is
a ``ParseError`` with id ``input.unsupported_format`` saying how to convert it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

__all__ = ["READABLE_FORMATS", "Document", "read_document", "sniff"]

#: Formats the readers turn into text.
READABLE_FORMATS = ("text", "html", "mhtml", "docx", "pdf")


@dataclass(frozen=True)
class Document:
    """A document as the core reads it."""

    text: str  #: paragraphs one a line, table rows as tab-separated cells
    format: str  #: "text", "html", "mhtml", "docx" or "pdf"
    encoding: str  #: of the original bytes ("utf-8", "gb18030", "utf-16le", "" for binary formats)


def _error(id_: str, message: str, where: str) -> Exception:
    exc = _core.ParseError(f"[{id_}] {where}: {message}")
    exc.id = id_
    exc.where = where
    exc.detail = message
    return exc


def _need(module: str, path: str) -> Any:
    """Imports an optional reader library, or says which extra installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise _error(
            "input.reader_missing",
            f"reading this format needs the Python package '{module}': pip install 'healthplan[documents]'",
            path,
        ) from None


def sniff(data: bytes) -> str:
    """The format of ``data`` from its content (see ``_core.sniff_format``)."""
    return _core.sniff_format(data[: 1 << 16])


def read_document(path: str | os.PathLike[str], encoding: str | None = None) -> Document:
    """Reads a document file of any supported format into a :class:`Document`."""
    p = os.fspath(path)
    # The core's bounded reader: a missing file, a folder, a FIFO or a device and
    # an input over the size limit are each refused with their own id.
    data = _core._read_file(p)
    fmt = sniff(data)
    if fmt == "text":
        text, enc = _core.decode_text(data, encoding or "", p)
        return Document(text, "text", enc)
    if fmt == "html":
        return _read_html(data, encoding, p)
    if fmt == "mhtml":
        return _read_mhtml(data, encoding, p)
    if fmt == "docx":
        return Document(_read_docx(p), "docx", "")
    if fmt == "pdf":
        from ._pdf import read_pdf  # imports this module's helpers

        return Document(read_pdf(p), "pdf", "")
    _core.reject_format(fmt, p)
    raise AssertionError("unreachable")  # pragma: no cover


# ------------------------------------------------------------------- tables --


# A cell that states a value, not a label: a comparator or a bare number ("≥22", "18.2").
_VALUE_CELL = re.compile(r"\s*[≥≤<>＞＜=≧≦]|\s*[\d.]+\s*[%％‰]?\s*$")


def combine_header_rows(rows: Sequence[Sequence[str]]) -> list[list[str]]:
    """A header printed over two rows with merged cells, as one header row.

    "序号 | 指标 | 目标值 | 目标值" over "序号 | 指标 | 2025年 | 2027年" (the readers repeat a
    merged cell's text in every slot it covers) becomes "序号 | 指标 | 目标值2025年 |
    目标值2027年": the second row repeats the first in some columns and states labels,
    not values, in the others. Any other table is returned as it is.
    """
    out = [list(r) for r in rows]
    if len(out) < 3 or len(out[0]) != len(out[1]):
        return out
    top, second = out[0], out[1]
    same = [a.strip() == b.strip() for a, b in zip(top, second)]
    own = [b for b, s in zip(second, same) if not s]
    if not any(same) or not own or any(not b.strip() or _VALUE_CELL.match(b) for b in own):
        return out
    combined = [a if s else (a + b if a.strip() and not b.startswith(a) else b) for a, b, s in zip(top, second, same)]
    return [combined, *out[2:]]


def _grid_lines(rows: Sequence[Sequence[str]]) -> list[str]:
    """A table's rows as tab-separated lines; cell text on one line (a two-row header as one)."""
    out = []
    for row in combine_header_rows(rows):
        cells = [_one_line(c) for c in row]
        if any(cells):
            out.append("\t".join(c if c else "-" for c in cells).rstrip("\t"))
    return out


_CJK = r"\u3400-\u9fff\uff00-\uffef\u3000-\u303f"
# A line break next to a CJK character is no space ("2023⏎年", "/10⏎万", "达到国家⏎平均水平").
_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t]*\n\s*|[ \t]*\n\s*(?=[{_CJK}])")


def _one_line(text: str) -> str:
    """Cell or paragraph text on one line: breaks next to a CJK character vanish, others become a space."""
    text = _WRAP.sub("", text.replace("\r", ""))
    return re.sub(r"[ \t\n\u00a0]+", " ", text).strip()


# --------------------------------------------------------------------- HTML --

_BLOCK = frozenset(
    [
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "dt",
        "dd",
        "dl",
        "title",
        "center",
        "form",
        "hr",
    ]
)
_DROP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "nav",
        "iframe",
        "form",
        "button",
        "select",
        "option",
        "svg",
        "canvas",
        "template",
        "head",
    ]
)
# Navigation, share buttons and footers of government pages, by class or id.
_DROP_NAMES = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|breadcrumb|crumb|share|bdshare|footer|foot|copyright|sidebar|toolbar|print|"
    r"location|position|weizhi|fenxiang)([-_ 0-9]|$)",
    re.IGNORECASE,
)


def _html_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", data[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii").lower() if m else None


def _decode_html(data: bytes, encoding: str | None, path: str) -> tuple[str, str]:
    declared = encoding or _html_charset(data)
    if declared in ("gbk", "gb2312", "gb18030", "cp936"):
        declared = "gb18030"  # a superset: pages declared gb2312 use GBK characters
    if declared and declared not in ("utf-8", "utf8", "gb18030", "utf-16", "utf-16le", "utf-16be"):
        declared = None
    if declared:
        if declared.startswith("utf-16"):
            return data.decode(declared), declared
        text, enc = _core.decode_text(data, declared, path)
        return text, enc
    return _core.decode_text(data, "", path)


def _read_html(data: bytes, encoding: str | None, path: str) -> Document:
    lexbor = _need("selectolax.lexbor", path)
    text, enc = _decode_html(data, encoding, path)
    tree = lexbor.LexborHTMLParser(text)
    root = tree.body or tree.root
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _one_line("".join(current))
        if line:
            lines.append(line)
        current.clear()

    # Depth-first with an explicit stack, not recursion: a saved page may nest
    # thousands of unclosed <div>s, far past Python's recursion limit.
    # (node, False) marks leaving a block element, where its line ends.
    stack: list[tuple[Any, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if not entering:
            flush()
            continue
        tag = node.tag
        if tag == "-text":
            current.append(node.text_content or "")
            continue
        if tag in _DROP_TAGS or tag == "-comment":
            continue
        attrs = node.attributes or {}
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if names.strip() and _DROP_NAMES.search(names):
            continue
        if tag == "table" and not _layout_table(node):
            flush()
            lines.extend(_grid_lines(_html_grid(node)))
            continue
        if tag in _BLOCK or tag in ("td", "th"):
            flush()
            stack.append((node, False))
        stack.extend((child, True) for child in reversed(_children(node)))
    flush()
    return Document("\n".join(lines) + "\n", "html", enc)


def _read_mhtml(data: bytes, encoding: str | None, path: str) -> Document:
    """A web page saved as one file (MHTML): its first text/html part, read as HTML.

    The standard library's MIME parser undoes the archive's transfer encoding
    (quoted-printable or base64); the part's charset parameter names the page's
    encoding unless the caller gives one."""
    import email
    import email.errors
    import email.policy

    try:
        archive = email.message_from_bytes(data, policy=email.policy.compat32)
        for part in archive.walk():
            if part.get_content_type() == "text/html":
                page = part.get_payload(decode=True)
                if isinstance(page, bytes):
                    doc = _read_html(page, encoding or part.get_content_charset(), path)
                    return Document(doc.text, "mhtml", doc.encoding)
    except (ValueError, LookupError, email.errors.MessageError) as err:
        raise _error(
            "input.unreadable", f"not a readable web page archive ({type(err).__name__}: {err})", path
        ) from None
    raise _error("input.unreadable", "a web page archive (MHTML) with no HTML page in it", path)


def _children(node: Any) -> list[Any]:
    out = []
    child = node.child
    while child is not None:
        out.append(child)
        child = child.next
    return out


def _table_rows(table: Any) -> list[Any]:
    """A table's own <tr>s in document order (not those of a table nested in a cell)."""
    rows: list[Any] = []
    stack = list(reversed(_children(table)))  # document order, without recursion
    while stack:
        n = stack.pop()
        if n.tag == "tr":
            rows.append(n)
        elif n.tag in ("thead", "tbody", "tfoot"):
            stack.extend(reversed(_children(n)))
    return rows


def _layout_table(table: Any) -> bool:
    """A table that lays out a page, not data: one of its cells holds another table (an old
    CMS puts the whole article, target tables and all, in a cell of the page's grid), or it
    has one column (a box around a 专栏 or the article). Its cells are read as the page's
    blocks, paragraph by paragraph; a grid would run each cell's paragraphs into one line."""
    rows = _table_rows(table)
    cells = [c for tr in rows for c in _children(tr) if c.tag in ("td", "th")]
    if not cells:
        return False
    if all(sum(1 for c in _children(tr) if c.tag in ("td", "th")) <= 1 for tr in rows):
        return True
    return any(c.css_first("table") is not None for c in cells)


def _cell_text(node: Any) -> str:
    parts: list[str] = []
    stack = [node]  # an explicit stack, as in _read_html: cells nest as deep as the page does
    while stack:
        n = stack.pop()
        if n.tag == "-text":
            parts.append(n.text_content or "")
            continue
        if n.tag in _DROP_TAGS:
            continue
        if n.tag in ("br", "p", "div") and parts:
            parts.append("\n")
        stack.extend(reversed(_children(n)))
    return "".join(parts)


def _html_grid(table: Any) -> list[list[str]]:
    """Rows of cells with rowspan and colspan expanded (a merged cell's text in every slot)."""
    rows = _table_rows(table)
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, col) filled by a rowspan above
    for r, tr in enumerate(rows):
        row: list[str] = []
        cell = tr.child
        while True:
            # Slots a rowspan above covers come before this row's next own cell.
            while (r, len(row)) in pending:
                row.append(pending.pop((r, len(row))))
            while cell is not None and cell.tag not in ("td", "th"):
                cell = cell.next
            if cell is None:
                break
            text = _one_line(_cell_text(cell))
            attrs = cell.attributes or {}
            colspan = _span(attrs.get("colspan"))
            rowspan = _span(attrs.get("rowspan"))
            for _ in range(colspan):
                for d in range(1, rowspan):
                    pending[(r + d, len(row))] = text
                row.append(text)
            cell = cell.next
        grid.append(row)
    return grid


def _span(v: str | None) -> int:
    try:
        return max(1, min(int(v or 1), 50))
    except ValueError:
        return 1


# --------------------------------------------------------------------- DOCX --


def _read_docx(path: str) -> str:
    docx = _need("docx", path)
    from docx.text.paragraph import Paragraph

    from ._docx_numbering import Numbering

    try:
        doc = docx.Document(path)
    except Exception as err:  # python-docx raises several types for a broken package
        raise _error("input.unreadable", f"not a readable .docx ({type(err).__name__}: {err})", path) from None
    lines: list[str] = []
    try:
        # Labels of Word's list numbering ("一、" printed, not in the text) go back before their paragraphs.
        numbering = Numbering(doc)

        def paragraph_text(p: Any) -> str:
            return numbering.label(p) + Paragraph(p, doc).text

        lines.extend(_docx_blocks(doc.element.body, paragraph_text))
    except Exception as err:  # a well-formed package with a malformed body (e.g. a bad gridSpan)
        raise _error("input.unreadable", f"not a readable .docx ({type(err).__name__}: {err})", path) from None
    return "\n".join(lines) + "\n"


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_blocks(container: Any, paragraph_text: Any) -> list[str]:
    """The lines of a body, or of a cell read as body: paragraphs, table rows, and the
    blocks inside a frame table (_docx_frame) and a content control (w:sdt) as the
    container's own. Depth-first with an explicit stack: frames nest as deep as the file says."""
    lines: list[str] = []
    stack = list(reversed(list(container.iterchildren())))
    while stack:
        child = stack.pop()
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            # A line break (w:br, Shift+Enter; "\n" in python-docx's text) ends a line, as
            # <br> does in HTML: text pasted from a web page keeps its paragraphs that way.
            lines += [line for part in paragraph_text(child).split("\n") if (line := _one_line(part))]
        elif tag == "tbl" and _docx_frame(child):
            cells = [tc for tr in child.iterchildren(f"{_W}tr") for tc in tr.iterchildren(f"{_W}tc")]
            stack.extend(reversed([x for tc in cells for x in tc.iterchildren()]))
        elif tag == "tbl":
            lines.extend(_grid_lines(_docx_grid(child, paragraph_text)))
        elif tag == "sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                stack.extend(reversed(list(content.iterchildren())))
    return lines


def _docx_frame(tbl: Any) -> bool:
    """A table that boxes text, not data: every row one cell (a 专栏 box, a frame around a
    target table and its caption). Its cells' paragraphs and tables are read as blocks of
    their own; a grid would run a cell's paragraphs into one line and lose a nested table."""
    rows = list(tbl.iterchildren(f"{_W}tr"))
    return bool(rows) and all(len(list(tr.iterchildren(f"{_W}tc"))) == 1 for tr in rows)


def _docx_cell_text(tc: Any, paragraph_text: Any) -> str:
    """A grid cell's text: its paragraphs, and the rows of a table nested in it, one a line."""
    parts: list[str] = []
    for child in tc.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(paragraph_text(child))
        elif tag == "tbl":
            parts += [" ".join(c for c in row if c) for row in _docx_grid(child, paragraph_text)]
    return "\n".join(parts)


def _docx_grid(tbl: Any, paragraph_text: Any) -> list[list[str]]:
    """A Word table's rows with merged cells repeated: a horizontal merge
    (gridSpan) in every grid column it covers, a vertical one (vMerge) below
    its top. python-docx's ``row.cells`` does the same, but trusts gridSpan
    (``w:gridSpan="99999999"`` builds that many cells) and follows a vertical
    merge up by recursion; here a span is capped like an HTML colspan and the
    cell above is remembered per column."""
    grid: list[list[str]] = []
    above: dict[int, str] = {}  # grid column -> text of the cell a vertical merge continues
    for tr in tbl.iterchildren(f"{_W}tr"):
        # Grid columns the row leaves empty before its first cell (w:gridBefore).
        before = _docx_val(tr.find(f"{_W}trPr/{_W}gridBefore"))
        row: list[str] = [""] * (_span(before) if before and before.strip() not in ("0", "") else 0)
        for tc in tr.iterchildren(f"{_W}tc"):
            span = _span(_docx_val(tc.find(f"{_W}tcPr/{_W}gridSpan")))
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if vmerge is not None and _docx_val(vmerge) in (None, "continue"):
                text = above.get(len(row), "")
            else:
                text = _docx_cell_text(tc, paragraph_text)
            for _ in range(span):
                above[len(row)] = text
                row.append(text)
        grid.append(row)
    return grid


def _docx_val(el: Any) -> str | None:
    return None if el is None else el.get(f"{_W}val")

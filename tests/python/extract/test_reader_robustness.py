"""The document readers on hostile structure: what the Atheris targets of
tests/fuzz/python/ found, and their seeds replayed (the same invariants, without
Atheris, so CI keeps them)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import healthplan as hp

FUZZ = Path(__file__).resolve().parents[2] / "fuzz"
sys.path.insert(0, str(FUZZ / "python"))
import reader_invariants  # noqa: E402
from docx_package import docx_package  # noqa: E402

pytest.importorskip("selectolax")
pytest.importorskip("docx")
pytest.importorskip("pdfplumber")

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(body: str) -> bytes:
    return docx_package(f'<?xml version="1.0"?><w:document {_W}><w:body>{body}</w:body></w:document>'.encode())


_GRID_SPAN_HUGE = '<w:gridSpan w:val="99999999"/>'
_V_MERGE_START = '<w:vMerge w:val="restart"/>'


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text)}</w:tc>"


# The HTML and MHTML targets put a fixed head before their input; replay them the same way.
_MHTML_HEAD = (
    b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="b"\r\n\r\n'
)
_SEEDS = {
    "read_html": (".html", b"<html><body>"),
    "read_mhtml": (".mhtml", _MHTML_HEAD),
    "read_docx": (".docx", b""),
    "read_pdf": (".pdf", b""),
}


@pytest.mark.parametrize("seeds", sorted(_SEEDS))
def test_fuzz_seeds_keep_the_invariants(seeds: str) -> None:
    suffix, head = _SEEDS[seeds]
    assert reader_invariants.replay(FUZZ / "seeds" / seeds, suffix, head) > 0


def test_mhtml_seeds_read_their_page(tmp_path: Path) -> None:
    # The seeds reach the page inside the archive (not an error or an empty read).
    for seed in sorted((FUZZ / "seeds" / "read_mhtml").iterdir()):
        p = tmp_path / f"{seed.stem}.mhtml"
        p.write_bytes(_MHTML_HEAD + seed.read_bytes())
        plan = hp.extract_file(p)
        assert plan.source.format == "mhtml" and any(t.indicator == "居民健康素养水平" for t in plan.targets)


def test_html_nested_past_the_recursion_limit(tmp_path: Path) -> None:
    # 5,000 unclosed <div>s (and <span>s inside a cell) were a RecursionError traceback.
    deep = "<div>" * 5000 + "到2025年，人均预期寿命达到79岁。" + "</div>" * 5000
    cell = "<span>" * 5000 + "≥30" + "</span>" * 5000
    page = (
        f"<html><body>{deep}<table><tr><td>序号</td><td>指标</td><td>2025年</td></tr>"
        f"<tr><td>1</td><td>居民健康素养水平（%）</td><td>{cell}</td></tr></table></body></html>"
    )
    p = tmp_path / "deep.html"
    p.write_text(page, encoding="utf-8")
    plan = hp.extract_file(p)
    assert ("人均预期寿命", 79.0) in {(t.indicator, t.value) for t in plan.targets}
    assert "≥30" in plan.source.text


def test_docx_huge_grid_span_is_capped(tmp_path: Path) -> None:
    # python-docx's row.cells builds one cell per spanned column: 99,999,999 of them.
    table = (
        "<w:tbl>"
        f"<w:tr>{_tc('指标')}{_tc('2025年')}</w:tr>"
        f"<w:tr>{_tc('人均预期寿命（岁）', _GRID_SPAN_HUGE)}{_tc('79')}</w:tr>"
        "</w:tbl>"
    )
    p = tmp_path / "span.docx"
    p.write_bytes(_docx(_p("某市健康行动") + table))
    text = hp.extract_file(p).source.text
    row = next(line for line in text.splitlines() if line.startswith("人均预期寿命"))
    assert row.split("\t") == ["人均预期寿命（岁）"] * 50 + ["79"]


def test_docx_long_vertical_merge_needs_no_recursion(tmp_path: Path) -> None:
    # python-docx follows w:vMerge="continue" up one row per call: 3,000 rows overflowed the stack.
    rows = f"<w:tr>{_tc('牵头单位', _V_MERGE_START)}{_tc('任务0')}</w:tr>" + "".join(
        f"<w:tr>{_tc('', '<w:vMerge/>')}{_tc(f'任务{i}')}</w:tr>" for i in range(1, 3000)
    )
    p = tmp_path / "merge.docx"
    p.write_bytes(_docx(f"<w:tbl>{rows}</w:tbl>"))
    lines = _read(p)
    assert lines[-1] == "牵头单位\t任务2999"


def _read(p: Path) -> list[str]:
    from healthplan import _documents

    return _documents.read_document(p).text.splitlines()


def test_damaged_pdf_page_is_a_parse_error(tmp_path: Path) -> None:
    # pdfplumber opens lazily: a broken page surfaced as pdfminer's own exception (a traceback).
    pdf = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 a b] /Contents 4 0 R >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )
    p = tmp_path / "bad.pdf"
    p.write_bytes(pdf)
    with pytest.raises(hp.ParseError) as err:
        hp.extract_file(p)
    assert err.value.id == "input.unreadable"
    assert "bad.pdf" in str(err.value)

"""The PDF reader rebuilds paragraphs and table rows from positions, whatever wrote the PDF.

The layout-invariance test prints with Chromium's defaults (ragged right, a gap
between paragraphs, no page furniture). Word and WPS print otherwise: justified
lines, a first-line indent of two characters and no gap between paragraphs, a
running header and footer with the page number, and table rows that run over a
page break. This test prints a composed document that way (CSS for the layout,
Chromium's own header and footer for the furniture) and checks the text the
reader gives back: every paragraph whole on one line, no header, footer or page
number left, and every table row whole with its cells.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import pytest

from healthplan import _documents

pytest.importorskip("pdfplumber")

# Paragraphs long enough to wrap over several lines and to run over page breaks;
# numbers and years where a break may fall ("2030年", "78.5岁", "10/10万").
PARAGRAPHS = [
    f"（{n}）到2025年和2030年，第{n}项指标分别达到{70 + n}%和{80 + n}%以上，人均预期寿命达到78.5岁，"
    "婴儿死亡率、5岁以下儿童死亡率、孕产妇死亡率分别下降到4.0‰、4.5‰、10/10万，"
    "健康生活方式基本普及，居民主要健康影响因素得到有效控制，重大慢性病导致的过早死亡率明显降低。"
    "（市卫生健康委牵头，市教育局、市体育局、市市场监管局按职责分工负责）"
    for n in range(1, 16)
]
HEADER = ["序号", "指标名称", "单位", "2020年", "2025年", "牵头单位"]
ROWS = [
    [str(n), f"第{n}项健康指标的名称写得很长以便在单元格里折成几行", "%", f"{50 + n}", f"≥{60 + n}",
     "市卫生健康委 市教育局" if n % 3 == 0 else "市卫生健康委"]
    for n in range(1, 31)
]  # fmt: skip

WORD_LIKE = (
    "body{font-family:'Noto Sans CJK SC',sans-serif;font-size:12pt}"
    "p{text-align:justify;text-indent:2em;margin:0;line-height:1.5}"
    "table{border-collapse:collapse}td{border:1px solid #000;padding:2px 4px}"
)


def _print(tmp_path: Path) -> Path:
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chrome:
        pytest.skip("needs headless Chromium to print a PDF")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS[:8])
    body += '<table border="1">' + "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in [HEADER, *ROWS]
    ) + "</table>"  # fmt: skip
    body += "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS[8:])
    src = tmp_path / "plan.html"
    src.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>健康示例市行动实施方案</title>'
        f"<style>{WORD_LIKE}</style></head><body>{body}</body></html>",
        encoding="utf-8",
    )
    pdf = tmp_path / "plan.pdf"
    # Without --no-pdf-header-footer Chromium prints a running header (date, title) and
    # footer (address, "1/4") on every page.
    subprocess.run(
        [chrome, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", src.as_uri()],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    if not pdf.exists():
        pytest.skip("Chromium could not print here")
    return pdf


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    pdf = _print(tmp_path_factory.mktemp("pdf"))
    return _documents.read_document(pdf).text.splitlines()


def test_every_paragraph_comes_back_whole(lines: list[str]) -> None:
    for p in PARAGRAPHS:
        assert p in lines, p


def test_no_running_header_footer_or_page_number(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert "健康示例市行动实施方案" not in text  # the title Chromium prints at the head of each page
    assert "file://" not in text
    assert not [ln for ln in lines if ln.strip().replace("/", "").isdigit()]


def test_every_table_row_comes_back_whole(lines: list[str]) -> None:
    rows = [ln.split("\t") for ln in lines if "\t" in ln]
    assert [r for r in rows if r != HEADER] == ROWS

"""A target table whose header is printed over two rows with merged cells reads as one table.

Many plans print "目标值" once over the year columns and every other header cell
spanning both rows. The readers repeat a merged cell's text in every slot it covers
(HTML rowspan/colspan, Word's vertical and horizontal merges, and — from the cells'
positions — a PDF's ruled table), and the two header rows become one
("目标值2025年"), so the targets, their baselines and their nature come out as
from a one-row header, and a target-responsibility table keeps its tasks.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import healthplan as hp
from healthplan._documents import combine_header_rows

HEAD = (
    '<tr><th rowspan="2">序号</th><th rowspan="2">指标</th><th rowspan="2">基期水平（2019年）</th>'
    '<th colspan="2">目标值</th><th rowspan="2">指标性质</th><th rowspan="2">牵头单位</th></tr>'
    "<tr><th>2022年</th><th>2030年</th></tr>"
)
ROWS = [
    ["1", "居民健康素养水平（%）", "18.2", "≥22", "≥30", "预期性", "市卫生健康委"],
    ["2", "婴儿死亡率（‰）", "4.5", "≤4.2", "≤4.0", "约束性", "市卫生健康委"],
]
EXPECTED = {
    ("居民健康素养水平", 2022, 22.0),
    ("居民健康素养水平", 2030, 30.0),
    ("婴儿死亡率", 2022, 4.2),
    ("婴儿死亡率", 2030, 4.0),
}


def _html() -> str:
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in ROWS)
    return (
        '<html><head><meta charset="utf-8"><title>某市健康行动实施方案</title></head><body>'
        f'<p>某市健康行动实施方案</p><p>一、主要指标</p><table border="1">{HEAD}{body}</table></body></html>'
    )


def _check(plan: hp.Plan) -> None:
    got = {(t.indicator, t.year, t.value) for t in plan.targets}
    assert got == EXPECTED
    for t in plan.targets:
        assert t.baseline is not None and t.baseline.year == 2019
        assert t.nature in (hp.Nature.expected, hp.Nature.binding)


def test_two_header_rows_combine_only_when_the_second_labels_merged_columns() -> None:
    rows = [["序号", "指标", "目标值", "目标值"], ["序号", "指标", "2025年", "2027年"], ["1", "X率", "≥30", "≥35"]]
    assert combine_header_rows(rows)[0] == ["序号", "指标", "目标值2025年", "目标值2027年"]
    # A data row under a one-row header is never merged into it: its cells state values.
    rows = [["序号", "指标", "2025年", "2027年"], ["1", "指标", "≥30", "≥35"], ["2", "Y率", "≥1", "≥2"]]
    assert combine_header_rows(rows) == rows
    # Nothing repeated: two different rows.
    rows = [["领域", "指标", "2025年"], ["健康水平", "人均预期寿命", "80"], ["健康生活", "X率", "30"]]
    assert combine_header_rows(rows) == rows


def test_html_table_with_a_two_row_header(tmp_path: Path) -> None:
    path = tmp_path / "plan.html"
    path.write_text(_html(), encoding="utf-8")
    _check(hp.extract_file(path))


def test_docx_table_with_merged_header_cells(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("某市健康行动实施方案")
    d.add_paragraph("一、主要指标")
    head = [
        ["序号", "指标", "基期水平（2019年）", "目标值", "", "指标性质", "牵头单位"],
        ["", "", "", "2022年", "2030年", "", ""],
    ]
    table = d.add_table(rows=len(head) + len(ROWS), cols=7)
    for i, row in enumerate(head + ROWS):
        for j, v in enumerate(row):
            if v:
                table.cell(i, j).text = v
    table.cell(0, 3).merge(table.cell(0, 4))
    for j in (0, 1, 2, 5, 6):
        table.cell(0, j).merge(table.cell(1, j))
    path = tmp_path / "plan.docx"
    d.save(str(path))
    _check(hp.extract_file(path))


def test_pdf_ruled_table_with_merged_header_cells(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chrome:
        pytest.skip("no Chromium to print the PDF with")
    src = tmp_path / "plan.html"
    src.write_text(_html(), encoding="utf-8")
    pdf = tmp_path / "plan.pdf"
    subprocess.run(
        [chrome, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", src.as_uri()],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    if not pdf.exists():
        pytest.skip("Chromium could not print here")
    _check(hp.extract_file(pdf))

"""Layouts real publications have: a CMS page, a Word file as users build it, a PDF as offices print it.

Each test renders a document with the layout generator's own renderer
(tests/quality/layouts.py: ``cms_html``, ``word_docx``, ``gov_pdf``) and reads it
back: the paragraphs, table rows and targets must be those of the plain text.
What each guards, found by the layout matrix:

- an old CMS puts the article inside a cell of a layout table; read as a grid, the
  whole article was one line and its tables were lost (real: 0.46 target recall);
- Word users box a target table with its 专栏 caption in a one-cell frame table; the
  nested table was lost (real: 0.59 recall); a line break (Shift+Enter) inside a
  paragraph joined two paragraphs into one line (heldout: task F1 0.80);
- a PDF printed to GB/T 9704: the running header of a two-page notice stayed in the
  text (splitting an indicator's name), "×100%" was taken for a unit that could be
  split from its number, and short lines after a closed table were read as the rest
  of its last row (with the page number of the footer), and a gloss's closing bracket
  at a line's end ("病床数(含住院护理)") ended the paragraph.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import healthplan as hp
from healthplan import _documents

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "quality"))
import layouts

QUALITY = Path(__file__).resolve().parents[2] / "quality"

PARAGRAPHS = [
    "某某市健康行动实施方案",
    "一、总体要求",
    "到2025年，全市居民健康素养水平不低于30%，人均预期寿命达到79.5岁。",
    "二、主要指标",
    "专栏1 主要指标",
]
TABLE = layouts.Table(
    [
        ["类别", "序号", "指标", "2020年", "2025年", "2030年", "指标性质"],
        ["健康水平"],
        ["1", "婴儿死亡率（‰）", "5.2", "≤5", "≤4.5", "约束性"],
        ["2", "孕产妇死亡率（1/10万）", "12", "≤12", "≤10", "约束性"],
        ["健康生活"],
        ["3", "经常参加体育锻炼人数比例（%）", "35", "≥38", "≥40", "预期性"],
    ]
)
AFTER = ["三、重点任务", "（一）实施健康知识普及行动。到2030年，全市二级以上医院设置健康教育科的比例达到100%。"]
BLOCKS: list[object] = [*PARAGRAPHS, TABLE, *AFTER]


def _targets(plan: hp.Plan) -> set[tuple[str, int | None, float | None]]:
    return {(t.indicator, t.year, t.value) for t in plan.targets}


@pytest.fixture(scope="module")
def plain() -> set[tuple[str, int | None, float | None]]:
    return _targets(hp.extract(layouts.r_tabs(BLOCKS)))


def _lines(path: Path) -> list[str]:
    return _documents.read_document(path).text.splitlines()


def test_cms_page_in_a_layout_table_reads_paragraph_by_paragraph(tmp_path: Path, plain: set) -> None:
    page = tmp_path / "plan.html"
    page.write_text(layouts.r_cms_html(BLOCKS), encoding="utf-8")
    lines = _lines(page)
    for p in [*PARAGRAPHS, *AFTER]:
        assert p in lines, p
    # The group labels come back as a first column merged down: every row carries its label.
    assert "健康生活\t3\t经常参加体育锻炼人数比例（%）\t35\t≥38\t≥40\t预期性" in lines
    assert _targets(hp.extract_file(page)) == plain


def test_one_column_html_table_is_a_box_of_paragraphs(tmp_path: Path) -> None:
    page = tmp_path / "box.html"
    page.write_text(
        '<html><body><table border="1"><tr><td><p>专栏2 健康促进</p><p>到2025年，居民健康素养水平达到30%。</p>'
        "<p>到2030年，居民健康素养水平达到35%。</p></td></tr></table></body></html>",
        encoding="utf-8",
    )
    assert _lines(page) == [
        "专栏2 健康促进",
        "到2025年，居民健康素养水平达到30%。",
        "到2030年，居民健康素养水平达到35%。",
    ]


def test_word_frame_around_a_target_table_keeps_the_nested_table(tmp_path: Path, plain: set) -> None:
    pytest.importorskip("docx")
    path = tmp_path / "plan.docx"
    layouts.write_word_docx(BLOCKS, path)
    lines = _lines(path)
    for p in [*PARAGRAPHS, *AFTER]:
        assert p in lines, p
    # The two-row merged header as one row, the merged-down group label in every row.
    assert "类别\t序号\t指标\t2020年\t目标值2025年\t目标值2030年\t指标性质" in lines
    assert "健康水平\t2\t孕产妇死亡率（1/10万）\t12\t≤12\t≤10\t约束性" in lines
    assert _targets(hp.extract_file(path)) == plain


def test_word_line_breaks_end_lines_as_html_br_does(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    import zipfile

    blocks: list[object] = ["某某市健康行动实施方案", "为贯彻落实健康中国行动，制定本方案。", "（一）总体要求",
                            "二、主要目标", "到2025年，全市居民健康素养水平不低于30%。", "三、保障措施"]  # fmt: skip
    path = tmp_path / "soft.docx"
    layouts.write_word_docx(blocks, path)
    # The generator joined "二、主要目标" and the next paragraph with a line break.
    assert "<w:br/>" in zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert _lines(path) == blocks


def test_word_table_nested_in_a_grid_cell_and_content_controls_keep_their_text(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "说明"
    inner = t.cell(0, 1).add_table(rows=2, cols=2)
    for (i, j), c in {(0, 0): "2025年", (0, 1): "≥30%", (1, 0): "2030年", (1, 1): "≥35%"}.items():
        inner.cell(i, j).text = c
    d.element.body.append(
        parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>到2030年，居民健康素养水平达到35%。</w:t>"
                  "</w:r></w:p></w:sdtContent></w:sdt>")
    )  # fmt: skip
    path = tmp_path / "nested.docx"
    d.save(path)
    lines = _lines(path)
    assert "说明\t2025年 ≥30% 2030年 ≥35%" in lines
    assert "到2030年，居民健康素养水平达到35%。" in lines


def _gov_pdf(doc: Path, tmp_path: Path) -> Path:
    path = layouts.render(doc, "gov_pdf", tmp_path)
    if path is None:
        pytest.skip("needs headless Chromium to print a PDF")
    return path


def test_gov_print_drops_header_and_page_numbers_and_keeps_rows(tmp_path: Path, plain: set) -> None:
    pytest.importorskip("pdfplumber")
    # Long enough to run over pages: the header and "— N —" at the outer edge on each.
    doc = tmp_path / "long.txt"
    # "×100%" lands at every place in a line across the paragraphs (the filler grows).
    long = [*PARAGRAPHS[:3], *[f"（{n}）到2030年，第{n}项指标达到{60 + n}%以上，" + "健康" * n
                               + "计算方法：达标人数/监测人群总人数×100%，按年度监测，" * 2 + "逐年改善。"
                               for n in range(1, 25)], *PARAGRAPHS[3:]]  # fmt: skip
    doc.write_text(layouts.r_tabs([*long, TABLE, *AFTER]), encoding="utf-8")
    lines = _lines(_gov_pdf(doc, tmp_path))
    text = "\n".join(lines)
    assert "某某市人民政府文件" not in text
    assert "— 2 —" not in text and "— 1 —" not in text
    for p in [*long, *AFTER]:
        assert p in lines, p
    assert _targets(hp.extract_file(tmp_path / "long.pdf")) >= plain


@pytest.mark.parametrize(
    ("doc", "why"),
    [
        (
            "real/docs/r27_guowuyuan_xingdong_yijian.txt",
            "a two-page notice: its running header split an indicator's name",
        ),
        ("real/docs/r25_guojia_xingdong_zhibiao_biao.txt", "'×100%。' broken from its line split a paragraph"),
        (
            "real/docs/r04_suining_shouming_zerenqingdan.txt",
            "short lines after a closed table were read as its last row",
        ),
        (
            "blind8/docs/q03_yanglao_jiankang_fuwu_mubiao.txt",
            "'病床数(含住院护理)' at a line's end ended the paragraph",
        ),
    ],
)
def test_gov_print_of_real_documents_keeps_their_targets(doc: str, why: str, tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    path = _gov_pdf(QUALITY / doc, tmp_path)
    assert _targets(hp.extract_file(path)) == _targets(hp.extract_file(QUALITY / doc)), why


def test_a_character_of_several_code_points_is_measured_whole() -> None:
    from healthplan._pdf import _may_break

    # pdfminer hands a ligature or a letter with its combining mark as one "character"
    # (blind9's pinyin glosses): the break rule takes it whole instead of failing the file.
    assert not _may_break("zh", "ǔ")
    assert _may_break("u\u030c", "年")


def test_a_closing_bracket_ends_a_line_only_after_a_sentence() -> None:
    from healthplan._pdf import _ends_sentence

    assert _ends_sentence("加强健康教育。（市卫生健康委牵头）")
    assert _ends_sentence("（一）")
    assert _ends_sentence("市教育局按职责分工负责）")  # the group opened on an earlier line
    assert not _ends_sentence("医疗卫生机构每千人口病床数(含住院护理)")
    assert not _ends_sentence("居民健康素养水平（%）")

"""Word list numbering: the labels Word prints ("一、", "（二）") are read back before their paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

import healthplan as hp
from healthplan._docx_numbering import format_number

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402


@pytest.mark.parametrize(
    ("n", "fmt", "written"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCountingThousand", "十二"),
        (20, "chineseCounting", "二十"),
        (21, "chineseCounting", "二十一"),
        (105, "chineseCounting", "一百零五"),
        (3, "chineseLegalSimplified", "叁"),
        (2, "ideographTraditional", "乙"),
        (3, "decimalEnclosedCircleChinese", "③"),
        (12, "decimalFullWidth", "１２"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (7, "decimal", "7"),
    ],
)
def test_number_formats(n: int, fmt: str, written: str) -> None:
    assert format_number(n, fmt) == written


def _numbered(tmp_path: Path, paragraphs: list[tuple[str, int | None, str | None]], style_numbering: bool) -> Path:
    """A document with one two-level list ("一、" / "（一）"); each paragraph is
    (text, level or None, numId or None). With `style_numbering`, level 0 is
    numbered through a heading style based on another that holds the numPr."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="70"><w:abstractNumId w:val="77"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="71"><w:abstractNumId w:val="77"/>'
            '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        )
    )
    if style_numbering:
        styles = d.styles.element
        styles.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="PlanBase"><w:name w:val="PlanBase"/>'
                '<w:pPr><w:numPr><w:numId w:val="70"/></w:numPr></w:pPr></w:style>'
            )
        )
        styles.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="PlanHeading"><w:name w:val="PlanHeading"/>'
                '<w:basedOn w:val="PlanBase"/><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style>'
            )
        )
    for text, level, num_id in paragraphs:
        p = d.add_paragraph(text)
        if level is None:
            continue
        ppr = p._p.get_or_add_pPr()
        if style_numbering and level == 0:
            ppr.insert(0, parse_xml(f'<w:pStyle {nsdecls("w")} w:val="PlanHeading"/>'))
        else:
            ppr.insert(
                0,
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id or "70"}"/></w:numPr>'
                ),
            )
    path = tmp_path / "numbered.docx"
    d.save(path)
    return path


PARAGRAPHS: list[tuple[str, int | None, str | None]] = [
    ("某县健康行动实施方案", None, None),
    ("主要目标", 0, None),
    ("到2025年，居民健康素养水平达到30%。", None, None),
    ("主要任务", 0, None),
    ("实施健康知识普及行动。（县卫健局牵头，县教育局配合）", 1, None),
    ("实施控烟行动。（县爱卫办负责）", 1, None),
    ("保障措施", 0, None),
    ("加强组织领导。（县政府办负责）", 1, None),
    ("强化督导考核。（县卫健局负责）", 1, "71"),
]


@pytest.mark.parametrize("style_numbering", [False, True])
def test_numbered_headings_give_the_typed_outline(tmp_path: Path, style_numbering: bool) -> None:
    plan = hp.extract_file(_numbered(tmp_path, PARAGRAPHS, style_numbering))
    lines = plan.source.text.splitlines()
    # Levels below restart when a level above counts up; a list instance with a
    # start override restarts its level at that value.
    assert "一、主要目标" in lines and "二、主要任务" in lines and "三、保障措施" in lines
    assert "（一）实施健康知识普及行动。（县卫健局牵头，县教育局配合）" in lines
    assert "（二）实施控烟行动。（县爱卫办负责）" in lines
    assert "（一）加强组织领导。（县政府办负责）" in lines
    assert "（五）强化督导考核。（县卫健局负责）" in lines
    numbers = [".".join(t.number) for t in plan.tasks]
    assert numbers == ["二.(一)", "二.(二)", "三.(一)", "三.(五)"]
    assert plan.tasks[0].lead[0].name == "县卫健局"


def test_numbering_switched_off_and_bullets_give_no_label(tmp_path: Path) -> None:
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="88"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
            '<w:lvlText w:val="•"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="80"><w:abstractNumId w:val="88"/></w:num>'))
    for text, num in (("到2025年，居民健康素养水平达到30%。", "80"), ("人均预期寿命达到79岁。", "0")):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().insert(
            0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>')
        )
    path = tmp_path / "bullets.docx"
    d.save(path)
    text = hp.extract_file(path).source.text
    assert text.splitlines() == ["到2025年，居民健康素养水平达到30%。", "人均预期寿命达到79岁。"]

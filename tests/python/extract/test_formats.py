"""Input formats: text encodings, HTML, DOCX and PDF read into the same plan; unsupported formats are errors.

The same plan text is written in each format; every reading must give the
targets and tasks of the plain text, with spans into the text the plan keeps
(``plan.source.text`` for HTML/DOCX/PDF) and ``plan.source.format`` set.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile

import pytest

import healthplan as hp

PLAN = """关于印发《健康示例市行动实施方案》的通知
健康示例市行动实施方案
一、主要目标
到2025年，居民健康素养水平提高到25%以上，人均预期寿命达到79岁。
二、主要任务
(一)实施健康知识普及行动。开展健康教育进机关、进学校活动。(市卫生健康委牵头，市教育局、市委宣传部按职责分工负责)
(二)实施控烟行动。全面推进无烟党政机关建设。(市爱卫办牵头，市直各部门参与)
专栏1 主要指标
序号
指标
单位
2020年
2025年
牵头单位
1
孕产妇死亡率
/10万
12
≤10
市卫生健康委
2
婴儿死亡率
‰
4.5
≤4.0
市卫生健康委
"""


def _key(t: hp.Target) -> tuple[object, ...]:
    return (t.indicator, t.year, t.kind.name, t.comparator.symbol, t.value)


def _html(text: str, charset: str = "utf-8") -> str:
    lines = text.strip("\n").split("\n")
    head, table, rest = lines[:8], lines[8:14], lines[14:]
    rows = [table] + [rest[i : i + 6] for i in range(0, len(rest), 6)]
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    paras = "".join(f"<p>{p}</p>" for p in head)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><script>var x = "到2030年达到99%";</script>'
        "<style>p{color:red}</style></head><body>"
        '<div class="nav">首页 &gt; 政务公开</div>'
        f'<div class="content">{paras}<table border="1"><tbody>{cells}</tbody></table></div>'
        '<div class="bdshare">分享到</div><div class="footer">版权所有 主办单位</div></body></html>'
    )


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> hp.Plan:
    p = tmp_path_factory.mktemp("plain") / "plan.txt"
    p.write_text(PLAN, encoding="utf-8")
    return hp.extract_file(p)


def _check_spans(plan: hp.Plan, text: str) -> None:
    data = text.encode("utf-8")
    for t in plan.targets:
        assert t.span is not None
        assert data[t.span.begin : t.span.end].decode("utf-8") == t.span.evidence


def test_plain_reads_text_and_table(plain: hp.Plan) -> None:
    keys = {_key(t) for t in plain.targets}
    assert ("居民健康素养水平", 2025, "level", ">=", 25.0) in keys
    assert ("婴儿死亡率", 2025, "level", "<=", 4.0) in keys
    assert plain.source.format == "text"
    assert plain.source.text == ""


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "gbk", "utf-8-sig"])
def test_text_encodings(tmp_path, plain: hp.Plan, encoding: str) -> None:
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    p = tmp_path / "plan.txt"
    p.write_bytes(bom + PLAN.encode(encoding))
    plan = hp.extract_file(p)
    assert {_key(t) for t in plan.targets} == {_key(t) for t in plain.targets}
    assert plan.source.encoding in ("utf-16le", "utf-16be", "gb18030", "utf-8")


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_html_page(tmp_path, plain: hp.Plan, charset: str) -> None:
    p = tmp_path / "plan.htm"
    p.write_bytes(_html(PLAN, charset).encode("gb18030" if charset == "gbk" else "utf-8"))
    plan = hp.extract_file(p)
    assert plan.source.format == "html"
    assert {_key(t) for t in plan.targets} == {_key(t) for t in plain.targets}
    names = " ".join(t.indicator for t in plan.targets)
    assert "<" not in names and "99" not in " ".join(str(t.value) for t in plan.targets)
    assert "分享到" not in plan.source.text and "首页" not in plan.source.text
    _check_spans(plan, plan.source.text)
    # The table row's lead unit answers for the target.
    infant = next(t for t in plan.targets if t.indicator == "婴儿死亡率")
    assert [a.name for a in infant.lead] == ["市卫生健康委"]


def _mhtml(page: bytes, transfer: str, charset: str | None) -> bytes:
    """A page saved as one file, as Chromium writes it: mail headers, the page as the
    first part of a multipart/related body (quoted-printable), a style sheet after it."""
    import base64
    import quopri

    body = quopri.encodestring(page) if transfer == "quoted-printable" else base64.encodebytes(page)
    kind = "text/html" + (f"; charset={charset}" if charset else "")
    b = "----MultipartBoundary--hp"
    return (
        (
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/art/plan.html\r\n"
            "Subject: =?utf-8?Q?plan?=\r\nDate: Mon, 30 Nov 2026 10:00:00 -0000\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{b}"\r\n\r\n\r\n'
            f"--{b}\r\nContent-Type: {kind}\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
            f"Content-Transfer-Encoding: {transfer}\r\nContent-Location: http://www.example.gov.cn/art/plan.html\r\n\r\n"
        ).encode("ascii")
        + body
        + (
            f"\r\n--{b}\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Location: http://www.example.gov.cn/style.css\r\n\r\np {{ color: red; }}\r\n--{b}--\r\n"
        ).encode("ascii")
    )


@pytest.mark.parametrize(
    ("transfer", "charset"), [("quoted-printable", None), ("base64", None), ("quoted-printable", "gbk")]
)
def test_mhtml_page(tmp_path, plain: hp.Plan, transfer: str, charset: str | None) -> None:
    # A web page saved by a browser as one file (.mhtml): the page inside is read as HTML.
    page = _html(PLAN, charset or "utf-8").encode("gb18030" if charset == "gbk" else "utf-8")
    p = tmp_path / "plan.mhtml"
    p.write_bytes(_mhtml(page, transfer, charset))
    plan = hp.extract_file(p)
    assert plan.source.format == "mhtml"
    assert {_key(t) for t in plan.targets} == {_key(t) for t in plain.targets}
    assert "=E5" not in plan.source.text and "分享到" not in plan.source.text
    _check_spans(plan, plan.source.text)


def test_mhtml_without_a_page_is_an_error(tmp_path) -> None:
    p = tmp_path / "empty.mht"
    page = _mhtml(b"p { color: red; }", "quoted-printable", None).replace(
        b"Content-Type: text/html", b"Content-Type: text/css"
    )
    p.write_bytes(page)
    with pytest.raises(hp.ParseError) as err:
        hp.extract_file(p)
    assert err.value.id == "input.unreadable" and "no HTML page" in str(err.value)


def test_html_table_merged_cells(tmp_path) -> None:
    page = (
        "<html><body><p>示例市卫生健康规划(2021-2030年)</p><table>"
        "<tr><td>序号</td><td>指标</td><td>2020年</td><td>2025年</td><td>2030年</td><td>属性</td></tr>"
        "<tr><td>1</td><td>婴儿死亡率(‰)</td><td>5.6</td><td colspan=2>≤5.0</td><td>预期性</td></tr>"
        "<tr><td>2</td><td>居民健康素养水平(%)</td><td>20</td><td>≥25</td><td>≥30</td><td>预期性</td></tr>"
        "</table></body></html>"
    )
    p = tmp_path / "t.html"
    p.write_text(page, encoding="utf-8")
    plan = hp.extract_file(p)
    years = sorted(t.year for t in plan.targets if t.indicator == "婴儿死亡率")
    assert years == [2025, 2030]


def test_docx(tmp_path, plain: hp.Plan) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    lines = PLAN.strip("\n").split("\n")
    for line in lines[:8]:
        d.add_paragraph(line)
    rows = [lines[8:14]] + [lines[14 + i : 20 + i] for i in range(0, len(lines) - 14, 6)]
    table = d.add_table(rows=len(rows), cols=6)
    for i, r in enumerate(rows):
        for j, c in enumerate(r):
            table.cell(i, j).text = c
    p = tmp_path / "plan.docx"
    d.save(p)
    plan = hp.extract_file(p)
    assert plan.source.format == "docx"
    assert {_key(t) for t in plan.targets} == {_key(t) for t in plain.targets}
    _check_spans(plan, plan.source.text)
    assert {k.title for k in plan.tasks if k.lead} >= {"实施健康知识普及行动"}


@pytest.mark.skipif(not shutil.which("chromium"), reason="needs headless Chromium to print a PDF")
def test_pdf(tmp_path, plain: hp.Plan) -> None:
    src = tmp_path / "plan.html"
    src.write_text(_html(PLAN), encoding="utf-8")
    pdf = tmp_path / "plan.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", src.as_uri()],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    if not pdf.exists():
        pytest.skip("Chromium could not print here")
    plan = hp.extract_file(pdf)
    assert plan.source.format == "pdf"
    assert {_key(t) for t in plan.targets} == {_key(t) for t in plain.targets}
    _check_spans(plan, plan.source.text)


def _zip(path, names: list[str]) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for n in names:
            z.writestr(n, "x")


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "soffice --headless --convert-to docx"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32, "OCR"),
        ("plan.json", b'{"schema_version": 1, "targets": ["\xe5\x88\xb02025\xe5\xb9\xb4"]}', "not a plan document"),
        ("sheet.xlsx", None, "xlsx"),
    ],
)
def test_unsupported_formats_are_errors(tmp_path, name: str, data: bytes | None, says: str) -> None:
    p = tmp_path / name
    if data is None:
        _zip(p, ["[Content_Types].xml", "xl/workbook.xml"])
    else:
        p.write_bytes(data)
    with pytest.raises(hp.ParseError) as err:
        hp.extract_file(p)
    assert err.value.id == "input.unsupported_format"
    assert says in str(err.value)
    assert str(p) in str(err.value)


def test_pdf_without_text_layer_is_an_error(tmp_path) -> None:
    pytest.importorskip("pdfplumber")
    # A one-page PDF with no text objects: what a scan without OCR looks like to a reader.
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    body += b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    xref = len(body)
    body += b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    body += b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"
    p = tmp_path / "scan.pdf"
    p.write_bytes(body)
    with pytest.raises(hp.ParseError) as err:
        hp.extract_file(p)
    assert err.value.id == "input.no_text_layer"


def _cli(healthplan_cli: list[str], *args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*healthplan_cli, *map(str, args)], capture_output=True, text=True, encoding="utf-8")


def test_cli_folder_mixing_formats(tmp_path, healthplan_cli: list[str]) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\xff\xfe" + PLAN.encode("utf-16-le"))
    (folder / "b.html").write_text(_html(PLAN), encoding="utf-8")
    (folder / "c.txt").write_bytes(PLAN.encode("gbk"))
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    for cmd in ("targets", "tasks"):
        out = _cli(healthplan_cli, cmd, folder)
        assert out.returncode == 0, out.stderr
        docs = {json.loads(line)["doc"] for line in out.stdout.splitlines()}
        assert docs == {"a.txt", "b.html", "c.txt"}
        assert "skipped" in out.stderr and "old.doc" in out.stderr and "soffice" in out.stderr
        assert "notes.csv" in out.stderr
    out = _cli(healthplan_cli, "extract", folder, "-o", tmp_path / "out")
    assert out.returncode == 0, out.stderr
    saved = hp.load(tmp_path / "out" / "b.plan.json")
    assert saved.source.format == "html" and saved.source.text


def test_cli_keep_going(tmp_path, healthplan_cli: list[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PLAN, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16)
    out = _cli(healthplan_cli, "targets", good, bad)
    assert out.returncode == 2 and "soffice" in out.stderr and "Traceback" not in out.stderr
    out = _cli(healthplan_cli, "targets", "--keep-going", good, bad)
    assert out.returncode == 1, out.stderr
    assert {json.loads(line)["doc"] for line in out.stdout.splitlines()} == {"good.txt"}
    assert "bad.txt" in out.stderr
    out = _cli(healthplan_cli, "targets", "--keep-going", bad)
    assert out.returncode == 2


def test_cli_plan_json_is_not_a_document(tmp_path, healthplan_cli: list[str], example_plan_path) -> None:
    out = _cli(healthplan_cli, "targets", example_plan_path)
    assert out.returncode == 2 and "not a document" in out.stderr


def test_schema_v2_round_trip_and_v1_loads(tmp_path, plain: hp.Plan, example_plan_path) -> None:
    p = tmp_path / "plan.json"
    plain.save(p)
    data = json.loads(p.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2
    assert hp.load(p) == plain
    v1 = json.loads(example_plan_path.read_text(encoding="utf-8"))
    assert v1["schema_version"] == 1
    old = hp.load(example_plan_path)
    assert all(t.lead == [] for t in old.targets)
    frame = plain.targets_frame()
    assert {"lead", "responsible"} <= set(frame.columns)
    assert all(lead == ["市卫生健康委"] for lead in frame.loc[frame.indicator == "婴儿死亡率", "lead"])

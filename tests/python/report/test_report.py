"""The HTML report: each plan's own targets judged with local figures, accountability,
both languages, a page to forward (contents, anchors, words not snake_case, glossary,
self-contained, autoescaped), and the terminal summary."""

from __future__ import annotations

import io
import pathlib
import re

import pytest

from healthplan import report as rep

FIXTURE = pathlib.Path(__file__).parent / "fixtures" / "wuhai_observed_MADE_UP.csv"
_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def bundled_report():
    """The report on the five bundled documents (the README's main job), no local figures."""
    return rep.build_report(progress=False)


@pytest.fixture(scope="module")
def local_report():
    """The same, with the made-up 乌海市 figures of the test fixture."""
    return rep.build_report(observations=[FIXTURE], progress=False)


def _headers(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<th[^>]*>(.*?)</th>", page, re.S)]


def test_page_is_one_self_contained_navigable_file(bundled_report):
    page = rep.render_html(bundled_report)
    assert page.startswith("<!DOCTYPE html>") and "<link" not in page
    assert not re.search(r"""(src|href)=["']https?://(?!www\.gov\.cn)[^"']*\.(js|css)""", page)  # no CDN
    ids = set(re.findall(r'id="([^"]+)"', page))
    links = set(re.findall(r'href="#([^"]+)"', page))
    assert links and links <= ids, links - ids
    for place in ("乌海市", "琼海市", "克拉玛依区", "武隆区", "呼和浩特市"):
        assert place in page
    # Plans by place and short title, never by hash; headers in words, not snake_case.
    headings = re.findall(r"<h3>(.*?)</h3>", page)
    assert any(h.startswith("乌海市 · ") for h in headings)
    assert not any(re.search(r"[0-9a-f]{16}", h) for h in headings)
    assert not [h for h in _headers(page) if re.search(r"[a-z]+_[a-z]+", h)]
    assert 'id="glossary"' in page and "线性外推" in page and page.count('href="#top"') >= 6
    assert "@media print" in page and "size:A4" in page
    style, script = page.split("<style>")[1].split("</style>")[0], page.split("<script>")[1].split("</script>")[0]
    assert 'font-family:"' in style and "&#34;" not in style + script  # our CSS and JS, not escaped


def test_without_local_figures_each_plan_says_how_to_supply_them(bundled_report):
    page = rep.render_html(bundled_report)
    assert page.count("healthplan template ") >= 5 and "--observations observed.csv" in page
    assert "No local figures given" in rep.summary_text(bundled_report)


def test_local_figures_judge_the_citys_own_targets(local_report):
    wuhai = next(p for p in local_report.plans if p.region.name == "乌海市")
    own = local_report.own[wuhai.id]
    judged = own[own["verdict"].isin(["achieved", "achieved_early", "on_track", "off_track", "missed"])]
    assert len(judged) >= 5
    # The fixture states 居民健康素养水平 2023 = 24.6 % against the plan's ≥ 22 % for 2022 → achieved.
    literacy = own[(own["indicator"] == "居民健康素养水平") & (own["year"] == 2022)]
    assert literacy["verdict"].iloc[0] == "achieved"
    # The other cities have no local figures: none of their targets is judged on national data.
    for p in local_report.plans:
        if p.id != wuhai.id:
            assert not local_report.own[p.id]["verdict"].isin(["achieved", "on_track", "off_track"]).any()
    assert "own targets judged with local figures" in rep.summary_text(local_report)


def test_accountability_by_lead_and_responsible_unit(local_report):
    page = rep.render_html(local_report)
    wuhai = next(p.id for p in local_report.plans if p.region.name == "乌海市")  # readable: 乌海市-…-2021
    assert f'id="t-plan-{wuhai}-lead"' in page and f'id="t-plan-{wuhai}-responsible"' in page
    section = page.split(f'id="plan-{wuhai}"')[1].split('<section class="plan"')[0]
    assert "市卫生健康委员会" in section and '<details class="drill">' in section
    assert "v v-achieved" in section  # coloured verdict counts
    assert "所缺数据" in section  # targets not judged, with what they lack


def test_english_page_is_in_english(local_report):
    page = rep.render_html(local_report, lang="en")
    assert '<html lang="en">' in page
    for h in re.findall(r"<h[24][^>]*>(.*?)</h[24]>", page):
        assert not _CJK.search(h), h
    for h in _headers(page):
        assert not _CJK.search(h.split("(")[0]) or "/" in h, h  # plan names in the department table stay Chinese
    assert "National level of health literacy" in page and ("on track" in page or "achieved" in page)
    zh = rep.render_html(local_report, lang="zh")
    assert "进展顺利" in zh or "已实现" in zh


def test_autoescaping(tmp_path, example_plan):
    example_plan.title = "<script>alert(1)</script>健康乌海"
    path = tmp_path / "x.plan.json"
    example_plan.save(path)
    page = rep.render_html(rep.build_report([path], progress=False))
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_run_report_writes_into_a_folder_and_leaves_no_temporary(tmp_path, example_plan_path):
    log = io.StringIO()
    path = rep.run_report([example_plan_path], output=tmp_path, plots=False, stdout=log)
    assert path == tmp_path / "healthplan-report.html" and path.stat().st_size > 10_000
    assert [p.name for p in tmp_path.iterdir()] == ["healthplan-report.html"]
    quiet = io.StringIO()
    rep.run_report([example_plan_path], output=f"{tmp_path / 'new'}/", quiet=True, stdout=quiet, lang="en")
    assert quiet.getvalue().strip() == f"Report: {(tmp_path / 'new' / 'healthplan-report.en.html').resolve()}"


def test_report_rejects_bad_inputs(tmp_path):
    import healthplan

    with pytest.raises(healthplan.ParseError, match=r"\[io.missing\].*nope.txt"):
        rep.build_report([tmp_path / "nope.txt"], progress=False)
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4 cut off")  # a PDF by its content, but broken
    with pytest.raises(ValueError, match="x.pdf"):
        rep.build_report([tmp_path / "x.pdf"], progress=False)
    with pytest.raises(FileNotFoundError, match="nodir"):
        rep.run_report([], output=tmp_path / "nodir" / "r.html")
    from healthplan.report._i18n import Words

    with pytest.raises(ValueError, match="language"):
        Words("fr")


def test_progress_bar_draws_on_the_stream(example_plan_path):
    stream = io.StringIO()
    rep.build_report([example_plan_path], plots=False, progress=True, stream=stream)
    assert "evaluat" in stream.getvalue()


def test_charts_have_legible_text_and_hover_titles(local_report):
    page = rep.render_html(local_report)
    sizes = [int(s) for s in re.findall(r"<svg[^>]*font-size='(\d+)'", page)]
    sizes += [int(s) for s in re.findall(r"<text[^>]*font-size='(\d+)'", page)]
    assert sizes and min(sizes) >= 12  # 12 px = 9 pt
    assert page.count("<title>") >= 20 and "class='legend'" in page

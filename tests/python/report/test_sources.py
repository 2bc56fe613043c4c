"""Sources and English names the report shows say how far they were checked: a primary
address is either verified on its own page (date, how) or shown as unverified; English
indicator names cite the publication they are quoted from or are marked as our translation."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from healthplan import report as rep

_PRIMARY_HOSTS = re.compile(r"^https?://(?:[\w-]+\.)*(?:gov\.cn|nhc\.gov\.cn|stats\.gov\.cn)/")
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}, .{20,}")


def _data(name: str) -> dict:
    return json.loads((resources.files("healthplan.report") / "data" / name).read_text(encoding="utf-8"))


def test_every_primary_document_records_its_check():
    sources = _data("sources.json")
    for key, doc in sources["documents"].items():
        assert _PRIMARY_HOSTS.match(doc["url"]), (key, doc["url"])
        checks = [k for k in ("verified", "unverified") if k in doc]
        assert len(checks) == 1, f"{key}: exactly one of verified / unverified"
        assert _DATED.match(doc[checks[0]]), f"{key}: '<date>, how' ({doc[checks[0]]!r})"
    assert set(sources["catalog_sources"].values()) <= set(sources["documents"])
    for url in sources["verified_links"]:
        assert _PRIMARY_HOSTS.match(url), url


def test_english_names_cite_their_origin():
    names = _data("indicators_en.json")
    assert set(names["origin"]) <= set(names["names"])
    for code, source in names["origin"].items():
        assert source in names["sources"], code
    for source in names["sources"].values():
        assert source["url"].startswith("https://") and _DATED.match(source["checked"])


@pytest.fixture(scope="module")
def pages():
    r = rep.build_report(progress=False)
    return rep.render_html(r, lang="zh"), rep.render_html(r, lang="en")


def test_report_marks_unverified_addresses_and_reposts(pages):
    zh, en = pages
    docs = _data("sources.json")["documents"]
    unverified = [d for d in docs.values() if "unverified" in d]
    for page, label in ((zh, "原始发布（地址未核实）"), (en, "primary (address unverified)")):
        section = page.split('id="sources"')[1].split('id="inputs"')[0]
        for doc in unverified:
            assert doc["url"] in section
        assert section.count(f">{label}<") == len(unverified)
        # a gov.cn address that is a news copy (the big5 gateway) is not shown as primary
        for row in re.findall(r"<tr>.*?</tr>", section, re.S):
            if "big5.www.gov.cn" in row:
                assert "转载" in row or "repost" in row


def test_english_report_lists_where_each_name_comes_from(pages):
    zh, en = pages
    assert 'id="english-names"' in en and 'id="english-names"' not in zh
    section = en.split('id="english-names"')[1].split("</table>")[0]
    assert "National level of health literacy" in section and "China CDC Weekly" in section
    assert "own translation" in section
    assert "weekly.chinacdc.cn/en/article/doi/10.46234/ccdcw2021.018" in section

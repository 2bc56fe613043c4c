"""The report in headless Chromium, both languages: no horizontal overflow at 1366 px, every
in-page link resolves, CJK glyphs are drawn (not boxes), every table sorts; a screenshot of
the first screen is kept in build/test-artefacts/ as the run's artefact."""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess

import pytest

from healthplan import report as rep

REPO = pathlib.Path(__file__).resolve().parents[3]
ARTEFACTS = REPO / "build" / "test-artefacts"
FIXTURE = pathlib.Path(__file__).parent / "fixtures" / "wuhai_observed_MADE_UP.csv"


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


pytestmark = pytest.mark.skipif(
    _chromium() is None, reason="no chromium for the headless rendering check (apt-get install -y chromium)"
)

# Runs after the page's own script; writes what it found into <pre id="hp-check">.
_CHECK = r"""
<script>
(function () {
  var out = {};
  var de = document.documentElement;
  out.width = window.innerWidth;
  out.scrollWidth = de.scrollWidth;
  out.overflowing = Array.prototype.filter.call(document.querySelectorAll("body *"), function (e) {
    var r = e.getBoundingClientRect();
    return r.right > window.innerWidth + 1 && !e.closest(".table-wrap");
  }).slice(0, 5).map(function (e) { return e.tagName + "." + e.className; });
  out.broken = Array.prototype.filter.call(document.querySelectorAll("a[href^='#']"), function (a) {
    return !document.getElementById(a.getAttribute("href").slice(1));
  }).map(function (a) { return a.getAttribute("href"); });
  out.links = document.querySelectorAll("a[href^='#']").length;
  // CJK: two different characters drawn in the page's font differ; two missing-glyph boxes would not.
  function ink(ch) {
    var c = document.createElement("canvas"); c.width = 40; c.height = 40;
    var g = c.getContext("2d"); g.font = "32px " + getComputedStyle(document.body).fontFamily;
    g.fillText(ch, 2, 32); return Array.prototype.join.call(g.getImageData(0, 0, 40, 40).data, ",");
  }
  out.cjk = ink("健") !== ink("康") && ink("健") !== ink("\u0378");
  var tables = document.querySelectorAll("table.data");
  out.tables = tables.length;
  out.unsorted = [];
  Array.prototype.forEach.call(tables, function (t) {
    var ths = t.tHead.rows[0].cells, col = 0;
    for (var i = 0; i < ths.length; i++) if (ths[i].getAttribute("data-type") === "num") { col = i; break; }
    var th = ths[col];
    th.querySelector("button.sort").click();
    var numeric = th.getAttribute("data-type") === "num";
    var keys = Array.prototype.map.call(t.tBodies[0].rows, function (r) {
      var td = r.cells[col], s = td.getAttribute("data-sort");
      return numeric ? parseFloat(s) : (td.getAttribute("data-csv") || "");
    }).filter(function (k) { return numeric ? !isNaN(k) : k !== ""; });
    var ok = th.getAttribute("aria-sort") === "ascending" && t.getAttribute("data-sortable") === "yes";
    for (var j = 1; j < keys.length && ok; j++) {
      ok = numeric ? keys[j - 1] <= keys[j] : keys[j - 1].localeCompare(keys[j], de.lang) <= 0;
    }
    if (!ok) out.unsorted.push(t.id);
  });
  out.csv = tables.length ? window.HP_TABLES.toCsv(tables[0]).split("\r\n")[0] : "";
  var pre = document.createElement("pre"); pre.id = "hp-check"; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


@pytest.fixture(scope="module")
def report_with_local():
    return rep.build_report(observations=[FIXTURE], progress=False)


def _browser(args: list[str]) -> subprocess.CompletedProcess[str]:
    base = [
        _chromium() or "",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--window-size=1366,900",
    ]
    return subprocess.run([*base, *args], capture_output=True, text=True, encoding="utf-8", timeout=300)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_in_headless_chromium(report_with_local, tmp_path, lang):
    page = rep.render_html(report_with_local, lang=lang)
    checked = tmp_path / f"check-{lang}.html"
    checked.write_text(page.replace("</body>", _CHECK + "</body>"), encoding="utf-8")
    dom = _browser(["--dump-dom", checked.as_uri()]).stdout
    m = re.search(r'<pre id="hp-check">(.*?)</pre>', dom, re.S)
    assert m, dom[-2000:]
    found = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert found["scrollWidth"] <= found["width"] == 1366, found
    assert not found["overflowing"], found
    assert found["links"] > 20 and not found["broken"], found
    assert found["cjk"], "CJK characters are drawn as missing-glyph boxes (install fonts-noto-cjk)"
    assert found["tables"] >= 10 and not found["unsorted"], found
    assert found["csv"], found

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    plain = tmp_path / f"report-{lang}.html"
    plain.write_text(page, encoding="utf-8")
    shot = ARTEFACTS / f"report-{lang}-first-screen.png"
    _browser([f"--screenshot={shot}", plain.as_uri()])
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

"""The HTML report: tables and embedded plots, the terminal summary, the CLI, and a headless-browser check."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys

import pytest

from healthplan import report as rep


@pytest.fixture(scope="module")
def bundled_report():
    """The report on the five bundled documents (the README's main job)."""
    pytest.importorskip("matplotlib")
    return rep.build_report(progress=False)


def test_report_html_has_tables_and_embedded_images(bundled_report):
    page = rep.render_html(bundled_report)
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<table") >= 6
    images = re.findall(r"<img [^>]*src='data:image/png;base64,([A-Za-z0-9+/=]+)'", page)
    assert len(images) >= 5
    assert all(len(i) > 10_000 for i in images)
    # self-contained: nothing fetched from elsewhere
    assert "http://" not in re.sub(r"<td>https?://[^<]*</td>", "", page).split("<h2>7.")[0]
    assert "<script" not in page and "<link" not in page
    for place in ("乌海市", "琼海市", "克拉玛依区", "武隆区", "呼和浩特市"):
        assert place in page
    assert "stricter" in page and "achieved" in page
    # 呼和浩特市's 2025 targets are judged against the interpolated national path, and the page says so.
    assert "national path interpolated" in page and "<th>basis</th>" in page
    assert "<td>interpolated(2022–2030)</td>" in page


def test_report_content(bundled_report):
    c = bundled_report.comparison
    assert len(bundled_report.plans) == 5
    assert len(c.targets) > 50
    assert (c.targets["verdict"] == "stricter").sum() > 0
    # Facts of the documents: 克拉玛依区 aims at 居民健康素养水平 ≥ 40% by 2030 (national ≥ 30%),
    # 乌海市 at 国民体质测定 合格 ≥ 90.3% by 2022 (national ≥ 90.86%).
    t = c.targets.set_index(["plan", "code", "year"])
    assert t.loc[("克拉玛依区", "HC01-01", 2030), "verdict"] == "stricter"
    assert t.loc[("克拉玛依区", "HC01-01", 2030), "margin"] == pytest.approx(10)
    assert t.loc[("乌海市", "HC03-01", 2022), "verdict"] == "looser"
    ev = bundled_report.evaluation
    observed = ev[ev["latest_value"].notna()]
    assert {"婴儿死亡率", "孕产妇死亡率", "居民健康素养水平"} <= set(observed["indicator"])
    assert any(k.startswith("progress ") for k in bundled_report.figures)
    text = rep.summary_text(bundled_report)
    assert "乌海市" in text and "stricter" in text and "National targets" in text
    assert "against the interpolated national path" in text
    hohhot = c.summary().set_index("plan").loc["呼和浩特市"]
    assert hohhot["interpolated"] > 0 and hohhot["stricter"] + hohhot["equal"] + hohhot["looser"] > 0


def test_report_without_plots_needs_no_matplotlib(tmp_path, example_plan_path, monkeypatch):
    out = tmp_path / "r.html"
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # importing it would fail
    log = io.StringIO()
    path = rep.run_report([example_plan_path], output=out, plots=False, stdout=log)
    page = out.read_text(encoding="utf-8")
    assert path == out and "<table" in page and "<img" not in page
    assert f"Report: {out.resolve()}" in log.getvalue()


def test_report_rejects_bad_inputs(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        rep.build_report([tmp_path / "nope.txt"], plots=False, progress=False)
    (tmp_path / "x.pdf").write_text("x")
    with pytest.raises(ValueError, match="x.pdf"):
        rep.build_report([tmp_path / "x.pdf"], plots=False, progress=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match="no .json plans or .txt documents"):
        rep.build_report([empty], plots=False, progress=False)


def test_progress_bar_draws_on_the_stream(example_plan_path):
    stream = io.StringIO()
    rep.build_report([example_plan_path], plots=False, progress=True, stream=stream)
    assert "█" in stream.getvalue() and "evaluat" in stream.getvalue()


def test_cli_report_default_is_the_bundled_documents(healthplan_cli, tmp_path):
    pytest.importorskip("matplotlib")
    r = subprocess.run(
        [*healthplan_cli, "report", "-o", str(tmp_path / "out.html")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert "5 plans compared" in r.stdout
    assert f"Report: {tmp_path / 'out.html'}" in r.stdout
    assert (tmp_path / "out.html").stat().st_size > 100_000


def test_cli_report_bad_folder(healthplan_cli, tmp_path):
    r = subprocess.run(
        [*healthplan_cli, "report", str(tmp_path / "missing")], capture_output=True, text=True, encoding="utf-8"
    )
    assert r.returncode != 0 and "missing" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run(
        [*healthplan_cli, "report", "--no-plots", "-o", str(tmp_path / "nodir" / "r.html")],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert r.returncode != 0 and "nodir" in r.stderr and "Traceback" not in r.stderr


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(
    _chromium() is None, reason="no chromium for the headless rendering check (apt-get install -y chromium)"
)
def test_report_renders_in_headless_chromium(bundled_report, tmp_path):
    html_path = tmp_path / "report.html"
    html_path.write_text(rep.render_html(bundled_report), encoding="utf-8")
    args = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    dom = subprocess.run(
        [*args, "--dump-dom", html_path.as_uri()], capture_output=True, text=True, encoding="utf-8", timeout=120
    ).stdout
    assert dom.count("<table") >= 6 and dom.count("<img") >= 5  # the browser parsed tables and images
    shot = tmp_path / "shot.png"
    subprocess.run(
        [*args, "--window-size=1280,2400", f"--screenshot={shot}", html_path.as_uri()], capture_output=True, timeout=120
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000

"""Each plot renders a PNG without missing-glyph warnings and returns a Figure."""

from __future__ import annotations

import io
import sys
import warnings

import pytest

matplotlib = pytest.importorskip("matplotlib")

import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import healthplan as hp  # noqa: E402
from healthplan import plot  # noqa: E402


def _render(fig: Figure) -> bytes:
    """Draws the figure; a missing glyph (Chinese text in a Latin font) fails the test."""
    assert isinstance(fig, Figure)
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r".*[Gg]lyph.*missing.*")
        fig.savefig(buf, format="png")
    data = buf.getvalue()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    return data


@pytest.fixture()
def cmp(example_plan):
    return hp.compare([example_plan])


def test_cjk_font_is_installed():
    assert plot.cjk_font() is not None, "install fonts-noto-cjk"


def test_targets_plot(cmp):
    _render(plot.targets_plot(cmp, "HC03-02"))
    _render(plot.targets_plot(cmp, "经常参加体育锻炼人数比例", year=2030))
    with pytest.raises(ValueError):
        plot.targets_plot(cmp, "不存在的指标")


def test_coverage_heatmap(cmp):
    _render(plot.coverage_heatmap(cmp))
    _render(plot.coverage_heatmap(cmp, only_covered=False))


@pytest.mark.parametrize("role", ["led", "co_responsible", "tasks"])
def test_responsibility_heatmap(cmp, role):
    _render(plot.responsibility_heatmap(cmp, role=role))


def test_stringency_scorecard(cmp):
    _render(plot.stringency_scorecard(cmp))


@pytest.fixture()
def evaluation():
    return pd.DataFrame(
        {
            "plan_id": ["a", "a", "b", "b", "b"],
            "indicator": ["婴儿死亡率", "人均预期寿命", "婴儿死亡率", "居民健康素养水平", "孕产妇死亡率"],
            "year": [2030, 2030, 2022, 2030, 2025],
            "verdict": ["on_track", "off_track", "achieved", "missed", "insufficient_data"],
            "lead": ["市卫生健康委员会", "市卫生健康委员会、市教育局", "区卫健委", "", None],
        }
    )


@pytest.mark.parametrize("by", ["indicator", "lead", "lead_kind"])
def test_verdict_scorecard(evaluation, by):
    _render(plot.verdict_scorecard(evaluation, by=by))


def test_verdict_scorecard_rejects_bad_input(evaluation):
    with pytest.raises(ValueError, match="lacks columns"):
        plot.verdict_scorecard(evaluation.drop(columns=["verdict"]))
    with pytest.raises(ValueError):
        plot.verdict_scorecard(evaluation, by="colour")
    with pytest.raises(TypeError):
        plot.verdict_scorecard([1, 2, 3])


def test_progress_chart(repo):
    obs = pd.read_csv(repo / "python/healthplan/data/observed/china_observed.csv")
    _render(plot.progress_chart(obs, "婴儿死亡率", targets={2022: 7.5, 2030: 5}, baseline=(2015, 8.1)))
    _render(plot.progress_chart(obs[obs["indicator"] == "人均预期寿命"], targets=[(2030, 79.0)], unit="岁"))
    with pytest.raises(ValueError, match="no observations"):
        plot.progress_chart(obs, "不存在")


def test_glyph_check_catches_boxes():
    """The rendering check must fail when a Chinese label is drawn in a Latin-only font."""
    fig = Figure()
    ax = fig.add_subplot()
    ax.set_title("婴儿死亡率", fontfamily="DejaVu Sans")
    with pytest.raises(UserWarning, match="missing"):
        _render(fig)


def test_missing_matplotlib_gives_install_hint(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"pip install healthplan\[plot\]"):
        plot._mpl()

"""Plots legible in a notebook at their default size, checked on the drawn artists (not pixels):
every text at least 9 pt, no two texts overlapping, a legend (or colour bar) for every
colour, and an axis that shows the difference it is about."""

from __future__ import annotations

import io
import itertools
import warnings

import pytest

matplotlib = pytest.importorskip("matplotlib")

import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import healthplan as hp  # noqa: E402
from healthplan import plot  # noqa: E402

LONG = "医务人员掌握与岗位相适应的健康科普知识并在诊疗过程主动提供健康指导的比例"


def _draw(fig: Figure) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)  # the plots are built without pyplot; measure with the PNG renderer
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r".*[Gg]lyph.*missing.*")
        fig.savefig(buf, format="png")
    assert buf.getvalue()[:4] == b"\x89PNG"


def _drawn_texts(fig: Figure) -> list[Text]:
    """The texts a reader sees: tick labels inside the view, titles, axis labels, annotations, legends."""
    texts: list[Text] = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks():
                if lo - 1e-9 <= tick.get_loc() <= hi + 1e-9:
                    texts += [tick.label1, tick.label2]
        texts += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
        if ax.get_legend() is not None:
            texts += [*ax.get_legend().get_texts(), ax.get_legend().get_title()]
    for legend in fig.legends:
        texts += legend.get_texts()
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def _check_legible(fig: Figure) -> list[Text]:
    _draw(fig)
    texts = _drawn_texts(fig)
    assert texts
    small = [(t.get_text(), t.get_fontsize()) for t in texts if t.get_fontsize() < 9]
    assert not small, small
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer).expanded(1.0, 1.0)) for t in texts]
    overlaps = [
        (a, b)
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
        if box_a.overlaps(box_b)
        and box_a.intersection(box_a, box_b).width > 1
        and box_a.intersection(box_a, box_b).height > 1
    ]
    assert not overlaps, overlaps[:5]
    # Nothing drawn outside the figure (a label cut off at the edge).
    width, height = fig.canvas.get_width_height()
    for text, box in boxes:
        assert box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1 and box.y1 <= height + 1, text
    return texts


def _has_legend(fig: Figure) -> bool:
    return any(ax.get_legend() is not None for ax in fig.axes) or bool(fig.legends)


def _plan(pid: str, place: str, lines: str) -> hp.Plan:
    text = f"{place}健康行动实施方案\n一、主要目标\n{lines}\n"
    return hp.extract(text, pid)


@pytest.fixture(scope="module")
def close_call():
    """Two plans whose 2022 fitness targets sit just under and at the national 90.86%."""
    a = _plan("a", "甲市", "到2022年,城乡居民达到《国民体质测定标准》合格以上的人数比例不少于90.3%。")
    b = _plan("b", "乙区", "到2022年,城乡居民达到《国民体质测定标准》合格以上的人数比例不少于90.86%。")
    return hp.compare([a, b])


def test_targets_plot_shows_the_difference_it_is_about(close_call):
    t = close_call.targets
    assert set(t[t["code"] == "HC03-01"]["value"]) == {90.3, 90.86}
    fig = plot.targets_plot(close_call, "HC03-01")
    _check_legible(fig)
    ax = fig.axes[0]
    lo, hi = ax.get_xlim()
    assert lo > 80 and lo < 90.3 and hi > 90.86, (lo, hi)  # not from zero
    assert (90.86 - 90.3) / (hi - lo) > 0.5  # the gap fills most of the axis
    labels = [x.get_text() for x in ax.get_legend().get_texts()]
    assert any("宽于全国" in x for x in labels) and any("全国目标" in x for x in labels)


def test_targets_plot_marks_the_interpolated_path(example_plan):
    cmp = hp.compare([example_plan])
    fig = plot.targets_plot(cmp, "HC03-02")
    _check_legible(fig)
    assert _has_legend(fig)


def test_every_plot_is_legible(example_plan, repo):
    cmp = hp.compare([example_plan])
    figures = [
        plot.coverage_heatmap(cmp),
        plot.responsibility_heatmap(cmp, role="tasks"),
        plot.stringency_scorecard(cmp),
    ]
    obs = pd.read_csv(repo / "python/healthplan/data/observed/china_observed.csv")
    figures.append(plot.progress_chart(obs, "婴儿死亡率", targets={2022: 7.5, 2030: 5}, baseline=(2015, 8.1)))
    for fig in figures:
        _check_legible(fig)
    # A legend for every colour: legends on the categorical plots, a colour bar on the heatmap of counts.
    assert _has_legend(figures[0]) and _has_legend(figures[2]) and _has_legend(figures[3])
    assert len(figures[1].axes) == 2 and figures[1].axes[1].get_ylabel()


@pytest.mark.parametrize("by", ["indicator", "lead", "lead_kind"])
def test_scorecards_wrap_long_names_without_overlap(by):
    frame = pd.DataFrame(
        {
            "plan_id": ["乌海市-健康乌海行动工作推进方案-2021"] * 3 + ["克拉玛依区-健康克拉玛依区行动-2020"] * 3,
            "indicator": [LONG, "婴儿死亡率", "居民健康素养水平"] * 2,
            "year": [2025, 2030, 2022] * 2,
            "verdict": ["on_track", "off_track", "achieved", "missed", "insufficient_data", "achieved_early"],
            "lead": [
                "市卫生健康委员会、市教育局、市体育局、市文化旅游广电局",
                "市卫生健康委员会",
                "区卫健委",
                "",
                None,
                "内蒙古自治区乌海市海勃湾区人民政府办公室",
            ],
        }
    )
    fig = plot.verdict_scorecard(frame, by=by)
    texts = _check_legible(fig)
    assert _has_legend(fig)
    if by == "indicator":  # the long name is wrapped over lines, not cut to a few characters
        shown = "".join(t.get_text().replace("\n", "") for t in texts)
        assert LONG[:30] in shown


def test_warning_names_the_font_package_when_no_cjk_font(monkeypatch):
    monkeypatch.setattr(plot, "cjk_font", lambda: None)
    with pytest.warns(RuntimeWarning, match="fonts-noto-cjk"):
        plot.verdict_scorecard(
            pd.DataFrame({"plan_id": ["a"], "indicator": ["婴儿死亡率"], "year": [2030], "verdict": ["achieved"]})
        )


def test_the_checks_catch_small_and_overlapping_text():
    """The checks above fail on the faults they look for."""
    with plot._style():
        small = Figure(figsize=(4, 3))
        small.add_subplot().set_title("婴儿死亡率", fontsize=7)
        crowded = Figure(figsize=(4, 3))
        crowded.add_subplot().set_yticks([0, 0.01], ["居民健康素养水平", "人均预期寿命"])  # two labels on one spot
    with pytest.raises(AssertionError, match="婴儿死亡率"):
        _check_legible(small)
    with pytest.raises(AssertionError, match="人均预期寿命"):
        _check_legible(crowded)

"""healthplan.evaluate: observations, verdicts as DataFrames, scorecards, CLI, real data."""

from __future__ import annotations

import io
import json
import threading
import time
from contextlib import redirect_stdout

import numpy as np
import pandas as pd
import pytest

import healthplan as hp


def make_plan(targets, *, unit="%", region="全国", name="居民健康素养水平", lead="市卫生健康委员会"):
    ind = hp.Indicator(id="i1", name=name, unit=hp.Unit.parse(unit))
    task = hp.Task(id="k1", lead=[hp.Agency(as_written=lead, name=lead)])
    plan = hp.Plan(id="p", region=hp.Region(name=region), indicators=[ind], tasks=[task])
    ts = []
    for i, kw in enumerate(targets):
        kw = dict(kw)
        kw.setdefault("indicator_id", "i1")
        kw.setdefault("indicator", name)
        kw.setdefault("task_id", "k1")
        kw["unit"] = hp.Unit.parse(kw.get("unit", unit))
        ts.append(hp.Target(id=f"t{i + 1}", **kw))
    plan.targets = ts
    return plan


def frame(rows):
    return pd.DataFrame(rows, columns=["indicator", "region", "year", "value", "unit"])


# ------------------------------------------------------------ observations --


def test_observations_from_frame_arrays_and_csv_agree(tmp_path):
    df = frame([["x", "全国", 2016, 2.0, "%"], ["x", "全国", 2015, 1.0, "%"], ["y", "全国", 2015, 5.0, "‰"]])
    a = hp.Observations.from_frame(df)
    b = hp.Observations.from_arrays(
        df.indicator.to_numpy(), df.region.to_numpy(), df.year.to_numpy(), df.value.to_numpy(), df.unit.to_numpy()
    )
    path = tmp_path / "o.csv"
    df.to_csv(path, index=False)
    c = hp.Observations.from_csv(path)
    for o in (a, b, c):
        assert len(o) == 3
        assert o.series("x", "全国") == [(2015, 1.0, "%", ""), (2016, 2.0, "%", "")]
    assert (
        a.to_frame()[["indicator", "year", "value"]].values.tolist()
        == df[["indicator", "year", "value"]].values.tolist()
    )
    assert "3 rows" in repr(a) and "<table" in a._repr_html_()


def test_numeric_columns_are_read_in_place():
    values = np.array([1.0, 2.0, 3.0])
    years = np.array([2015, 2016, 2017], dtype=np.int64)
    obs = hp.Observations.from_arrays(np.array(["x", "x", "x"]), None, years, values, "%")
    values[2] = 99.0  # the store reads the caller's memory: no copy was made
    assert obs.series("x")[2][1] == 99.0
    del values, years  # the store keeps the arrays alive
    assert obs.series("x")[0][1] == 1.0


def test_duplicates_conflicts_and_nan_are_errors_naming_rows(tmp_path):
    with pytest.raises(hp.DataError, match=r"conflicting.*row 0.*row 2"):
        hp.Observations.from_frame(
            frame([["x", "", 2015, 1.0, "%"], ["x", "", 2016, 1.0, "%"], ["x", "", 2015, 1.5, "%"]])
        )
    with pytest.raises(hp.DataError, match="duplicate"):
        hp.Observations.from_frame(frame([["x", "", 2015, 0.5, "%"], ["x", "", 2015, 5.0, "‰"]]))
    with pytest.raises(hp.DataError, match="missing"):
        hp.Observations.from_frame(frame([["x", "", 2015, float("nan"), "%"]]))
    ok = hp.Observations.from_frame(
        pd.DataFrame({"indicator": ["x"], "year": [2015], "value": [float("nan")], "flags": ["missing"]})
    )
    assert ok.series("x")[0][3] == "missing"
    path = tmp_path / "bad.csv"
    path.write_text("indicator,year,value,unit\nx,2015,1,furlong\n", encoding="utf-8")
    with pytest.raises(hp.UnitError, match="bad.csv:2"):
        hp.Observations.from_csv(path)


def test_bundled_national_observations_carry_sources():
    obs = hp.observed_china()
    assert len(obs) == 82
    assert obs.regions == ["全国"]
    df = obs.to_frame()
    assert (df["source"].str.len() > 0).all()
    assert set(df.loc[df["flags"] == "superseded", "value"]) == {2.21, 29.97}
    assert obs.series("婴儿死亡率", "全国")[-1][:3] == (2024, 4.0, "‰")


# --------------------------------------------------------------- evaluate --


def test_result_frame_has_the_documented_columns_and_explanations():
    plan = make_plan([dict(kind=hp.TargetKind.level, comparator=hp.Comparator.ge, value=30.0, year=2030)])
    obs = hp.Observations.from_frame(
        frame([["居民健康素养水平", "全国", y, 14.0 + (y - 2017), "%"] for y in range(2017, 2021)])
    )
    df = hp.evaluate(plan, obs, as_of=2020)
    assert list(df.columns) == list(hp.RESULT_COLUMNS)
    r = df.iloc[0]
    assert (r.verdict, r.category, r.method) == ("off_track", "slightly_off", "linear_extrapolation/healthplan")
    assert r.projected_value == pytest.approx(27.0)
    assert r.required_pace == pytest.approx(1.3)
    assert r.lead == "市卫生健康委员会"
    assert "needs +1.3 a year from now to 2030" in r.explanation
    assert df["year"].dtype == "Int64"
    growth = hp.evaluate(plan, obs, as_of=2020, method="growth_ratio").iloc[0]
    assert growth.method == "growth_ratio/healthplan" and growth.category in ("acceleration_needed", "on_track")
    with pytest.raises(hp.SchemaError, match="accepted"):
        hp.evaluate(plan, obs, method="magic")
    with pytest.raises(hp.ValidationError):
        hp.evaluate(plan, obs, policy=hp.EvaluationPolicy(), distance_near=0.5, distance_far=0.1)
    policy = hp.EvaluationPolicy(method=hp.LevelMethod.years_to_target, years_grace=0)
    assert hp.evaluate(plan, obs, as_of=2020, policy=policy).method[0] == "years_to_target"
    with pytest.raises(TypeError, match="colour"):
        hp.EvaluationPolicy(colour="red")


def test_permille_observations_against_a_percent_target_and_incompatible_units():
    plan = make_plan(
        [dict(kind=hp.TargetKind.level, comparator=hp.Comparator.lt, value=0.5, year=2022)], unit="‰", name="婴儿死亡率"
    )
    plan.targets[0].unit = hp.Unit.parse("%")
    obs = hp.Observations.from_frame(frame([["婴儿死亡率", "全国", 2022, 4.9, "‰"]]))
    r = hp.evaluate(plan, obs).iloc[0]
    assert (r.verdict, r.unit) == ("achieved", "%")
    assert r.latest_value == pytest.approx(0.49)
    bad = hp.Observations.from_frame(frame([["婴儿死亡率", "全国", 2022, 4.9, "张"]]))
    with pytest.raises(hp.UnitError):
        hp.evaluate(plan, bad)
    soft = hp.evaluate(plan, bad, on_unit_mismatch=hp.UnitMismatch.insufficient_data).iloc[0]
    assert soft.verdict == "insufficient_data" and "张" in soft.reason


def test_every_kind_gets_a_verdict_and_advocacy_is_not_scored():
    plan = make_plan(
        [
            dict(kind=hp.TargetKind.level, comparator=hp.Comparator.ge, value=20.0, year=2022),
            dict(
                kind=hp.TargetKind.change,
                comparator=hp.Comparator.increase,
                value=10.0,
                year=2022,
                baseline=hp.Baseline(year=2018, value=18.0),
            ),
            dict(kind=hp.TargetKind.rate, comparator=hp.Comparator.increase, value=0.5, unit="percentage_point"),
            dict(kind=hp.TargetKind.trend, comparator=hp.Comparator.increase, year=2030),
            dict(
                kind=hp.TargetKind.level, comparator=hp.Comparator.ge, value=20.0, year=2030, nature=hp.Nature.advocacy
            ),
        ]
    )
    obs = hp.Observations.from_frame(
        frame(
            [
                ["居民健康素养水平", "全国", y, v, "%"]
                for y, v in [(2018, 18.0), (2019, 18.9), (2020, 19.6), (2022, 20.5)]
            ]
        )
    )
    df = hp.evaluate(plan, obs, as_of=2022)
    assert df.verdict.tolist() == ["achieved", "achieved", "on_track", "on_track", "not_evaluable"]
    assert df.threshold[1] == pytest.approx(19.8)  # 18 raised by 10 %
    assert df.reference_value[1] == 18.0
    assert df.method[3] == "trend:net_with_k_reversals/healthplan"
    assert (
        hp.evaluate(plan, obs, as_of=2022, trend="strictly_monotone").method[3] == "trend:strictly_monotone/healthplan"
    )


def test_as_of_reproduces_past_verdicts():
    plan = make_plan([dict(kind=hp.TargetKind.level, comparator=hp.Comparator.ge, value=30.0, year=2025)])
    rows = [["居民健康素养水平", "全国", y, v, "%"] for y, v in [(2018, 20), (2019, 21), (2020, 22), (2021, 35)]]
    full = hp.Observations.from_frame(frame(rows))
    past = hp.Observations.from_frame(frame(rows[:3]))
    a = hp.evaluate(plan, full, as_of=2020)
    b = hp.evaluate(plan, past, as_of=2020)
    pd.testing.assert_frame_equal(a, b)
    assert hp.evaluate(plan, full, as_of=2021).verdict[0] == "achieved_early"


# --------------------------------------------------------------- scorecard --


def test_scorecard_counts_and_scores_by_lead_and_matches_cpp():
    plans = []
    for pid, lead, _values in (("a", "市卫生健康委员会", [20, 23]), ("b", "市体育局", [20, 20.5])):
        p = make_plan(
            [
                dict(kind=hp.TargetKind.level, comparator=hp.Comparator.ge, value=22.0, year=2022),
                dict(kind=hp.TargetKind.level, comparator=hp.Comparator.ge, value=40.0, year=2030),
            ],
            lead=lead,
            region=pid,
        )
        p.id = pid
        plans.append(p)
    obs = hp.Observations.from_frame(
        frame(
            [
                ["居民健康素养水平", r, 2020 + i * 2, v, "%"]
                for r, vs in (("a", [20, 23]), ("b", [20, 20.5]))
                for i, v in enumerate(vs)
            ]
        )
    )
    df = hp.evaluate(plans, obs, as_of=2022)
    assert df.verdict.tolist() == ["achieved", "off_track", "missed", "off_track"]
    sc = hp.scorecard(df, by="lead")
    assert list(sc.columns) == list(hp.SCORECARD_COLUMNS)
    assert sc.group.tolist() == ["市卫生健康委员会", "市体育局"]
    assert sc.score.tolist() == pytest.approx([62.5, 12.5])
    assert sc.off_track.tolist() == [1, 1]
    cpp = hp._core._scorecard(hp.evaluate_results(plans, obs, as_of=2022), "lead", hp.ScoreWeights())
    assert [row["score"] for row in cpp] == pytest.approx(sc.score.tolist())
    by_plan = hp.scorecard(plans, by="plan", observations=obs, as_of=2022)
    assert by_plan.group.tolist() == ["a", "b"]
    with pytest.raises(hp.SchemaError):
        hp.scorecard(df, by="colour")


# ----------------------------------------------------------------- bulk path --


def test_bulk_path_agrees_with_evaluate_and_decodes():
    plan = make_plan([dict(kind=hp.TargetKind.level, comparator=hp.Comparator.ge, value=40.0, year=2030)])
    vals = [20.0, 23.0, 22.0, 26.0, 27.0]
    obs = hp.Observations.from_frame(
        frame([["居民健康素养水平", "全国", 2016 + i, v, "%"] for i, v in enumerate(vals)])
    )
    for method in ("linear_extrapolation", "growth_ratio", "years_to_target"):
        rich = hp.evaluate(plan, obs, as_of=2020, method=method).iloc[0]
        bulk = hp.evaluate_frame(
            pd.DataFrame({"series": 1, "year": range(2016, 2021), "value": vals}),
            pd.DataFrame(
                {
                    "series": [1],
                    "threshold": [40.0],
                    "comparator": [">="],
                    "year": [2030],
                    "lower": [0.0],
                    "upper": [100.0],
                }
            ),
            as_of=2020,
            method=method,
        ).iloc[0]
        assert bulk.verdict == rich.verdict
        assert bulk.category == rich.category
        assert bulk.projected_value == pytest.approx(rich.projected_value)
        assert bulk.probability == pytest.approx(rich.probability)


def test_bulk_path_releases_the_gil():
    n = 300_000
    series = np.repeat(np.arange(n, dtype=np.int64), 10)
    years = np.tile(np.arange(2015, 2025, dtype=np.int64), n)
    values = np.random.default_rng(1).uniform(10, 50, n * 10)
    counter = [0]
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            counter[0] += 1

    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.05)
    before = counter[0]
    started = time.perf_counter()
    hp.evaluate_arrays(
        series,
        years,
        values,
        np.arange(n, dtype=np.int64),
        np.full(n, 30.0),
        np.zeros(n, dtype=np.int8),
        np.full(n, 2030, dtype=np.int64),
        as_of=2024,
    )
    elapsed = time.perf_counter() - started
    during = counter[0] - before
    stop.set()
    t.join()
    # With the GIL held the spinning thread would be frozen for the whole call
    # (its few iterations before the call are excluded); released, it keeps counting.
    assert elapsed > 0 and during > 100, (elapsed, during)


def test_bulk_input_errors():
    with pytest.raises(hp.DataError, match="two rows"):
        hp.evaluate_arrays([1, 1], [2015, 2015], [1.0, 2.0], [1], [3.0], [">="], [2030], as_of=2020)
    with pytest.raises(hp.SchemaError, match="comparator"):
        hp.evaluate_arrays([1], [2015], [1.0], [1], [3.0], ["≈≈"], [2030], as_of=2020)


# ------------------------------------------------------------- CLI / real --


def test_cli_evaluate_bundled_plan_against_bundled_observations(example_plan_path):
    from healthplan._cli import main

    buf = io.StringIO()
    with redirect_stdout(buf):
        code = main(
            ["evaluate", str(example_plan_path), "china", "--region", "全国", "--as-of", "2023", "--format", "csv"]
        )
    assert code == 0
    df = pd.read_csv(io.StringIO(buf.getvalue()))
    assert list(df.columns) == list(hp.RESULT_COLUMNS)
    literacy = df[df.indicator == "居民健康素养水平"].set_index("year")
    assert literacy.loc[2022, "verdict"] == "achieved"
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["evaluate", str(example_plan_path), "china", "--scorecard", "lead", "--format", "json"]) == 0
    assert {row["group"] for row in json.loads(buf.getvalue())} >= {"市卫生健康委员会"}


def test_cli_bad_observations_exit_non_zero(tmp_path, example_plan_path, capsys):
    from healthplan._cli import main

    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,year,value\nx,2015,1\nx,2015,2\n", encoding="utf-8")
    assert main(["evaluate", str(example_plan_path), str(bad)]) != 0
    assert "bad.csv:3" in capsys.readouterr().err


def test_national_targets_against_public_national_figures():
    """健康中国行动 national targets (shared/data/healthy_china_indicators.csv) against
    the bundled national figures, as of 2024."""

    def ind(i, name, unit, direction):
        return hp.Indicator(id=i, name=name, unit=hp.Unit.parse(unit), direction=direction)

    plan = hp.Plan(id="healthy-china-2019", region=hp.Region(name="全国", level=hp.AdminLevel.national))
    plan.indicators = [
        ind("lit", "居民健康素养水平", "%", hp.Direction.higher),
        ind("le", "人均预期寿命", "岁", hp.Direction.higher),
        ind("mmr", "孕产妇死亡率", "1/10万", hp.Direction.lower),
        ind("u5", "5岁以下儿童死亡率", "‰", hp.Direction.lower),
    ]

    def target(i, ind_id, name, cmp, value, year, unit):
        return hp.Target(
            id=i,
            indicator_id=ind_id,
            indicator=name,
            kind=hp.TargetKind.level,
            comparator=cmp,
            value=value,
            year=year,
            unit=hp.Unit.parse(unit),
        )

    plan.targets = [
        target("t1", "lit", "居民健康素养水平", hp.Comparator.ge, 22.0, 2022, "%"),
        target("t2", "lit", "居民健康素养水平", hp.Comparator.ge, 30.0, 2030, "%"),
        target("t3", "le", "人均预期寿命", hp.Comparator.ge, 77.7, 2022, "岁"),
        target("t4", "mmr", "孕产妇死亡率", hp.Comparator.lt, 12.0, 2030, "1/10万"),
        target("t5", "u5", "5岁以下儿童死亡率", hp.Comparator.lt, 0.6, 2030, "%"),
    ]
    df = hp.evaluate(plan, hp.observed_china(), as_of=2024).set_index("target_id")
    assert df.loc["t1", "verdict"] == "achieved"  # 27.78 % in 2022
    assert df.loc["t2", "verdict"] == "achieved_early"  # 31.87 % in 2024
    assert df.loc["t3", "verdict"] == "insufficient_data"  # no 2022 figure in the bundle, 2023 exists
    assert "target year" in df.loc["t3", "reason"]
    assert df.loc["t4", "verdict"] == "on_track"  # 14.3 falling ~0.64 a year
    assert df.loc["t4", "required_pace"] == pytest.approx((12.0 - 14.3) / 6)
    assert 0.5 < df.loc["t4", "probability"] <= 1
    assert df.loc["t5", "verdict"] == "achieved_early"  # 5.6 ‰ = 0.56 % < 0.6 %
    assert df.loc["t5", "latest_value"] == pytest.approx(0.56)
    # As of 2021 the 2030 literacy target was on track, not yet met.
    assert hp.evaluate(plan, hp.observed_china(), as_of=2021).set_index("target_id").loc["t2", "verdict"] == "on_track"


def test_methods_side_by_side_can_disagree():
    plan = make_plan(
        [
            dict(kind=hp.TargetKind.level, comparator=hp.Comparator.ge, value=25.0, year=2025),
            dict(kind=hp.TargetKind.level, comparator=hp.Comparator.ge, value=20.0, year=2018),
        ]
    )
    obs = hp.Observations.from_frame(
        frame([["居民健康素养水平", "全国", 2018, 10.0, "%"], ["居民健康素养水平", "全国", 2020, 12.1, "%"]])
    )
    df = hp.evaluate_methods(plan, obs, as_of=2020)
    row = df.iloc[0]
    # growth ratio: R = 0.10 / (2.5^(1/7) − 1) = 0.715 → acceleration needed;
    # linear: 12.1 + 1.05·5 = 17.35, (25 − 17.35)/15 = 51 % missing → off;
    # years to target: |log(12.1/25)/log(1.105)| = 7.27 > 5 years left, within the grace → some progress
    assert row.category_growth_ratio == "acceleration_needed"
    assert row.category_linear_extrapolation == "off"
    assert row.category_years_to_target == "some_progress"
    assert row.projected_growth_ratio == pytest.approx(12.1 * 1.1**5)
    assert df.agree.tolist() == [True, True]  # all three say off_track; the 2018 one is decided by data
    assert df.verdict_linear_extrapolation[1] == "missed"


def test_vintages_reproduce_past_verdicts_with_the_figures_known_then():
    plan = make_plan(
        [dict(kind=hp.TargetKind.level, comparator=hp.Comparator.le, value=29.5, year=2015)],
        name="个人卫生支出占卫生总费用的比重",
    )
    df = pd.DataFrame(
        {
            "indicator": ["个人卫生支出占卫生总费用的比重"] * 2,
            "region": "全国",
            "year": [2015, 2015],
            "value": [29.97, 29.3],
            "unit": "%",
            "published": [2016, 2020],
        }
    )
    obs = hp.Observations.from_frame(df)
    assert obs.to_frame()["published"].tolist() == [2016, 2020]
    assert hp.evaluate(plan, obs, as_of=2018).verdict[0] == "missed"
    assert hp.evaluate(plan, obs, as_of=2021).verdict[0] == "achieved"
    with pytest.raises(hp.DataError, match="conflicting"):
        hp.Observations.from_frame(df.assign(published=[2016, 2016]))

"""Issue 11's faults end to end, from extracted text to a verdict."""

from __future__ import annotations

import pandas as pd

import healthplan as hp


def _obs(name: str, years: list[int], values: list[float], unit: str) -> pd.DataFrame:
    return pd.DataFrame({"indicator": name, "region": "", "year": years, "value": values, "unit": unit})


def test_points_of_a_change_belong_to_the_change_not_the_indicator():
    plan = hp.extract("到2025年，高血压患者规范管理率比2020年提高2个百分点。")
    (ind,) = plan.indicators
    assert ind.unit.symbol == "%"  # the level's unit; the points are the change's
    r = hp.evaluate(plan, _obs(ind.name, [2020, 2025], [30.0, 32.5], "%"), as_of=2025).iloc[0]
    assert (r.verdict, r.threshold, r.unit) == ("achieved", 32.0, "%")  # 30 % + 2 points


def test_an_extracted_bare_number_takes_the_catalog_direction():
    plan = hp.extract("到2025年，婴儿死亡率为5‰。")
    assert plan.targets[0].comparator == hp.Comparator.eq
    assert plan.indicators[0].direction == hp.Direction.unknown  # the extractor cannot know it
    r = hp.evaluate(plan, _obs("婴儿死亡率", [2025], [4.0], "‰"), as_of=2025).iloc[0]
    assert r.verdict == "achieved" and r.comparator == "<="
    assert "read in the indicator's direction" in r.explanation
    # Without the catalog's directions the bare number is equality, and the explanation says so.
    r = hp.evaluate(
        plan, _obs("婴儿死亡率", [2025], [4.0], "‰"), as_of=2025, indicator_directions=[("-", hp.Direction.unknown)]
    ).iloc[0]
    assert r.verdict == "missed" and "judged as equality" in r.explanation
    # hp.evaluate copies a cached default policy: no call's overrides reach the next call's defaults.
    hp.evaluate(plan, _obs("婴儿死亡率", [2025], [4.0], "‰"), as_of=2025, method="growth_ratio", benchmark_lag=1)
    r = hp.evaluate(plan, _obs("婴儿死亡率", [2025], [4.0], "‰"), as_of=2025).iloc[0]
    assert r.verdict == "achieved" and r.comparator == "<="
    from healthplan.evaluate import _default_policy

    p = _default_policy()
    assert (p.method, p.benchmark_lag) == (hp.LevelMethod.linear_extrapolation, 0) and p.indicator_directions

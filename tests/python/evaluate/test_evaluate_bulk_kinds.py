"""The bulk path (evaluate_frame) gives hp.evaluate's verdicts on every kind and nature.

Random plans are built twice — as plans and as target columns — and judged both
ways; every numeric field must agree. Series ids are strings, as in a real
partitioned frame. (tests/cpp/evaluate/test_evaluate_bulk_kinds.cpp runs the same
property on the C++ API with more trials.)
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import healthplan as hp

KINDS = ["level", "change", "rate", "trend", "benchmark", "milestone"]
COMPARATORS = {
    "level": ["ge", "gt", "le", "lt", "eq", "approx"],
    "change": ["increase", "decrease", "gt", "lt", "eq"],
    "rate": ["increase", "decrease"],
    "trend": ["increase", "decrease"],
    "benchmark": ["ge", "le"],
    "milestone": ["eq"],
}
SYMBOL = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<", "eq": "=", "approx": "~", "increase": "up", "decrease": "down"}


def random_case(rng: np.random.Generator, n: int = 30) -> tuple[hp.Plan, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    indicators, targets, obs_rows, bulk_obs, cols = [], [], [], [], []
    for i in range(n):
        kind = KINDS[rng.integers(6)]
        growth = kind == "trend" and rng.integers(3) == 0
        name = f"指标{i}" + ("增长率" if growth else "")
        direction = ["unknown", "higher", "lower"][rng.integers(3)]
        indicators.append(
            hp.Indicator(id=f"i{i}", name=name, unit=hp.Unit.parse("%"), direction=getattr(hp.Direction, direction))
        )
        cmp = COMPARATORS[kind][rng.integers(len(COMPARATORS[kind]))]
        nature = ["unspecified", "binding", "expected", "advocacy"][rng.integers(4)]
        year = int(2014 + rng.integers(17)) if rng.integers(4) else None
        baseline = (
            hp.Baseline(year=int(2012 + rng.integers(10)), value=float(rng.uniform(5, 80)))
            if rng.integers(3) == 0
            else None
        )
        value, mode, ref_year, ref_value, reference = None, "relative", None, math.nan, None
        if kind == "level":
            value = float(rng.uniform(5, 90))
        elif kind in ("change", "rate"):
            value = float(rng.uniform(1, 20) if kind == "change" else rng.uniform(0.1, 3))
            if rng.integers(2):
                mode = ["relative", "points", "absolute"][rng.integers(3)]
                ref_value = float(rng.uniform(5, 80)) if kind == "change" and rng.integers(2) else math.nan
                ref_year = (
                    int(2012 + rng.integers(8))
                    if rng.integers(2) or (kind == "change" and math.isnan(ref_value))
                    else None
                )
                kw = {"mode": getattr(hp.ChangeMode, mode)}
                if ref_year is not None:
                    kw["year"] = ref_year
                if not math.isnan(ref_value):
                    kw["value"] = ref_value
                reference = hp.Reference(**kw)
        slowing = kind == "trend" and rng.integers(3) == 0
        t = dict(
            id=f"t{i}",
            indicator_id=f"i{i}",
            indicator=name,
            kind=getattr(hp.TargetKind, kind),
            comparator=getattr(hp.Comparator, cmp),
            unit=hp.Unit.parse("%"),
            nature=getattr(hp.Nature, nature),
            value=value,
            year=year,
        )
        if baseline is not None:
            t["baseline"] = baseline
        if reference is not None:
            t["reference"] = reference
        if kind == "benchmark":
            t["benchmark"] = "国家平均水平"
        if slowing:
            t["note"] = "持续减缓"
        targets.append(hp.Target(**t))
        v = float(rng.uniform(5, 80))
        for y in range(2012, 2027):
            if rng.integers(3) == 0:
                continue
            v = float(np.clip(v + rng.uniform(-4, 4), 0.5, 99))
            val = (1.0 if v > 50 else 0.0) if kind == "milestone" else round(v, 3)
            obs_rows.append((name, "某市", y, val, "%"))
            bulk_obs.append((f"s{i}", y, val))
            if kind == "benchmark" and rng.integers(4):
                b = round(float(np.clip(v + rng.uniform(-6, 6), 0.5, 99)), 3)
                obs_rows.append((name, "全国", y, b, "%"))
                bulk_obs.append((f"b{i}", y, b))
        cols.append(
            dict(
                series=f"s{i}",
                kind=kind,
                threshold=value if value is not None else math.nan,
                comparator=SYMBOL[cmp],
                year=year or 0,
                baseline_year=(baseline.year if baseline is not None else 0),
                baseline_value=(baseline.value if baseline is not None else math.nan),
                reference_year=ref_year or 0,
                reference_value=ref_value,
                change_mode=mode,
                direction={"unknown": 0, "higher": 1, "lower": -1}[direction],
                nature=nature,
                benchmark_series=f"b{i}",
                slowing=slowing,
                growth_rate=growth,
                lower=0.0,
                upper=100.0,
            )
        )
    plan = hp.Plan(id="p", region=hp.Region(name="某市"), indicators=indicators, targets=targets)
    obs = pd.DataFrame(obs_rows, columns=["indicator", "region", "year", "value", "unit"])
    bulk = pd.DataFrame(bulk_obs, columns=["series", "year", "value"])
    return plan, obs, bulk, pd.DataFrame(cols)


NUMERIC = [
    "latest_value",
    "threshold",
    "projected_value",
    "required_pace",
    "observed_pace",
    "years_to_target",
    "probability",
    "progress",
    "score",
]


@pytest.mark.parametrize("seed", range(8))
def test_bulk_equals_general_field_by_field(seed):
    rng = np.random.default_rng(seed)
    plan, obs, bulk_obs, cols = random_case(rng)
    method = ["linear_extrapolation", "growth_ratio", "years_to_target", "statcan"][seed % 4]
    as_of = 2016 + seed
    kw = dict(method=method, benchmark_lag=seed % 2, indicator_directions=[("-", hp.Direction.unknown)])
    rich = hp.evaluate(plan, obs, as_of=as_of, **kw)
    fast = hp.evaluate_frame(
        bulk_obs, cols, as_of=as_of, method=method, policy=_policy(benchmark_lag=seed % 2), threads=2
    )
    assert len(rich) == len(fast)
    judged = 0
    for (_, r), (_, b) in zip(rich.iterrows(), fast.iterrows()):
        where = f"{r.target_id} {r.kind}: {r.explanation}"
        assert b.verdict == r.verdict, where
        if r.verdict in ("insufficient_data", "not_evaluable"):
            continue
        judged += 1
        assert b.category == r.category, where
        assert b.points == r.points and bool(b.stale) == bool(r.stale), where
        assert b.latest_year == (0 if pd.isna(r.latest_year) else r.latest_year), where
        for c in NUMERIC:
            x, y = float(b[c]), float(r[c])
            assert (math.isnan(x) and math.isnan(y)) or x == pytest.approx(y, rel=1e-9, abs=1e-12), (c, where)
    assert judged >= 10


def _policy(**fields):
    p = hp.EvaluationPolicy()
    for k, v in fields.items():
        setattr(p, k, v)
    p.indicator_directions = [("-", hp.Direction.unknown)]  # plan directions only, as in the columns
    return p


def test_string_series_ids_and_kind_names_in_frames():
    obs = pd.DataFrame({"series": ["a", "a", "b", "b"], "year": [2020, 2022, 2020, 2022], "value": [10, 14, 0, 0]})
    targets = pd.DataFrame(
        {
            "series": ["a", "b"],
            "kind": ["trend", "milestone"],
            "threshold": [np.nan, np.nan],
            "comparator": ["up", "="],
            "year": [2025, 2021],
        }
    )
    out = hp.evaluate_frame(obs, targets, as_of=2022)
    assert list(out.verdict) == ["on_track", "missed"]
    assert list(out.category) == ["holds", "not_done"]
    with pytest.raises(hp.SchemaError, match="unknown kind 'levle'"):
        hp.evaluate_frame(obs, targets.assign(kind=["levle", "level"]), as_of=2022)

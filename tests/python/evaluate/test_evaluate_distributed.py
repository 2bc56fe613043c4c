"""The bulk path inside a distributed engine: Dask map_partitions on a local cluster."""

from __future__ import annotations

import shutil
import sys

import numpy as np
import pandas as pd
import pytest

import healthplan as hp

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")


def data(n_series=400, years=10, seed=3):
    rng = np.random.default_rng(seed)
    obs = pd.DataFrame(
        {
            "series": np.repeat(np.arange(n_series, dtype=np.int64), years),
            "year": np.tile(np.arange(2015, 2015 + years, dtype=np.int64), n_series),
            "value": rng.uniform(5, 60, n_series * years).round(2),
        }
    )
    targets = pd.DataFrame(
        {
            "series": np.arange(n_series, dtype=np.int64),
            "threshold": rng.uniform(10, 70, n_series).round(1),
            "comparator": rng.choice([">=", ">", "<=", "<"], n_series),
            "year": rng.choice([2020, 2022, 2025, 2030], n_series).astype(np.int64),
        }
    )
    return obs, targets


def test_map_partitions_on_a_local_cluster_equals_one_call():
    obs, targets = data()
    whole = hp.evaluate_frame(obs, targets, as_of=2022).sort_values("series").reset_index(drop=True)

    # Whole series per partition: partition the observations by series id.
    ddf = dd.from_pandas(obs.set_index("series"), npartitions=4, sort=True)

    def judge(part: pd.DataFrame) -> pd.DataFrame:
        part = part.reset_index()
        mine = targets[targets.series.isin(part.series.unique())]
        return hp.evaluate_frame(part, mine, as_of=2022)

    meta = hp.evaluate_frame(obs.iloc[:0], targets.iloc[:0], as_of=2022)
    with (
        distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1, dashboard_address=None) as cluster,
        distributed.Client(cluster),
    ):
        parts = ddf.map_partitions(judge, meta=meta).compute()
    parts = parts.sort_values("series").reset_index(drop=True)
    assert len(parts) == len(targets)
    pd.testing.assert_frame_equal(parts, whole, check_categorical=False)
    assert set(whole.verdict) >= {"achieved", "missed", "on_track", "off_track"}


# --------------------------------------------- every kind, string series ids --


def all_kinds(n_groups=120, seed=5):
    """Targets of every kind with string series ids. A group holds a target's own
    series and, for benchmarks, the benchmark series: partitions hold whole groups."""
    rng = np.random.default_rng(seed)
    kinds = ["level", "change", "rate", "trend", "benchmark", "milestone"]
    cmps = {"level": ">=", "change": "up", "rate": "down", "trend": "up", "benchmark": ">=", "milestone": "="}
    obs, targets = [], []
    for g in range(n_groups):
        kind = kinds[g % 6]
        v = rng.uniform(10, 60)
        for y in range(2015, 2025):
            v = float(np.clip(v + rng.uniform(-3, 4), 1, 99))
            val = (1.0 if v > 40 else 0.0) if kind == "milestone" else round(v, 2)
            obs.append((f"g{g}", f"own-{g}", y, val))
            if kind == "benchmark":
                obs.append((f"g{g}", f"nat-{g}", y, round(float(np.clip(v + rng.uniform(-5, 5), 1, 99)), 2)))
        targets.append(
            {
                "group": f"g{g}",
                "series": f"own-{g}",
                "kind": kind,
                "threshold": {"level": 40.0, "change": 10.0, "rate": 0.5}.get(kind, np.nan),
                "comparator": cmps[kind],
                "year": int(rng.choice([2020, 2022, 2026])),
                "baseline_year": 2016,
                "baseline_value": np.nan,
                "reference_year": 2016 if kind == "change" else 0,
                "change_mode": "relative" if kind == "change" else "points",
                "nature": ["", "binding", "expected", "advocacy"][g % 4],
                "benchmark_series": f"nat-{g}",
                "upper": 100.0,
            }
        )
    return pd.DataFrame(obs, columns=["group", "series", "year", "value"]), pd.DataFrame(targets)


RESULTS = [
    "verdict",
    "category",
    "latest_year",
    "latest_value",
    "threshold",
    "projected_value",
    "probability",
    "points",
]


def test_map_partitions_every_kind_with_string_ids():
    obs, targets = all_kinds()
    whole = hp.evaluate_frame(obs, targets, as_of=2023).sort_values("series").reset_index(drop=True)
    ddf = dd.from_pandas(obs.set_index("group"), npartitions=4, sort=True)

    def judge(part: pd.DataFrame) -> pd.DataFrame:
        part = part.reset_index()
        mine = targets[targets.group.isin(part.group.unique())]
        return hp.evaluate_frame(part, mine, as_of=2023)

    meta = hp.evaluate_frame(obs.iloc[:0], targets.iloc[:0], as_of=2023)
    with (
        distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1, dashboard_address=None) as cluster,
        distributed.Client(cluster),
    ):
        parts = ddf.map_partitions(judge, meta=meta).compute()
    parts = parts.sort_values("series").reset_index(drop=True)
    pd.testing.assert_frame_equal(parts, whole, check_categorical=False)
    assert set(whole.kind) == {"level", "change", "rate", "trend", "benchmark", "milestone"}
    assert "not_evaluable" in set(whole.verdict) and len(set(whole.verdict)) >= 4


# pyspark 4 warns that pandas 3 is not fully supported; applyInPandas is what we use and test.
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
def test_spark_apply_in_pandas_every_kind_local_mode(monkeypatch):
    monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # workers use this interpreter (with healthplan)
    if shutil.which("java") is None:
        pytest.skip("pyspark needs a Java runtime (none on PATH)")
    pytest.importorskip("pyspark", reason="pyspark is in the 'spark' extra of pyproject.toml")
    from pyspark.sql import SparkSession

    obs, targets = all_kinds(n_groups=60)
    whole = hp.evaluate_frame(obs, targets, as_of=2023).sort_values("series").reset_index(drop=True)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("healthplan-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    try:
        targets_b = spark.sparkContext.broadcast(targets)

        def judge(pdf: pd.DataFrame) -> pd.DataFrame:
            import healthplan as hp

            mine = targets_b.value[targets_b.value.group.isin(pdf.group.unique())]
            out = hp.evaluate_frame(pdf.sort_values(["series", "year"]), mine, as_of=2023)
            out = out[["series", *RESULTS]].copy()
            out["verdict"] = out["verdict"].astype(str)
            out["category"] = out["category"].astype(str)
            return out

        schema = (
            "series string, verdict string, category string, latest_year long, latest_value double, "
            "threshold double, projected_value double, probability double, points int"
        )
        # groupBy(...).applyInPandas hands each group over whole (mapInPandas may split a partition).
        got = spark.createDataFrame(obs).groupBy("group").applyInPandas(judge, schema).toPandas()
    finally:
        spark.stop()
    got = got.sort_values("series").reset_index(drop=True)
    want = whole[["series", *RESULTS]].copy()
    want["verdict"] = want["verdict"].astype(str)
    want["category"] = want["category"].astype(str)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)

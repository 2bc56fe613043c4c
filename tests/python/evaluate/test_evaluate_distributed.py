"""The bulk path inside a distributed engine: Dask map_partitions on a local cluster."""

from __future__ import annotations

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

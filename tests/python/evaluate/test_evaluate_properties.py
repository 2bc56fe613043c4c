"""Properties of evaluation (hypothesis): better data never worsens a verdict; as-of hides the future."""

from __future__ import annotations

import numpy as np
import pytest

import healthplan as hp

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

RANK = {"achieved": 4, "achieved_early": 4, "on_track": 3, "off_track": 2, "missed": 1}
METHODS = ("linear_extrapolation", "growth_ratio", "years_to_target")

values = st.floats(min_value=0.5, max_value=99.0, allow_nan=False)


def judge(ys, threshold, cmp, year, as_of, method):
    n = len(ys)
    r = hp.evaluate_arrays(
        np.zeros(n, dtype=np.int64),
        np.arange(2015, 2015 + n),
        np.array(ys, dtype=float),
        [0],
        [threshold],
        [cmp],
        [year],
        as_of=as_of,
        lower=[0.0],
        upper=[100.0],
        method=method,
    )
    return hp.VERDICTS[r["verdict"][0]], r


@settings(max_examples=300, deadline=None)
@given(
    st.lists(values, min_size=1, max_size=9),
    values,
    st.sampled_from([">=", ">", "<=", "<"]),
    st.integers(-2, 10),
    st.floats(0.01, 20),
    st.sampled_from(METHODS),
)
def test_improving_the_latest_value_never_worsens_the_verdict(ys, threshold, cmp, offset, step, method):
    last_year = 2015 + len(ys) - 1
    direction = 1 if cmp in (">=", ">") else -1
    before, _ = judge(ys, threshold, cmp, last_year + offset, last_year, method)
    better = list(ys)
    better[-1] = min(100.0, max(0.01, better[-1] + direction * step))
    after, _ = judge(better, threshold, cmp, last_year + offset, last_year, method)
    if before in RANK and after in RANK:
        assert RANK[after] >= RANK[before]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(values, min_size=10, max_size=10),
    st.lists(values, min_size=10, max_size=10),
    st.integers(2015, 2024),
    st.sampled_from(METHODS),
)
def test_as_of_ignores_later_data(ys, other, as_of, method):
    cut = as_of - 2015 + 1
    changed = ys[:cut] + other[cut:]  # same past, different future
    a, ra = judge(ys, 30.0, ">=", 2030, as_of, method)
    b, rb = judge(changed, 30.0, ">=", 2030, as_of, method)
    assert a == b
    np.testing.assert_array_equal(ra["projected_value"], rb["projected_value"])
    np.testing.assert_array_equal(ra["latest_year"], rb["latest_year"])

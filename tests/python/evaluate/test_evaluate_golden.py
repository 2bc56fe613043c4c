"""The explained frame, pinned: every column of hp.evaluate's frame, explanations included,
for fixed random plans of every kind under each method, against CSV files written once.

The frame tests compare two paths that share the C++ judging code, so a change there
(a rounding, a reworded explanation, a verdict) would pass them unnoticed. These files
were written by the code of main `413a526`, before the general path's speed work of
issue 11, and the faster code must reproduce them byte for byte. A deliberate change
to a verdict or an explanation rewrites them:

    HEALTHPLAN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/python/evaluate/test_evaluate_golden.py

and the diff of tests/data/evaluate_golden/ is then part of the change, reviewed like code.
"""

from __future__ import annotations

import os
import pathlib

import numpy as np
import pandas as pd
import pytest
from test_evaluate_frame_columns import decorated_plan

import healthplan as hp

GOLDEN = pathlib.Path(__file__).resolve().parents[2] / "data" / "evaluate_golden"
METHODS = ("linear_extrapolation", "growth_ratio", "years_to_target", "statcan")


def frame_text(seed: int, method: str) -> str:
    rng = np.random.default_rng(7000 + seed)
    plans, frames = [], []
    for k in range(2):
        plan, obs = decorated_plan(rng, f"p{k}", 40)
        plans.append(plan)
        frames.append(obs)
    obs = hp.Observations.from_frame(pd.concat(frames, ignore_index=True))
    frame = hp.evaluate(plans, obs, method=method, benchmark_lag=seed % 2, as_of=2018 + seed)
    # repr of floats (17 significant digits) so a change in the last bit shows.
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.17g")


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", range(2))
def test_frame_matches_golden(seed: int, method: str) -> None:
    path = GOLDEN / f"{method}_{seed}.csv"
    text = frame_text(seed, method)
    if os.environ.get("HEALTHPLAN_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    golden = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) > 60
    assert text == golden, f"{path.name}: the frame differs from the pinned one (see the module's doc)"

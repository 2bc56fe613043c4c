"""hp.evaluate's frame, built column-wise in C++, equals the frame the row loop built.

The reference is the Python loop hp.evaluate used before issue 11's speed work
(one dict per TargetResult, then pandas), kept as ``healthplan.evaluate._row_loop_frame``
(the benchmark compares with it too), so the column-wise frame is held to every
column, dtype and value of it — ordered
Categorical verdicts, <NA> years, NaN numbers, the explanation text — on random
plans of every kind, nature and method, several plans at once, tasks with lead
units, sections, uncertain targets and the plan's own edge cases (no targets).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_evaluate_bulk_kinds import random_case

import healthplan as hp
from healthplan.evaluate import RESULT_COLUMNS, _row_loop_frame

# The former row loop, kept in the package as the one reference (the benchmark uses it too).
reference_frame = _row_loop_frame


SECTIONS = [[], ["一、总体要求"], ["二、主要指标", "（一）健康水平"], ["三、重点任务", "（二）慢病防控", "1. 癌症"]]
LEADS = [[], ["市卫生健康委员会"], ["市教育局", "市体育局"], ["区政府"]]


def decorated_plan(rng: np.random.Generator, plan_id: str, n: int) -> tuple[hp.Plan, pd.DataFrame]:
    """A random plan of every kind (test_evaluate_bulk_kinds), with sections, tasks with
    lead units (by task_id and by a task listing the target), uncertain targets and notes."""
    plan, obs, _, _ = random_case(rng, n)
    # Each plan its own series: indicator names prefixed with the plan id.
    obs = obs.assign(indicator=plan_id + obs["indicator"])
    indicators = list(plan.indicators)
    for ind in indicators:
        ind.name = plan_id + ind.name
    targets = list(plan.targets)
    tasks = []
    for j, t in enumerate(targets):
        t.id = f"{plan_id}-{t.id}"
        t.indicator = plan_id + t.indicator
        t.section = SECTIONS[rng.integers(len(SECTIONS))]
        if rng.integers(5) == 0:
            t.certainty = hp.Certainty.uncertain
            t.note = "" if rng.integers(2) else "分别达到25%40%"
        lead = LEADS[rng.integers(len(LEADS))]
        if lead:
            task = hp.Task(id=f"k{j}", lead=[hp.Agency(name=a, as_written=a) for a in lead])
            if rng.integers(2):
                t.task_id = task.id
            else:
                task.target_ids = [t.id]
            tasks.append(task)
    fields = {
        "id": plan_id,
        "region": hp.Region(name="某市"),
        "indicators": indicators,
        "targets": targets,
        "tasks": tasks,
    }
    return hp.Plan(**fields), obs


def assert_same_frame(new: pd.DataFrame, old: pd.DataFrame) -> None:
    assert list(new.columns) == list(old.columns) == list(RESULT_COLUMNS)
    for c in old.columns:
        assert new[c].dtype == old[c].dtype, c
    pd.testing.assert_frame_equal(new, old, check_exact=True)
    # assert_frame_equal lets None and NaN stand for each other in object columns; the frames must not.
    for c in old.columns:
        if old[c].dtype == object:
            assert [type(v) for v in new[c]] == [type(v) for v in old[c]], c


@pytest.mark.parametrize("seed", range(12))
def test_column_frame_equals_row_loop(seed):
    rng = np.random.default_rng(100 + seed)
    plans, frames = [], []
    for k in range(1 + seed % 3):
        plan, obs = decorated_plan(rng, f"p{k}", 25)
        plans.append(plan)
        frames.append(obs)
    obs = hp.Observations.from_frame(pd.concat(frames, ignore_index=True))
    method = ["linear_extrapolation", "growth_ratio", "years_to_target", "statcan"][seed % 4]
    kw = dict(method=method, benchmark_lag=seed % 2, as_of=2016 + seed)
    old = reference_frame(hp.evaluate_results(plans, obs, **kw))
    new = hp.evaluate(plans, obs, **kw)
    assert_same_frame(new, old)
    assert set(new["kind"]) >= {"level", "change", "rate", "trend", "benchmark", "milestone"}


def test_column_frame_of_bundled_plans(example_plan_path):
    """The example plan and the national plan against the bundled national figures (the report's calls)."""
    from healthplan.compare import default_catalog, national_plan

    obs = hp.observed_china()
    for plan, kw in (
        (hp.load(example_plan_path), {"region": "全国", "as_of": 2023}),
        (hp.load(example_plan_path), {}),
        (national_plan(default_catalog()), {"region": "全国"}),
    ):
        old = reference_frame(hp.evaluate_results(plan, obs, **kw))
        assert_same_frame(hp.evaluate(plan, obs, **kw), old)


def test_column_frame_of_no_targets():
    obs = hp.observed_china()
    empty = hp.Plan(id="empty", region=hp.Region(name="全国"))
    assert_same_frame(hp.evaluate(empty, obs), reference_frame([]))
    assert_same_frame(hp.evaluate([], obs), reference_frame([]))


def test_two_threads_give_the_same_frame():
    rng = np.random.default_rng(7)
    plan, obs = decorated_plan(rng, "big", 600)  # more than one slice of 256 targets
    obs = hp.Observations.from_frame(obs)
    one = hp.evaluate(plan, obs, as_of=2022)
    assert_same_frame(hp.evaluate(plan, obs, as_of=2022, threads=2), one)
    assert_same_frame(one, reference_frame(hp.evaluate_results(plan, obs, as_of=2022)))


@pytest.mark.parametrize("threads", [0, -1, 2.5, True, 10**6])
def test_threads_out_of_range_is_a_validation_error(threads):
    plan = hp.Plan(id="p", region=hp.Region(name="全国"))
    with pytest.raises(hp.ValidationError) as caught:
        hp.evaluate(plan, hp.observed_china(), threads=threads)
    assert caught.value.id == "policy.invalid" and caught.value.where == "threads"

"""A plan built through the C++ API, written as JSON, read by Python."""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest

import healthplan as hp


def quickstart() -> pathlib.Path:
    exe = os.environ.get("HEALTHPLAN_QUICKSTART")
    if not exe or not pathlib.Path(exe).exists():
        pytest.skip("the C++ consumer is built by ctest (scripts/test.sh sets HEALTHPLAN_QUICKSTART)")
    return pathlib.Path(exe)


def test_plan_built_in_cpp_loads_in_python_with_the_same_values(tmp_path, example_plan_path):
    out = tmp_path / "from_cpp.json"
    result = subprocess.run(
        [str(quickstart()), str(example_plan_path), "--write", str(out)], capture_output=True, text=True, check=True
    )
    assert "healthplan" in result.stdout and "ok" in result.stdout
    plan = hp.load(out)
    frame = plan.targets_frame()
    assert frame[["indicator", "year", "op", "value", "unit"]].values.tolist() == [
        ["居民健康素养水平", 2030, ">=", 30.0, "%"]
    ]
    assert plan.indicators[0].direction == hp.Direction.higher

"""healthplan.Plan is a pure-Python class around the C++ object, and pandas is optional."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys

import pytest

import healthplan as hp
from healthplan import _core


def test_plan_is_python_and_wraps_the_core(example_plan):
    assert hp.Plan.__module__ == "healthplan.model"
    assert not issubclass(hp.Plan, _core.Plan)
    # Methods are defined on the class, not patched onto the binding.
    assert {"targets_frame", "tasks_frame", "indicators_frame", "save", "_repr_html_"} <= set(vars(hp.Plan))
    assert not hasattr(_core.Plan, "targets_frame")
    assert isinstance(example_plan, hp.Plan)
    assert isinstance(example_plan._core, _core.Plan)


def test_fields_read_and_write_through_to_the_core(example_plan):
    example_plan.title = "新标题"
    assert example_plan._core.title == "新标题"
    targets = example_plan.targets
    targets[0].note = "checked"
    example_plan.targets = targets
    assert example_plan._core.targets[0].note == "checked"
    assert hp.Plan.from_json(example_plan.to_json()) == example_plan


def test_keyword_construction_and_unknown_keyword():
    p = hp.Plan(id="p", title="t", period_start=2021)
    assert (p.id, p.title, p.period_start) == ("p", "t", 2021)
    with pytest.raises(TypeError, match="nonsense"):
        hp.Plan(nonsense=1)


def test_equality_copy_pickle_and_unhashable(example_plan):
    assert copy.copy(example_plan) == example_plan
    deep = copy.deepcopy(example_plan)
    assert deep == example_plan and deep is not example_plan
    deep.title = "changed"
    assert deep != example_plan
    assert pickle.loads(pickle.dumps(example_plan)) == example_plan
    assert (example_plan == "not a plan") is False
    with pytest.raises(TypeError, match="unhashable"):
        hash(example_plan)


def test_bound_functions_refuse_what_is_not_a_plan(tmp_path):
    with pytest.raises(TypeError, match="expected a healthplan.Plan"):
        hp.save("not a plan", tmp_path / "x.json")


def test_enums_are_bound_from_the_spelling_tables():
    # Python member names are the C++ identifiers; the JSON text is a separate column.
    assert list(hp.Comparator.__members__) == ["ge", "gt", "le", "lt", "eq", "approx", "increase", "decrease"]
    assert [c.symbol for c in hp.Comparator.__members__.values()][:3] == [">=", ">", "<="]
    assert "unspecified" in hp.Nature.__members__
    assert list(hp.TargetKind.__members__) == ["level", "change", "rate", "trend", "benchmark", "milestone"]


def test_version_comes_from_the_package_metadata():
    from importlib import metadata

    assert hp.__version__ == metadata.version("healthplan") == _core.__version__


_WITHOUT_PANDAS = """
import sys
sys.modules["pandas"] = None  # as if pandas were not installed
import healthplan as hp
from healthplan import datasets
plan = hp.extract_file(datasets.seed_paths()[0])
assert plan.targets
try:
    plan.targets_frame()
except ImportError as err:
    print("ImportError:", err)
"""


def test_pandas_is_optional_and_its_absence_is_explained():
    out = subprocess.run([sys.executable, "-c", _WITHOUT_PANDAS], capture_output=True, text=True, check=True)
    assert "ImportError:" in out.stdout
    assert "healthplan[pandas]" in out.stdout

"""The model's Python surface: construction, JSON, frames, errors, display."""

from __future__ import annotations

import copy
import json
import math
import pickle

import pandas as pd
import pytest

import healthplan as hp


def make_target(**kw):
    base = dict(
        id="t1",
        indicator="居民健康素养水平",
        year=2030,
        kind=hp.TargetKind.level,
        comparator=hp.Comparator.ge,
        value=30.0,
        unit=hp.Unit("%"),
        unit_text="%",
    )
    base.update(kw)
    return hp.Target(**base)


def test_keyword_construction_rejects_unknown_fields():
    with pytest.raises(TypeError, match="valeu"):
        hp.Target(valeu=3)


def test_example_plan_round_trips_through_json_and_files(example_plan, tmp_path):
    again = hp.Plan.from_json(example_plan.to_json())
    assert again == example_plan
    path = tmp_path / "p.json"
    example_plan.save(path)
    assert hp.load(path) == example_plan
    assert pickle.loads(pickle.dumps(example_plan)) == example_plan
    assert copy.deepcopy(example_plan) == example_plan


def test_targets_frame_has_documented_columns_and_values(example_plan):
    frame = example_plan.targets_frame()
    assert list(frame.columns) == list(hp.TARGET_COLUMNS)
    assert len(frame) == len(example_plan.targets)
    row = frame.set_index("target_id").loc["t3"]
    assert row.indicator == "居民健康素养水平"
    assert row.year == 2022 and row.op == ">=" and row.value == 22.0 and row.unit == "%"
    assert row.lead == ["市卫生健康委员会"]
    assert row.task_number == "三.(一).1"
    assert frame["year"].dtype == "Int64"
    change = frame.set_index("target_id").loc["t7"]
    assert change.kind == "change" and change.reference_year == 2022 and change.change_mode == "relative"
    trend = frame.set_index("target_id").loc["t10"]
    assert math.isnan(trend.value)


def test_tasks_and_indicators_frames(example_plan):
    tasks = example_plan.tasks_frame()
    assert list(tasks.columns) == list(hp.TASK_COLUMNS)
    first = tasks.set_index("number").loc["三.(一).1"]
    assert first.lead == ["市卫生健康委员会"]
    assert "市科学技术局" in first.responsible
    assert "科学技术局" in first.responsible_as_written
    inds = example_plan.indicators_frame()
    assert list(inds.columns) == list(hp.INDICATOR_COLUMNS)
    assert inds.set_index("indicator_id").loc["i1"].n_targets == 2


def test_spans_point_at_their_evidence_in_the_source(example_plan):
    from healthplan import datasets

    text = (datasets.plans_dir() / example_plan.source.name).read_bytes()
    for t in example_plan.targets:
        assert text[t.span.begin : t.span.end].decode() == t.span.evidence


def test_bad_json_names_the_pointer():
    doc = {
        "schema_version": 1,
        "targets": [{"id": "a", "indicator": "x", "kind": "level", "comparator": ">=", "value": "22"}],
    }
    with pytest.raises(hp.SchemaError) as err:
        hp.Plan.from_json(json.dumps(doc))
    assert err.value.where == "/targets/0/value"
    assert err.value.id == "json.schema"
    assert isinstance(err.value, ValueError) and isinstance(err.value, hp.Error)


def test_malformed_json_names_line_and_column():
    with pytest.raises(hp.ParseError) as err:
        hp.Plan.from_json('{"schema_version": 1,\n "id": }')
    assert err.value.where == "2:8"


def test_unknown_fields_fail_or_warn():
    text = json.dumps({"schema_version": 1, "id": "p", "colour": "red"})
    with pytest.raises(hp.SchemaError, match="colour"):
        hp.Plan.from_json(text)
    with pytest.warns(UserWarning, match="/colour"):
        plan = hp.Plan.from_json(text, strict=False)
    assert plan.id == "p"


def test_load_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "targets": [{"id": 1}]}', encoding="utf-8")
    with pytest.raises(hp.SchemaError) as err:
        hp.load(bad)
    assert str(bad) in err.value.where and err.value.where.endswith("#/targets/0/id")
    with pytest.raises(hp.ParseError):
        hp.load(tmp_path / "missing.json")


def test_units_convert_exactly_and_refuse_mismatches():
    assert hp.convert(5.4, "‰", "%") == 0.54
    assert hp.convert(18.0, hp.Unit("/10万"), "1/100000") == 18.0
    with pytest.raises(hp.UnitError, match="incompatible|cannot convert"):
        hp.convert(1.0, "%", "percentage_point")
    with pytest.raises(hp.UnitError) as err:
        hp.Unit("furlong")
    assert err.value.id == "unit.unknown"


def test_invariants_raise_validation_errors_naming_the_field():
    t = make_target(value=None)
    with pytest.raises(hp.ValidationError, match="value"):
        t.validate()
    plan = hp.Plan(id="p", targets=[make_target(), make_target()])
    with pytest.raises(hp.ValidationError) as err:
        plan.validate()
    assert err.value.where == "/targets/1" and err.value.id == "model.duplicate_id"
    with pytest.raises(hp.ValidationError):
        make_target(value=float("nan")).validate()


def test_repr_and_html_are_readable_and_bounded(example_plan):
    assert "健康乌海行动工作推进方案" in repr(example_plan)
    assert "居民健康素养水平 >= 22%" in repr(example_plan.targets[2])
    html = example_plan._repr_html_()
    assert "<table>" in html and "乌海政办发〔2021〕37号" in html
    big = hp.Plan(id="big", targets=[make_target(id=f"t{i}") for i in range(500)])
    assert len(big._repr_html_()) < 10_000


def test_public_names_are_listed():
    assert "Plan" in dir(hp) and "load" in hp.__all__
    assert hp.__version__


def test_empty_frames_keep_their_columns():
    plan = hp.Plan(id="empty")
    assert list(plan.targets_frame().columns) == list(hp.TARGET_COLUMNS)
    assert isinstance(plan.tasks_frame(), pd.DataFrame) and plan.tasks_frame().empty

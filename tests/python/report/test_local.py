"""A plan's own figures: the template (CSV and .xlsx), reading it back in UTF-8, GBK and
.xlsx, errors that name file:line, and the frames' pandas conventions."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import healthplan as hp
from healthplan import local


def test_template_lists_rows_to_fill_with_the_plans_baselines(example_plan):
    from healthplan import datasets

    hohhot = hp.extract_file(datasets.seed_paths()[4])  # a 十四五 plan with a 2020 base column
    frame = local.observation_template([hohhot], as_of=2024)
    assert list(frame.columns) == list(local.TEMPLATE_COLUMNS)
    assert set(frame["region"]) == {"呼和浩特市"} and frame["year"].max() <= 2024
    from_plan = frame[frame["origin"] == "plan"]
    assert len(from_plan) >= 5
    for t in hohhot.targets:
        if t.baseline is not None and t.baseline.year and t.nature.name != "advocacy" and t.year:
            row = from_plan[(from_plan["year"] == t.baseline.year) & (from_plan["indicator"] == t.indicator)]
            assert not row.empty and row["value"].iloc[0] == pytest.approx(t.baseline.value)
    literacy = from_plan[from_plan["indicator"] == "居民健康素养水平"]
    assert literacy["value"].tolist() == [20.28] and literacy["year"].tolist() == [2020]
    assert literacy["code"].tolist() == ["HC01-01"] and "\n" not in literacy["source"].iloc[0]
    assert frame["value"].isna().sum() > len(from_plan)  # the rest is left to fill
    # A plan stating no baseline still asks for the last three years at least.
    example = local.observation_template([example_plan], as_of=2024)
    assert (example.groupby("indicator")["year"].min() <= 2022).all()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_filled_csv_reads_back_in_utf8_and_gbk(tmp_path, example_plan, encoding):
    frame = local.observation_template([example_plan], as_of=2023)
    frame.loc[frame["indicator"] == "居民健康素养水平", "value"] = 21.5
    path = tmp_path / "observed.csv"
    frame.to_csv(path, index=False, encoding=encoding)
    back = local.read_observations(path)
    lit = back[back["indicator"] == "居民健康素养水平"]
    assert len(lit) == int((frame["indicator"] == "居民健康素养水平").sum())
    assert back.attrs["blank_rows"] == int(frame["value"].isna().sum())
    results = hp.evaluate(example_plan, hp.Observations.from_frame(back))
    assert (results[results["indicator"] == "居民健康素养水平"]["verdict"] != "insufficient_data").all()


def test_xlsx_round_trip(tmp_path, example_plan):
    pytest.importorskip("openpyxl")
    frame = local.observation_template([example_plan], as_of=2023)
    path = local.write_table(frame, tmp_path / "observed.xlsx")
    back = pd.read_excel(path)
    assert list(back.columns) == list(local.TEMPLATE_COLUMNS) and len(back) == len(frame)
    assert len(local.read_observations(path)) == int(frame["value"].notna().sum())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["observed.xlsx"]


def test_bad_cells_name_file_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("indicator,region,year,value\n居民健康素养水平,乌海市,2020,20\n居民健康素养水平,乌海市,2021,abc\n")
    with pytest.raises(hp.DataError, match=r"bad.csv:3"):
        local.read_observations(path)
    path.write_text("name,year\nx,2020\n")
    with pytest.raises(hp.SchemaError, match="'indicator'"):
        local.read_observations(path)
    path.write_bytes(b"\xff\xfe\xfa\x00indicator")
    with pytest.raises((hp.ParseError, hp.SchemaError)):
        local.read_observations(path)


def test_frames_follow_pandas_conventions(example_plan):
    targets = example_plan.targets_frame()
    assert all(isinstance(v, list) for v in targets["lead"]) and all(
        isinstance(v, list) for v in targets["responsible"]
    )
    assert not (targets["benchmark"] == "").any() and targets["benchmark"].isna().any()
    assert targets["benchmark"].dtype == "string"
    tasks = example_plan.tasks_frame()
    assert all(isinstance(v, list) for v in tasks["lead"])
    results = hp.evaluate(example_plan, hp.observed_china(), region="全国")
    assert isinstance(results["verdict"].dtype, pd.CategoricalDtype) and results["verdict"].cat.ordered
    assert pd.Categorical(["achieved_early"], dtype=results["verdict"].dtype) > "on_track"
    assert results["verdict"].min() in ("not_evaluable", "insufficient_data") or math.isnan(0)


def test_target_units_prefer_the_targets_own_link(example_plan):
    from healthplan._frames import target_units

    t = next(t for t in example_plan.targets if t.task_id)
    task = next(k for k in example_plan.tasks if k.id == t.task_id)
    assert target_units(example_plan, t) == ([a.name for a in task.lead], [a.name for a in task.responsible])

    import types

    # A schema-v2 target names its own units (responsibility tables).
    own = types.SimpleNamespace(
        lead=[hp.Agency(as_written="市体育局", name="市体育局")], responsible=[], task_id=t.task_id
    )
    assert target_units(example_plan, own) == (["市体育局"], [])


def test_plan_to_excel(tmp_path, example_plan):
    pytest.importorskip("openpyxl")
    example_plan.to_excel(tmp_path / "plan.xlsx")
    sheets = pd.read_excel(tmp_path / "plan.xlsx", sheet_name=None)
    assert set(sheets) == {"targets", "tasks", "indicators"}
    assert "市卫生健康委员会" in set(sheets["targets"]["lead"].dropna())

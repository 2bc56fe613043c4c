"""A responsibility parenthesis cut off by the end of the document: read, and marked uncertain.

The task's certainty is a model attribute (``task.certainty``), a column of
``tasks_frame()`` and of ``healthplan tasks``, and an optional JSON field that
a certain task does not write (files from before load; save → load is equal).
"""

from __future__ import annotations

import json

import healthplan as hp
from healthplan._cli.records import task_record

CUT = "某市健康行动实施方案\n\n一、主要任务\n（一）实施健康知识普及行动。开展健康教育进机关活动。（牵头单位：市卫健委，责任单位：市教育局、市体育局、"


def test_cut_parenthesis_is_read_and_uncertain(tmp_path) -> None:
    plan = hp.extract(CUT, name="cut")
    (task,) = plan.tasks
    assert task.certainty == hp.Certainty.uncertain
    assert [a.name for a in task.lead] == ["市卫健委"]
    assert [a.as_written for a in task.responsible] == ["市教育局", "市体育局"]
    frame = plan.tasks_frame()
    assert list(frame["certainty"]) == ["uncertain"]
    assert task_record(task, "cut")["certainty"] == "uncertain"
    path = tmp_path / "cut.plan.json"
    plan.save(path)
    assert hp.load(path) == plan
    assert json.loads(path.read_text(encoding="utf-8"))["tasks"][0]["certainty"] == "uncertain"


def test_certain_task_writes_no_certainty(tmp_path) -> None:
    plan = hp.extract(CUT + "市文旅局按职责分工负责）\n", name="whole")
    (task,) = plan.tasks
    assert task.certainty == hp.Certainty.certain
    path = tmp_path / "whole.plan.json"
    plan.save(path)
    assert "certainty" not in json.loads(path.read_text(encoding="utf-8"))["tasks"][0]
    assert hp.load(path) == plan

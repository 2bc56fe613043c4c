"""A task's text is its span's evidence, held once; Python reads and writes ``Task.text`` as before.

Only a body the extractor read where normalisation changed the text (here
full-width digits) is held apart; the JSON writes ``text`` for every task.
"""

from __future__ import annotations

import copy
import json
import pickle

import healthplan as hp

HEAD = "某县健康促进行动方案\n\n一、主要任务\n\n（一）健康生活\n"


def test_text_is_the_evidence_or_the_normalised_body() -> None:
    plan = hp.extract(
        HEAD + "1.推进全民健身。建设健身步道10条。（县体育局牵头）\n2.加强食品安全。抽检１０批。（县市场监管局牵头）\n"
    )
    first, second = plan.tasks
    assert first.text == first.span.evidence
    assert "抽检１０批" in second.span.evidence
    assert "抽检10批" in second.text
    saved = json.loads(plan.to_json())
    assert [t["text"] for t in saved["tasks"]] == [first.text, second.text]
    assert hp.Plan.from_json(plan.to_json()) == plan


def test_text_attribute_reads_and_writes() -> None:
    span = hp.Span(begin=0, end=18, evidence="加强健康教育")
    a = hp.Task(id="k1", text="加强健康教育", span=span)
    b = hp.Task(id="k1", span=span, text="加强健康教育")
    assert a.text == b.text == "加强健康教育"
    assert a == b
    b.text = "加强健康促进"
    assert b.text == "加强健康促进" and b.span.evidence == "加强健康教育"
    assert a != b
    assert pickle.loads(pickle.dumps(b)) == b
    assert copy.deepcopy(b) == b

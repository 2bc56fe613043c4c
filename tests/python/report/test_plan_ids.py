"""Plans extracted from documents get readable ids (place, short title, year), stable,
unique in a batch and safe as a JSON-pointer token and a file name; frames, the CLI and
the report anchors use them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import healthplan as hp
from healthplan import datasets
from healthplan import report as rep
from healthplan._plan_ids import assign_readable_ids, readable_id

_SAFE = re.compile(r"^[\w][\w.-]*$")


def test_bundled_plans_get_place_title_year_ids():
    plans = hp.extract_many(datasets.seed_paths(), progress=False)
    ids = [p.id for p in plans]
    assert len(set(ids)) == len(ids)
    for p in plans:
        assert _SAFE.match(p.id) and len(p.id) <= 60, p.id
        assert "/" not in p.id and "~" not in p.id and not p.id.startswith(".")
        assert not re.search(r"[0-9a-f]{16}", p.id), p.id  # never the file hash
        assert p.id.startswith(p.region.name), (p.id, p.region.name)
    wuhai = next(p for p in plans if p.region.name == "乌海市")
    assert wuhai.id == "乌海市-健康乌海行动工作推进方案-2021", wuhai.id


def test_ids_are_stable_and_independent_of_file_name_and_order(tmp_path):
    src = datasets.seed_paths()
    copies = []
    for i, path in enumerate(reversed(src)):
        copy = tmp_path / f"renamed_{i}.txt"
        shutil.copy(path, copy)
        copies.append(copy)
    first = {p.title: p.id for p in hp.extract_many(src, progress=False)}
    again = {p.title: p.id for p in hp.extract_many(copies, progress=False)}
    assert first == again
    assert hp.extract_file(src[0]).id == hp.extract_many(src, progress=False)[0].id


def test_a_repeated_id_is_numbered_in_input_order():
    path = datasets.seed_paths()[0]
    plans = hp.extract_many([path, path, path], progress=False)
    base = plans[0].id
    assert [p.id for p in plans] == [base, f"{base}-2", f"{base}-3"]
    # an id already taken by a plan file of the same batch is not reused
    again = hp.extract_file(path)
    assign_readable_ids([again], taken=[base])
    assert again.id == f"{base}-2"


def test_id_parts_and_fallback():
    plan = hp.Plan(id="001_dc7dbc1ebc41427e", title="关于印发《健康甲市行动(2020—2030年)》的通知")
    plan.region = hp.Region(name="甲市")
    assert readable_id(plan) == "甲市-健康甲市行动-2020-2030年"
    plan.period_start = 2020
    assert readable_id(plan) == "甲市-健康甲市行动-2020-2030年-2020"
    bare = hp.Plan(id="x/y z")
    assert readable_id(bare, fallback=bare.id) == "x-y-z"
    assert readable_id(hp.Plan(id="")) == "plan"


def test_ids_reach_frames_cli_and_report_anchors(tmp_path, healthplan_cli):
    path = datasets.seed_paths()[0]
    plan = hp.extract_file(path)
    cmp = hp.compare([plan])
    assert list(cmp.summary()["plan_id"]) == [plan.id] and set(cmp.targets["plan_id"]) == {plan.id}
    assert set(hp.evaluate(plan, hp.observed_china())["plan_id"]) == {plan.id}
    r = subprocess.run(
        [*healthplan_cli, "compare", str(path), "--table", "summary", "--format", "csv"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert r.returncode == 0 and plan.id in r.stdout, r.stderr
    report = rep.build_report([path], progress=False)
    page = rep.render_html(report)
    assert f'id="plan-{plan.id}"' in page and f'href="#plan-{plan.id}"' in page
    # JSON pointer and file name: the id round-trips through a plan file named after it
    out = tmp_path / f"{plan.id}.plan.json"
    plan.save(out)
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == plan.id and hp.load(out) == plan

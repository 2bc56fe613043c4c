"""Extraction from Python and the command line.

The quality gate runs ``healthplan targets`` / ``healthplan tasks`` on the
bundled seed documents and scores them with the scorers and gold copied into
tests/quality/ (so the gates run in a clean clone).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import healthplan
from healthplan import datasets
from healthplan._cli.records import target_record, task_record


@pytest.fixture(scope="module")
def seeds():
    paths = datasets.seed_paths()
    assert len(paths) == 5
    return paths


@pytest.fixture(scope="module")
def seed_plans(seeds):
    return healthplan.extract_many(seeds, progress=False)


def run_cli(cli, *args, cwd=None):
    return subprocess.run([*cli, *map(str, args)], capture_output=True, text=True, encoding="utf-8", cwd=cwd)


# --------------------------------------------------------------- quality gate


def _score(quality, scorer, gold, pred_path, *extra):
    proc = subprocess.run(
        [sys.executable, str(quality / scorer), str(quality / "seeds" / gold), str(pred_path), *extra],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return proc


def test_targets_meet_the_quality_bar(quality, seeds, healthplan_cli, tmp_path):
    out = run_cli(healthplan_cli, "targets", *seeds)
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "targets.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    proc = _score(
        quality,
        "score_targets.py",
        "seed_targets.jsonl",
        pred,
        "--min-precision",
        "0.95",
        "--min-recall",
        "0.95",
        "--min-attributes",
        "0.95",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    m = re.search(r"precision ([\d.]+) recall ([\d.]+) attributes ([\d.]+)", last)
    assert m and float(m[1]) >= 0.95 and float(m[2]) >= 0.95 and float(m[3]) >= 0.95, last
    # Recall per document that has core targets.
    for line in proc.stdout.splitlines()[:-1]:
        d = re.match(r"(\S+): gold core (\d+), predicted (\d+), matched (\d+) \(core (\d+)\)", line)
        if d and int(d[2]) > 0:
            assert int(d[5]) / int(d[2]) >= 0.90, line


def test_tasks_meet_the_quality_bar(quality, seeds, healthplan_cli, tmp_path):
    out = run_cli(healthplan_cli, "tasks", *seeds)
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "tasks.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    proc = _score(quality, "score_tasks.py", "seed_tasks.jsonl", pred, "--min-f1", "0.95")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert float(re.search(r"f1 ([\d.]+)", proc.stdout.splitlines()[-1])[1]) >= 0.95


# ----------------------------------------------------------- output formats


GOLD_FIELDS = [
    "doc",
    "indicator",
    "year",
    "kind",
    "op",
    "value",
    "unit",
    "unit_text",
    "reference",
    "baseline",
    "nature",
    "evidence",
    "span",
]


def test_targets_lines_have_the_gold_fields(seeds, healthplan_cli):
    out = run_cli(healthplan_cli, "targets", seeds[0])
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows
    text = seeds[0].read_bytes()
    for r in rows:
        assert list(r)[: len(GOLD_FIELDS)] == GOLD_FIELDS
        assert r["doc"] == seeds[0].name
        b, e = r["span"]
        assert text[b:e].decode("utf-8") == r["evidence"]  # byte offsets into the UTF-8 text
        if r["value"] is not None and float(r["value"]).is_integer():
            assert isinstance(r["value"], int)
    # A damaged pair is reported, and marked.
    damaged = [
        r
        for line in run_cli(healthplan_cli, "targets", seeds[2]).stdout.splitlines()
        if (r := json.loads(line))["certainty"] == "uncertain"
    ]
    assert damaged and all(r["note"] for r in damaged)


def test_tasks_lines_have_the_gold_fields(seeds, healthplan_cli):
    out = run_cli(healthplan_cli, "tasks", seeds[0])
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 21
    first = rows[0]
    assert first["number"] == "三.(一).1"
    assert "市科学技术局" in first["responsible"] and "科学技术局" in first["responsible_as_written"]
    for key in ("doc", "number", "title", "lead", "responsible", "lead_as_written", "responsible_as_written", "others"):
        assert key in first


def test_extract_command_writes_plans_that_load_back_equal(seeds, healthplan_cli, tmp_path):
    out = run_cli(healthplan_cli, "extract", *seeds, "-o", tmp_path)
    assert out.returncode == 0, out.stderr
    for path in seeds:
        written = tmp_path / (path.stem + ".plan.json")
        assert written.exists()
        assert healthplan.load(written) == healthplan.extract_file(path)


def test_cli_reports_bad_input(healthplan_cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa broken")
    out = run_cli(healthplan_cli, "targets", "--encoding", "utf-8", bad)
    assert out.returncode != 0
    assert "bad.txt" in out.stderr and "byte" in out.stderr
    out = run_cli(healthplan_cli, "tasks", tmp_path / "missing.txt")
    assert out.returncode != 0 and "missing.txt" in out.stderr


# --------------------------------------------------------------- Python API


def test_extract_text_and_spans(seeds):
    text = seeds[4].read_text(encoding="utf-8")
    plan = healthplan.extract(text, name="huhhot")
    assert plan.source.name == "huhhot"
    assert plan.title == "呼和浩特市“十四五”卫生与健康事业发展规划"
    assert plan.status == healthplan.PlanStatus.draft
    assert plan.period_start == 2021 and plan.period_end == 2025
    raw = text.encode("utf-8")
    for t in plan.targets:
        assert raw[t.span.begin : t.span.end].decode("utf-8") == t.span.evidence
    table = [t for t in plan.targets if t.baseline is not None]
    assert len(table) == 22
    assert {t.nature for t in table} == {healthplan.Nature.expected, healthplan.Nature.binding}


def test_metadata_of_a_seed(seed_plans):
    p = seed_plans[0]
    assert p.title == "健康乌海行动工作推进方案"
    assert p.doc_number == "乌海政办发〔2021〕37号"
    assert p.issuer == "乌海市人民政府办公室"
    assert p.region.name == "乌海市" and p.region.province == "内蒙古自治区"
    assert p.issue_date.iso() == "2021-12-29"
    assert any("国发〔2019〕13号" in r for r in p.references)
    assert [s.label for s in p.sections] == ["一、", "二、", "三、", "四、"]


def test_extract_many_order_threads_and_progress(seeds):
    calls = []
    plans = healthplan.extract_many(seeds, threads=2, progress=lambda done, total: calls.append((done, total)))
    assert [p.source.name for p in plans] == [s.name for s in seeds]
    assert calls[-1] == (len(seeds), len(seeds))
    assert sorted(d for d, _ in calls) == list(range(1, len(seeds) + 1))


def test_extract_many_propagates_errors(seeds, tmp_path):
    with pytest.raises(healthplan.ParseError, match="missing.txt"):
        healthplan.extract_many([*seeds, tmp_path / "missing.txt"], progress=False)

    def boom(done, total):
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        healthplan.extract_many(seeds, progress=boom)


def test_extract_file_encodings(tmp_path):
    text = "某市卫生健康规划\n到2025年，婴儿死亡率低于5‰，孕产妇死亡率控制在10/10万以下。\n"
    gb = tmp_path / "gb.txt"
    gb.write_bytes(text.encode("gb18030"))
    plan = healthplan.extract_file(gb)
    assert plan.source.encoding == "gb18030"
    assert [t.indicator for t in plan.targets] == ["婴儿死亡率", "孕产妇死亡率"]
    assert healthplan.extract_file(gb, encoding="gbk").targets == plan.targets
    with pytest.raises(healthplan.ParseError, match="unknown encoding"):
        healthplan.extract_file(gb, encoding="klingon")
    with pytest.raises(TypeError):
        healthplan.extract(text.encode("utf-8"))
    with pytest.raises(healthplan.ParseError):
        healthplan.extract("\ud800")


def test_extract_releases_the_gil(seeds):
    # Two threads extracting at once must both finish with the same result.
    text = "\n".join(p.read_text(encoding="utf-8") for p in seeds) * 20
    results = []
    threads = [threading.Thread(target=lambda: results.append(len(healthplan.extract(text).targets))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2 and results[0] == results[1] > 0


def test_datasets_are_bundled():
    paths = datasets.seed_paths()
    assert paths == sorted(paths)
    assert all(p.suffix == ".txt" and p.stat().st_size > 1000 for p in paths)


def test_records_match_the_cli(seed_plans, seeds):
    rec = target_record(seed_plans[0].targets[0], seeds[0].name)
    assert rec["doc"] == seeds[0].name and rec["span"] == [
        seed_plans[0].targets[0].span.begin,
        seed_plans[0].targets[0].span.end,
    ]
    assert task_record(seed_plans[0].tasks[0], "x")["number"] == "三.(一).1"


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("到2025年，。率达到不低于%‰以上以下分别和、()（）一、1.\n牵头负责市局?１")),
        max_size=300,
    )
)
def test_any_text_gives_a_plan(text):
    plan = healthplan.extract(text)
    raw = text.encode("utf-8")
    for t in plan.targets:
        assert raw[t.span.begin : t.span.end].decode("utf-8") == t.span.evidence


# ------------------------------------------------------- structure vs gold


def _norm(s):
    return re.sub(r"[\s。.,，、?？()（）]+", "", s or "")


def test_structure_matches_the_gold_outline(quality, seeds, seed_plans):
    gold = json.loads((quality / "seeds" / "seed_structure.json").read_text(encoding="utf-8"))
    for path, plan in zip(seeds, seed_plans):
        g = gold[path.name]
        assert _norm(plan.title) == _norm(g["title"]), path.name
        assert (plan.doc_number or None) == g["doc_number"], path.name
        assert plan.region.name == g["place"], path.name
        assert plan.region.province == g["province"], path.name
        if g["dates"].get("published"):
            assert plan.publication_date and plan.publication_date.iso() in (
                g["dates"]["published"],
                g["dates"].get("web_posted"),
            ), path.name
        tops = [_norm(s.label + s.title) for s in plan.sections]
        assert tops == [_norm(h) for h in g["top_level_headings"]], path.name
        for top, children in g["second_level_headings"].items():
            section = next(s for s in plan.sections if _norm(s.label + s.title) == _norm(top))
            got = [_norm(c.label + c.title) for c in section.children if not c.label.startswith("专栏")]
            assert got == [_norm(c) for c in children], (path.name, top)

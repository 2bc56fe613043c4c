"""Regression gate on the held-out documents (tests/quality/heldout/ and tests/quality/heldout2/).

The five held-out documents were written in the genre's style independently
of the extractor's rules (see tests/quality/heldout/README.md); they measure whether
the target grammar generalises beyond the seed documents. The gate holds the
level reached (rounded down to 0.05): a rule that fits the seeds but breaks
the genre shows up here. tests/quality/heldout2/ is a second, independently written
set (synthetic documents of other website styles). Scored with the scorers in tests/quality/.
"""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

import pytest

TESTS = pathlib.Path(__file__).resolve().parents[2] / "quality"

# Gates per set: target precision, target recall, task F1 (the level reached,
# rounded down to 0.05).
GATES = {
    "heldout": (0.95, 0.95, 0.95),
    "heldout2": (0.95, 0.95, 0.95),
}
SETS = sorted(GATES)


@pytest.fixture(scope="module", params=SETS)
def heldout_set(request):
    root = TESTS / request.param
    docs = sorted((root / "docs").glob("*.txt"))
    assert len(docs) == 5, f"tests/{request.param}/docs should hold the five held-out documents"
    return request.param, root, docs


def _run(cli, *args):
    return subprocess.run([*cli, *map(str, args)], capture_output=True, text=True, encoding="utf-8")


def _score(quality, scorer, gold, pred):
    proc = subprocess.run(
        [sys.executable, str(quality / scorer), str(gold), str(pred), "-v"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def test_heldout_targets(quality, heldout_set, healthplan_cli, tmp_path):
    name, root, docs = heldout_set
    out = _run(healthplan_cli, "targets", *docs)
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "targets.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    report = _score(quality, "score_targets.py", root / "gold_targets.jsonl", pred)
    m = re.search(r"targets: precision ([\d.]+) recall ([\d.]+)", report.strip().splitlines()[-1])
    assert m, report
    precision, recall = float(m.group(1)), float(m.group(2))
    min_p, min_r, _ = GATES[name]
    assert precision >= min_p and recall >= min_r, report


def test_heldout_tasks(quality, heldout_set, healthplan_cli, tmp_path):
    name, root, docs = heldout_set
    out = _run(healthplan_cli, "tasks", *docs)
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "tasks.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    report = _score(quality, "score_tasks.py", root / "gold_tasks.jsonl", pred)
    m = re.search(r"f1 ([\d.]+)", report.strip().splitlines()[-1])
    assert m, report
    assert float(m.group(1)) >= GATES[name][2], report

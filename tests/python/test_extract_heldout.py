"""Regression gate on the held-out documents (tests/heldout/).

The five held-out documents were written in the genre's style independently
of the extractor's rules (see tests/heldout/README.md); they measure whether
the target grammar generalises beyond the seed documents. The gate holds the
level reached (rounded down to 0.05): a rule that fits the seeds but breaks
the genre shows up here. Scored with the shared scorers, so the test skips
when ../shared is not beside the repository.
"""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

import pytest

HELDOUT = pathlib.Path(__file__).resolve().parents[1] / "heldout"

MIN_TARGET_PRECISION = 0.95
MIN_TARGET_RECALL = 0.95
MIN_TASK_F1 = 0.95


@pytest.fixture(scope="module")
def heldout_docs():
    docs = sorted((HELDOUT / "docs").glob("*.txt"))
    assert len(docs) == 5, "tests/heldout/docs should hold the five held-out documents"
    return docs


def _run(cli, *args):
    return subprocess.run([*cli, *map(str, args)], capture_output=True, text=True, encoding="utf-8")


def _score(shared, scorer, gold, pred):
    proc = subprocess.run([sys.executable, str(shared / "gold" / scorer), str(gold), str(pred), "-v"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def test_heldout_targets(shared, heldout_docs, healthplan_cli, tmp_path):
    out = _run(healthplan_cli, "targets", *heldout_docs)
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "targets.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    report = _score(shared, "score_targets.py", HELDOUT / "gold_targets.jsonl", pred)
    m = re.search(r"targets: precision ([\d.]+) recall ([\d.]+)", report.strip().splitlines()[-1])
    assert m, report
    precision, recall = float(m.group(1)), float(m.group(2))
    assert precision >= MIN_TARGET_PRECISION and recall >= MIN_TARGET_RECALL, report


def test_heldout_tasks(shared, heldout_docs, healthplan_cli, tmp_path):
    out = _run(healthplan_cli, "tasks", *heldout_docs)
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "tasks.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    report = _score(shared, "score_tasks.py", HELDOUT / "gold_tasks.jsonl", pred)
    m = re.search(r"f1 ([\d.]+)", report.strip().splitlines()[-1])
    assert m, report
    assert float(m.group(1)) >= MIN_TASK_F1, report

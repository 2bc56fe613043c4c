"""Quality gate on the real-text corpus (tests/quality/real/): 31 excerpts of real plans nobody here wrote.

Kept exactly as found (source on the first line) and annotated in the shared
gold format; see tests/quality/real/README.md. Unlike the held-out sets, these
were not written in the seeds' image, so they measure generalisation. Every
document is scored (``--docs``), so a target invented on a document without
gold counts against precision. The gate holds the level reached, rounded
down (before/after figures: docs/extraction.md); the issue's aim is
targets P >= 0.95, R >= 0.90 and task F1 >= 0.90.
"""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2] / "quality" / "real"
DOCS = sorted((ROOT / "docs").glob("*.txt"))

# targets precision, targets recall, task F1: the level reached by the named-rule grammar (P 0.980, R 0.884,
# F1 1.000 over all 31 documents; before it P 0.925, R 0.874), rounded down.
GATE = (0.98, 0.95, 0.99)


def _score(quality: pathlib.Path, scorer: str, gold: pathlib.Path, pred: pathlib.Path) -> str:
    names = ",".join(d.name for d in DOCS)
    proc = subprocess.run(
        [sys.executable, str(quality / scorer), str(gold), str(pred), "--docs", names, "-v"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def test_corpus_is_complete() -> None:
    assert len(DOCS) >= 30
    for d in DOCS:
        first = d.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("来源"), f"{d.name}: the first line names the source"


def test_real_targets(quality, healthplan_cli, tmp_path) -> None:
    out = subprocess.run(
        [*healthplan_cli, "targets", *map(str, DOCS)], capture_output=True, text=True, encoding="utf-8"
    )
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "targets.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    report = _score(quality, "score_targets.py", ROOT / "gold_targets.jsonl", pred)
    m = re.search(r"targets: precision ([\d.]+) recall ([\d.]+)", report.strip().splitlines()[-1])
    assert m, report
    assert float(m.group(1)) >= GATE[0] and float(m.group(2)) >= GATE[1], report


def test_real_tasks(quality, healthplan_cli, tmp_path) -> None:
    out = subprocess.run([*healthplan_cli, "tasks", *map(str, DOCS)], capture_output=True, text=True, encoding="utf-8")
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "tasks.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    report = _score(quality, "score_tasks.py", ROOT / "gold_tasks.jsonl", pred)
    m = re.search(r"f1 ([\d.]+)", report.strip().splitlines()[-1])
    assert m, report
    assert float(m.group(1)) >= GATE[2], report

"""Quality gate on the real-text corpora (tests/quality/real/: 31 excerpts of real plans nobody here wrote; tests/quality/blind/ … blind10/: 5-17 more each, scored once before any rule change).

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

import pytest

QUALITY = pathlib.Path(__file__).resolve().parents[2] / "quality"

# Per set: targets precision, targets recall, task F1, each the level reached rounded down.
# real: the named-rule grammar reached P 0.980, R 0.884, F1 1.000 over all 31 documents
# (before it P 0.925, R 0.874), since raised to P 0.991, R 0.968.
# blind: scored once before any rule change (P 0.774, R 0.778, task F1 0.000 — its README),
# then the three genre rules its misses showed were added: P 1.000, R 1.000, task F1 0.808;
# with b07-b08 (a second round, first scored after the rules) P 1.000, R 1.000, F1 0.839.
# blind2: scored once before any rule change (P 0.929, R 0.957 — its README), then one genre
# rule (a subject ending in 有 counts what exists) and one annotation fix: P 1.000, R 1.000.
# It has no responsibility assignments, so no task gate (an F1 over nothing cannot fail).
# blind3: scored once before any rule change (P 0.694, R 0.703, task F1 0.000 — its README;
# R 0.757 after merging same-key duplicates in its gold), then the genre rules its misses showed
# (a section's opening frame dates its sub-sections, qualifiers inside names, 分别 over two
# statements, fact adverbs, reported problems, short base phrases, place shares, flattened
# lines): P 1.000, R 1.000, task F1 1.000.
# blind4: scored once before any rule change (P 0.879, R 0.649 — its README), then the genre
# rules its misses showed (a bare direction closing a goal-list item, grades and paired stems
# before one tail, a year in the name after lead words, a benchmark's clause going on about it,
# a rate per million) and two open annotation fixes: P 1.000, R 1.000. No task gold.
# blind5: scored once before any rule change (P 0.778, R 0.600 on 10 core targets — its README),
# then: a list goes on while its numbering does; units named before their share. P 1.000, R 1.000.
# blind6: news and forum texts quoting plans' targets beside reported results, and a one-cell-a-line
# indicator table; scored once before any rule change (P 0.444, R 0.457 — its README), then the
# genre, table and metadata rules its misses showed: P 0.985, R 0.957. No task gold.
# blind7: the same kind of texts; scored once before any rule change (P 0.622, R 0.714), then the
# rules its misses showed (values after their years with ASCII < >, an event's date is no frame,
# 目前, deadlines without a comma, quoted statements): P 0.909, R 1.000 (the extras left are a news
# lead's present figures and a headline's trend). No task gold.
# blind8: scored once before any rule change (P 0.741, R 0.387 — a byline's 责任编辑 was taken for
# the page footer), then the rules its misses showed: P 0.929, R 1.000; P 0.975 after blind9's (a
# dated speech and a paragraph opening with the present report). No task gold.
# blind9: news and copies with damage (年 turned into '-', pinyin glosses, inserted words) and four
# reports with no target; scored once before any rule change (P 0.500, R 0.604 — its README), then
# the rules its misses showed and two open annotation fixes: P 0.859, R 0.943; P 0.871 after blind10's
# (a restatement under 我国 merges; its duplicate gold line removed openly, README). No task gold.
# blind10: news, newspaper pages and commentaries quoting health and fitness plans (分别 over two stages,
# 均 over pairs, shares of a whole, period-only frames, units left out) and three reports with no target;
# scored once before any rule change (P 0.541, R 0.672 — its README; P 0.671, R 0.803 against the
# annotation brought to the earlier sets' conventions), then the rules its misses showed: P 0.932, R 1.000.
GATES = {
    "real": (0.98, 0.95, 0.99),
    "blind": (0.99, 0.99, 0.80),
    "blind2": (0.99, 0.99, None),
    "blind3": (0.99, 0.99, 0.99),
    "blind4": (0.99, 0.99, None),
    "blind5": (0.99, 0.99, None),
    "blind6": (0.98, 0.95, None),
    "blind7": (0.90, 0.99, None),
    "blind8": (0.97, 0.99, None),
    "blind9": (0.87, 0.94, None),
    "blind10": (0.93, 0.99, None),
}
TASK_SETS = sorted(name for name, gate in GATES.items() if gate[2] is not None)


def _docs(name: str) -> list[pathlib.Path]:
    return sorted((QUALITY / name / "docs").glob("*.txt"))


def _score(quality: pathlib.Path, scorer: str, name: str, gold: str, pred: pathlib.Path) -> str:
    names = ",".join(d.name for d in _docs(name))
    proc = subprocess.run(
        [sys.executable, str(quality / scorer), str(QUALITY / name / gold), str(pred), "--docs", names, "-v"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.mark.parametrize("name", sorted(GATES))
def test_corpus_is_complete(name: str) -> None:
    docs = _docs(name)
    assert len(docs) >= (30 if name == "real" else 5)
    for d in docs:
        first = d.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("来源"), f"{d.name}: the first line names the source"


@pytest.mark.parametrize("name", sorted(GATES))
def test_real_targets(name: str, quality, healthplan_cli, tmp_path) -> None:
    out = subprocess.run(
        [*healthplan_cli, "targets", *map(str, _docs(name))], capture_output=True, text=True, encoding="utf-8"
    )
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "targets.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    report = _score(quality, "score_targets.py", name, "gold_targets.jsonl", pred)
    m = re.search(r"targets: precision ([\d.]+) recall ([\d.]+)", report.strip().splitlines()[-1])
    assert m, report
    assert float(m.group(1)) >= GATES[name][0] and float(m.group(2)) >= GATES[name][1], report


@pytest.mark.parametrize("name", TASK_SETS)
def test_real_tasks(name: str, quality, healthplan_cli, tmp_path) -> None:
    out = subprocess.run(
        [*healthplan_cli, "tasks", *map(str, _docs(name))], capture_output=True, text=True, encoding="utf-8"
    )
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "tasks.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    report = _score(quality, "score_tasks.py", name, "gold_tasks.jsonl", pred)
    m = re.search(r"f1 ([\d.]+)", report.strip().splitlines()[-1])
    assert m, report
    gate = GATES[name][2]
    assert gate is not None and float(m.group(1)) >= gate, report

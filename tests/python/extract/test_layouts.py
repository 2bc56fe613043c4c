"""Layout invariance: every development document in every format and layout scores as its plain text does.

The generator (tests/quality/layouts.py) renders the seeds, both held-out sets,
the real-text corpus and the blind sets as HTML with <table>s (and bare tables),
MHTML, DOCX with Word tables (and Word list numbering), PDF (headless Chromium;
skipped where it cannot print), tables one cell per line (with blank lines, with
" |"), markdown, tab and multi-space rows, text hard-wrapped at 34 characters with
page numbers, every paragraph run into one line (flat), spaces around numbers,
traditional script, full-width characters, UTF-16 and GBK; and as publications
come: a CMS page with the article in a layout table (cms_html), Word tables with
merged headers and group labels boxed in frame tables (word_docx), and a GB/T 9704
print with a running header and "— N —" page numbers (gov_pdf). Gate: every
rendering reaches 0.97 of the plain text's target precision, target recall and
task F1. The table: ``.venv/bin/python tests/quality/layouts.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "quality"))
import layouts

SETS = (
    "seeds",
    "heldout",
    "heldout2",
    "real",
    "blind",
    "blind2",
    "blind3",
    "blind4",
    "blind5",
    "blind6",
    "blind7",
    "blind8",
    "blind9",
    "blind10",
)
RENDERINGS = [layout for layout in layouts.LAYOUTS if layout != "plain"]
RATIO = 0.97
# Renderings known to miss the gate (measured; docs/extraction.md). Strict: when
# one passes, the mark must go. None today: the PDF renderings, which missed it
# until the reader rebuilt paragraphs and table rows from positions, pass.
# Today: the flat rendering (every paragraph run into one line, as document-sharing
# sites copy plans) keeps the tasks of the seeds and held-out sets (F1 0.97-0.98 of
# plain) and every target of blind3-5 and blind7, but a table laid out one cell per line becomes one
# run of cells whose numbers merge ("77.3478.05"), and a goal list's last value merges
# with the next item's number ("≥302.重大…"): what no reader can take apart.
_FLAT = (
    "flat: cell-per-line tables and numbered value lists merge their numbers; in news pages a photo "
    "caption or the source line runs into the next sentence's frame (blind8: '…摄截至2018年底')"
)
_GLOSS = (
    "a mirror's pinyin glosses (衛(wèi)生) break where lines break: split by a wrap ('(zh' / 'ǔn)') or making "
    "a PDF's lines so uneven that no wrap width joins them, a report's paragraph comes apart (blind9)"
)
KNOWN_GAPS: dict[tuple[str, str], str] = {
    **{(name, "flat"): _FLAT for name in SETS if name not in ("blind3", "blind4", "blind5", "blind7")},
    ("blind9", "wrapped"): _GLOSS,
    # (blind9's pdf and merged_pdf pass since stop 22: the PDF reader keeps a glossed letter's
    # tone mark with it, and one national target's restatements merge.)
    # Printed to GB/T 9704 (narrower column, other breaks) r07's report paragraph comes apart
    # at a gloss and its achieved values read as targets: P 0.92 of plain (stop 22).
    ("blind9", "gov_pdf"): _GLOSS,
}


@pytest.fixture(scope="module")
def work() -> Path:
    return Path(tempfile.mkdtemp(prefix="healthplan_layouts_"))


@pytest.fixture(scope="module")
def plain_scores(work: Path) -> dict[str, dict[str, float]]:
    out = {}
    for name, (docs, gt, gk) in layouts.sets().items():
        scores = layouts.score_layout(docs, gt, gk, "plain", work / name)
        assert scores is not None
        out[name] = scores
    return out


CASES = [
    pytest.param(
        name,
        layout,
        marks=[pytest.mark.xfail(strict=True, reason=f"known gap: {KNOWN_GAPS[(name, layout)]}")]
        if (name, layout) in KNOWN_GAPS
        else [],
        id=f"{name}-{layout}",
    )
    for name in SETS
    for layout in RENDERINGS
]


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_layout_scores_as_plain_text(
    name: str, layout: str, plain_scores: dict[str, dict[str, float]], work: Path
) -> None:
    docs, gt, gk = layouts.sets()[name]
    scores = layouts.score_layout(docs, gt, gk, layout, work / name)
    if scores is None:
        pytest.skip(f"{layout} cannot be rendered on this machine")
    base = plain_scores[name]
    for measure in ("P", "R", "F1"):
        assert scores[measure] >= RATIO * base[measure], (name, layout, measure, scores, base)

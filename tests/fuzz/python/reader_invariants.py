"""What every document-reader fuzz target asserts, and the replay of its seeds.

Any bytes given to ``healthplan.extract_file`` must end one of two ways: a plan
that keeps the extraction invariants (every span's evidence is the read text's
bytes, the plan validates, save → load gives an equal plan), or a
``healthplan.Error`` whose id is in the error table — never another exception
(a traceback in the CLI). The readers are Python over third-party parsers
(lexbor through selectolax, python-docx, pdfplumber/pdfminer), which is why
these targets run under Atheris, libFuzzer's Python driver, rather than as
C++ libFuzzer targets.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import healthplan as hp

ROOT = Path(__file__).resolve().parents[3]
ERROR_IDS = frozenset(
    re.findall(r'\{"([a-z0-9_]+\.[a-z0-9_]+)"', (ROOT / "include" / "healthplan" / "error_ids.hpp").read_text("utf-8"))
)
_WORK = Path(tempfile.mkdtemp(prefix="healthplan-fuzz-"))


class Finding(AssertionError):
    """An input that broke an invariant (libFuzzer saves it as a crash)."""


def check_file(data: bytes, suffix: str) -> None:
    """Writes ``data`` to a file named ``*suffix`` and checks what extracting it gives."""
    path = _WORK / f"input{suffix}"
    path.write_bytes(data)
    try:
        plan = hp.extract_file(path)
    except hp.Error as err:
        if err.id not in ERROR_IDS:
            raise Finding(f"error id {err.id!r} is not in the error table: {err}") from err
        if not str(err).startswith(f"[{err.id}]"):
            raise Finding(f"error message does not start with its id: {err}") from err
        return
    check_plan(plan)


def check_plan(plan: hp.Plan) -> None:
    text = plan.source.text.encode("utf-8")
    for t in plan.targets:
        span = t.span
        if span is None or not text:
            continue
        if text[span.begin : span.end].decode("utf-8", "strict") != span.evidence:
            raise Finding(f"target {t.id}: span {span.begin}..{span.end} is not its evidence {span.evidence!r}")
    plan.validate()
    again = hp.Plan.from_json(plan.to_json())
    if again.to_json() != plan.to_json():
        raise Finding("save → load → save changed the plan")


def replay(seed_dir: Path, suffix: str, head: bytes = b"") -> int:
    """Runs every seed (and kept finding) of a target once, after ``head`` as the
    target puts it; returns how many ran."""
    n = 0
    for f in sorted(seed_dir.iterdir()):
        if f.is_file():
            check_file(head + f.read_bytes(), suffix)
            n += 1
    return n

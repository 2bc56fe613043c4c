"""Every ```python block of README.md and docs/*.md runs verbatim, every `healthplan …`
line of their shell blocks runs and exits 0, and every block either runs (here or in
test_doc_programs.py) or says why not.

The blocks of one file run in order in one namespace (a later block may use an earlier
block's names, as a reader would), in a scratch folder that links the repository's
``examples``, ``python``, ``docs`` and ``benchmarks``, so relative paths resolve as
from the repository root and nothing a block writes lands in the repository.
"""

from __future__ import annotations

import os
import pathlib
import shlex
import subprocess
import warnings

import pytest
from _docblocks import DOCS, NEVER_RUN, REPO, all_blocks, blocks, marks_without_block

_LINKED = ("examples", "python", "docs", "benchmarks", "tests")


@pytest.fixture()
def scratch(tmp_path, monkeypatch):
    for name in _LINKED:
        (tmp_path / name).symlink_to(REPO / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    return tmp_path


def _id(p: pathlib.Path) -> str:
    return str(p.relative_to(REPO))


def test_blocks_are_found():
    kinds = {b.kind for b in all_blocks()}
    assert {"python", "cli", "shell", "cpp", "cmake"} <= kinds, kinds


def test_every_skipped_block_says_why():
    """A block that is not run is marked, with a reason; nothing that installs or runs the
    whole suite is ever started by the tests; marks sit on a block."""
    for b in all_blocks():
        if b.not_run is not None:
            assert len(b.not_run) >= 10, f"{b.name}: 'not run' needs a reason"
            assert b.kind != "text", f"{b.name}: a block with nothing to run needs no mark"
        elif b.kind == "shell":
            dangerous = [c for _, c in b.commands() if NEVER_RUN.search(c)]
            assert not dangerous, f"{b.name}: mark it <!-- not run: reason --> ({dangerous})"
    for doc in DOCS:
        assert not marks_without_block(doc), f"{_id(doc)}: marks not before a fence"


@pytest.mark.parametrize("doc", [d for d in DOCS if any(b.kind == "python" for b in blocks(d))], ids=_id)
def test_python_blocks_run(doc, scratch):
    namespace: dict[str, object] = {"__name__": "__doc_block__"}
    absent = []
    for b in blocks(doc):
        if b.kind != "python" or b.not_run is not None:
            continue
        try:
            with warnings.catch_warnings():
                # pyspark warns about the pandas it runs with; that is pyspark's to fix, not the doc's.
                warnings.filterwarnings("ignore", category=FutureWarning, module=r"pyspark(\..*)?")
                exec(compile(b.code, f"{doc.name}:{b.line}", "exec"), namespace)
        except ModuleNotFoundError as err:  # a block for a platform not installed here (Spark)
            absent.append(f"line {b.line}: {err.name}")
        except Exception as err:  # name the block that failed
            pytest.fail(f"{b.name}: {type(err).__name__}: {err}")
    assert len(absent) <= 1, f"{_id(doc)}: blocks need modules that are not installed: {absent}"


CLI = [(b, n, c) for b in all_blocks() if b.kind == "cli" and b.not_run is None for n, c in b.commands()]


@pytest.mark.parametrize(("block", "line", "cmd"), CLI, ids=[f"{_id(b.doc)}:{n}" for b, n, _ in CLI])
def test_cli_lines_run(block, line, cmd, scratch, healthplan_cli):
    if "observed.csv" in shlex.split(cmd) and not (scratch / "observed.csv").exists():
        # A doc that fills in a template: write the template first, as the doc says to.
        subprocess.run([*healthplan_cli, "template", "examples/data/wuhai_example.plan.json", "-o", "observed.csv"])
    # Through bash, as a reader types it (globs, redirections), with this run's healthplan first on PATH.
    bin_dir = str(pathlib.Path(healthplan_cli[0]).parent) if len(healthplan_cli) == 1 else ""
    r = subprocess.run(
        ["bash", "-c", cmd],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        env={**os.environ, "MPLBACKEND": "Agg", "PATH": os.pathsep.join(filter(None, [bin_dir, os.environ["PATH"]]))},
    )
    assert r.returncode == 0, f"{_id(block.doc)}:{line}: {cmd}\n{r.stderr[-2000:]}"

"""Every ```python block of README.md and docs/*.md runs verbatim, and every `healthplan …`
line of their shell blocks runs and exits 0.

The blocks of one file run in order in one namespace (a later block may use an earlier
block's names, as a reader would), in a scratch folder that links the repository's
``examples``, ``python``, ``docs`` and ``benchmarks``, so relative paths resolve as
from the repository root and nothing a block writes lands in the repository.
"""

from __future__ import annotations

import os
import pathlib
import re
import shlex
import subprocess
import warnings

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)
_LINKED = ("examples", "python", "docs", "benchmarks", "tests")


def blocks(path: pathlib.Path, languages: tuple[str, ...]) -> list[tuple[int, str]]:
    """(line number, code) of the fenced blocks in ``languages``."""
    text = path.read_text(encoding="utf-8")
    return [
        (text[: m.start()].count("\n") + 1, m.group(2))
        for m in _FENCE.finditer(text)
        if m.group(1).lower() in languages
    ]


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
    assert blocks(REPO / "README.md", ("python",)), "README.md has no python block"


@pytest.mark.parametrize("doc", [d for d in DOCS if blocks(d, ("python",))], ids=_id)
def test_python_blocks_run(doc, scratch):
    namespace: dict[str, object] = {"__name__": "__doc_block__"}
    absent = []
    for line, code in blocks(doc, ("python",)):
        if code.lstrip().startswith(">>>"):
            continue  # a doctest transcript, not a script
        try:
            with warnings.catch_warnings():
                # pyspark warns about the pandas it runs with; that is pyspark's to fix, not the doc's.
                warnings.filterwarnings("ignore", category=FutureWarning, module=r"pyspark(\..*)?")
                exec(compile(code, f"{doc.name}:{line}", "exec"), namespace)
        except ModuleNotFoundError as err:  # a block for a platform not installed here (Spark)
            absent.append(f"line {line}: {err.name}")
        except Exception as err:  # name the block that failed
            pytest.fail(f"{_id(doc)}, block at line {line}: {type(err).__name__}: {err}")
    assert len(absent) <= 1, f"{_id(doc)}: blocks need modules that are not installed: {absent}"


def _cli_lines(doc: pathlib.Path) -> list[tuple[int, str]]:
    out = []
    for line, code in blocks(doc, ("sh", "bash", "console", "shell")):
        for i, raw in enumerate(code.splitlines()):
            cmd = raw.lstrip("$ ").split("  #")[0].strip()
            if cmd.startswith("healthplan "):
                out.append((line + 1 + i, cmd))
    return out


CLI = [(d, n, c) for d in DOCS for n, c in _cli_lines(d)]


@pytest.mark.parametrize(("doc", "line", "cmd"), CLI, ids=[f"{_id(d)}:{n}" for d, n, _ in CLI])
def test_cli_lines_run(doc, line, cmd, scratch, healthplan_cli):
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
    assert r.returncode == 0, f"{_id(doc)}:{line}: {cmd}\n{r.stderr[-2000:]}"

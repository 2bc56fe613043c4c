"""Shared fixtures: where the repository, its bundled data and the quality gold are."""

from __future__ import annotations

import os
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
# The scorers, the seeds' gold and the held-out sets, copied into the repository
# so the quality gates run in a clean clone (tests/quality/README.md).
QUALITY = REPO / "tests" / "quality"
SEEDS = REPO / "python" / "healthplan" / "data" / "plans"
EXAMPLE_PLAN = REPO / "examples" / "data" / "wuhai_example.plan.json"


@pytest.fixture(scope="session")
def repo() -> pathlib.Path:
    return REPO


@pytest.fixture(scope="session")
def quality() -> pathlib.Path:
    """tests/quality: the scorers (score_targets.py, score_tasks.py) and the gold sets."""
    return QUALITY


@pytest.fixture(scope="session")
def example_plan_path() -> pathlib.Path:
    return EXAMPLE_PLAN


@pytest.fixture()
def example_plan():
    import healthplan

    return healthplan.load(EXAMPLE_PLAN)


@pytest.fixture(scope="session")
def healthplan_cli() -> list[str]:
    """The installed console script, falling back to `python -m healthplan`."""
    import shutil
    import sys

    exe = pathlib.Path(sys.executable).parent / "healthplan"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("healthplan")
    return [found] if found else [sys.executable, "-m", "healthplan"]


os.environ.setdefault("PYTHONIOENCODING", "utf-8")

"""Bundled example documents: five real local health plans (see data/plans/README.md)."""

from __future__ import annotations

import pathlib

__all__ = ["plans_dir", "seed_paths"]

_PLANS = pathlib.Path(__file__).resolve().parent / "data" / "plans"


def plans_dir() -> pathlib.Path:
    """The folder holding the bundled plan documents."""
    return _PLANS


def seed_paths() -> list[pathlib.Path]:
    """Paths of the five bundled plan texts, sorted by name."""
    return sorted(_PLANS.glob("*.txt"))

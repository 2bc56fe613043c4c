"""The extract area of healthplan's Python surface (filled in by that area's work)."""

from __future__ import annotations

__all__: list[str] = []

"""The report's tables as plain data for the template: header words, cells with a sort key,
a class (verdict colour), an optional expandable detail and an optional link."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import SupportsFloat, SupportsIndex, Union

#: A column header: its words, or (words, True) for a numeric column.
Label = Union[str, tuple[str, bool]]


@dataclass
class Cell:
    text: str = ""
    sort: str | float | None = None  # numeric sort key, when the column sorts by number
    cls: str = ""
    detail: str = ""  # shown in <details> under the text
    href: str = ""
    items: list[str] = field(default_factory=list)  # a drill-down list under the text

    @property
    def sort_attr(self) -> str:
        if isinstance(self.sort, float) and math.isnan(self.sort):
            return ""
        return "" if self.sort is None else str(self.sort)


@dataclass
class Column:
    label: str
    numeric: bool = False


@dataclass
class Table:
    """One sortable, filterable table; ``name`` is its id and the name of its CSV download."""

    name: str
    columns: list[Column]
    rows: list[list[Cell]]
    caption: str = ""


def text(v: object) -> Cell:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is _na():
        return Cell("")
    return Cell(str(v))


def number(v: object, suffix: str = "") -> Cell:
    # Only what float() takes (numbers, numpy scalars, numeric text); None and pd.NA are blank.
    if not isinstance(v, (str, bytes, SupportsFloat, SupportsIndex)):
        return Cell("")
    try:
        f = float(v)
    except (TypeError, ValueError):
        return Cell("")
    if math.isnan(f):
        return Cell("")
    return Cell(f"{f:.4g}{suffix}", sort=f)


def count(n: int, cls: str = "") -> Cell:
    """A count; zero is left blank so the tables are not mostly zeros."""
    return Cell(str(n) if n else "", sort=float(n), cls=cls if n else "")


def _na() -> object:
    from .._pandas import pd

    return pd.NA


def table(name: str, labels: Sequence[Label], rows: list[list[Cell]], caption: str = "") -> Table:
    """A table named ``name``; a label given as ``(label, True)`` is a numeric column."""
    columns = [Column(label) if isinstance(label, str) else Column(label[0], label[1]) for label in labels]
    return Table(name=name, columns=columns, rows=rows, caption=caption)

"""A plan's own figures: the template a city fills in, and reading it back.

``observation_template(plans)`` lists the observations each plan needs to have its
own targets judged — one row per indicator × year, in the plan's region and
unit, with the baselines and reference values the plan itself states already
filled in (``origin`` = ``plan``). ``read_observations(path)`` reads the filled
template back from CSV (UTF-8, or GBK/GB18030 as Excel writes it on Chinese
Windows) or ``.xlsx``; rows left blank are skipped, bad cells are errors naming
the file and line.

>>> import healthplan as hp
>>> from healthplan import local
>>> plan = hp.load("examples/data/wuhai_example.plan.json")
>>> local.observation_template([plan]).columns[:4].tolist()
['region', 'indicator', 'code', 'year']
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ._core import DataError, ParseError, SchemaError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ._core import Target
    from .compare import Catalog
    from .evaluate import Observations
    from .model import Plan

__all__ = [
    "TEMPLATE_COLUMNS",
    "observation_template",
    "observations_for",
    "read_observations",
    "write_table",
]

#: Columns of the observation template, in order, with their meaning.
TEMPLATE_COLUMNS: dict[str, str] = {
    "region": "the plan's place; the evaluation matches rows to a plan by it",
    "indicator": "indicator name as the plan writes it (the evaluation's key)",
    "code": "national catalog code where the name matched one (for reference)",
    "year": "year of the figure",
    "value": "the observed figure — fill in; leave blank when unknown",
    "unit": "unit of the figure (canonical symbol; convertible units such as ‰ for % are accepted)",
    "unit_as_written": "the unit as the plan writes it",
    "source": "where the figure comes from (publication, URL) — fill in",
    "origin": "'plan' = stated in the plan text (baseline or reference); empty = to fill",
    "plan": "the plan that needs the row (place and title)",
    "targets": "the plan's targets on the indicator (year, comparator, value)",
}

_REQUIRED = ("indicator", "year", "value")
_FRAME_COLUMNS = ("indicator", "region", "year", "value", "unit", "source", "flags", "published")


def plan_label(plan: Plan) -> str:
    """A readable name of a plan: place and short title (never its file hash)."""
    title = plan.title or plan.id
    place = plan.region.name
    if place and title.startswith(place):
        title = title[len(place) :]
    short = title if len(title) <= 18 else title[:17] + "…"
    return f"{place} · {short}" if place else short


def _judgeable(t: Target) -> bool:
    # Advocacy (倡导性) targets are never scored, milestones need no series.
    return t.nature.name != "advocacy" and t.kind.name != "milestone" and t.year is not None


def _target_text(t: Target) -> str:
    value = "" if t.value is None else f"{t.value:g}{t.unit.symbol if t.unit.symbol not in ('', 'years') else ''}"
    return f"{t.year} {t.comparator.symbol} {value}".strip()


def observation_template(
    plans: Sequence[Plan], *, as_of: int | None = None, catalog: Catalog | None = None
) -> pd.DataFrame:
    """The observations ``plans`` need (columns: :data:`TEMPLATE_COLUMNS`).

    Per plan and indicator with a judgeable target, one row a year from the
    earliest baseline or reference year (else the year before the plan's period)
    to the last target year, but not after ``as_of`` (default: last year).
    """
    from ._pandas import pd
    from .compare import default_catalog
    from .evaluate import _checked_year

    last = _checked_year(as_of, "as_of") if as_of is not None else _dt.date.today().year - 1
    cat = catalog if catalog is not None else default_catalog()
    rows: list[dict[str, object]] = []
    for plan in plans:
        names = {i.id: i.name for i in plan.indicators}
        by_indicator: dict[str, list[Target]] = {}
        for t in plan.targets:
            if _judgeable(t):
                by_indicator.setdefault(names.get(t.indicator_id, t.indicator), []).append(t)
        for name, targets in by_indicator.items():
            rows.extend(_indicator_rows(plan, name, targets, last, cat.match(name).code))
    frame = pd.DataFrame(rows, columns=list(TEMPLATE_COLUMNS))
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    return frame


def _indicator_rows(plan: Plan, name: str, targets: list[Target], last: int, code: str) -> list[dict[str, object]]:
    known: dict[int, tuple[float, str]] = {}  # year → (value, evidence): what the plan states
    for t in targets:
        evidence = t.span.evidence if t.span else ""
        if t.baseline is not None and t.baseline.year:
            known.setdefault(t.baseline.year, (t.baseline.value, evidence))
        ref = t.reference
        if ref is not None and ref.year and ref.value is not None:
            known.setdefault(ref.year, (ref.value, evidence))
    years = [t.year for t in targets if t.year is not None]
    # A stated value "of" a year after the last one asked for is not an observation yet.
    known = {y: v for y, v in known.items() if y <= last}
    # Without a stated baseline: from the year before the plan's period, and at least the last
    # three years (a pace needs two points, a trend three).
    start_candidates = list(known) or [min((plan.period_start or min(years)) - 1, last - 2)]
    start, end = min(start_candidates), min(max(years), last)
    unit = next((t.unit.symbol for t in targets if t.unit.symbol), "")
    unit_text = next((t.unit_text for t in targets if t.unit_text), unit)
    summary = "; ".join(_target_text(t) for t in targets)
    out = []
    for year in range(start, max(end, start) + 1):
        value, evidence = known.get(year, (math.nan, ""))
        out.append(
            {
                "region": plan.region.name,
                "indicator": name,
                "code": code,
                "year": year,
                "value": value,
                "unit": unit,
                "unit_as_written": unit_text,
                "source": f"plan text: {' '.join(evidence.split())}" if evidence else "",
                "origin": "plan" if evidence else "",
                "plan": plan_label(plan),
                "targets": summary,
            }
        )
    return out


# ------------------------------------------------------------------ writing --


def write_table(frame: pd.DataFrame, path: str | os.PathLike[str], *, sheet: str = "observations") -> Path:
    """Writes ``frame`` as ``.xlsx`` (openpyxl) or CSV (UTF-8 with a byte-order mark, so
    Excel on Chinese Windows opens it as UTF-8), through a temporary file: a failed
    write leaves no half file."""
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(f"{target.parent}: no such folder")
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        if target.suffix.lower() == ".xlsx":
            frame.to_excel(tmp, sheet_name=sheet, index=False, engine="openpyxl")
        else:
            frame.to_csv(tmp, index=False, encoding="utf-8-sig")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


# ------------------------------------------------------------------ reading --


def _decode(raw: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ParseError(f"{path}: neither UTF-8 nor GBK/GB18030 text")


def _read_raw(path: Path) -> pd.DataFrame:
    from ._pandas import pd

    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
    from . import _core

    text = _decode(_core._read_file(str(path)), path)
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as err:
        raise ParseError(f"{path}: {err}") from None


def read_observations(path: str | os.PathLike[str]) -> pd.DataFrame:
    """A filled-in template (or any observations table) as a clean frame with columns
    ``indicator, region, year, value, unit, source, flags, published``.

    Rows without a value are skipped (``frame.attrs["blank_rows"]`` counts them);
    a year or value that is not a number is a :class:`DataError` naming file:line.
    """
    from ._pandas import pd

    p = Path(path)
    raw = _read_raw(p)
    raw.columns = [str(c).strip() for c in raw.columns]
    missing = [c for c in _REQUIRED if c not in raw.columns]
    if missing:
        raise SchemaError(f"{p}: no column {', '.join(repr(c) for c in missing)} (columns: {', '.join(raw.columns)})")
    rows = []
    blank = 0
    for i, rec in enumerate(raw.to_dict("records")):
        line = i + 2  # the header is line 1
        value_text = str(rec["value"]).strip().replace(",", "")
        if not value_text:
            blank += 1
            continue
        try:
            year = int(float(str(rec["year"]).strip()))
            value = float(value_text.rstrip("%"))
        except ValueError:
            raise DataError(f"{p}:{line}: year '{rec['year']}' or value '{rec['value']}' is not a number") from None
        row: dict[str, object] = {c: str(rec.get(c, "")).strip() for c in _FRAME_COLUMNS if c not in ("year", "value")}
        row.update(year=year, value=value, source=row["source"] or f"{p.name}:{line}")
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(_FRAME_COLUMNS))
    frame["published"] = pd.to_numeric(frame["published"].replace("", "0")).astype("int64")
    frame.attrs["blank_rows"] = blank
    frame.attrs["path"] = os.fspath(p)
    return frame


def observations_for(
    paths: Sequence[str | os.PathLike[str]], *, national: bool = True
) -> tuple[Observations, pd.DataFrame]:
    """Observations from filled-in files, together with the bundled national series when
    ``national`` (region 全国, so they never stand in for a city's own figures).
    Returns the observations and the local rows read."""
    from ._pandas import pd
    from .evaluate import Observations, observed_china

    local = [read_observations(p) for p in paths]
    frames = list(local)
    if national:
        nat = observed_china().to_frame()
        frames.append(nat[[c for c in nat.columns if c in _FRAME_COLUMNS]])
    combined = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(_FRAME_COLUMNS))
    local_rows = pd.concat(local, ignore_index=True) if local else pd.DataFrame(columns=list(_FRAME_COLUMNS))
    return Observations.from_frame(combined.fillna({"region": "", "unit": "", "source": "", "flags": ""})), local_rows

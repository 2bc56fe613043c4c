"""Compare plans with each other and with the national 健康中国行动 targets.

``compare(plans)`` maps every plan indicator onto the bundled canonical
catalog (``default_catalog()``), then builds DataFrames:

- ``targets``: one row per matched plan target, its value converted into the
  catalog unit, beside the national target of that year — or, when the
  national plan sets none for that year (a 十四五 plan's 2025), the national
  path interpolated between the nearest national points around it, marked in
  the ``basis`` column — and a stringency verdict (stricter / equal / looser /
  not_comparable, and by how much);
- ``coverage``: which catalog indicators each plan sets a target for;
- ``responsibility``: department kind × plan, tasks led and co-responsible;
- ``timelines``: plan periods and target years;
- ``matches`` / ``unmatched``: how each indicator name was matched, and the
  names that were not, for review.

The catalog, matcher, agency normalisation and stringency rule are C++
(``healthplan._core``); this module assembles pandas frames around them.
pandas is imported lazily.
"""

from __future__ import annotations

import copy
import functools
import html
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from . import _core
from ._core import (
    Catalog,
    CatalogEntry,
    CatalogSource,
    CatalogTarget,
    DepartmentKind,
    IndicatorMatch,
    MatchReason,
    NationalBasis,
    NationalReference,
    NormalizedAgency,
    Stringency,
    StringencyResult,
    bigram_dice,
    department_kind,
    department_kinds,
    indicator_qualifiers,
    national_reference,
    normalize_agency,
    normalize_indicator_name,
    stringency,
)
from ._frames import stringency_dtype, write_frames
from .model import Plan

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "COMPARE_TARGET_COLUMNS",
    "Catalog",
    "CatalogEntry",
    "CatalogSource",
    "CatalogTarget",
    "Comparison",
    "DepartmentKind",
    "IndicatorMatch",
    "MatchReason",
    "NationalBasis",
    "NationalReference",
    "NormalizedAgency",
    "Stringency",
    "StringencyResult",
    "bigram_dice",
    "compare",
    "default_catalog",
    "department_kind",
    "department_kinds",
    "indicator_qualifiers",
    "load_catalog",
    "national_plan",
    "national_reference",
    "normalize_agency",
    "normalize_indicator_name",
    "stringency",
    "with_codes",
    "write_frames",
]

#: The bundled catalog file, inside the package data.
CATALOG_FILE = "healthy_china_2019_2030.json"

#: Columns of ``Comparison.targets``, in order, with their meaning.
COMPARE_TARGET_COLUMNS: dict[str, str] = {
    "code": "catalog code of the indicator",
    "name": "catalog (canonical) name",
    "action": "健康中国行动 action the indicator belongs to",
    "direction": "higher or lower is better",
    "plan_id": "id of the plan",
    "plan": "short label of the plan (its place)",
    "year": "target year",
    "kind": "level, change, rate, trend, benchmark or milestone",
    "op": "the plan's comparator",
    "value": "plan value converted into `unit` (NaN when it has none or cannot be converted)",
    "unit": "the unit of `value` and `national_value` (the national target's unit)",
    "national_op": "the national comparator (empty when the source gives a bare number)",
    "national_value": "national target value for the same year, or the interpolated national path (see `basis`); "
    "NaN when none",
    "national_text": "national target as written in the source, or how the interpolated value was obtained",
    "basis": "what the plan was compared with: national_target, interpolated(2022–2030) (a point on the line "
    "between two national points, not a stated target), or empty when there is nothing",
    "verdict": "stricter, equal, looser or not_comparable",
    "margin": "signed distance from the national value in `unit`, positive = stricter",
    "relative_margin": "margin / |national value|",
    "reason": "why not comparable, or remarks (unit assumed, < vs ≤)",
    "indicator": "the plan's indicator name as written",
    "value_as_written": "the plan value before conversion",
    "unit_as_written": "the plan's unit symbol",
    "match": "how the name was matched: given (code set on the plan), exact, alias, normalized or fuzzy",
    "confidence": "match confidence in [0, 1]",
    "soft": "True for 力争 (strive-to) targets",
    "target_id": "id of the target in its plan",
    "national_source": "source id(s) of the national value(s) (see Comparison.sources)",
}

_HTML_ROWS = 12


# ------------------------------------------------------------------ catalog --


@functools.lru_cache(maxsize=1)
def _bundled_catalog() -> Catalog:
    data = resources.files("healthplan") / "data" / "catalog" / CATALOG_FILE
    return Catalog.from_json(data.read_text(encoding="utf-8"), f"healthplan/data/catalog/{CATALOG_FILE}")


def default_catalog() -> Catalog:
    """A copy of the bundled 健康中国行动 catalog (safe to extend with aliases)."""
    return copy.copy(_bundled_catalog())


def load_catalog(
    *paths: str | os.PathLike[str], aliases: Mapping[str, Iterable[str]] | None = None, base: Catalog | None = None
) -> Catalog:
    """The bundled catalog (or ``base``) extended with catalog JSON files and aliases.

    Each file may hold whole ``indicators`` (added, or replacing the entry with the
    same code) and/or ``aliases`` (``{"HC04-01": ["控烟率"]}``). ``aliases`` adds
    spellings directly. Unknown codes are an error naming the code.
    """
    catalog = copy.copy(base) if base is not None else default_catalog()
    for path in paths:
        catalog.merge(Catalog.load(os.fspath(path)))
    for code, names in (aliases or {}).items():
        for name in names:
            catalog.add_alias(code, name)
    return catalog


def _as_catalog(catalog: Catalog | str | os.PathLike[str] | Mapping[str, Iterable[str]] | None) -> Catalog:
    if catalog is None:
        return default_catalog()
    if isinstance(catalog, Catalog):
        return catalog
    if isinstance(catalog, (str, os.PathLike)):
        return load_catalog(catalog)
    if isinstance(catalog, Mapping):
        return load_catalog(aliases=catalog)
    raise TypeError(f"catalog must be a Catalog, a path or an alias mapping, not {type(catalog).__name__}")


def with_codes(plan: Plan, catalog: Catalog | None = None) -> Plan:
    """A copy of ``plan`` whose indicators carry their catalog code (``Indicator.code``)."""
    catalog = catalog if catalog is not None else default_catalog()
    out = copy.copy(plan)
    indicators = list(out.indicators)
    for ind in indicators:
        m = catalog.match(ind.name)
        ind.code = m.code
    out.indicators = indicators
    return out


def national_plan(catalog: Catalog | None = None) -> Plan:
    """The catalog's national targets as a Plan, so they can be evaluated like any plan.

    Only targets with a stated value (level, rate) or a direction (trend) are
    included; a bare table number is read in the indicator's direction
    (≥ for higher-is-better, ≤ for lower-is-better).
    """
    from .model import AdminLevel, Comparator, Indicator, Region, Target, TargetKind

    catalog = catalog if catalog is not None else default_catalog()
    plan = Plan(
        id="national",
        title=catalog.name or "national targets",
        issuer="国务院 / 健康中国行动推进委员会",
        region=Region(name="全国", level=AdminLevel.national, province=""),
    )
    plan.period_start, plan.period_end = 2019, 2030
    indicators, targets = [], []
    for e in catalog.entries:
        usable = [t for t in e.targets if t.kind != TargetKind.milestone]
        if not usable:
            continue
        indicators.append(
            Indicator(
                id=e.code,
                name=e.name,
                unit=e.unit,
                category=e.action,
                direction=e.direction,
                nature=e.nature,
                code=e.code,
            )
        )
        for t in usable:
            comparator = t.comparator
            if comparator is None:
                if e.direction == _core.Direction.unknown:
                    continue
                comparator = Comparator.ge if e.direction == _core.Direction.higher else Comparator.le
            targets.append(
                Target(
                    id=f"{e.code}@{t.year}",
                    indicator_id=e.code,
                    indicator=e.name,
                    year=t.year,
                    kind=t.kind,
                    comparator=comparator,
                    value=t.value,
                    unit=t.unit,
                    unit_text=t.unit.symbol,
                    nature=e.nature,
                    note=t.note or t.text,
                )
            )
    plan.indicators = indicators
    plan.targets = targets
    return plan


# --------------------------------------------------------------- comparison --


def _plan_label(plan: Plan) -> str:
    return plan.region.name or plan.id or plan.title


def _unique_labels(plans: Sequence[Plan]) -> dict[str, str]:
    labels: dict[str, str] = {}
    used: dict[str, int] = {}
    for p in plans:
        label = _plan_label(p)
        used[label] = used.get(label, 0) + 1
        labels[p.id] = label if used[label] == 1 else f"{label} ({used[label]})"
    return labels


def _load_plans(plans: Iterable[Plan | str | os.PathLike[str]]) -> list[Plan]:
    from .model import load

    out = []
    for i, p in enumerate(plans):
        if isinstance(p, (str, os.PathLike)):
            out.append(load(p))
        elif isinstance(p, Plan):
            out.append(p)
        else:
            raise TypeError(f"plans[{i}]: expected a Plan or a plan JSON path, not {type(p).__name__}")
    if not out:
        raise ValueError("compare() needs at least one plan")
    ids: dict[str, int] = {}
    for p in out:
        if not p.id:
            raise ValueError(f"plan '{p.title}' has no id; ids label the comparison's columns")
        ids[p.id] = ids.get(p.id, 0) + 1
    dupes = [i for i, n in ids.items() if n > 1]
    if dupes:
        raise ValueError(f"plan ids must be unique in a comparison; repeated: {', '.join(dupes)}")
    return out


class Comparison:
    """Plans side by side, against the national targets.

    Attributes are pandas DataFrames: ``targets``, ``coverage``,
    ``responsibility``, ``timelines``, ``matches``, ``unmatched``; see the
    module docstring. ``labels`` maps plan id → short label (its place).
    """

    def __init__(self, plans: Sequence[Plan], catalog: Catalog, *, interpolate: bool = True) -> None:
        self.plans = list(plans)
        self.catalog = catalog
        #: Whether targets of years without a national target are compared with the interpolated national path.
        self.interpolate = interpolate
        self.labels = _unique_labels(self.plans)
        self.matches = self._build_matches()
        self.targets = self._build_targets()
        self.coverage = self._build_coverage()
        self.responsibility = self._build_responsibility()
        self.timelines = self._build_timelines()
        self.unmatched = self._build_unmatched()

    # -- construction -------------------------------------------------------

    def _build_matches(self) -> pd.DataFrame:
        from ._pandas import pd

        rows = []
        for p in self.plans:
            counts: dict[str, int] = {}
            for t in p.targets:
                counts[t.indicator] = counts.get(t.indicator, 0) + 1
            # A code already set on the plan's Indicator (by hand, or by with_codes) is kept.
            by_id = {i.id: i for i in p.indicators}
            given: dict[str, str] = {i.name: i.code for i in p.indicators if i.code}
            for t in p.targets:
                ind = by_id.get(t.indicator_id)
                if ind is not None and ind.code:
                    given.setdefault(t.indicator, ind.code)
            names = list(dict.fromkeys([t.indicator for t in p.targets] + [i.name for i in p.indicators]))
            for name in names:
                code = given.get(name, "")
                entry = self.catalog.find(code) if code else None
                if entry is not None:
                    row = {
                        "code": code,
                        "match": "given",
                        "confidence": 1.0,
                        "matched": entry.name,
                        "detail": "code set on the plan's indicator",
                    }
                else:
                    m = self.catalog.match(name)
                    entry = self.catalog.find(m.code) if m.code else None
                    note = f"plan code {code} is not in the catalog; " if code else ""
                    row = {
                        "code": m.code,
                        "match": m.reason.name,
                        "confidence": m.confidence,
                        "matched": m.matched,
                        "detail": note + m.detail,
                    }
                rows.append(
                    {
                        "plan_id": p.id,
                        "plan": self.labels[p.id],
                        "indicator": name,
                        "n_targets": counts.get(name, 0),
                        "catalog_name": entry.name if entry else "",
                        **row,
                    }
                )
        return pd.DataFrame(
            rows,
            columns=[
                "plan_id",
                "plan",
                "indicator",
                "n_targets",
                "code",
                "catalog_name",
                "match",
                "confidence",
                "matched",
                "detail",
            ],
        )

    def _code_of(self) -> dict[tuple[str, str], tuple[str, str, float]]:
        # The cells are the str and float _build_matches put there; pandas-stubs cannot know a
        # column's dtype and types a cell as any scalar.
        return {
            (str(r.plan_id), str(r.indicator)): (str(r.code), str(r.match), cast(float, r.confidence))
            for r in self.matches.itertuples(index=False)
        }

    def _build_targets(self) -> pd.DataFrame:
        from ._pandas import pd

        nan = float("nan")
        codes = self._code_of()
        rows = []
        for p in self.plans:
            for t in p.targets:
                code, how, confidence = codes.get((p.id, t.indicator), ("", "none", 0.0))
                if not code:
                    continue
                e = self.catalog.find(code)
                if e is None:  # codes come from this catalog's matches
                    raise LookupError(f"catalog {self.catalog.name!r} has no indicator {code!r}")
                s = stringency(t, e, interpolate=self.interpolate)
                ref = s.reference
                national = ref if ref.basis != NationalBasis.none else None
                unit = national.unit if national else e.unit
                value = s.plan_value
                if value is None and t.value is not None:
                    try:
                        value = t.value if t.unit.symbol == "" else _core.convert(t.value, t.unit, unit)
                    except ValueError:
                        value = None
                rows.append(
                    {
                        "code": code,
                        "name": e.name,
                        "action": e.action,
                        "direction": e.direction.name,
                        "plan_id": p.id,
                        "plan": self.labels[p.id],
                        "year": t.year,
                        "kind": t.kind.name,
                        "op": t.comparator.symbol,
                        "value": nan if value is None else value,
                        "unit": unit.symbol,
                        "national_op": national.comparator.symbol
                        if national and national.comparator is not None
                        else "",
                        "national_value": national.value if national and national.value is not None else nan,
                        "national_text": national.text if national else "",
                        "basis": ref.label,
                        "verdict": s.verdict.name,
                        "margin": nan if s.margin is None else s.margin,
                        "relative_margin": nan if s.relative_margin is None else s.relative_margin,
                        "reason": s.reason,
                        "indicator": t.indicator,
                        "value_as_written": nan if t.value is None else t.value,
                        "unit_as_written": t.unit.symbol,
                        "match": how,
                        "confidence": confidence,
                        "soft": t.soft,
                        "target_id": t.id,
                        "national_source": national.source if national else "",
                    }
                )
        frame = pd.DataFrame(rows, columns=list(COMPARE_TARGET_COLUMNS))
        frame["year"] = frame["year"].astype("Int64")
        frame["verdict"] = frame["verdict"].astype(stringency_dtype())  # ordered: stricter > equal > looser
        return frame.sort_values(["code", "year", "plan_id"], kind="stable").reset_index(drop=True)

    def _build_coverage(self) -> pd.DataFrame:
        from ._pandas import pd

        covered = {(r.code, r.plan_id) for r in self.targets.itertuples(index=False)}
        rows = []
        for e in self.catalog.entries:
            row: dict[str, Any] = {
                "code": e.code,
                "name": e.name,
                "action": e.action,
                "national_targets": ", ".join(str(t.year) for t in e.targets),
            }
            for p in self.plans:
                row[self.labels[p.id]] = (e.code, p.id) in covered
            row["n_plans"] = sum(1 for p in self.plans if (e.code, p.id) in covered)
            rows.append(row)
        return pd.DataFrame(
            rows,
            columns=["code", "name", "action", "national_targets", *[self.labels[p.id] for p in self.plans], "n_plans"],
        )

    def _build_responsibility(self) -> pd.DataFrame:
        from ._pandas import pd

        rows = []
        order = {k.id: i for i, k in enumerate(department_kinds())}
        for p in self.plans:
            places = [p.region.name] if p.region.name else []
            led: dict[str, int] = {}
            co: dict[str, int] = {}
            units: dict[str, set[str]] = {}
            for task in p.tasks:
                lead_kinds = set()
                for a in task.lead:
                    n = normalize_agency(a.name or a.as_written, places)
                    lead_kinds.add(n.kind)
                    units.setdefault(n.kind, set()).add(n.canonical)
                resp_kinds = set()
                for a in task.responsible:
                    n = normalize_agency(a.name or a.as_written, places)
                    resp_kinds.add(n.kind)
                    units.setdefault(n.kind, set()).add(n.canonical)
                for k in lead_kinds:
                    led[k] = led.get(k, 0) + 1
                for k in resp_kinds - lead_kinds:
                    co[k] = co.get(k, 0) + 1
            for kind in sorted(set(led) | set(co), key=lambda k: order.get(k, len(order))):
                dk = department_kind(kind)
                rows.append(
                    {
                        "plan_id": p.id,
                        "plan": self.labels[p.id],
                        "kind": kind,
                        "label": dk.label,
                        "label_zh": dk.label_zh,
                        "led": led.get(kind, 0),
                        "co_responsible": co.get(kind, 0),
                        "tasks": led.get(kind, 0) + co.get(kind, 0),
                        "units": "、".join(sorted(units.get(kind, ()))),
                    }
                )
        return pd.DataFrame(
            rows, columns=["plan_id", "plan", "kind", "label", "label_zh", "led", "co_responsible", "tasks", "units"]
        )

    def _build_timelines(self) -> pd.DataFrame:
        from ._pandas import pd

        matched = self.targets.groupby("plan_id").size().to_dict() if len(self.targets) else {}
        rows = []
        for p in self.plans:
            years = sorted({t.year for t in p.targets if t.year is not None})
            rows.append(
                {
                    "plan_id": p.id,
                    "plan": self.labels[p.id],
                    "title": p.title,
                    "level": p.region.level.name,
                    "issue_date": p.issue_date.iso() if p.issue_date else "",
                    "period_start": p.period_start,
                    "period_end": p.period_end,
                    "target_years": ", ".join(str(y) for y in years),
                    "first_target_year": years[0] if years else None,
                    "last_target_year": years[-1] if years else None,
                    "n_targets": len(p.targets),
                    "n_matched_targets": int(matched.get(p.id, 0)),
                    "n_tasks": len(p.tasks),
                }
            )
        frame = pd.DataFrame(
            rows,
            columns=[
                "plan_id",
                "plan",
                "title",
                "level",
                "issue_date",
                "period_start",
                "period_end",
                "target_years",
                "first_target_year",
                "last_target_year",
                "n_targets",
                "n_matched_targets",
                "n_tasks",
            ],
        )
        for col in ("period_start", "period_end", "first_target_year", "last_target_year"):
            frame[col] = frame[col].astype("Int64")
        return frame

    def _build_unmatched(self) -> pd.DataFrame:
        m = self.matches
        return m[m["code"] == ""][["plan_id", "plan", "indicator", "n_targets", "detail"]].reset_index(drop=True)

    # -- views ----------------------------------------------------------------

    @property
    def sources(self) -> pd.DataFrame:
        """The catalog's sources (ids used in ``targets.national_source``)."""
        from ._pandas import pd

        return pd.DataFrame(
            [{"id": s.id, "url": s.url, "title": s.title} for s in self.catalog.sources], columns=["id", "url", "title"]
        )

    def _level_targets(self, year: int | None) -> pd.DataFrame:
        t = self.targets
        t = t[t["kind"].isin(["level", "rate"])]
        if year is not None:
            t = t[t["year"] == year]
        return t

    def targets_wide(self, year: int | None = None) -> pd.DataFrame:
        """Catalog indicator (× year) by plan: the plans' values in the catalog unit, beside the national one."""
        from ._pandas import pd

        t = self._level_targets(year)
        if t.empty:
            return pd.DataFrame()
        index = ["code", "name", "year", "unit"]
        wide = t.groupby([*index, "plan"])["value"].first().unstack("plan")
        wide = wide.reindex(columns=[self.labels[p.id] for p in self.plans if self.labels[p.id] in wide.columns])
        wide.insert(0, "national", t.groupby(index)["national_value"].first())
        # An interpolated national value is a point on the national path, not a stated target: say which.
        wide.insert(1, "national_basis", t.groupby(index)["basis"].first())
        wide.columns.name = None
        return wide

    def stringency_matrix(self, year: int | None = None) -> pd.DataFrame:
        """Catalog indicator (× year) by plan: the verdict of each cell."""
        from ._pandas import pd

        t = self._level_targets(year)
        t = t[t["verdict"] != "not_comparable"]
        if t.empty:
            return pd.DataFrame()
        wide = t.groupby(["code", "name", "year", "plan"])["verdict"].first().unstack("plan")
        wide = wide.reindex(columns=[self.labels[p.id] for p in self.plans if self.labels[p.id] in wide.columns])
        wide.columns.name = None
        return wide

    def responsibility_matrix(self, role: str = "led") -> pd.DataFrame:
        """Department kind × plan: number of tasks led (``role="led"``), co-responsible or ``"tasks"`` (both)."""
        if role not in ("led", "co_responsible", "tasks"):
            raise ValueError(f"role must be 'led', 'co_responsible' or 'tasks', not {role!r}")
        r = self.responsibility
        if r.empty:
            from ._pandas import pd

            return pd.DataFrame()
        wide = r.pivot_table(index=["kind", "label_zh"], columns="plan", values=role, aggfunc="sum", fill_value=0)
        order = {k.id: i for i, k in enumerate(department_kinds())}
        wide = wide.reset_index()
        wide["_order"] = wide["kind"].map(lambda k: order.get(k, len(order)))
        wide = wide.sort_values("_order", kind="stable").drop(columns="_order").set_index(["kind", "label_zh"])
        wide = wide[[self.labels[p.id] for p in self.plans if self.labels[p.id] in wide.columns]]
        wide.columns.name = None
        return wide

    def summary(self) -> pd.DataFrame:
        """Per plan: targets, matched targets, covered catalog indicators, and the verdict counts.

        Verdict counts include comparisons with the interpolated national path;
        ``interpolated`` says how many of the plan's verdicts rest on it.
        """
        from ._pandas import pd

        rows = []
        for p in self.plans:
            label = self.labels[p.id]
            t = self.targets[self.targets["plan_id"] == p.id]
            counts = t["verdict"].value_counts().to_dict()
            interpolated = int(((t["verdict"] != "not_comparable") & t["basis"].str.startswith("interpolated")).sum())
            rows.append(
                {
                    "plan_id": p.id,
                    "plan": label,
                    "targets": len(p.targets),
                    "matched": len(t),
                    "indicators_covered": int(self.coverage[label].sum()) if label in self.coverage else 0,
                    "stricter": counts.get("stricter", 0),
                    "equal": counts.get("equal", 0),
                    "looser": counts.get("looser", 0),
                    "not_comparable": counts.get("not_comparable", 0),
                    "interpolated": interpolated,
                    "unmatched_names": int((self.unmatched["plan_id"] == p.id).sum()),
                }
            )
        return pd.DataFrame(
            rows,
            columns=[
                "plan_id",
                "plan",
                "targets",
                "matched",
                "indicators_covered",
                "stricter",
                "equal",
                "looser",
                "not_comparable",
                "interpolated",
                "unmatched_names",
            ],
        )

    def frames(self) -> dict[str, pd.DataFrame]:
        """All result frames by name (what the CLI writes)."""
        return {
            "summary": self.summary(),
            "targets": self.targets,
            "coverage": self.coverage,
            "responsibility": self.responsibility,
            "timelines": self.timelines,
            "unmatched": self.unmatched,
        }

    def to_excel(self, path: str | os.PathLike[str]) -> None:
        """Writes every frame to one ``.xlsx`` workbook, a sheet per frame."""
        write_frames(self.frames(), path)

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        """Every frame as a list of JSON-ready records (NaN → None)."""
        out = {}
        for name, frame in self.frames().items():
            out[name] = json.loads(frame.to_json(orient="records", force_ascii=False))
        return out

    def __repr__(self) -> str:
        return (
            f"<Comparison of {len(self.plans)} plans against {len(self.catalog)} catalog indicators: "
            f"{len(self.targets)} matched targets, {len(self.unmatched)} unmatched names>"
        )

    def _repr_html_(self) -> str:
        """A bounded notebook view: the summary and the head of each frame."""
        esc = html.escape
        parts = [
            f"<div><b>healthplan.Comparison</b>: {len(self.plans)} plans "
            f"({esc(', '.join(self.labels.values()))}) against {esc(self.catalog.name or 'the catalog')}"
        ]
        for name, frame in (("summary", self.summary()), ("targets", self.targets), ("unmatched", self.unmatched)):
            parts.append(f"<p><b>{name}</b> ({len(frame)} rows)</p>")
            view = frame
            if name == "targets":
                view = frame[
                    ["name", "plan", "year", "op", "value", "unit", "national_value", "basis", "verdict", "margin"]
                ]
            parts.append(view.head(_HTML_ROWS).to_html(index=False, na_rep="", max_cols=12))
            if len(frame) > _HTML_ROWS:
                parts.append(f"<p>… {len(frame) - _HTML_ROWS} more rows: see <code>.{name}</code></p>")
        parts.append(
            "<p>Also: <code>.coverage</code>, <code>.responsibility</code>, <code>.timelines</code>, "
            "<code>.targets_wide()</code>, <code>.stringency_matrix()</code></p></div>"
        )
        return "".join(parts)


def compare(
    plans: Iterable[Plan | str | os.PathLike[str]],
    catalog: Catalog | str | os.PathLike[str] | Mapping[str, Iterable[str]] | None = None,
    *,
    interpolate: bool = True,
) -> Comparison:
    """Compares plans with each other and with the national targets of ``catalog``.

    ``plans`` are Plan objects or paths of plan JSON files. ``catalog`` is a
    Catalog, a catalog JSON path (merged into the bundled one), an alias
    mapping ``{code: [names]}``, or None for the bundled 健康中国行动 catalog.
    A target of a year without a national target (2025) is compared with the
    national path interpolated between the nearest national points around it
    (``targets.basis`` = ``interpolated(2022–2030)``); ``interpolate=False``
    compares same-year targets only. Nothing is extrapolated.
    """
    loaded = _load_plans(plans)
    return Comparison(loaded, _as_catalog(catalog), interpolate=interpolate)

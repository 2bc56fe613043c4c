"""From a :class:`~healthplan.report.Report` to the page: the words and tables of each
section (plain data), then the Jinja2 templates (autoescaped) in ``templates/``."""

from __future__ import annotations

import datetime as _dt
import functools
import json
import math
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .._frames import VERDICT_ORDER, units_long
from . import _svg
from ._i18n import Words, _data
from ._table import Cell, Label, Table, count, number, table, text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..model import Plan
    from . import Report

_JUDGED = ("achieved_early", "achieved", "on_track", "off_track", "missed")
_PROGRESS_CHARTS = 6


# ------------------------------------------------------------------ helpers --


def _f(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):  # None, pd.NA, text
        return math.nan


def _num(v: Any) -> str:
    f = _f(v)
    return "" if math.isnan(f) else f"{f:.4g}"


def _yr(v: Any) -> str:
    """A year as text; blank when missing (None, NaN or pd.NA)."""
    f = _f(v)
    return "" if math.isnan(f) else str(int(f))


def _unit(u: Any, w: Words) -> str:
    """The unit as a reader writes it after a number (‰, /10万, 个百分点; per 100,000, pp)."""
    u = "" if u is None or (isinstance(u, float) and math.isnan(u)) else str(u)
    return "" if u == "<NA>" else w.unit(u)


def _target_text(w: Words, kind: str, op: str, value: Any, unit: Any) -> str:
    if op in ("increase", "decrease") and math.isnan(_f(value)):
        return w.trend(op)
    return f"{w.op(op)} {_num(value)}{_unit(unit, w)}".strip()


def _verdict_cell(w: Words, verdict: str) -> Cell:
    order = VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else 99
    return Cell(w.verdict(verdict), sort=float(order), cls=f"v v-{verdict}")


# -------------------------------------------------------- own targets judged --


def _one_line(w: Words, r: Any) -> str:
    """The explanation in one line, in the report's language, from the result's fields."""
    unit = _unit(r.unit, w)
    target = _target_text(w, r.kind, r.comparator, r.threshold, r.unit)
    latest = f"{_num(r.latest_value)}{unit}"
    if r.verdict == "not_evaluable":
        return w.verdict("not_evaluable")
    if r.verdict == "insufficient_data":
        return w.lacking(r.reason)
    if r.verdict in ("achieved", "missed"):
        return f"{r.year}年 {latest}，目标 {target}" if w.lang == "zh" else f"{latest} in {r.year}; target {target}"
    if r.verdict == "achieved_early":
        return (
            f"{r.latest_year}年已达 {latest}，目标 {target}"
            if w.lang == "zh"
            else f"already {latest} in {r.latest_year}; target {target}"
        )
    projected = _num(r.projected_value)
    if w.lang == "zh":
        tail = f"；按趋势{r.year}年约 {projected}{unit}" if projected else ""
        return f"{r.latest_year}年 {latest}{tail}，目标 {target}"
    tail = f"; projected {projected}{unit} by {r.year}" if projected else ""
    return f"{latest} in {r.latest_year}{tail}; target {target}"


_DETAIL_FIELDS = (
    ("method", "方法", "method"),
    ("points", "数据点", "points used"),
    ("baseline_year", "起始年", "first year"),
    ("observed_pace", "实际年变化", "observed change a year"),
    ("required_pace", "所需年变化", "required change a year"),
    ("years_to_target", "达标所需年数", "years to target"),
    ("probability", "达标概率", "probability of meeting"),
)


def _detail(w: Words, r: Any) -> str:
    parts = []
    for col, zh, en in _DETAIL_FIELDS:
        v = getattr(r, col)
        shown = _num(v) if not isinstance(v, str) else v
        if shown and shown != "<NA>":
            parts.append(f"{zh if w.lang == 'zh' else en}: {shown}")
    if w.lang == "en" and r.explanation:
        parts.append(str(r.explanation))
    return "; ".join(parts)


def _own_table(w: Words, plan: Plan, results: pd.DataFrame, anchor: str) -> Table:
    rows = []
    for r in results.itertuples(index=False):
        if r.verdict == "insufficient_data":
            continue
        indicator = str(r.indicator)
        code = _code_of(plan, indicator)
        rows.append(
            [
                text(w.indicator(indicator, code)),
                Cell(_yr(r.year), sort=_f(r.year)),
                text(_target_text(w, str(r.kind), str(r.comparator), r.threshold, r.unit)),
                Cell(
                    f"{_num(r.latest_value)}{_unit(r.unit, w)} ({r.latest_year})" if _num(r.latest_value) else "",
                    sort=_f(r.latest_value),
                ),
                _verdict_cell(w, str(r.verdict)),
                Cell(_one_line(w, r), detail=_detail(w, r)),
            ]
        )
    cols: list[Label] = [w.col("indicator"), (w.col("year"), True), w.col("target"), (w.col("latest"), True)]
    return table(f"{anchor}-own", [*cols, w.col("verdict"), w.col("explanation")], rows)


def _not_judged_table(w: Words, plan: Plan, results: pd.DataFrame, anchor: str) -> Table:
    rows = [
        [
            text(w.indicator(str(r.indicator), _code_of(plan, str(r.indicator)))),
            Cell(_yr(r.year), sort=_f(r.year)),
            text(_target_text(w, str(r.kind), str(r.comparator), r.threshold, r.unit)),
            Cell(w.lacking(str(r.reason)), detail=str(r.reason) if w.lang == "en" else ""),
        ]
        for r in results.itertuples(index=False)
        if r.verdict == "insufficient_data"
    ]
    labels: list[Label] = [w.col("indicator"), (w.col("year"), True), w.col("target"), w.col("lacking")]
    return table(f"{anchor}-lacking", labels, rows)


#: Catalog codes of each plan's indicator names, filled once per render (plan id → name → code).
_CODES: dict[str, dict[str, str]] = {}


def _code_of(plan: Plan, indicator: str) -> str | None:
    codes = _CODES.get(plan.id)
    if codes is None:
        from ..compare import default_catalog

        cat = default_catalog()
        codes = _CODES[plan.id] = {i.name: i.code or (cat.match(i.name).code or "") for i in plan.indicators}
    return codes.get(indicator)


# ------------------------------------------------------------ accountability --


def _accountability(w: Words, plan: Plan, results: pd.DataFrame, anchor: str) -> list[dict[str, Any]]:
    """Per role, a units × verdict table with a drill-down to the targets of each unit."""
    links = units_long(plan)
    if links.empty or results.empty:
        return []
    merged = links.merge(results[["target_id", "indicator", "year", "verdict"]], on="target_id")
    out = []
    for role, label in (("lead", w.ui("by_lead")), ("responsible", w.ui("by_responsible"))):
        part = merged[merged["role"] == role]
        if part.empty:
            continue
        rows = []
        for unit, g in part.groupby("unit", sort=False):
            counts = g["verdict"].value_counts()
            items = [
                f"{w.indicator(str(x.indicator), _code_of(plan, str(x.indicator)))} {_yr(x.year)}: {w.verdict(str(x.verdict))}"
                for x in g.itertuples(index=False)
            ]
            rows.append(
                [
                    Cell(str(unit), items=items),
                    *(count(int(counts.get(v, 0)), f"v v-{v}") for v in VERDICT_ORDER),
                    count(len(g)),
                ]
            )
        # Scorecard order: the units with the most judged targets first, then by all their targets.
        judged = len(_JUDGED)
        rows.sort(key=lambda r: (-sum(float(c.sort or 0) for c in r[1 : 1 + judged]), -float(r[-1].sort or 0)))
        labels: list[Label] = [label, *((w.verdict(v), True) for v in VERDICT_ORDER), (w.col("total"), True)]
        out.append({"label": label, "table": table(f"{anchor}-{role}", labels, rows)})
    return out


# ------------------------------------------------------- against the national --


def _vs_national(w: Words, report: Report, plan: Plan, anchor: str) -> tuple[Table, str]:
    c = report.comparison
    t = c.targets[c.targets["plan_id"] == plan.id]
    rows = []
    pairs = []
    for r in t.itertuples(index=False):
        name = w.indicator(str(r.name), str(r.code))
        basis = r.basis if isinstance(r.basis, str) else ""
        national = (
            f"{w.op(str(r.national_op))} {_num(r.national_value)}{_unit(r.unit, w)}".strip()
            if _num(r.national_value)
            else ""
        )
        if basis.startswith("interpolated"):
            national += f" ({w.ui('interpolated')})"
        rows.append(
            [
                text(name),
                Cell(_yr(r.year), sort=_f(r.year)),
                text(_target_text(w, str(r.kind), str(r.op), r.value, r.unit)),
                text(national),
                Cell(w.verdict(str(r.verdict)), cls=f"v v-{r.verdict}"),
                number(r.margin, _unit(r.unit, w)),
            ]
        )
        if r.verdict in ("stricter", "looser") and not math.isnan(_f(r.value)) and not math.isnan(_f(r.national_value)):
            pairs.append(
                _svg.Pair(
                    f"{_yr(r.year)} {name}",
                    _f(r.value),
                    _f(r.national_value),
                    _unit(r.unit, w),
                    str(r.verdict),
                    w.verdict(str(r.verdict)),
                )
            )
    labels: list[Label] = [
        w.col("indicator"),
        (w.col("year"), True),
        w.col("target"),
        w.col("national"),
        w.col("stringency"),
        (w.col("margin"), True),
    ]
    chart = (
        _svg.dumbbell(pairs[:16], plan_name=c.labels[plan.id], national_name=w.col("national")) if report.charts else ""
    )
    return table(f"{anchor}-national", labels, rows), chart


# ----------------------------------------------------------------- sections --


def _anchors(report: Report) -> dict[str, str]:
    """Each plan's anchor: ``plan-`` and its readable id (healthplan/_plan_ids.py), made safe for an
    HTML id and a CSV file name; distinct even when two ids only differ in characters dropped."""
    from .._plan_ids import _safe

    out: dict[str, str] = {}
    for p in report.plans:
        base = f"plan-{_safe(p.id) or 'x'}"
        anchor, n = base, 1
        while anchor in out.values():
            n += 1
            anchor = f"{base}-{n}"
        out[p.id] = anchor
    return out


def _plan_section(w: Words, report: Report, plan: Plan) -> dict[str, Any]:
    from ..local import plan_label

    anchor = _anchors(report)[plan.id]
    results = report.own.get(plan.id)
    results = results if results is not None else _empty_results()
    judged = results[results["verdict"].isin(_JUDGED)]
    counts = [(v, w.verdict(v), int((results["verdict"] == v).sum())) for v in VERDICT_ORDER]
    has_local = bool(report.local_rows is not None and len(report.local_rows)) and bool(
        (report.local_rows["region"] == plan.region.name).any() if report.local_rows is not None else False
    )
    vs_table, vs_chart = _vs_national(w, report, plan, anchor)
    period = f"{plan.period_start or ''}–{plan.period_end or ''}" if plan.period_start or plan.period_end else ""
    return {
        "anchor": anchor,
        "label": plan_label(plan),
        "title": plan.title,
        "meta": [
            (w.ui("plan_meta_issuer"), plan.issuer),
            (w.ui("plan_meta_doc"), plan.doc_number),
            (w.ui("plan_meta_period"), period),
            (w.ui("plan_meta_contents"), w.ui("plan_meta_counts", targets=len(plan.targets), tasks=len(plan.tasks))),
        ],
        "has_local": has_local,
        "judged": len(judged),
        "verdict_bar": _svg.stacked_bar(counts, title=w.ui("own_targets")) if has_local and report.charts else "",
        "verdict_legend": _svg.legend([(k, label) for k, label, n in counts if n]) if has_local else "",
        "own": _own_table(w, plan, results, anchor),
        "lacking": _not_judged_table(w, plan, results, anchor),
        "accountability": _accountability(w, plan, results, anchor) if has_local else [],
        "vs_table": vs_table,
        "vs_chart": vs_chart,
        "vs_legend": _svg.legend([("stricter", w.verdict("stricter")), ("looser", w.verdict("looser"))]),
        "template_cmd": f"healthplan template {_input_name(report, plan)} -o observed.csv",
    }


def _input_name(report: Report, plan: Plan) -> str:
    for path, p in zip(report.inputs, report.plans):
        if p.id == plan.id:
            return Path(path).name
    return "PLAN"


def _empty_results() -> pd.DataFrame:
    from .._pandas import pd
    from ..evaluate import RESULT_COLUMNS

    return pd.DataFrame(columns=list(RESULT_COLUMNS))


def _overview(w: Words, report: Report) -> tuple[list[tuple[int, str]], Table]:
    from ..local import plan_label

    c = report.comparison
    s = c.summary().set_index("plan_id")
    judged_total = 0
    rows = []
    for p in report.plans:
        r = s.loc[p.id]
        own = report.own.get(p.id)
        judged = 0 if own is None else int(own["verdict"].isin(_JUDGED).sum())
        judged_total += judged
        rows.append(
            [
                Cell(plan_label(p), href=f"#{_anchors(report)[p.id]}"),
                count(int(r["targets"])),
                count(judged),
                count(int(r["matched"])),
                count(int(r["stricter"]), "v v-stricter"),
                count(int(r["equal"]), "v v-equal"),
                count(int(r["looser"]), "v v-looser"),
            ]
        )
    labels: list[Label] = [
        w.col("plan"),
        (w.col("targets"), True),
        (w.col("judged"), True),
        (w.col("matched"), True),
        (w.col("stricter"), True),
        (w.col("equal"), True),
        (w.col("looser"), True),
    ]
    t = c.targets
    cards = [
        (len(report.plans), w.ui("card_plans")),
        (int(s["targets"].sum()), w.ui("card_targets")),
        (judged_total, w.ui("card_judged")),
        (len(t), w.ui("card_matched")),
        (int((t["verdict"] == "stricter").sum()), w.ui("card_stricter")),
        (int((t["verdict"] == "looser").sum()), w.ui("card_looser")),
    ]
    return cards, table("overview", labels, rows)


def _national_evaluation(w: Words, report: Report) -> dict[str, Any]:
    ev = report.evaluation
    if ev is None or ev.empty:
        return {"table": None, "charts": [], "missing": ""}
    observed = ev[ev["latest_value"].notna()]
    rows = [
        [
            text(w.indicator(str(r.indicator), str(r.indicator_key))),
            Cell(_yr(r.year), sort=_f(r.year)),
            text(_target_text(w, str(r.kind), str(r.comparator), r.threshold, r.unit)),
            Cell(f"{_num(r.latest_value)}{_unit(r.unit, w)} ({r.latest_year})", sort=_f(r.latest_value)),
            _verdict_cell(w, str(r.verdict)),
            Cell(_one_line(w, r), detail=_detail(w, r)),
        ]
        for r in observed.itertuples(index=False)
    ]
    labels: list[Label] = [
        w.col("indicator"),
        (w.col("year"), True),
        w.col("target"),
        (w.col("latest"), True),
        w.col("verdict"),
        w.col("explanation"),
    ]
    charts = _progress_charts(w, report, observed) if report.charts else []
    no_data = ev[ev["latest_value"].isna()].drop_duplicates("indicator")
    missing = "、".join(w.indicator(str(r.indicator), str(r.indicator_key)) for r in no_data.itertuples(index=False))
    return {"table": table("national-evaluation", labels, rows), "charts": charts, "missing": missing}


def _progress_charts(w: Words, report: Report, observed: pd.DataFrame) -> list[str]:
    obs = report.observations
    if obs is None or obs.empty:
        return []
    nat = obs[obs["region"] == "全国"]
    depth = observed.groupby("indicator_key", sort=False)["points"].max().sort_values(ascending=False, kind="stable")
    charts = []
    for key in list(depth.index[:_PROGRESS_CHARTS]):
        rows = observed[observed["indicator_key"] == key]
        name = str(rows["indicator"].iloc[0])
        series = nat[nat["indicator"].isin([name, key])]
        if "published" in series.columns:  # revisions of a year: the latest published figure
            series = series.sort_values(["year", "published"], kind="stable")
        series = series.drop_duplicates("year", keep="last").sort_values("year")
        points = [(int(y), float(v)) for y, v in zip(series["year"], series["value"]) if v == v]
        targets = [(int(y), float(v)) for y, v in zip(rows["year"], rows["threshold"]) if v == v]
        charts.append(
            _svg.line_chart(points, targets, title=w.indicator(name, str(key)), unit=_unit(rows["unit"].iloc[0], w))
        )
    return [c for c in charts if c]


def _departments(w: Words, report: Report) -> Table | None:
    from ..compare import department_kinds

    c = report.comparison
    led, shared = c.responsibility_matrix("led"), c.responsibility_matrix("co_responsible")
    if led.empty:
        return None
    english = {k.id: k.id.replace("_", " ") for k in department_kinds()}
    rows = []
    for key in led.index:
        kind, label_zh = key
        cells = []
        for plan in led.columns:
            n_led = int(led.loc[key, plan])
            n_shared = int(shared.loc[key, plan]) if key in shared.index and plan in shared.columns else 0
            cells.append(Cell(f"{n_led} / {n_shared}" if n_led or n_shared else "", sort=float(n_led + n_shared)))
        if any(cell.text for cell in cells):
            rows.append([text(label_zh if w.lang == "zh" else english.get(kind, kind)), *cells])
    labels: list[Label] = [
        w.col("department_kind"),
        *((f"{p} ({w.ui('led')} / {w.ui('shared')})", True) for p in led.columns),
    ]
    return table("departments", labels, rows)


def _appendix(w: Words, report: Report) -> dict[str, Table | None]:
    from ..local import plan_label

    c = report.comparison
    labels_of = {p.id: plan_label(p) for p in report.plans}
    unmatched = table(
        "unmatched",
        [w.col("plan"), w.col("indicator"), (w.col("n_targets"), True), w.col("detail")],
        [
            [
                text(labels_of.get(str(r.plan_id), str(r.plan))),
                text(r.indicator),
                # pandas-stubs cannot know that n_targets is an int column.
                count(int(cast(int, r.n_targets))),
                text(r.detail),
            ]
            for r in c.unmatched.itertuples(index=False)
        ],
    )
    sources = table("sources", [w.col("id"), w.col("title"), w.col("kind")], _source_rows(w, report))
    inputs = table(
        "inputs",
        [w.col("plan"), w.col("file")],
        [
            [Cell(labels_of[p.id], href=f"#{_anchors(report)[p.id]}"), text(Path(f).name)]
            for p, f in zip(report.plans, report.inputs)
        ]
        + [[text(w.ui("file_of_inputs")), text(Path(f).name)] for f in report.observation_files],
    )
    return {"unmatched": unmatched, "sources": sources, "inputs": inputs, "english_names": _english_names(w)}


def _source_rows(w: Words, report: Report) -> list[list[Cell]]:
    """National catalog sources, cited to the primary publication where one is known.

    A primary address counts as confirmed only when ``sources.json`` records how it was
    verified; otherwise the row says the address is unverified. Other links (catalog
    reposts, observation sources) are reposts unless listed in ``verified_links``.
    """
    primary = _data("sources.json")
    docs, mapped = primary["documents"], primary["catalog_sources"]
    verified_links = set(primary.get("verified_links", []))
    rows = []
    shown_docs = set()
    for s in report.comparison.catalog.sources:
        doc_key = mapped.get(s.id)
        if doc_key:
            doc = docs[doc_key]
            if doc_key in shown_docs:
                continue
            shown_docs.add(doc_key)
            title = doc["title"] if w.lang == "zh" else doc["title_en"]
            ids = ", ".join(k for k, v in mapped.items() if v == doc_key)
            status = _document_status(w, doc)
            rows.append([text(ids), Cell(title, href=doc["url"]), status])
        else:
            rows.append([text(s.id), Cell(s.title or s.url, href=s.url), Cell(w.ui("repost"), cls="muted")])
    obs = report.observations
    if obs is not None and "source" in obs.columns:
        for src in sorted({str(x) for x in obs["source"].dropna() if str(x)}):
            url = src.split(" ", 1)[0]
            is_link = url.startswith(("http://", "https://"))
            kind = w.ui("primary") if url in verified_links else w.ui("repost")
            rows.append([text("obs"), Cell(src, href=url if is_link else ""), Cell(kind, cls="muted")])
    return rows


def _document_status(w: Words, doc: dict[str, Any]) -> Cell:
    """ "primary" for an address verified on its own page; else "primary, address unverified",
    with what the check found as the cell's detail."""
    if doc.get("verified"):
        return Cell(w.ui("primary"), detail=str(doc["verified"]))
    return Cell(w.ui("primary_unverified"), cls="muted", detail=str(doc.get("unverified", "")))


def _english_names(w: Words) -> Table | None:
    """Where each English indicator name comes from: a quoting official publication, or our translation."""
    if w.lang != "en":
        return None
    data = _data("indicators_en.json")
    sources, origin = data["sources"], data["origin"]
    rows = []
    for code, name in data["names"].items():
        src = sources.get(origin.get(code, ""))
        where = Cell(src["title"], href=src["url"]) if src else Cell(w.ui("own_translation"), cls="muted")
        rows.append([text(code), text(name), where])
    return table("english-names", [w.col("id"), w.col("name"), w.col("origin")], rows)


# ------------------------------------------------------------------- render --


@functools.lru_cache(maxsize=1)
def _environment() -> Any:
    try:
        import jinja2
    except ModuleNotFoundError as err:
        raise ImportError("the HTML report needs Jinja2: pip install 'healthplan[report]'") from err

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("healthplan.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


def _asset(name: str) -> str:
    return (resources.files("healthplan.report") / "templates" / name).read_text(encoding="utf-8")


def context(report: Report, lang: str) -> dict[str, Any]:
    """Everything the template shows, as plain data (tests read it too)."""
    from .. import __version__

    w = Words(lang)
    _CODES.clear()  # plans of another report may share ids
    c = report.comparison
    cards, overview = _overview(w, report)
    plans = [_plan_section(w, report, p) for p in report.plans]
    glossary = w.glossary()
    return {
        "lang": lang,
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "w": w,
        "version": __version__,
        "now": _dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "catalog_name": c.catalog.name,
        "catalog_size": len(c.catalog),
        "cards": cards,
        "overview": overview,
        "plans": plans,
        "observation_files": [Path(f).name for f in report.observation_files],
        "national": _national_evaluation(w, report),
        "national_legend": _svg.legend([(v, w.verdict(v)) for v in VERDICT_ORDER]),
        "departments": _departments(w, report),
        "glossary": glossary,
        "appendix": _appendix(w, report),
        "css": _asset("style.css"),
        "js": _asset("table.js"),
        "strings_js": json.dumps(
            {"filter": w.ui("filter"), "csv": w.ui("download_csv"), "rows": w.ui("rows")}, ensure_ascii=False
        ),
    }


def render(report: Report, lang: str) -> str:
    return str(_environment().get_template("report.html.j2").render(**context(report, lang)))

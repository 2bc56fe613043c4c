"""``healthplan evaluate PLAN.json OBS.csv``: verdicts for every target.

Prints one row per target (CSV, JSON or a short text table) and, with
``--scorecard BY``, a scorecard instead. ``OBS.csv`` may be ``china`` for the
bundled national observations.
"""

from __future__ import annotations

import argparse
import sys


def _year(text: str) -> int:
    """An --as-of year: a plausible calendar year (the model's 1949–2100), one line on error."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a year") from None
    if not 1949 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"{year} is not a plausible year (1949–2100)")
    return year


def _cmd_evaluate(args: argparse.Namespace) -> int:
    # `healthplan.evaluate` is also the name of the function the package
    # exports, so the module is taken from sys.modules, not as an attribute.
    import importlib

    ev = importlib.import_module("healthplan.evaluate")

    if args.observations == "china":
        obs = ev.observed_china()
    else:
        obs = ev.Observations.from_csv(args.observations, default_region=args.default_region or "")
    policy = ev._policy(None, args.method, trend=args.trend, benchmark_lag=args.benchmark_lag, region=args.region)
    results = ev.evaluate(args.plans, obs, as_of=args.as_of, policy=policy)
    frame = ev.scorecard(results, by=args.scorecard, policy=policy) if args.scorecard else results
    out = sys.stdout
    if args.format == "csv":
        frame.to_csv(out, index=False)
    elif args.format == "json":
        import json

        # pandas writes NaN/NA as null; re-dump for readable text (no "\/" escapes).
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        out.write(json.dumps(records, ensure_ascii=False, indent=1))
        out.write("\n")
    else:
        if args.scorecard:
            out.write(frame.to_string(index=False))
            out.write("\n")
        else:
            for r in results.itertuples(index=False):
                year = "----" if r.year is None or str(r.year) == "<NA>" else str(r.year)
                out.write(f"{r.plan_id}/{r.target_id}  {year}  {r.indicator}  {r.verdict}  [{r.method}]\n")
                out.write(f"    {r.explanation}\n")
        counts = results["verdict"].value_counts()
        out.write("verdicts: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + "\n")
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("evaluate", help="judge each target against observed data (verdict + explanation)")
    p.add_argument("plans", nargs="+", metavar="PLAN.json", help="plan JSON file(s)")
    p.add_argument(
        "observations",
        metavar="OBS.csv",
        help="observations CSV (indicator,year,value[,region,unit,source,flags]) or 'china'",
    )
    p.add_argument(
        "--as-of",
        type=_year,
        default=None,
        dest="as_of",
        help="use only data up to this year (default: latest year in the data)",
    )
    p.add_argument("--format", choices=("text", "csv", "json"), default="text")
    p.add_argument(
        "--method",
        choices=("linear_extrapolation", "growth_ratio", "years_to_target"),
        default=None,
        help="level method before the target year (default linear_extrapolation)",
    )
    p.add_argument(
        "--trend",
        choices=("strictly_monotone", "net_with_k_reversals", "theil_sen_mann_kendall"),
        default=None,
        help="definition of 持续下降 / 持续减缓 (default net_with_k_reversals)",
    )
    p.add_argument(
        "--benchmark-lag",
        type=int,
        default=None,
        dest="benchmark_lag",
        help="years the benchmark series lags (default 0)",
    )
    p.add_argument("--region", default=None, help="region of the series to use (default: the plan's region)")
    p.add_argument("--default-region", default=None, dest="default_region", help="region for CSV rows without one")
    p.add_argument(
        "--scorecard",
        choices=("plan", "section", "lead", "nature", "region", "kind"),
        default=None,
        help="print a scorecard grouped this way instead of the rows",
    )
    p.set_defaults(func=_cmd_evaluate)

"""``healthplan template``: the figures a plan needs to have its own targets judged.

Writes one row per indicator × year to fill, in the plan's region and unit, with the
baselines the plan states already filled in (``origin`` = ``plan``); the filled file
goes back in with ``healthplan report --observations``.
"""

from __future__ import annotations

import argparse
import sys


def _cmd_template(args: argparse.Namespace) -> int:
    from .._inputs import list_inputs, read_plans
    from ..local import observation_template, write_table

    plans = read_plans(list_inputs(args.inputs))
    frame = observation_template(plans, as_of=args.as_of)
    if args.output in (None, "-"):
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    path = write_table(frame, args.output)
    if not args.quiet:
        filled = int((frame["origin"] == "plan").sum())
        print(
            f"{path}: {len(frame)} rows to fill for {len(plans)} plan(s) ({filled} already filled from the plan text)",
            file=sys.stderr,
        )
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "template",
        help="write the observations a plan needs (CSV or .xlsx) to judge its own targets",
        description="One row per indicator × year to fill, with region, unit as the plan states it, the "
        "national catalog code where matched, and the plan's own baselines filled in (origin = plan).",
    )
    p.add_argument("inputs", nargs="+", metavar="PLAN_OR_DOCUMENT", help="plan .json, .txt documents or folders")
    p.add_argument("-o", "--output", metavar="FILE", help="observed.csv (UTF-8 with BOM) or observed.xlsx; - = stdout")
    p.add_argument("--as-of", type=int, default=None, help="last year to ask figures for (default: last year)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=_cmd_template)

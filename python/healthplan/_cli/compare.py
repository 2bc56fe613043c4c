"""``healthplan compare`` and ``healthplan report``.

``compare`` lines plans up against each other and the national targets and
prints the frames as CSV, JSON or Markdown. ``report`` is the README's main
job: extract (the bundled documents by default), compare, evaluate, print a
summary and write one self-contained HTML report.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


# ----------------------------------------------------------------- formats --


def _markdown(frame: pd.DataFrame) -> str:
    """A GitHub table without optional dependencies (pandas' to_markdown needs tabulate)."""
    cols = [str(c) for c in frame.columns]

    def cell(v: object) -> str:
        if v is None or (isinstance(v, float) and v != v):
            return ""
        if isinstance(v, float):
            return f"{v:g}"
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def write_frames(frames: dict[str, pd.DataFrame], fmt: str, out: io.TextIOBase) -> None:
    if fmt == "json":
        data = {name: json.loads(f.to_json(orient="records", force_ascii=False)) for name, f in frames.items()}
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for i, (name, frame) in enumerate(frames.items()):
        if fmt == "md":
            out.write(f"{'' if i == 0 else chr(10)}## {name}\n\n{_markdown(frame)}\n")
        else:  # csv: one section per frame, a '# name' line before each
            out.write(f"{'' if i == 0 else chr(10)}# {name}\n")
            frame.to_csv(out, index=False)


# ---------------------------------------------------------------- commands --


def _cmd_compare(args: argparse.Namespace) -> int:
    from .._inputs import collect_inputs, read_plans, report_skipped
    from ..compare import compare, load_catalog

    inputs = collect_inputs(args.inputs)
    report_skipped(inputs, sys.stderr.write)
    failures: list[tuple[Path, str]] | None = [] if args.keep_going else None
    plans = read_plans(inputs.files, failures=failures)
    status = _failure_status(failures, len(inputs.files))
    if status == 2:
        return status
    catalog = load_catalog(*(args.catalog or []))
    result = compare(plans, catalog=catalog, interpolate=not args.no_interpolate)
    frames = result.frames()
    if args.table != "all":
        frames = {args.table: frames[args.table]}
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            write_frames(frames, args.format, out)
        print(args.output)
    else:
        write_frames(frames, args.format, sys.stdout)
    return status


def _failure_status(failures: list[tuple[Path, str]] | None, total: int) -> int:
    """--keep-going: each failure on stderr; 1 when some failed, 2 when none could be read."""
    if not failures:
        return 0
    for _path, why in failures:
        print(f"healthplan: error: {why}", file=sys.stderr)
    print(f"healthplan: {len(failures)} of {total} files could not be read", file=sys.stderr)
    return 2 if len(failures) == total else 1


def _cmd_report(args: argparse.Namespace) -> int:
    from .._inputs import collect_inputs, read_plans, report_skipped
    from ..report import run_report

    inputs_arg = args.inputs
    status = 0
    if args.inputs:
        inputs = collect_inputs(args.inputs)
        report_skipped(inputs, sys.stderr.write)
        inputs_arg = [str(f) for f in inputs.files]
        if args.keep_going:
            # Documents are small: reading each once more is cheaper than a second code path in the report.
            failures: list[tuple[Path, str]] = []
            for f in inputs.files:
                read_plans([f], failures=failures)
            bad = {str(p) for p, _ in failures}
            inputs_arg = [f for f in inputs_arg if f not in bad]
            status = _failure_status(failures, len(inputs.files))
            if status == 2:
                return status
    path = run_report(
        inputs_arg,
        output=args.output,
        catalog_files=args.catalog or [],
        observations=args.observations,
        plots=not args.no_plots,
    )
    return (status or 0) if path else 1


_KEEP_GOING = "report a file that cannot be read and go on (exit 1 when some failed, 2 when none could be read)"


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "compare",
        help="compare plans with each other and the national targets",
        description="Maps each plan's indicators onto the canonical catalog and prints the comparison frames: "
        "summary, targets (with stringency verdicts), coverage, responsibility, timelines, unmatched.",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="PLAN_OR_TEXT",
        help="plan .json files, documents (text, HTML, .docx, PDF; extracted first) or folders of them",
    )
    p.add_argument("--keep-going", action="store_true", help=_KEEP_GOING)
    p.add_argument("--format", choices=("csv", "json", "md"), default="md")
    p.add_argument(
        "--table",
        default="all",
        choices=("all", "summary", "targets", "coverage", "responsibility", "timelines", "unmatched"),
        help="print one frame only",
    )
    p.add_argument(
        "--catalog",
        action="append",
        metavar="CATALOG.json",
        help="extra catalog JSON (indicators and/or aliases) merged into the bundled one; repeatable",
    )
    p.add_argument(
        "--no-interpolate",
        action="store_true",
        help="compare only with national targets of the same year (by default a year without one, "
        "such as 2025, is compared with the national path interpolated between the nearest "
        "national targets; column `basis`)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=_cmd_compare)

    p = sub.add_parser(
        "report",
        help="extract, compare and evaluate plans; write one self-contained HTML report",
        description="With no arguments: the five bundled plan documents. Prints a summary and the report's path.",
    )
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="FILE_OR_DIR",
        help="plan .json files, documents (text, HTML, .docx, PDF) or folders (default: the bundled documents)",
    )
    p.add_argument("--keep-going", action="store_true", help=_KEEP_GOING)
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT.html",
        help="where to write the report (default: healthplan-report.html in the current folder)",
    )
    p.add_argument("--catalog", action="append", metavar="CATALOG.json", help="extra catalog JSON; repeatable")
    p.add_argument(
        "--observations",
        metavar="OBSERVED.csv",
        help="national observed figures (default: the bundled china_observed.csv)",
    )
    p.add_argument("--no-plots", action="store_true", help="tables only (no matplotlib needed)")
    p.set_defaults(func=_cmd_report)

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
from typing import TYPE_CHECKING, TextIO

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


def write_frames(frames: dict[str, pd.DataFrame], fmt: str, out: TextIO) -> None:
    """JSON: one object of every frame; Markdown: a section per frame; CSV: exactly one
    frame (a CSV file is one table: no comment lines, so every CSV reader parses it)."""
    if fmt == "csv":
        if len(frames) != 1:
            raise ValueError(f"--format csv writes one table; choose one with --table ({', '.join(frames)})")
        next(iter(frames.values())).to_csv(out, index=False, lineterminator="\n")
        return
    if fmt == "json":
        data = {name: json.loads(f.to_json(orient="records", force_ascii=False)) for name, f in frames.items()}
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for i, (name, frame) in enumerate(frames.items()):
        out.write(f"{'' if i == 0 else chr(10)}## {name}\n\n{_markdown(frame)}\n")


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
        from .._files import write_atomic

        input_files = [str(i) for i in inputs.files]
        if args.output.lower().endswith((".xlsx", ".parquet")):
            from ..compare import write_frames as write_binary

            write_binary(frames, args.output, inputs=input_files)
        else:
            # Rendered in memory, then written atomically: a failure never truncates
            # an existing file, and an output that is one of the inputs is refused.
            buffer = io.StringIO(newline="")
            write_frames(frames, args.format, buffer)
            write_atomic(args.output, buffer.getvalue(), inputs=input_files)
        if not args.quiet:
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
        observations=args.observations or None,
        national_observations=args.national_observations,
        plots=not args.no_plots,
        lang=args.lang,
        quiet=args.quiet,
    )
    return (status or 0) if path else 1


_KEEP_GOING = "report a file that cannot be read and go on (exit 1 when some failed, 2 when none could be read)"


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        help="print one frame only (required with --format csv)",
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
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of stdout; FILE.xlsx = one sheet per frame, FILE.parquet = one table",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
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
        metavar="OUT.html|DIR",
        help="the report's file, or a folder to write healthplan-report.html into (default: the current folder)",
    )
    p.add_argument("--catalog", action="append", metavar="CATALOG.json", help="extra catalog JSON; repeatable")
    p.add_argument(
        "--observations",
        nargs="+",
        metavar="FILE",
        help="a place's own figures to judge its plan's targets: filled-in templates of `healthplan template` "
        "(CSV in UTF-8 or GBK, or .xlsx)",
    )
    p.add_argument(
        "--national-observations",
        metavar="OBSERVED.csv",
        help="national observed figures (default: the bundled china_observed.csv)",
    )
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the report (default: zh)")
    p.add_argument("--no-plots", action="store_true", help="tables only, no charts")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the report's path")
    p.set_defaults(func=_cmd_report)

"""The ``healthplan`` command.

Subcommands are contributed by area modules (``cli_extract``, ``cli_evaluate``,
``cli_compare``), each with ``add_commands(subparsers)``; this module owns the
parser, the foundation commands (``validate``, ``show``) and error reporting:
bad input exits non-zero with one line naming the reason and the place.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence

from . import _model
from ._model import Error

_AREA_MODULES = ("healthplan.cli_extract", "healthplan.cli_evaluate", "healthplan.cli_compare")

EXIT_BAD_INPUT = 2


def _cmd_validate(args: argparse.Namespace) -> int:
    for path in args.plans:
        plan = _model.load(path, strict=not args.lenient)
        print(f"{path}: ok ({len(plan.targets)} targets, {len(plan.tasks)} tasks, "
              f"{len(plan.indicators)} indicators)")
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    plan = _model.load(args.plan)
    if args.format == "json":
        print(plan.to_json())
        return 0
    print(f"{plan.title or '(untitled)'}  [{plan.id}]")
    for label, value in (("issuer", plan.issuer), ("文号", plan.doc_number),
                         ("place", f"{plan.region.name} ({plan.region.level.name})" if plan.region.name else ""),
                         ("period", f"{plan.period_start}–{plan.period_end}" if plan.period_start else ""),
                         ("status", plan.status.name)):
        if value:
            print(f"  {label:8} {value}")
    print(f"  {len(plan.sections)} top sections, {len(plan.tasks)} tasks, "
          f"{len(plan.indicators)} indicators, {len(plan.targets)} targets")
    if plan.targets:
        print("\nTargets:")
        for t in plan.targets:
            value = "" if t.value is None else f"{t.value:g}{'' if t.unit.symbol in ('', 'years') else t.unit.symbol}"
            extra = f" {t.benchmark}" if t.benchmark else ""
            print(f"  {t.year or '----'}  {t.indicator} {t.comparator.symbol} {value}{extra}  ({t.kind.name})")
    if plan.tasks:
        print("\nTasks:")
        for k in plan.tasks:
            lead = "、".join(a.name for a in k.lead) or "-"
            print(f"  {k.number_string():14} {k.title}  [lead: {lead}; {len(k.responsible)} responsible]")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="healthplan",
        description="Model, extract, evaluate and compare Chinese health plans.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"healthplan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("validate", help="check plan JSON files against the schema and invariants")
    p.add_argument("plans", nargs="+", metavar="PLAN.json")
    p.add_argument("--lenient", action="store_true", help="warn about unknown fields instead of failing")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("show", help="print a plan's metadata, targets and tasks")
    p.add_argument("plan", metavar="PLAN.json")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_cmd_show)

    for name in _AREA_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name != name:  # a real import error inside the module
                raise
            continue
        module.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # e.g. piped into `head`: not an error
        # Point stdout at devnull so the interpreter's final flush stays quiet.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Error as err:
        print(f"healthplan: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (OSError, ValueError, json.JSONDecodeError) as err:
        print(f"healthplan: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""``healthplan validate`` and ``healthplan show``: the model's own commands."""

from __future__ import annotations

import argparse

from .. import model


def _cmd_validate(args: argparse.Namespace) -> int:
    """Checks every file, reports each (ok or the error), exits 2 when any failed."""
    import sys

    failed = 0
    for path in args.plans:
        try:
            plan = model.load(path, strict=not args.lenient)
        except (model.Error, OSError, ValueError) as err:
            failed += 1
            print(f"{path}: error: {err}", file=sys.stderr)
            continue
        if not args.quiet:
            print(
                f"{path}: ok ({len(plan.targets)} targets, {len(plan.tasks)} tasks, {len(plan.indicators)} indicators)"
            )
    if failed and len(args.plans) > 1:
        print(f"{failed} of {len(args.plans)} files failed", file=sys.stderr)
    return 2 if failed else 0


def _shown(value: object) -> str:
    """Text from a plan file made safe for a terminal: control and format characters
    (escape sequences, bidi overrides) are printed as \\xNN / \\uNNNN, not executed."""
    import unicodedata

    return "".join(
        (f"\\x{ord(c):02X}" if ord(c) < 0x100 else f"\\u{ord(c):04X}")
        if unicodedata.category(c) in ("Cc", "Cf", "Cs")
        else c
        for c in str(value)
    )


def _cmd_show(args: argparse.Namespace) -> int:
    plan = model.load(args.plan)
    if args.format == "json":
        print(plan.to_json())
        return 0
    print(f"{_shown(plan.title or '(untitled)')}  [{_shown(plan.id)}]")
    for label, value in (
        ("issuer", plan.issuer),
        ("文号", plan.doc_number),
        ("place", f"{plan.region.name} ({plan.region.level.name})" if plan.region.name else ""),
        ("period", f"{plan.period_start}–{plan.period_end}" if plan.period_start else ""),
        ("status", plan.status.name),
    ):
        if value:
            print(f"  {label:8} {_shown(value)}")
    print(
        f"  {len(plan.sections)} top sections, {len(plan.tasks)} tasks, "
        f"{len(plan.indicators)} indicators, {len(plan.targets)} targets"
    )
    if plan.targets:
        print("\nTargets:")
        for t in plan.targets:
            value = "" if t.value is None else f"{t.value:g}{'' if t.unit.symbol in ('', 'years') else t.unit.symbol}"
            extra = f" {t.benchmark}" if t.benchmark else ""
            print(
                f"  {t.year or '----'}  {_shown(t.indicator)} {t.comparator.symbol} {value}{_shown(extra)}  ({t.kind.name})"
            )
    if plan.tasks:
        print("\nTasks:")
        for k in plan.tasks:
            lead = "、".join(a.name for a in k.lead) or "-"
            print(
                f"  {_shown(k.number_string()):14} {_shown(k.title)}  [lead: {_shown(lead)}; {len(k.responsible)} responsible]"
            )
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("validate", help="check plan JSON files against the schema and invariants")
    p.add_argument("plans", nargs="+", metavar="PLAN.json")
    p.add_argument("--lenient", action="store_true", help="warn about unknown fields instead of failing")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the files that fail")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("show", help="print a plan's metadata, targets and tasks")
    p.add_argument("plan", metavar="PLAN.json")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_cmd_show)

"""``healthplan extract``, ``healthplan targets`` and ``healthplan tasks``.

``targets`` and ``tasks`` print one JSON object per line in the gold format
(the shared scorers read it directly); ``doc`` is the input's base name and
``span`` is ``[begin, end]`` in bytes of the document's UTF-8 text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .._core import Error
from .._inputs import collect_inputs, report_skipped
from ..extract import extract_file, extract_many
from ..model import Plan
from .records import target_record, task_record


def _add_input(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files",
        nargs="+",
        metavar="PATH",
        help="plan documents or folders of them: text (UTF-8, UTF-16 with BOM, GB18030/GBK), HTML, .docx, PDF",
    )
    p.add_argument("--encoding", default=None, help="input encoding of text documents (default: detect)")
    p.add_argument(
        "--keep-going",
        action="store_true",
        help="report a file that cannot be read and go on (exit 1 when some failed, 2 when none could be read)",
    )


class _Failed(Exception):
    """Some inputs could not be read (--keep-going): the exit status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _plans(args: argparse.Namespace) -> Iterator[tuple[Path, Plan]]:
    """(path, plan) for every document the arguments name; skipped files and,
    with --keep-going, failures are reported on stderr."""
    inputs = collect_inputs(args.files, plans=False)
    report_skipped(inputs, sys.stderr.write)
    files = inputs.files
    if not args.keep_going:
        if args.encoding or len(files) == 1:
            yield from ((f, extract_file(f, args.encoding)) for f in files)
        else:
            yield from zip(files, extract_many(files))
        return
    failed = 0
    for f in files:
        try:
            plan = extract_file(f, args.encoding)
        except (Error, OSError, ValueError) as err:
            failed += 1
            print(f"healthplan: error: {err}", file=sys.stderr)
            continue
        yield f, plan
    if failed:
        print(f"healthplan: {failed} of {len(files)} files could not be read", file=sys.stderr)
        raise _Failed(2 if failed == len(files) else 1)


def _run(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return fn(args)
        except _Failed as f:
            return f.status

    return run


def _cmd_extract(args: argparse.Namespace) -> int:
    from .._files import write_atomic

    out = Path(args.output)
    # Every input is read before anything is written: a bad one (without
    # --keep-going) leaves no output folder behind.
    plans: list[tuple[Path, Plan]] = []
    failed: _Failed | None = None
    try:
        plans.extend(_plans(args))
    except _Failed as f:
        failed = f
    out.mkdir(parents=True, exist_ok=True)
    inputs = [f for f, _ in plans]
    for path, plan in plans:
        base = path.name[: -len(path.suffix)] if path.suffix else path.name
        target = out / f"{base}.plan.json"
        # The same atomic writer as plan.save, told the inputs so none is overwritten.
        write_atomic(target, plan.to_json() + "\n", inputs=inputs)
        if not args.quiet:
            print(
                f"{target}: {len(plan.targets)} targets, {len(plan.tasks)} tasks, {len(plan.indicators)} indicators",
                file=sys.stderr,
            )
    if failed is not None:
        raise failed
    return 0


def _print_records(records: Iterable[dict[str, Any]]) -> None:
    write = sys.stdout.write
    for r in records:
        write(json.dumps(r, ensure_ascii=False) + "\n")


def _cmd_targets(args: argparse.Namespace) -> int:
    for path, plan in _plans(args):
        _print_records(target_record(t, path.name) for t in plan.targets)
    return 0


def _cmd_tasks(args: argparse.Namespace) -> int:
    for path, plan in _plans(args):
        tasks = plan.tasks
        if not args.all:
            tasks = [t for t in tasks if t.lead or t.responsible or t.others]
        _print_records(task_record(t, path.name) for t in tasks)
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("extract", help="extract plan JSON from plan documents (text, HTML, .docx, PDF)")
    _add_input(p)
    p.add_argument(
        "-o", "--output", default=".", metavar="DIR", help="directory for <base>.plan.json (default: current directory)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=_run(_cmd_extract))

    p = sub.add_parser("targets", help="print each target as one JSON line (gold format)")
    _add_input(p)
    p.set_defaults(func=_run(_cmd_targets))

    p = sub.add_parser("tasks", help="print each task with its responsible units as one JSON line")
    _add_input(p)
    p.add_argument("--all", action="store_true", help="also tasks without named units")
    p.set_defaults(func=_run(_cmd_tasks))

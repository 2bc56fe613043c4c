"""The ``healthplan`` command.

One module per stage contributes its subcommands (``model``, ``extract``,
``evaluate``, ``compare``), each with ``add_commands(subparsers)``; this module
owns the parser and error reporting: bad input exits non-zero with one line
naming the reason and the place.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from ..model import Error
from . import compare, evaluate, extract, model, template

_STAGES = (model, extract, evaluate, compare, template)

#: One example per command, shown at the end of its --help (run from the repository root).
EXAMPLES: dict[str, str] = {
    "validate": "healthplan validate examples/data/wuhai_example.plan.json",
    "show": "healthplan show examples/data/wuhai_example.plan.json",
    "extract": "healthplan extract python/healthplan/data/plans -o plans/",
    "targets": "healthplan targets python/healthplan/data/plans/000_197f2d321f6d73e8.txt",
    "tasks": "healthplan tasks python/healthplan/data/plans/000_197f2d321f6d73e8.txt",
    "evaluate": "healthplan evaluate examples/data/wuhai_example.plan.json china --region 全国 --as-of 2023",
    "compare": "healthplan compare python/healthplan/data/plans --format csv --table summary",
    "report": "healthplan report --observations observed.csv --lang en -o out/",
    "template": "healthplan template examples/data/wuhai_example.plan.json -o observed.xlsx",
}

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE of sysexits.h: a bug in healthplan, not in the input


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="healthplan",
        description="Model, extract, evaluate and compare Chinese health plans.",
    )
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"healthplan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    for stage in _STAGES:
        stage.add_commands(sub)
    for name, command in sub.choices.items():
        if name in EXAMPLES:
            command.epilog = f"example:\n  {EXAMPLES[name]}"
            command.formatter_class = argparse.RawDescriptionHelpFormatter
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
    except KeyboardInterrupt:
        return 130  # as a shell reports a command ended by SIGINT
    except Exception as err:
        # Anything else is a bug. Still one line, not a traceback: the user is
        # told what happened and how to see where, which a report needs.
        import os

        if os.environ.get("HEALTHPLAN_TRACEBACK"):
            raise
        print(
            f"healthplan: internal error: {type(err).__name__}: {err} "
            "(a bug in healthplan: please report it; HEALTHPLAN_TRACEBACK=1 shows where)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""hp.evaluate on the plans bench_evaluate_plans.py --dump wrote, phase by phase.

    python benchmarks/evaluate/bench_evaluate_phases.py DIR [--repeat R]

For each planN.plan.json / obsN.csv in DIR, the best CPU time of R calls of
hp.evaluate (as of 2024), and of its two phases apart: the core's
``_core._evaluate_table`` (judging, and handing the columns over) and the frame
built from those columns (``_results_frame``); targets per CPU second for each.
The same plans are what the C++ driver (bench_evaluate_plans DIR) judges, so
the binding's share is the difference. To compare two builds in the same
minutes, run this under each build's package in turn (PYTHONPATH=<build>/python/pkg
puts a plain CMake build first).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import healthplan as hp
from healthplan import _core
from healthplan.evaluate import _policy, _results_frame, _str_dtype


def best_cpu(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        out = None  # the previous result is freed outside the timed call
        c0 = time.process_time()
        out = fn()
        best = min(best, time.process_time() - c0)
    return best, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    sizes = sorted(int(m.group(1)) for f in os.listdir(args.dir) if (m := re.fullmatch(r"plan(\d+)\.plan\.json", f)))
    hp.set_max_input_bytes(1 << 31)
    print(f"healthplan from {os.path.dirname(hp.__file__)}")
    for n in sizes:
        plan = hp.load(f"{args.dir}/plan{n}.plan.json")
        obs = hp.Observations.from_csv(f"{args.dir}/obs{n}.csv")
        repeat = max(1, args.repeat * 5000 // max(n, 5000))
        policy = _policy(None, None)
        dtype = _str_dtype()
        arrow = getattr(dtype, "storage", None) == "pyarrow"
        core_plans = [plan._core]
        whole, _ = best_cpu(repeat, partial(hp.evaluate, plan, obs, as_of=2024))
        core, cols = best_cpu(repeat, partial(_core._evaluate_table, core_plans, obs._core, policy, 2024, 1, arrow))
        frame, _ = best_cpu(repeat, partial(_results_frame, cols, dtype))
        print(
            f"{n:8,} targets: hp.evaluate {whole * 1e3:8.2f} ms ({n / whole:10,.0f} per cpu s); "
            f"_evaluate_table {core * 1e3:8.2f} ms ({n / core:10,.0f}); frame {frame * 1e3:6.2f} ms; best of {repeat}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

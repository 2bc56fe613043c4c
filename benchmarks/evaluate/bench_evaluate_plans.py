"""The general (explained) path: hp.evaluate on plans of mixed target kinds.

    python benchmarks/evaluate/bench_evaluate_plans.py [--sizes 5000,40000,200000] [--repeat 3]

One plan per size, targets of every kind in turn (level, change, rate, trend,
benchmark, milestone; natures, tasks with lead units and sections mixed in), each
with its own 8-year series (and a national series for benchmarks), as of 2024.
Per size, one line: hp.evaluate with 1 and 2 threads (the frame built column-wise
in C++), the reference in the same process — the row loop hp.evaluate used
before (TargetResult objects, one dict per row, then pandas) — as targets/s, the
ratio to the reference, and the process's peak memory. Both frames are checked
equal. Wall and CPU seconds are both printed: on a shared machine CPU time is
the steadier figure. Above 50,000 targets the reference runs once (it takes
seconds). The last lines show linearity: CPU microseconds per target of the
column-built frame at each size, against the smallest size. Not part of the
test suite. With --dump DIR each size's plan and observations are written to
DIR for the C++ part, benchmarks/evaluate/bench_evaluate_plans.cpp.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

import numpy as np
import pandas as pd

import healthplan as hp
from healthplan.evaluate import _row_loop_frame

KINDS = ("level", "change", "rate", "trend", "benchmark", "milestone")
LEADS = ("市卫生健康委员会", "市教育局", "市体育局", "市生态环境局")
SECTIONS = (["二、主要指标"], ["三、重点任务", "（一）健康知识普及"], ["三、重点任务", "（二）慢病防治", "1. 癌症"])


def make_plan(n: int, seed: int = 1) -> tuple[hp.Plan, hp.Observations]:
    rng = np.random.default_rng(seed)
    pct = hp.Unit.parse("%")
    targets, indicators, tasks = [], [], []
    keys, regions, years, values = [], [], [], []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        name = f"指标{i}"
        indicators.append(hp.Indicator(id=f"i{i}", name=name, unit=pct, direction=hp.Direction.higher))
        fields: dict[str, object] = dict(
            id=f"t{i}",
            indicator_id=f"i{i}",
            indicator=name,
            kind=getattr(hp.TargetKind, kind),
            unit=pct,
            year=int(2022 + rng.integers(9)),
            nature=(hp.Nature.binding, hp.Nature.expected, hp.Nature.unspecified)[i % 3],
            section=SECTIONS[i % len(SECTIONS)],
            task_id=f"k{i % 50}",
        )
        if kind == "level":
            fields.update(comparator=hp.Comparator.ge, value=float(rng.uniform(30, 70)))
        elif kind == "change":
            fields.update(comparator=hp.Comparator.increase, value=float(rng.uniform(2, 15)))
            fields["reference"] = hp.Reference(year=2018, mode=hp.ChangeMode.relative)
        elif kind == "rate":
            fields.update(comparator=hp.Comparator.increase, value=float(rng.uniform(0.2, 2)))
            fields["reference"] = hp.Reference(year=2018, mode=hp.ChangeMode.points)
        elif kind == "trend":
            fields.update(comparator=hp.Comparator.increase)
        elif kind == "benchmark":
            fields.update(comparator=hp.Comparator.ge, benchmark="国家平均水平")
        else:
            fields.update(comparator=hp.Comparator.eq)
        targets.append(hp.Target(**fields))
        v, slope = float(rng.uniform(20, 60)), float(rng.uniform(-1, 2))
        for y in range(2017, 2025):
            val = (1.0 if y >= 2021 + i % 5 else 0.0) if kind == "milestone" else round(v + slope * (y - 2017), 3)
            keys.append(name)
            regions.append("某市")
            years.append(y)
            values.append(val + float(rng.uniform(-0.5, 0.5)) * (kind != "milestone"))
            if kind == "benchmark":
                keys.append(name)
                regions.append("全国")
                years.append(y)
                values.append(45.0 + 0.5 * (y - 2017))
    for k in range(50):
        tasks.append(
            hp.Task(id=f"k{k}", lead=[hp.Agency(name=LEADS[k % len(LEADS)], as_written=LEADS[k % len(LEADS)])])
        )
    plan = hp.Plan(id="bench", region=hp.Region(name="某市"), indicators=indicators, targets=targets, tasks=tasks)
    obs = hp.Observations.from_arrays(
        np.asarray(keys, dtype=object),
        np.asarray(regions, dtype=object),
        np.asarray(years, dtype=np.int64),
        np.asarray(values, dtype=np.float64),
        "%",
    )
    return plan, obs


def row_loop_frame(plan: hp.Plan, obs: hp.Observations) -> pd.DataFrame:
    """The reference: hp.evaluate's frame as the row loop built it before the column path
    (the same function the frame test compares with)."""
    return _row_loop_frame(hp.evaluate_results(plan, obs, as_of=2024))


def best_of(repeat: int, fn, *args, **kwargs) -> tuple[float, float, pd.DataFrame]:
    best = best_cpu = float("inf")
    out = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn(*args, **kwargs)
        best, best_cpu = min(best, time.perf_counter() - t0), min(best_cpu, time.process_time() - c0)
    return best, best_cpu, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5000,40000,200000", help="targets per plan, comma-separated")
    ap.add_argument("--repeat", type=int, default=3, help="runs per path; the best is reported")
    ap.add_argument("--dump", metavar="DIR", help="write each size's plan and observations there (for the C++ part)")
    args = ap.parse_args()
    ok = True
    print(
        f"{'targets':>8} {'path':10} {'seconds':>8} {'cpu s':>7} {'targets/s':>11} {'per cpu s':>11} {'vs ref':>7} "
        f"{'cpu vs ref':>10} {'peak MiB':>9}"
    )
    per_target: dict[int, float] = {}
    for n in (int(s) for s in args.sizes.split(",")):
        plan, obs = make_plan(n)
        if args.dump:  # bench_evaluate_plans (C++) reads these: the call without Python, to profile
            os.makedirs(args.dump, exist_ok=True)
            plan.save(f"{args.dump}/plan{n}.plan.json")
            obs.to_frame().to_csv(f"{args.dump}/obs{n}.csv", index=False)
        rows = {
            "reference": best_of(args.repeat if n <= 50_000 else 1, row_loop_frame, plan, obs),
            "columns": best_of(args.repeat, hp.evaluate, plan, obs, as_of=2024),
            "columns 2t": best_of(args.repeat, hp.evaluate, plan, obs, as_of=2024, threads=2),
        }
        ref_frame = rows["reference"][2]
        for name, (sec, cpu, frame) in rows.items():
            same = frame.equals(ref_frame)
            ok = ok and same
            ref_sec, ref_cpu = rows["reference"][0], rows["reference"][1]
            print(
                f"{n:8,} {name:10} {sec:8.3f} {cpu:7.3f} {n / sec:11,.0f} {n / cpu:11,.0f} {ref_sec / sec:6.1f}× "
                f"{ref_cpu / cpu:9.1f}× {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:9.0f}"
                + ("" if same else "  FRAME DIFFERS")
            )
        per_target[n] = rows["columns"][1] / n
        kinds = pd.Series(ref_frame["kind"]).value_counts().to_dict()
        print(f"{'':8} kinds {kinds}; verdicts {ref_frame['verdict'].value_counts().to_dict()}")
        del plan, obs, rows, ref_frame
    smallest = min(per_target)
    for n, cost in per_target.items():
        print(
            f"linearity: {n:8,} targets  {cost * 1e6:6.2f} cpu µs per target  {cost / per_target[smallest]:5.2f}× the smallest"
        )
    print("goal: ≥ 1,000,000 targets/s on mixed kinds, linear in plan size (per cpu s: steadier on a loaded machine)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

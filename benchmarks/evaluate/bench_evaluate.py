"""Bulk evaluation benchmark: C++ core vs Python bulk API vs a pandas implementation.

    python benchmarks/evaluate/bench_evaluate.py [--n 1000000] [--build build/evaluate]

N level targets against N series of 10 annual values (2015–2024, as of 2024).
Each path runs in its own process so its peak memory is its own:

* ``cpp``    — ``benchmarks/evaluate/bench_evaluate`` (the C++ core, built by CMake), one thread,
  and again with ``--threads`` (default 2) as an extra row;
* ``bulk``   — ``healthplan.evaluate_arrays`` on numpy arrays (zero-copy, GIL released),
  one thread and ``--threads`` threads (``bulk 2t``);
* ``general`` — ``healthplan.evaluate`` on one plan holding the first ``--general-n``
  targets (default 20,000), the explained path, with its verdicts checked against bulk;
* ``polars``, ``duckdb`` — the same level rules with the aggregation done by
  polars and by DuckDB SQL (the rules on the aggregates in numpy, shared with pandas);
  skipped when the package is not installed (``pip install '.[bench]'``);
* ``pandas`` — a vectorised pandas implementation of the same level logic
  (groupby statistics, then numpy rules: linear extrapolation with the Destatis
  classes, final value at the target year, already-met and single-point rules;
  it skips the probability, so it does less work than the library). The faster
  of the variants tried: one ``groupby().agg`` of named aggregations over
  precomputed x², x·y columns was slower (0.77 CPU s for the statistics alone);
* ``apply``  — the straightforward pandas way: ``groupby("series").apply`` of a
  per-series Python function with the same rules, run on the first
  ``--apply-n`` targets (default 20,000) because it is slow; its throughput is
  per target, so it compares directly.

The verdicts of all three are checked to be identical, then throughput, peak
memory (max RSS) and the ratios are printed. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

FIRST_YEAR, YEARS, AS_OF = 2015, 10, 2024
REPO = pathlib.Path(__file__).resolve().parents[2]


def generate(n: int):
    """The same deterministic data as bench_evaluate.cpp."""
    s = np.arange(n, dtype=np.int64)
    k = np.arange(YEARS, dtype=np.int64)
    slope = ((s * 7919) % 101 - 50) / 50.0
    ss = np.repeat(s, YEARS)
    kk = np.tile(k, n)
    yy = FIRST_YEAR + kk
    value = 20.0 + (ss % 37) * 0.5 + kk * np.repeat(slope, YEARS) + ((ss * 31 + yy * 17) % 13 - 6) * 0.05
    targets = {
        "series": s,
        "threshold": 25.0 + (s % 41),
        "comparator": (s % 4).astype(np.int8),
        "year": 2022 + s % 9,
    }
    return {"series": ss, "year": yy, "value": value}, targets


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_bulk(n: int, repeat: int, out: str, threads: int = 1) -> dict:
    import healthplan as hp

    obs, tg = generate(n)
    lower = np.zeros(n)
    upper = np.full(n, 100.0)
    best = best_cpu = float("inf")
    for _ in range(repeat):
        r = None  # the previous run's result is freed outside the timed call
        t0, c0 = time.perf_counter(), time.process_time()
        r = hp.evaluate_arrays(
            obs["series"],
            obs["year"],
            obs["value"],
            tg["series"],
            tg["threshold"],
            tg["comparator"],
            tg["year"],
            as_of=AS_OF,
            lower=lower,
            upper=upper,
            threads=threads,
        )
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    np.save(out, r["verdict"])
    return {
        "path": "bulk" if threads == 1 else f"bulk {threads}t",
        "targets": n,
        "seconds": best,
        "cpu_seconds": best_cpu,
        "targets_per_second": n / best,
        "peak_mib": peak_mib(),
    }


def rules(th, c, T, n, t0, y0, tn, yn, sx, sy, sxx_raw, sxy, y_t, near: float = 0.05, x0: float = 0.0):
    """The level verdicts from per-target aggregates (numpy; shared by the pandas,
    polars and DuckDB references). Verdict codes as healthplan.VERDICTS. ``sx``, ``sxx``,
    ``sxy`` are sums over (year − x0): centred years keep the least-squares sums exact
    enough that the references agree with the library to the last verdict."""
    with np.errstate(invalid="ignore", divide="ignore"):
        n = np.nan_to_num(n.astype(float))
        mx = sx / n
        sxx = sxx_raw - n * mx * mx
        slope = (sxy - n * mx * (sy / n)) / sxx
        intercept = sy / n - slope * mx
        T = T.astype(float)
        proj = np.clip(intercept + slope * (T - x0), 0.0, 100.0)

        def meets(v):
            return np.select([c == 0, c == 1, c == 2, c == 3], [v >= th, v > th, v <= th, v < th], False)

        direction = np.where(c <= 1, 1.0, -1.0)
        den = np.maximum(np.abs(th - y0), np.abs(th - yn))
        den = np.where(den > 0, den, np.where(np.abs(th) > 0, np.abs(th), 1.0))
        missing = np.maximum(0.0, direction * (th - proj) / den)
        verdict = np.select(
            [n == 0, ~np.isnan(y_t), tn > T, meets(yn), n == 1, meets(proj) | (missing < near)],
            [6, np.where(meets(y_t), 0, 4), 6, 1, 6, 2],
            3,
        )
    return verdict.astype(np.uint8)


def polars_level(obs: dict, tg: dict, as_of: int):
    """Aggregates with polars (group_by + joins), rules in numpy."""
    import polars as pl

    o = pl.DataFrame(obs).filter(pl.col("year") <= as_of)
    stats = o.group_by("series").agg(
        n=pl.len(),
        t0=pl.col("year").first(),
        y0=pl.col("value").first(),
        tn=pl.col("year").last(),
        yn=pl.col("value").last(),
        sx=(pl.col("year") - FIRST_YEAR).sum().cast(pl.Float64),
        sy=pl.col("value").sum(),
        sxx=((pl.col("year") - FIRST_YEAR).cast(pl.Float64) ** 2).sum(),
        sxy=((pl.col("year") - FIRST_YEAR).cast(pl.Float64) * pl.col("value")).sum(),
    )
    df = (
        pl.DataFrame(tg)
        .with_row_index("row")
        .join(stats, on="series", how="left")
        .join(o.rename({"value": "y_t"}), on=["series", "year"], how="left")
        .sort("row")
    )
    col = {k: df[k].to_numpy().astype(float) for k in ("n", "t0", "y0", "tn", "yn", "sx", "sy", "sxx", "sxy", "y_t")}
    return rules(
        df["threshold"].to_numpy(),
        df["comparator"].to_numpy(),
        df["year"].to_numpy(),
        col["n"],
        col["t0"],
        col["y0"],
        col["tn"],
        col["yn"],
        col["sx"],
        col["sy"],
        col["sxx"],
        col["sxy"],
        col["y_t"],
        x0=FIRST_YEAR,
    )


def duckdb_level(obs: dict, tg: dict, as_of: int):
    """Aggregates in DuckDB SQL (arg_min / arg_max for first and last), rules in numpy."""
    import duckdb
    import pandas as pd

    con = duckdb.connect()
    con.register("obs", pd.DataFrame(obs))
    con.register("tg", pd.DataFrame(tg))
    r = con.execute(
        f"""
        WITH o AS (SELECT * FROM obs WHERE year <= {int(as_of)}),
        s AS (SELECT series, count(*) AS n, min(year) AS t0, arg_min(value, year) AS y0, max(year) AS tn,
                     arg_max(value, year) AS yn, sum(year - {FIRST_YEAR})::DOUBLE AS sx, sum(value) AS sy,
                     sum((year - {FIRST_YEAR})::DOUBLE * (year - {FIRST_YEAR})) AS sxx,
                     sum((year - {FIRST_YEAR}) * value) AS sxy
              FROM o GROUP BY series)
        SELECT tg.threshold, tg.comparator, tg.year, s.n, s.t0, s.y0, s.tn, s.yn, s.sx, s.sy, s.sxx, s.sxy,
               o.value AS y_t
        FROM tg LEFT JOIN s USING (series) LEFT JOIN o ON o.series = tg.series AND o.year = tg.year
        ORDER BY tg.series
        """
    ).fetchnumpy()
    f = {k: np.asarray(pd.array(v, dtype="Float64").to_numpy(dtype=float, na_value=np.nan)) for k, v in r.items()}
    return rules(
        f["threshold"],
        f["comparator"],
        f["year"],
        f["n"],
        f["t0"],
        f["y0"],
        f["tn"],
        f["yn"],
        f["sx"],
        f["sy"],
        f["sxx"],
        f["sxy"],
        f["y_t"],
        x0=FIRST_YEAR,
    )


def run_engine(name: str, fn, n: int, repeat: int, out: str) -> dict:
    obs, tg = generate(n)
    best = best_cpu = float("inf")
    for _ in range(repeat):
        v = None  # the previous run's result is freed outside the timed call
        t0, c0 = time.perf_counter(), time.process_time()
        v = fn(obs, tg, AS_OF)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    np.save(out, v)
    return {
        "path": name,
        "targets": n,
        "seconds": best,
        "cpu_seconds": best_cpu,
        "targets_per_second": n / best,
        "peak_mib": peak_mib(),
    }


def run_general(n: int, repeat: int, out: str) -> dict:
    """hp.evaluate on one plan of n level targets (the explained path, one row per target)."""
    import healthplan as hp

    obs, tg = generate(n)
    keys = np.char.add("s", obs["series"].astype(str))
    o = hp.Observations.from_arrays(
        keys, np.full(len(keys), "全国", dtype=object), obs["year"], obs["value"], np.full(len(keys), "%", dtype=object)
    )
    cmps = [hp.Comparator.ge, hp.Comparator.gt, hp.Comparator.le, hp.Comparator.lt]
    pct = hp.Unit.parse("%")
    targets = [
        hp.Target(
            id=f"t{i}",
            indicator=f"s{i}",
            kind=hp.TargetKind.level,
            comparator=cmps[int(tg["comparator"][i])],
            value=float(tg["threshold"][i]),
            year=int(tg["year"][i]),
            unit=pct,
        )
        for i in range(n)
    ]
    plan = hp.Plan(id="bench", region=hp.Region(name="全国"), targets=targets)
    best = best_cpu = float("inf")
    for _ in range(repeat):
        df = None  # the previous run's result is freed outside the timed call
        t0, c0 = time.perf_counter(), time.process_time()
        df = hp.evaluate(plan, o, as_of=AS_OF, indicator_directions=[("-", hp.Direction.unknown)])
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    np.save(out, np.asarray([hp.VERDICTS.index(v) for v in df["verdict"]], dtype=np.uint8))
    return {
        "path": "general",
        "targets": n,
        "seconds": best,
        "cpu_seconds": best_cpu,
        "targets_per_second": n / best,
        "peak_mib": peak_mib(),
    }


def pandas_level(obs_df, tg_df, as_of: int, near: float = 0.05):
    """Level-target verdicts with pandas: groupby statistics, then vectorised rules.
    Verdict codes as healthplan.VERDICTS."""
    import pandas as pd

    obs_df = obs_df[obs_df["year"] <= as_of]
    g = obs_df.groupby("series", sort=False)
    x = obs_df["year"].astype(float)
    stats = pd.DataFrame(
        {
            "n": g["year"].count(),
            "t0": g["year"].first(),
            "y0": g["value"].first(),
            "tn": g["year"].last(),
            "yn": g["value"].last(),
            "sx": g["year"].sum(),
            "sy": g["value"].sum(),
            "sxx": (x * x).groupby(obs_df["series"]).sum(),
            "sxy": (x * obs_df["value"]).groupby(obs_df["series"]).sum(),
        }
    )
    df = tg_df.merge(stats, left_on="series", right_index=True, how="left")
    at_t = obs_df.rename(columns={"value": "y_t"})
    df = df.merge(at_t, on=["series", "year"], how="left")
    th, c = df["threshold"].to_numpy(), df["comparator"].to_numpy()

    def meets(v):
        return np.select([c == 0, c == 1, c == 2, c == 3], [v >= th, v > th, v <= th, v < th], False)

    n = df["n"].fillna(0).to_numpy()
    mx = df["sx"] / df["n"]
    sxx = (df["sxx"] - df["n"] * mx * mx).to_numpy()
    slope = ((df["sxy"] - df["n"] * mx * (df["sy"] / df["n"])).to_numpy()) / sxx
    intercept = (df["sy"] / df["n"]).to_numpy() - slope * mx.to_numpy()
    T = df["year"].to_numpy().astype(float)
    proj = np.clip(intercept + slope * T, 0.0, 100.0)
    y0, yn = df["y0"].to_numpy(), df["yn"].to_numpy()
    direction = np.where(c <= 1, 1.0, -1.0)
    den = np.maximum(np.abs(th - y0), np.abs(th - yn))
    den = np.where(den > 0, den, np.where(np.abs(th) > 0, np.abs(th), 1.0))
    missing = np.maximum(0.0, direction * (th - proj) / den)
    verdict = np.select(
        [
            n == 0,
            df["y_t"].notna().to_numpy(),
            df["tn"].to_numpy() > T,
            meets(yn),
            n == 1,
            meets(proj) | (missing < near),
        ],
        [6, np.where(meets(df["y_t"].to_numpy()), 0, 4), 6, 1, 6, 2],
        3,
    )
    return verdict.astype(np.uint8)


def run_pandas(n: int, repeat: int, out: str) -> dict:
    import pandas as pd

    obs, tg = generate(n)
    obs_df, tg_df = pd.DataFrame(obs), pd.DataFrame(tg)
    best = best_cpu = float("inf")
    for _ in range(repeat):
        v = None  # the previous run's result is freed outside the timed call
        t0, c0 = time.perf_counter(), time.process_time()
        v = pandas_level(obs_df, tg_df, AS_OF)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    np.save(out, v)
    return {
        "path": "pandas",
        "targets": n,
        "seconds": best,
        "cpu_seconds": best_cpu,
        "targets_per_second": n / best,
        "peak_mib": peak_mib(),
    }


def judge_one(years, values, threshold, cmp, year, near=0.05):
    """One target, plainly (for the groupby-apply variant). Verdict codes as VERDICTS."""
    keep = years <= AS_OF
    t, y = years[keep].astype(float), values[keep]
    ops = [lambda v: v >= threshold, lambda v: v > threshold, lambda v: v <= threshold, lambda v: v < threshold]
    meets = ops[cmp]
    if len(t) == 0:
        return 6
    at = np.flatnonzero(t == year)
    if len(at):
        return 0 if meets(y[at[0]]) else 4
    if t[-1] > year:
        return 6
    if meets(y[-1]):
        return 1
    if len(t) == 1:
        return 6
    slope, intercept = np.polyfit(t, y, 1)
    proj = min(max(intercept + slope * year, 0.0), 100.0)
    d = 1.0 if cmp <= 1 else -1.0
    den = max(abs(threshold - y[0]), abs(threshold - y[-1])) or (abs(threshold) or 1.0)
    missing = max(0.0, d * (threshold - proj) / den)
    return 2 if (meets(proj) or missing < near) else 3


def run_apply(n: int, repeat: int, out: str) -> dict:
    import pandas as pd

    obs, tg = generate(n)
    obs_df = pd.DataFrame(obs)
    tg_df = pd.DataFrame(tg).set_index("series")
    t0, c0 = time.perf_counter(), time.process_time()
    verdicts = obs_df.groupby("series", sort=True).apply(
        lambda g: judge_one(
            g["year"].to_numpy(),
            g["value"].to_numpy(),
            tg_df.at[g.name, "threshold"],
            int(tg_df.at[g.name, "comparator"]),
            int(tg_df.at[g.name, "year"]),
        ),
        include_groups=False,
    )
    sec, cpu = time.perf_counter() - t0, time.process_time() - c0
    np.save(out, verdicts.to_numpy().astype(np.uint8))
    return {
        "path": "apply",
        "targets": n,
        "seconds": sec,
        "cpu_seconds": cpu,
        "targets_per_second": n / sec,
        "peak_mib": peak_mib(),
    }


def find_cpp(build: str | None) -> pathlib.Path | None:
    candidates = [pathlib.Path(build)] if build else sorted((REPO / "build").glob("*"))
    for b in candidates:
        exe = b / "benchmarks" / "evaluate" / "bench_evaluate"
        if exe.exists():
            return exe
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="targets (and series); default 1,000,000")
    ap.add_argument("--repeat", type=int, default=3, help="runs per path; the best is reported")
    ap.add_argument("--build", default=None, help="CMake build dir holding benchmarks/evaluate/bench_evaluate")
    ap.add_argument("--threads", type=int, default=2, help="also time the C++ core with this many threads (1 to skip)")
    ap.add_argument(
        "--apply-n",
        type=int,
        default=20_000,
        dest="apply_n",
        help="targets for the slow groupby-apply variant (0 to skip)",
    )
    ap.add_argument(
        "--general-n",
        type=int,
        default=20_000,
        dest="general_n",
        help="targets for the general (explained) path in one plan (0 to skip)",
    )
    ap.add_argument(
        "--part", choices=("bulk", "bulk2", "pandas", "apply", "general", "polars", "duckdb"), help=argparse.SUPPRESS
    )
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.part:
        runs = {
            "bulk": run_bulk,
            "bulk2": lambda n, r, o: run_bulk(n, r, o, threads=args.threads),
            "pandas": run_pandas,
            "apply": run_apply,
            "general": run_general,
            "polars": lambda n, r, o: run_engine("polars", polars_level, n, r, o),
            "duckdb": lambda n, r, o: run_engine("duckdb", duckdb_level, n, r, o),
        }
        print(json.dumps(runs[args.part](args.n, args.repeat, args.out)))
        return 0

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        verdicts = {}
        exe = find_cpp(args.build)
        if exe is None:
            print(
                "bench_evaluate executable not found; build it: cmake --build <dir> --target bench_evaluate",
                file=sys.stderr,
            )
        else:
            vf = os.path.join(tmp, "cpp.bin")
            line = subprocess.run(
                [str(exe), "--n", str(args.n), "--repeat", str(args.repeat), "--verdicts", vf],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            results["cpp"] = json.loads(line)
            verdicts["cpp"] = np.fromfile(vf, dtype=np.uint8)
            if args.threads > 1:
                vf = os.path.join(tmp, "cpp_t.bin")
                line = subprocess.run(
                    [
                        str(exe),
                        "--n",
                        str(args.n),
                        "--repeat",
                        str(args.repeat),
                        "--verdicts",
                        vf,
                        "--threads",
                        str(args.threads),
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout.strip()
                results[f"cpp {args.threads}t"] = json.loads(line)
                verdicts[f"cpp {args.threads}t"] = np.fromfile(vf, dtype=np.uint8)
        import importlib.util

        parts = ["bulk"] + (["bulk2"] if args.threads > 1 else []) + ["pandas"]
        parts += [p for p in ("polars", "duckdb") if importlib.util.find_spec(p) is not None]
        for p in ("polars", "duckdb"):
            if p not in parts:
                print(f"{p} not installed: its reference is skipped (pip install '.[bench]')", file=sys.stderr)
        for part in parts:
            out = os.path.join(tmp, f"{part}.npy")
            line = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--part",
                    part,
                    "--n",
                    str(args.n),
                    "--repeat",
                    str(args.repeat),
                    "--out",
                    out,
                    "--threads",
                    str(args.threads),
                ],
                check=True,
                capture_output=True,
                text=True,
                env=os.environ,
            ).stdout.strip()
            r = json.loads(line.splitlines()[-1])
            results[r["path"]] = r
            verdicts[r["path"]] = np.load(out)
        general_same = True
        if args.general_n:
            out = os.path.join(tmp, "general.npy")
            m = min(args.general_n, args.n)
            line = subprocess.run(
                [sys.executable, __file__, "--part", "general", "--n", str(m), "--repeat", "1", "--out", out],
                check=True,
                capture_output=True,
                text=True,
                env=os.environ,
            ).stdout.strip()
            results["general"] = json.loads(line.splitlines()[-1])
            general_same = np.array_equal(np.load(out), verdicts["bulk"][:m])
        if args.apply_n:
            out = os.path.join(tmp, "apply.npy")
            m = min(args.apply_n, args.n)
            line = subprocess.run(
                [sys.executable, __file__, "--part", "apply", "--n", str(m), "--out", out],
                check=True,
                capture_output=True,
                text=True,
                env=os.environ,
            ).stdout.strip()
            results["apply"] = json.loads(line.splitlines()[-1])
            apply_same = np.array_equal(np.load(out), verdicts["bulk"][:m])
    names = list(verdicts)
    if args.apply_n:
        names_note = "" if apply_same else " (groupby-apply verdicts DIFFER)"
    else:
        apply_same, names_note = True, ""

    differ = [k for k in names[1:] if not np.array_equal(verdicts[names[0]], verdicts[k])]
    same = not differ
    if differ:
        counts_differ = ", ".join(
            f"{k} in {int((verdicts[names[0]] != verdicts[k]).sum()):,} of {len(verdicts[k]):,} targets" for k in differ
        )
        names_note += f" (differ from {names[0]}: {counts_differ})"
    input_mib = args.n * YEARS * 24 / 2**20
    print(
        f"{args.n:,} level targets × {YEARS}-year series ({args.n * YEARS:,} observations, "
        f"{input_mib:.0f} MiB of input columns), as of {AS_OF}"
    )
    print(f"{'path':8} {'seconds':>9} {'cpu s':>8} {'targets/s':>14} {'peak MiB':>10}")
    for k, r in results.items():
        note = f"  (first {r['targets']:,} targets)" if k in ("apply", "general") else ""
        print(
            f"{k:8} {r['seconds']:9.3f} {r['cpu_seconds']:8.3f} {r['targets_per_second']:14,.0f} "
            f"{r['peak_mib']:10.0f}{note}"
        )
    # CPU seconds are the figure to compare on a shared machine (wall time waits for
    # other processes); the goal is stated in CPU time on one thread.
    cpu = {k: r["cpu_seconds"] for k, r in results.items()}
    if "cpp" in results:
        print(f"CPU time: python bulk / C++ core {cpu['bulk'] / cpu['cpp']:.2f}×")
    for k in results:
        if k in ("bulk", "cpp", "apply", "general") or k.startswith(("bulk ", "cpp ")):
            continue
        print(
            f"python bulk (1 thread) vs {k:8}: {cpu[k] / cpu['bulk']:6.1f}× in CPU time, "
            f"{results['bulk']['targets_per_second'] / results[k]['targets_per_second']:6.1f}× in targets/s (wall)"
        )
    for k in results:
        if k.startswith(("bulk ", "cpp ")):
            one = results[k.split()[0]]
            print(
                f"{k}: {one['seconds'] / results[k]['seconds']:.2f}× the wall-time speed of one thread "
                f"({cpu[k]:.3f} CPU s over all threads)"
            )
    print("goal: python bulk ≥ 10× the vectorised pandas version in CPU time on one thread")
    if "apply" in results:
        ratio = results["bulk"]["targets_per_second"] / results["apply"]["targets_per_second"]
        print(f"groupby-apply / python bulk time per target: {ratio:,.0f}×")
    counts = np.bincount(verdicts["bulk"], minlength=7)
    import healthplan as hp

    print("verdicts: " + ", ".join(f"{hp.VERDICTS[i]} {c:,}" for i, c in enumerate(counts) if c))
    if args.general_n and not general_same:
        names_note += " (general path verdicts DIFFER)"
    same = same and apply_same and general_same
    print(("all paths give identical verdicts" if same else "VERDICTS DIFFER between paths") + names_note)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

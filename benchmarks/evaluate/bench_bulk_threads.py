"""The bulk path with one thread and with two: does the second core cut the wall time?

    python benchmarks/evaluate/bench_bulk_threads.py [--n 1000000] [--rounds 5]

``hp.evaluate_arrays`` on bench_evaluate.py's data (N level targets, N ten-year
series), called in turn with ``threads=1`` and ``threads=2``, ``--rounds`` times,
in one process (the reference is the one-thread call of the same round). Per
call: wall and CPU seconds, the parallelism actually obtained (CPU / wall: 2.0
when both threads ran all the time, 1.0 when they took turns), and the share of
the call's wall time during which some runnable task of the machine waited for
a CPU (Linux pressure stall information, /proc/pressure/cpu "some"; 0 % on an
idle machine). The last lines give the best of each and the speed-up in wall
time with peak memory. On a machine whose other cores are busy the second
thread waits for a core, and the pressure column says so.
"""

from __future__ import annotations

import argparse
import pathlib
import resource
import sys
import time

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from bench_evaluate import AS_OF, generate  # the same data as the bulk benchmark

import healthplan as hp


def cpu_waiting_us() -> int | None:
    """Microseconds some task has waited for a CPU since boot (None without PSI)."""
    try:
        with open("/proc/pressure/cpu") as f:
            some = f.readline().split()
        return int(some[-1].split("=")[1])
    except (OSError, IndexError, ValueError):
        return None


def call(obs: dict, tg: dict, lower: np.ndarray, upper: np.ndarray, threads: int) -> tuple[float, float, float | None]:
    w0, t0, c0 = cpu_waiting_us(), time.perf_counter(), time.process_time()
    hp.evaluate_arrays(
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
    wall, cpu, w1 = time.perf_counter() - t0, time.process_time() - c0, cpu_waiting_us()
    pressure = None if w0 is None or w1 is None else (w1 - w0) / 1e6 / wall
    return wall, cpu, pressure


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="targets (and series); default 1,000,000")
    ap.add_argument("--rounds", type=int, default=5, help="calls with each thread count, alternately")
    args = ap.parse_args()
    obs, tg = generate(args.n)
    lower, upper = np.zeros(args.n), np.full(args.n, 100.0)
    call(obs, tg, lower, upper, 1)  # first touch of the inputs, outside the measurement
    print(f"{'round':>5} {'threads':>7} {'seconds':>8} {'cpu s':>7} {'cpu/wall':>8} {'cpu pressure':>12}")
    best: dict[int, tuple[float, float]] = {}
    for r in range(args.rounds):
        for threads in (1, 2):
            wall, cpu, pressure = call(obs, tg, lower, upper, threads)
            b = best.get(threads, (float("inf"), float("inf")))
            best[threads] = (min(b[0], wall), min(b[1], cpu))
            shown = "n/a" if pressure is None else f"{100 * pressure:.0f} %"
            print(f"{r + 1:5} {threads:7} {wall:8.3f} {cpu:7.3f} {cpu / wall:8.2f} {shown:>12}")
    (w1, c1), (w2, c2) = best[1], best[2]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"best, 1 thread : {w1:.3f} s wall, {c1:.3f} cpu s, {args.n / w1:,.0f} targets/s")
    print(f"best, 2 threads: {w2:.3f} s wall, {c2:.3f} cpu s, {args.n / w2:,.0f} targets/s")
    print(f"speed-up in wall time {w1 / w2:.2f}x (ideal 2.0), cpu ratio {c2 / c1:.2f}; peak {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

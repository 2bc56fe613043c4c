"""Extraction throughput and memory from Python, on a corpus built from the bundled plans.

    python benchmarks/extract/bench_extract.py [--mb 50] [--threads 0]

Prints MB/s for one large document (the bundled plans concatenated and
repeated to --mb MB) on one core, for document-by-document extraction, and
for extract_many over copies on disk with all cores, then documents/s and MB/s
of input for the bundled plans as HTML, DOCX and PDF (reader and extractor),
plus the peak resident memory (getrusage ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import resource
import shutil
import sys
import tempfile
import time

import healthplan
from healthplan import datasets


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50, help="corpus size in MB (default 50)")
    ap.add_argument("--threads", type=int, default=0, help="threads for extract_many (0: all cores)")
    ap.add_argument("--documents", type=float, default=5, help="seconds per format for HTML/DOCX/PDF inputs (0: skip)")
    args = ap.parse_args()

    paths = datasets.seed_paths()
    docs = [p.read_text(encoding="utf-8") for p in paths]
    set_bytes = sum(len(d.encode("utf-8")) for d in docs)
    target = int(args.mb * 1e6)
    print(f"bundled plans: {len(docs)} files, {set_bytes / 1e3:.1f} KB; corpus target {args.mb:.0f} MB")

    reps = -(-target // set_bytes)
    corpus = "\n".join(docs * reps)
    size = len(corpus.encode("utf-8"))
    # Reference in the same process: one compiled re.finditer pass of a single
    # target pattern over the same text (the yardstick; the goal is a
    # quarter of its speed).
    pattern = re.compile(r"(?:达到|不低于|不超过|控制在|降至|提高到)\d+(?:\.\d+)?(?:%|％|‰)")
    t0 = time.perf_counter()
    hits = sum(1 for _ in pattern.finditer(corpus))
    ref_wall = time.perf_counter() - t0
    ref_mbs = size / 1e6 / ref_wall
    print(f"reference re  : {ref_mbs:.1f} MB/s ({hits} matches of one target pattern)")
    before = peak_rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    plan = healthplan.extract(corpus, name="corpus")
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"one document   : {size / 1e6:.1f} MB in {wall:.2f} s = {size / 1e6 / wall:.1f} MB/s "
        f"(cpu {size / 1e6 / cpu:.1f} MB/s, 1 core); {len(plan.targets)} targets, {len(plan.tasks)} tasks"
    )
    print(
        f"                 {size / 1e6 / wall / ref_mbs:.2f}x the reference; {len(plan.targets) / wall:.0f} targets/s"
    )
    peak = peak_rss_mb()
    print(
        f"                 peak RSS {peak:.0f} MB (before {before:.0f} MB, input as str and UTF-8); "
        f"{(peak - before) / (size / 2**20):.1f}x the input above that; "
        f"{len(plan.targets) / cpu:.0f} targets/s (cpu)"
    )
    del plan, corpus

    done = 0
    t0 = time.perf_counter()
    while done < target:
        for d, p in zip(docs, paths):
            healthplan.extract(d, name=p.name)
            done += len(d.encode("utf-8"))
    wall = time.perf_counter() - t0
    print(f"per document   : {done / 1e6:.1f} MB in {wall:.2f} s = {done / 1e6 / wall:.1f} MB/s (1 core)")

    tmp = tempfile.mkdtemp(prefix="healthplan_bench_")
    try:
        files, total = [], 0
        rep = 0
        while total < target:
            for p in paths:
                dst = os.path.join(tmp, f"{rep}_{p.name}")
                shutil.copyfile(p, dst)
                files.append(dst)
                total += p.stat().st_size
            rep += 1
        t0 = time.perf_counter()
        plans = healthplan.extract_many(files, threads=args.threads or None, progress=False)
        wall = time.perf_counter() - t0
        n_threads = args.threads or os.cpu_count()
        print(
            f"extract_many   : {len(files)} files, {total / 1e6:.1f} MB in {wall:.2f} s = "
            f"{total / 1e6 / wall:.1f} MB/s ({n_threads} threads), {sum(len(p.targets) for p in plans)} targets"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    bench_documents(paths, args.documents)
    print(f"peak RSS of the run: {peak_rss_mb():.0f} MB")
    return 0


def bench_documents(paths: list[os.PathLike[str]], seconds: float) -> None:
    """HTML, DOCX and PDF renderings of the bundled plans (tests/quality/layouts.py):
    documents/s and MB/s of input, reader and extractor together, 1 core."""
    if seconds <= 0:
        return
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "quality"))
    import layouts  # the generator of the layout-invariance tests

    tmp = tempfile.mkdtemp(prefix="healthplan_bench_docs_")
    try:
        for fmt in ("html", "docx", "pdf"):
            files = [f for f in (layouts.render(p, fmt, _mkdir(tmp, fmt)) for p in paths) if f is not None]
            if len(files) < len(paths):
                print(f"{fmt:<15}: cannot be rendered here (needs python-docx / Chromium)")
                continue
            size = sum(os.path.getsize(f) for f in files)
            n, t0 = 0, time.perf_counter()
            while time.perf_counter() - t0 < seconds:
                for f in files:
                    healthplan.extract_file(f)
                n += len(files)
            wall = time.perf_counter() - t0
            print(
                f"{fmt:<15}: {n / wall:.1f} documents/s, {size * n / len(files) / 1e6 / wall:.2f} MB/s of input "
                f"({len(files)} documents, {size / 1e3:.0f} KB, 1 core)"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _mkdir(root: str, name: str) -> pathlib.Path:
    d = pathlib.Path(root) / name
    d.mkdir(exist_ok=True)
    return d


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz/ for a bounded time and prints the
# executions each reached. Not part of scripts/test.sh (CI): the default of
# 600 s per target takes ~50 minutes for the five targets on one core.
#
#   scripts/fuzz.sh                      # every target, 600 s each
#   scripts/fuzz.sh 60 fuzz_plan_json    # one target, 60 s
#   FUZZ_KEEP_GOING=1 scripts/fuzz.sh    # fork mode: record crashes and go on
#   FUZZ_RUNS=2000000 scripts/fuzz.sh 7200 fuzz_extract   # stop at 2 M executions (or the time)
#   scripts/fuzz.sh 600 fuzz_read_html fuzz_read_mhtml fuzz_read_docx fuzz_read_pdf   # the Python readers
#
# Builds the 'fuzz' preset (Clang, ASan + UBSan) into build/fuzz. The
# fuzz_read_* targets are Python (tests/fuzz/python/, run by Atheris, libFuzzer's
# Python driver, from .venv: run scripts/setup.sh first) and take the same flags. The corpus
# grows in build/fuzz/corpus/<target> (seeded from tests/fuzz/seeds/), crashes
# land in build/fuzz/artifacts/<target>/, the log in build/fuzz/logs/<target>.log.
# One job per target and nice'd, so the machine stays usable.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-600}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(fuzz_extract fuzz_extract_gb18030 fuzz_plan_json fuzz_observations_csv fuzz_units
    fuzz_read_html fuzz_read_mhtml fuzz_read_docx fuzz_read_pdf)

native=()
for t in "${targets[@]}"; do [[ "$t" == fuzz_read_* ]] || native+=("$t"); done
if ((${#native[@]})); then
    cmake --preset fuzz >/dev/null
    cmake --build build/fuzz --target "${native[@]}" >/dev/null
fi

seed_dir() {
    case "$1" in
        fuzz_extract | fuzz_extract_gb18030) echo tests/fuzz/seeds/extract ;;
        *) echo "tests/fuzz/seeds/${1#fuzz_}" ;;
    esac
}

status=0
for t in "${targets[@]}"; do
    corpus=build/fuzz/corpus/$t artifacts=build/fuzz/artifacts/$t/ log=build/fuzz/logs/$t.log
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    cp -n "$(seed_dir "$t")"/* "$corpus"/ 2>/dev/null || true
    if [ "$t" = fuzz_extract_gb18030 ]; then
        # The GB18030 target starts from the extract seeds converted to GB18030.
        for f in tests/fuzz/seeds/extract/*; do
            iconv -f UTF-8 -t GB18030 "$f" > "$corpus/gb_$(basename "$f")" 2>/dev/null || rm -f "$corpus/gb_$(basename "$f")"
        done
    fi
    # Inputs up to 4 KB (a page of plan text) keep executions fast; a 2 GB RSS
    # cap turns a memory blow-up into a finding instead of an OOM kill.
    # Document readers take whole files: a small PDF or DOCX package is a few KB.
    max_len=4096 run=("build/fuzz/tests/fuzz/$t")
    if [[ "$t" == fuzz_read_* ]]; then max_len=65536 run=(.venv/bin/python "tests/fuzz/python/$t.py"); fi
    flags=(-max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=10
           -artifact_prefix="$artifacts" -print_final_stats=1)
    if [ -n "${FUZZ_RUNS:-}" ]; then flags+=(-runs="$FUZZ_RUNS"); fi
    if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then flags+=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1); fi
    start=$(date +%s)
    if ! nice -n 10 "${run[@]}" "${flags[@]}" "$corpus" >"$log" 2>&1; then status=1; fi
    elapsed=$(($(date +%s) - start))
    # Plain mode prints stat::number_of_executed_units; fork mode prints "#N" progress lines.
    # (|| true: no match is an answer here, not an error under set -e/pipefail)
    runs=$({ grep -o 'stat::number_of_executed_units: [0-9]*' "$log" || true; } | awk '{s+=$2} END {print s+0}')
    if [ "$runs" = 0 ]; then runs=$({ grep -oE '^#[0-9]+' "$log" || true; } | tail -1 | tr -d '#'); fi
    crashes=$(find "$artifacts" -type f | wc -l)
    printf '[fuzz] %-24s %10s executions in %4d s (%s/s), corpus %5d, crash files %d\n' \
        "$t" "${runs:-0}" "$elapsed" "$(( ${runs:-0} / (elapsed > 0 ? elapsed : 1) ))" \
        "$(find "$corpus" -type f | wc -l)" "$crashes"
    [ "$crashes" = 0 ] || status=1
done
exit $status

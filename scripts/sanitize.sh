#!/usr/bin/env bash
# The C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer, then the
# thread tests under ThreadSanitizer ([stress]: many threads extracting,
# loading, evaluating and saving at once; [threads]: evaluate() split over
# threads). Not part of scripts/test.sh (CI):
# measured on an idle 2-core machine from scratch: ASan+UBSan build 118 s and
# run 11 s (every Catch2 test), TSan build 76 s and run 1 s (docs/hardening.md).
#
#   scripts/sanitize.sh            # both
#   scripts/sanitize.sh asan       # ASan + UBSan only
#   scripts/sanitize.sh tsan       # TSan only
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
which="${1:-all}"

# Any finding fails the run; leak checking on, as in the fuzzers.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"

run() {  # configure preset, build preset, test filter
    local configure=$1 build=$2 filter=$3 start dir
    dir=build/$configure
    start=$(date +%s)
    cmake --preset "$configure" >/dev/null
    cmake --build --preset "$build" >/dev/null
    local built=$(($(date +%s) - start))
    start=$(date +%s)
    "$dir/tests/healthplan_tests" $filter >"$dir/tests.log" 2>&1 || {
        tail -n 60 "$dir/tests.log"
        echo "[sanitize] $build: FAILED (log: $dir/tests.log)"
        return 1
    }
    echo "[sanitize] $build: $(tail -n 2 "$dir/tests.log" | tr -s '\n' ' ') (build ${built} s, run $(($(date +%s) - start)) s)"
}

status=0
if [ "$which" = all ] || [ "$which" = asan ]; then
    # Every Catch2 test, the [stress] ones included.
    # The 'fuzz' configure preset is the ASan + UBSan build (tests and fuzzers share it).
    run fuzz asan-ubsan "" || status=1
fi
if [ "$which" = all ] || [ "$which" = tsan ]; then
    run tsan tsan "[stress],[threads]" || status=1
fi
exit $status

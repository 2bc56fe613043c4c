#!/usr/bin/env bash
# README command 2: install everything, then run every test.
#   1. scripts/lint.sh: clang-format, ruff (lint + format), mypy --strict
#   2. the C++ build with warnings as errors
#   3. one ctest that runs it all: Catch2, the installed-package consumer,
#      pytest (tests/python: the Python surface, CLI, notebooks, docs blocks)
#      and the installed smoke test `python -m healthplan.test`.
# Arguments, if any, are passed to pytest, which then runs on its own after
# the C++ tests (e.g. scripts/test.sh -k report -x).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Chromium renders the HTML report headless in tests/python/report/.
HEALTHPLAN_EXTRA_DEBS="chromium" "$root/scripts/setup.sh"
cd "$root"
jobs=$(nproc 2>/dev/null || echo 2)

echo "[test] lint: format, lint and type gates"
scripts/lint.sh

echo "[test] build (C++ core, Catch2 tests, benchmarks; warnings are errors)"
cmake -S . -B build/cpp -G Ninja -DCMAKE_BUILD_TYPE=Release -DHEALTHPLAN_BUILD_TESTS=ON \
  -DHEALTHPLAN_WERROR=ON -DHEALTHPLAN_TEST_PYTHON="$root/.venv/bin/python" >/dev/null
cmake --build build/cpp -j"$jobs"

exclude=()
(($#)) && exclude=(-E '^python\.pytest$')
echo "[test] ctest: Catch2, package consumer, smoke test and (without arguments) pytest"
# Full output only when something fails; otherwise the summaries.
if ! ctest --test-dir build/cpp --output-on-failure -j"$jobs" "${exclude[@]}" > build/cpp/ctest.log 2>&1; then
  cat build/cpp/ctest.log; exit 1
fi
# pytest's own closing line, from inside the ctest run, then ctest's summary.
grep -hE '^=+ .*(passed|failed).* =+$' build/cpp/Testing/Temporary/LastTest.log || true
tail -n 4 build/cpp/ctest.log

if (($#)); then
  echo "[test] pytest $*"
  export HEALTHPLAN_QUICKSTART="$root/build/cpp/consumer/quickstart"
  exec .venv/bin/python -m pytest "$@"
fi

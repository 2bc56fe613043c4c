#!/usr/bin/env bash
# README command 2: install everything, then run every test — the C++ core
# with Catch2 and the installed-package consumer through ctest, then the
# Python surface, CLI and notebooks with pytest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Chromium renders the HTML report headless in tests/python/test_report.py.
HEALTHPLAN_EXTRA_DEBS="chromium" "$root/scripts/setup.sh"
cd "$root"
jobs=$(nproc 2>/dev/null || echo 2)

echo "[test] C++ (Catch2 + consumer of the installed package)"
cmake -S . -B build/cpp -G Ninja -DCMAKE_BUILD_TYPE=Release -DHEALTHPLAN_BUILD_TESTS=ON \
  -DHEALTHPLAN_WERROR=ON >/dev/null
cmake --build build/cpp -j"$jobs"
# Full output only when something fails; otherwise the summary.
if ! ctest --test-dir build/cpp --output-on-failure -j"$jobs" > build/cpp/ctest.log 2>&1; then
  cat build/cpp/ctest.log; exit 1
fi
tail -n 4 build/cpp/ctest.log

echo "[test] Python (pytest)"
export HEALTHPLAN_QUICKSTART="$root/build/cpp/consumer/quickstart"
exec .venv/bin/python -m pytest "$@"

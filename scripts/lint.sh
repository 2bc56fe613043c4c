#!/usr/bin/env bash
# The format, lint and type gates (part of the README's test command; the same
# checks as .pre-commit-config.yaml). Needs ./scripts/setup.sh first (ruff and
# mypy come from the `dev` extra, clang-format from Debian).
#   scripts/lint.sh          check, exit non-zero on the first gate that fails
#   scripts/lint.sh --fix    apply the formatters and ruff's safe fixes
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv=.venv/bin
mapfile -t cxx < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find src include tests benchmarks python examples -name '*.[ch]pp')
py=(python/healthplan tests/python benchmarks examples)

if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${cxx[@]}"
  "$venv/ruff" format "${py[@]}"
  "$venv/ruff" check --fix "${py[@]}"
  exit 0
fi

echo "[lint] clang-format (${#cxx[@]} files)"
clang-format --dry-run --Werror "${cxx[@]}"
echo "[lint] ruff format --check"
"$venv/ruff" format --check --quiet "${py[@]}"
echo "[lint] ruff check"
"$venv/ruff" check --quiet "${py[@]}"
echo "[lint] mypy --strict python/healthplan"
"$venv/mypy" --no-error-summary
echo "[lint] ok"

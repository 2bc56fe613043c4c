#!/usr/bin/env bash
# README command 1: install everything, then run the main job on the bundled
# example plans: extract the five bundled documents, compare them with each
# other and the national targets, evaluate the national indicators against the
# bundled observed figures, print a summary and write out/healthplan-report.html.
# Extra arguments are passed on (plan files, .txt documents or folders).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
mkdir -p out
exec .venv/bin/healthplan report -o out/healthplan-report.html "$@"

#!/usr/bin/env bash
# README command 1: install everything, then run the main job on the bundled
# example plans. Extra arguments are passed on (files or a folder of plans).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
exec .venv/bin/healthplan show examples/data/wuhai_example.plan.json "$@"

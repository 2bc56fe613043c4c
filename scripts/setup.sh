#!/usr/bin/env bash
# Installs everything healthplan needs into .venv/ at the repository root:
# Debian packages (Boost, nlohmann/json, Catch2, a CJK font) when missing, a
# virtual environment, and the package itself (built by scikit-build-core).
# Idempotent and fast the second time: nothing is reinstalled unless a source
# file changed since the last install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { printf '[setup] %s\n' "$*" >&2; }

# --- Debian packages ---------------------------------------------------------
debs=(g++ libboost-dev libboost-math-dev nlohmann-json3-dev libssl-dev catch2 fonts-noto-cjk clang-format)
# Callers may ask for more (the test command adds chromium for the report check).
read -r -a extra_debs <<< "${HEALTHPLAN_EXTRA_DEBS:-}"
debs+=("${extra_debs[@]}")
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo_cmd=(); elif command -v sudo >/dev/null; then sudo_cmd=(sudo); else
    say "need root (or sudo) to install: ${missing[*]}"; exit 1; fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- virtual environment ------------------------------------------------------
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$python" -m venv .venv
fi
venv_py="$root/.venv/bin/python"
# pip, minus the machine-wide find-links notices that drown real messages.
pip_install() { "$venv_py" -m pip install -q "$@" 2> >(grep -v "^WARNING: Location" >&2); }

# Build requirements go into the venv so the package builds without isolation
# (which lets the CMake build directory be reused between installs).
stamp_deps=.venv/.healthplan-deps
deps_hash=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp_deps" ] || [ "$(cat "$stamp_deps")" != "$deps_hash" ]; then
  say "installing Python dependencies"
  pip_install --upgrade pip
  extra=()
  command -v cmake >/dev/null || extra+=(cmake)
  command -v ninja >/dev/null || extra+=(ninja)
  pip_install "scikit-build-core>=0.10" "pybind11>=2.12" "${extra[@]}"
  # The project's runtime and test dependencies, read from pyproject.toml.
  "$venv_py" - <<'PY' > .venv/.healthplan-requirements.txt
try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11: pip vendors the same parser
    from pip._vendor import tomli as tomllib
p = tomllib.load(open("pyproject.toml", "rb"))["project"]
deps = list(p["dependencies"])
for extra in p.get("optional-dependencies", {}).values():
    deps += extra
print("\n".join(sorted(set(deps))))
PY
  pip_install -r .venv/.healthplan-requirements.txt
  echo "$deps_hash" > "$stamp_deps"
  rm -f .venv/.healthplan-src
fi

# --- the package --------------------------------------------------------------
# Hash every file that goes into the build; reinstall only when one changed.
src_hash=$(
  { git ls-files -co --exclude-standard -- CMakeLists.txt cmake include src python pyproject.toml README.md 2>/dev/null ||
    find CMakeLists.txt cmake include src python pyproject.toml README.md -type f; } |
  LC_ALL=C sort | while read -r f; do [ -f "$f" ] && sha256sum "$f"; done | sha256sum | cut -d' ' -f1
)
stamp_src=.venv/.healthplan-src
if [ ! -f "$stamp_src" ] || [ "$(cat "$stamp_src")" != "$src_hash" ] ||
   ! "$venv_py" -c "import healthplan" 2>/dev/null; then
  say "building and installing healthplan (C++ extension; takes a few minutes the first time)"
  pip_install --no-build-isolation --no-deps \
    -Cbuild-dir=build/python -Ccmake.build-type=Release "$root"
  echo "$src_hash" > "$stamp_src"
fi
say "ready: $("$venv_py" -c 'import healthplan; print("healthplan", healthplan.__version__)')"

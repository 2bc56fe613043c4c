"""The C++ blocks of README.md and docs/*.md compile against the installed package (and run,
where a block is a whole program), and every shell block that is more than `healthplan …`
lines runs as a bash script, benchmarks with a tiny size (``_docblocks.BENCHMARK_SIZES``).

Both need the C++ build: ``HEALTHPLAN_BUILD_DIR`` (set by ctest) or ``build/cpp`` (what
scripts/test.sh configures); the package is installed from it into ``HEALTHPLAN_PREFIX``
(ctest's staging prefix) or a scratch prefix. Without a build they are skipped, saying so.
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest
from _docblocks import NEVER_RUN, REPO, Block, all_blocks, tiny_benchmark

_LINKED = ("examples", "python", "docs", "benchmarks", "tests")
_BUILD_PATH = re.compile(r"(?<!\S)\.?/?build(?:/<dir>|/cpp)?(?=/|\s|$)")


def _build_dir() -> pathlib.Path | None:
    given = os.environ.get("HEALTHPLAN_BUILD_DIR")
    for d in [pathlib.Path(given)] if given else [REPO / "build" / "cpp"]:
        if (d / "CMakeCache.txt").exists() and (d / "libhealthplan.a").exists():
            return d
    return None


@pytest.fixture(scope="module")
def build_dir() -> pathlib.Path:
    d = _build_dir()
    if d is None:
        pytest.skip("no C++ build: configure and build build/cpp first (scripts/test.sh does)")
    return d


@pytest.fixture(scope="module")
def prefix(build_dir, tmp_path_factory) -> pathlib.Path:
    """The installed package: ctest's staging prefix, else installed here from the build."""
    given = os.environ.get("HEALTHPLAN_PREFIX")
    if given and (pathlib.Path(given) / "include" / "healthplan").is_dir():
        return pathlib.Path(given)
    stage = tmp_path_factory.mktemp("stage")
    subprocess.run(["cmake", "--install", str(build_dir), "--prefix", str(stage)], check=True, capture_output=True)
    return stage


@pytest.fixture()
def scratch(tmp_path):
    for name in _LINKED:
        (tmp_path / name).symlink_to(REPO / name)
    (tmp_path / ".venv").symlink_to(sys.prefix)  # `.venv/bin/…` lines use this run's environment
    shims = tmp_path / ".shims"  # `python …` lines too
    shims.mkdir()
    for name in ("python", "python3"):  # a script, not a symlink: a venv is found from the path run
        (shims / name).write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
        (shims / name).chmod(0o755)
    return tmp_path


# ------------------------------------------------------------------- shell --

SHELL = [b for b in all_blocks() if b.kind == "shell" and b.not_run is None]


def script(block: Block, build: pathlib.Path | None) -> str:
    """The block's command lines (shown output dropped) as a bash script: benchmarks tiny,
    ``build/…`` paths (``build/<dir>``, ``./build``, ``build/cpp``) the test's build folder."""
    lines = ["set -euo pipefail"]
    for _, cmd in block.commands():
        cmd = tiny_benchmark(cmd)
        if build is not None:
            cmd = _BUILD_PATH.sub(str(build), cmd)
        lines.append(cmd)
    return "\n".join(lines) + "\n"


def _needs_build(block: Block) -> bool:
    return any(c.startswith("cmake") or _BUILD_PATH.search(c) for _, c in block.commands())


@pytest.mark.parametrize("block", SHELL, ids=[b.name for b in SHELL])
def test_shell_blocks_run(block, scratch):
    assert not any(NEVER_RUN.search(c) for _, c in block.commands()), f"{block.name}: must be marked not run"
    build = _build_dir()
    if build is None and _needs_build(block):
        pytest.skip("no C++ build: configure and build build/cpp first (scripts/test.sh does)")
    bin_dir = pathlib.Path(sys.executable).parent
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "PATH": os.pathsep.join([str(scratch / ".shims"), str(bin_dir), os.environ["PATH"]]),
    }
    r = subprocess.run(
        ["bash", "-c", script(block, build)],
        cwd=scratch,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=1200,
        env=env,
    )
    assert r.returncode == 0, f"{block.name}:\n{script(block, build)}\n{r.stdout[-1500:]}\n{r.stderr[-2500:]}"


def test_benchmarks_are_run_tiny():
    """Every benchmark the docs show is among the shell blocks run, with its tiny size."""
    shown = [c for b in all_blocks() if b.not_run is None for _, c in b.commands() if "/bench_" in c]
    assert len(shown) >= 8, shown
    run = {c for b in SHELL for _, c in b.commands()}
    assert set(shown) <= run
    assert tiny_benchmark("build/cpp/benchmarks/extract/bench_extract --mb 50").endswith("--mb 0.05")
    assert "--target bench_compare --repeat" not in tiny_benchmark("cmake --build b --target bench_compare")


# --------------------------------------------------------------------- C++ --

CPP = [b for b in all_blocks() if b.kind == "cpp" and b.not_run is None]
CMAKE = [b for b in all_blocks() if b.kind == "cmake" and b.not_run is None]


def _source(block: Block) -> str:
    """A whole program as it is; a fragment inside a function main() calls (so every name it
    uses must link), its #include lines first. #line points errors at the doc."""
    where = f'"{block.doc.relative_to(REPO)}"'
    if re.search(r"\bint\s+main\s*\(", block.code):
        return f"{block.given}\n#line {block.line + 1} {where}\n{block.code}"
    lines = block.code.splitlines()
    includes = [x for x in lines if x.lstrip().startswith("#include")]
    body = [x if not x.lstrip().startswith("#include") else "" for x in lines]
    return "\n".join(
        [
            *includes,
            "namespace {",
            "void doc_block() {",
            block.given,
            f"#line {block.line + 1} {where}",
            *body,
            "}",
            "}  // namespace",
            "int main(int argc, char**) {",
            "    if (argc > 99) doc_block();  // compiled and linked, not run: a fragment",
            "}",
        ]
    )


def _target(block: Block) -> str:
    return re.sub(r"\W", "_", f"{block.doc.stem}_{block.line}")


def _project(tmp: pathlib.Path) -> dict[str, Block]:
    """One CMake project: the README's cmake lines verbatim for its quickstart (target ``app``),
    every other C++ block an executable of its own."""
    lines = ["cmake_minimum_required(VERSION 3.20)", "project(doc_blocks LANGUAGES CXX)", "set(CMAKE_CXX_STANDARD 20)"]
    targets: dict[str, Block] = {}
    app = None
    for cm in CMAKE:
        app = next((b for b in CPP if b.doc == cm.doc and b.line > cm.line), None)
        assert app is not None and "app" in cm.code, f"{cm.name}: the cmake block names the C++ block after it"
        (tmp / "app.cpp").write_text(_source(app), encoding="utf-8")
        lines += ["add_executable(app app.cpp)", cm.code]
        targets["app"] = app
    lines.append("find_package(healthplan 0.1 CONFIG REQUIRED)")
    for b in CPP:
        if b is app:
            continue
        name = _target(b)
        (tmp / f"{name}.cpp").write_text(_source(b), encoding="utf-8")
        lines += [f"add_executable({name} {name}.cpp)", f"target_link_libraries({name} PRIVATE healthplan::healthplan)"]
        targets[name] = b
    (tmp / "CMakeLists.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return targets


def test_cpp_blocks_compile_and_programs_run(prefix, tmp_path, scratch):
    assert CPP and CMAKE
    src, out = tmp_path / "src", tmp_path / "build"
    src.mkdir()
    targets = _project(src)
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    r = subprocess.run(
        ["cmake", "-S", str(src), "-B", str(out), *generator, f"-DCMAKE_PREFIX_PATH={prefix}"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    r = subprocess.run(["cmake", "--build", str(out), "-j2"], capture_output=True, text=True, timeout=1200)
    failed = sorted(set(re.findall(r"(README\.md|docs/\w+\.md):(\d+)", r.stdout + r.stderr)))
    assert r.returncode == 0, f"C++ blocks that do not compile: {failed}\n{r.stdout[-3000:]}"
    for name, block in targets.items():
        if re.search(r"\bint\s+main\s*\(", block.code):  # a whole program: run it, from the repository's view
            run = subprocess.run([str(out / name)], cwd=scratch, capture_output=True, text=True, timeout=300)
            assert run.returncode == 0, f"{block.name}: exit {run.returncode}\n{run.stderr[-2000:]}"

"""The fenced code blocks of README.md and docs/*.md, and what kind of run each gets.

A block is run by the test of its kind (test_doc_blocks.py, test_doc_programs.py):

- ``python``: executed verbatim, the blocks of one file in one namespace;
- ``cli``: a shell block of ``healthplan …`` lines only, each line run;
- ``shell``: any other shell block with commands: run as one bash script, benchmarks with a
  tiny size flag (BENCHMARK_SIZES) and the test's build folder for ``build/…`` paths;
- ``cpp`` and ``cmake``: compiled against the installed package (and run when a block is a
  whole program); the README's ``cmake`` lines are the consumer project's own;
- ``text``: no commands (data samples, trees, output): nothing to run.

A block that cannot run carries ``<!-- not run: reason -->`` on the line before its fence;
``<!-- given: declarations -->`` there gives a C++ fragment the names the prose around it
defines (a ``plan`` loaded earlier), compiled before the fragment.
"""

from __future__ import annotations

import pathlib
import re
from dataclasses import dataclass

REPO = pathlib.Path(__file__).resolve().parents[3]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]

# A fence, also inside a blockquote ("> ```python"), with the quote marks of its body.
_FENCE = re.compile(r"^(?P<quote>(?:> ?)?)```(?P<lang>\w*)[^\n]*\n(?P<body>.*?)^(?P=quote)```", re.M | re.S)
_MARK = re.compile(r"<!--\s*(not run|given):(.*?)-->", re.S)
_SHELL = ("sh", "bash", "console", "shell", "")
# The first word of a command line; anything else in a shell block is shown output.
_COMMAND = re.compile(
    r"^(?:healthplan|python3?|\.venv/bin/\S+|cmake|ctest|\./\S+|scripts/\S+|build/\S+|[A-Z_]+=\S*)(?:\s|$)"
)
#: Commands a test must never start (they install, or run the whole suite, which runs this
#: test): a block holding one has to say ``not run``.
NEVER_RUN = re.compile(r"(?:^|\s|/)(?:run\.sh|test\.sh|sanitize\.sh|setup\.sh)\b|^ctest\b")

#: Each benchmark's size flags and the tiny values the docs test runs it with.
BENCHMARK_SIZES: dict[str, dict[str, str]] = {
    "bench_extract.py": {"--mb": "0.05", "--documents": "0"},
    "bench_extract": {"--mb": "0.05"},
    "bench_evaluate.py": {"--n": "2000", "--repeat": "1", "--apply-n": "200", "--general-n": "200"},
    "bench_evaluate": {"--n": "2000", "--repeat": "1"},
    "bench_compare": {"--repeat": "2"},
    "bench_evaluate_plans.py": {"--sizes": "300", "--repeat": "1"},
    "bench_evaluate_plans": {"--repeat": "1"},
}


@dataclass(frozen=True)
class Block:
    doc: pathlib.Path
    line: int  # of the opening fence
    lang: str
    code: str
    not_run: str | None = None  # the reason, when marked
    given: str = ""  # C++ declarations the fragment assumes

    @property
    def name(self) -> str:
        return f"{self.doc.relative_to(REPO)}:{self.line}"

    @property
    def kind(self) -> str:
        if self.lang == "python":
            return "text" if self.code.lstrip().startswith(">>>") else "python"
        if self.lang in ("cpp", "c++", "cmake"):
            return "cpp" if self.lang != "cmake" else "cmake"
        if self.lang not in _SHELL:
            return "text"
        commands = [c for _, c in self.commands()]
        if not commands:
            return "text"
        return "cli" if all(c.startswith("healthplan ") for c in commands) else "shell"

    def commands(self) -> list[tuple[int, str]]:
        """(line, command) of the command lines; comments after two spaces are dropped."""
        out = []
        for i, raw in enumerate(self.code.splitlines()):
            cmd = raw.strip()
            cmd = cmd[2:] if cmd.startswith("$ ") else cmd
            cmd = cmd.split("  #")[0].strip()
            if _COMMAND.match(cmd):
                out.append((self.line + 1 + i, cmd))
        return out


def blocks(doc: pathlib.Path) -> list[Block]:
    text = doc.read_text(encoding="utf-8")
    out = []
    for m in _FENCE.finditer(text):
        quote = m.group("quote")
        body = m.group("body")
        if quote:
            body = re.sub(rf"^{re.escape(quote.rstrip())} ?", "", body, flags=re.M)
        before = text[: m.start()].rstrip().splitlines()
        last = before[-1].strip() if before else ""
        marks = {k: v.strip() for k, v in _MARK.findall(last)} if last.startswith("<!--") else {}
        out.append(
            Block(
                doc=doc,
                line=text[: m.start()].count("\n") + 1,
                lang=m.group("lang").lower(),
                code=body,
                not_run=marks.get("not run"),
                given=marks.get("given", ""),
            )
        )
    return out


def all_blocks() -> list[Block]:
    return [b for d in DOCS for b in blocks(d)]


def marks_without_block(doc: pathlib.Path) -> list[int]:
    """Lines of ``not run`` / ``given`` marks that are not directly before a fence."""
    lines = doc.read_text(encoding="utf-8").splitlines()
    out = []
    for i, line in enumerate(lines):
        if line.strip().startswith("<!--") and _MARK.search(line):  # a mark is a line of its own
            following = next((x for x in lines[i + 1 :] if x.strip()), "")
            if not re.match(r"^(?:> ?)?```", following):
                out.append(i + 1)
    return out


def tiny_benchmark(cmd: str) -> str:
    """``cmd`` with each benchmark's size flags set to the tiny values of BENCHMARK_SIZES."""
    for name in sorted(BENCHMARK_SIZES, key=len, reverse=True):
        m = re.search(rf"\S*/{re.escape(name)}(?=\s|$)", cmd)  # the program, not a --target name
        if not m:
            continue
        head, tail = cmd[: m.end()], cmd[m.end() :]
        rest, sep, after = tail.partition("&&")
        for flag, value in BENCHMARK_SIZES[name].items():
            pattern = rf"(\s{re.escape(flag)})\s+\S+"
            if re.search(pattern, rest):
                rest = re.sub(pattern, rf"\1 {value}", rest)
            else:
                rest = f"{rest.rstrip()} {flag} {value}"
        return head + rest + (f" {sep}{tiny_benchmark(after)}" if sep else "")
    return cmd

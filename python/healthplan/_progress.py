"""One progress bar on stderr, shared by extract_many and the report (no dependency).

It draws only on a terminal unless forced, clears its line on every redraw
(so a shorter or narrower CJK label leaves no residue) and on close.
"""

from __future__ import annotations

import sys
from typing import TextIO


class ProgressBar:
    def __init__(
        self, total: int, *, stream: TextIO | None = None, enabled: bool | None = None, width: int = 28
    ) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = max(total, 1)
        self.width = width
        self.done = 0

    def update(self, done: int, label: str = "") -> None:
        """Moves the bar to ``done`` of ``total`` and shows ``label``."""
        self.done = max(0, min(self.total, done))
        if not self.enabled:
            return
        filled = int(self.width * self.done / self.total)
        self.stream.write(
            f"\r\x1b[2K[{'█' * filled}{'·' * (self.width - filled)}] {self.done:>3}/{self.total} {label[:38]}"
        )
        self.stream.flush()

    def step(self, label: str, n: int = 1) -> None:
        self.update(self.done + n, label)

    def __call__(self, done: int, total: int) -> None:
        """The ``(done, total)`` callback of the compiled ``extract_many``."""
        self.total = max(total, 1)
        self.update(done, "extracting")

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()

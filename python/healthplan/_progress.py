"""One progress bar, shared by extract_many and the report: ``tqdm.auto``.

tqdm.auto picks a widget in Jupyter and a text bar on a terminal; when the
stream is not a terminal (piped, redirected, CI) nothing is drawn unless forced.
This wrapper keeps the small interface the callers use (``update(done)``,
``step(label)``, the ``(done, total)`` callback of the compiled extract_many).
"""

from __future__ import annotations

import sys
from typing import TextIO


class ProgressBar:
    def __init__(self, total: int, *, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        from tqdm.auto import tqdm

        self.stream = stream or sys.stderr
        enabled = self.stream.isatty() if enabled is None else enabled
        self.total = max(total, 1)
        self._bar = tqdm(total=self.total, file=self.stream, disable=not enabled, leave=False, dynamic_ncols=True)
        self.enabled = enabled
        self.done = 0
        self._label = ""

    def update(self, done: int, label: str = "") -> None:
        """Moves the bar to ``done`` of ``total`` and shows ``label``."""
        done = max(0, min(self.total, done))
        self._bar.update(done - self.done)
        if label and label[:38] != self._label:
            self._label = label[:38]
            # A new stage is drawn at once: tqdm's own refresh is rate-limited
            # (mininterval), so a short stage would otherwise never be seen.
            self._bar.set_description_str(label[:38], refresh=True)
        self.done = done

    def step(self, label: str, n: int = 1) -> None:
        self.update(self.done + n, label)

    def __call__(self, done: int, total: int) -> None:
        """The ``(done, total)`` callback of the compiled ``extract_many``."""
        if max(total, 1) != self.total:
            self.total = max(total, 1)
            self._bar.total = self.total
        self.update(done, "extracting")

    def close(self) -> None:
        self._bar.close()

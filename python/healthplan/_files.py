"""The package's one file writer: every output (plans, ``compare -o``,
``report -o``, templates, Excel) is written through :func:`write_atomic`, which
hands the bytes to the C++ core's ``write_file_atomic``: a fresh ``O_EXCL``
temporary in the target's directory, ``fsync``, ``rename``. Readers see the old
file or the new one, a planted symlink is never followed, a failure leaves
nothing behind, and an output that is also an input is refused
(``io.same_file``)."""

from __future__ import annotations

import os
from collections.abc import Iterable

from . import _core


def write_atomic(
    path: str | os.PathLike[str], data: bytes | str, *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Atomically replaces ``path`` with ``data`` (``str`` is written as UTF-8).

    Raises ``healthplan.ParseError`` (``io.write`` with the OS reason,
    ``io.not_a_file``, ``io.same_file``) naming the file.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    _core._write_file_atomic(os.fspath(path), raw, [os.fspath(p) for p in inputs])

"""Raising the package's typed errors from Python code, with the same ``.id``,
``.where`` and ``.detail`` the C++ translator gives (register_errors.cpp), so a
caller cannot tell where an error was raised. The id must be one of the README's
table (``healthplan::error_ids``)."""

from __future__ import annotations

from . import _core


def make_error(cls: type[_core.Error], error_id: str, message: str, where: str = "") -> _core.Error:
    """An instance of ``cls`` (``DataError``, ``ParseError``…) formatted as the core formats its errors."""
    err = cls(f"[{error_id}] {where}: {message}" if where else f"[{error_id}] {message}")
    err.id = error_id
    err.where = where
    err.detail = message
    return err

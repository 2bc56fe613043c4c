"""pandas, imported on first use with a clear error when it is not installed.

pandas is an optional dependency (``pip install 'healthplan[pandas]'``): the
model, extraction and evaluation work without it, and only the functions that
return or take DataFrames need it. They import it as ``from ._pandas import pd``,
which keeps the type checker's view of pandas and fails with an ImportError
naming the extra (as pyarrow does) instead of a bare ModuleNotFoundError.
"""

from __future__ import annotations

try:
    import pandas as pd
except ModuleNotFoundError as err:  # pragma: no cover - exercised in a subprocess test
    if err.name != "pandas":
        raise
    raise ImportError(
        "this part of healthplan returns pandas DataFrames, and pandas is not installed: "
        "pip install 'healthplan[pandas]'"
    ) from None

__all__ = ["pd"]

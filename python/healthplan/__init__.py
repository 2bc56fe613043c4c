"""healthplan: model, extract, evaluate and compare Chinese health plans.

The compiled core (`healthplan._core`) holds the model and the algorithms;
this package adds the Pythonic surface: file helpers, pandas DataFrames at the
edges, notebook display and the ``healthplan`` command.
"""

from __future__ import annotations

try:
    from . import _core
except ImportError as err:  # pragma: no cover - only without a build
    raise ImportError(
        "healthplan's compiled core is missing. Did you forget to build it? "
        "Install with `pip install .` (scikit-build-core builds the extension)."
    ) from err

from ._core import max_input_bytes as max_input_bytes
from ._core import set_max_input_bytes as set_max_input_bytes
from .compare import *  # noqa: F403
from .compare import __all__ as _compare_all
from .evaluate import *  # noqa: F403
from .evaluate import __all__ as _evaluate_all
from .extract import *  # noqa: F403
from .extract import __all__ as _extract_all
from .model import *  # noqa: F403
from .model import __all__ as _model_all


def _package_version() -> str:
    """The installed distribution's version (its one source is include/healthplan/version.hpp)."""
    from importlib import metadata

    try:
        return metadata.version("healthplan")
    except metadata.PackageNotFoundError:  # a plain CMake build put on PYTHONPATH
        return str(_core.__version__)


__version__: str = _package_version()

# The input size limit (README "Error ids", text.too_large) belongs to every reader, not one stage.
_limits_all = ("max_input_bytes", "set_max_input_bytes")
__all__ = sorted({*_model_all, *_extract_all, *_evaluate_all, *_compare_all, *_limits_all, "__version__"})


def __dir__() -> list[str]:
    return __all__

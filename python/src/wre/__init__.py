"""Wide reflective equilibria from Python (docs/python.md).

    import numpy as np, wre
    problem = wre.Problem(A, C=C, judgments={"initial": j0, "confidence": conf})
    eq = problem.solve()
    if eq.success:
        for r in eq.revisions: print(r["id"], r["class"], r["from"], "→", r["to"])

NumPy arrays pass without a copy when C-contiguous float64 or float32 (memory-mapped included);
scipy.sparse matrices as CSR. Bad input raises `ProblemError` (a ValueError) with the message of
the `wre` command line; non-convergence is a `status`, never an exception. Solves release the
GIL: threads may solve different problems at once.
"""

from ._errors import NotConvergedError, ProblemError
from ._native import LIBRARY_VERSION as _LIBRARY_VERSION
from ._problem import Problem, load
from ._results import Comparison, Equilibrium, Explanation, Status, Support, Update
from ._version import __version__

if _LIBRARY_VERSION != __version__:
    raise ImportError(f"wre: the library is version {_LIBRARY_VERSION}, the Python package {__version__}: reinstall the package")

__all__ = [
    "Comparison",
    "Equilibrium",
    "Explanation",
    "NotConvergedError",
    "Problem",
    "ProblemError",
    "Status",
    "Support",
    "Update",
    "load",
    "__version__",
]

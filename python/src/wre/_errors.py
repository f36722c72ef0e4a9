"""The exceptions of the package (docs/python.md, Errors)."""


class ProblemError(ValueError):
    """Bad input: the problem, an array, a file, an option or a change set. The message names
    the item, field, array or file, in the words of the `wre` command line."""


class NotConvergedError(RuntimeError):
    """An analysis that is defined at an equilibrium only (`Problem.support`) met a solve that
    did not converge. A plain solve never raises it: non-convergence is its `status`."""

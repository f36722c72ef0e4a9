"""Results as objects (docs/python.md, Results): `Equilibrium` (SciPy `OptimizeResult` habits
plus the fields of docs/results.md), and the documents of compare, explain, support and update,
each with the fields of its JSON format and `to_dict()`."""

import copy
import ctypes
import enum
import functools
import json
import math
import re

import numpy as np

from . import _native as n


class Status(str, enum.Enum):
    """How a solve ended (`wre-result/1` `status`); compares equal to its string."""

    CONVERGED = "converged"
    MAX_ITERATIONS = "maxIterations"
    TIME_LIMIT = "timeLimit"
    STALLED = "stalled"
    NUMERICAL_ERROR = "numericalError"
    SETTLED = "settled"
    BEST_CORNER = "bestCorner"

    def __str__(self) -> str:
        return self.value


_WHY = {
    Status.MAX_ITERATIONS: "the iteration limit was reached first",
    Status.TIME_LIMIT: "the time limit was reached first",
    Status.STALLED: "the iterates stopped making progress",
    Status.NUMERICAL_ERROR: "a non-finite number appeared",
    Status.SETTLED: "the connectionist dynamics settled",
    Status.BEST_CORNER: "the best corner of the box (the discrete problem's optimum)",
}


def _flag(value: int):
    return None if value < 0 else bool(value)


def _known(value: float):
    return None if math.isnan(value) else value


def snake(name: str) -> str:
    """`kktResidual` → `kkt_residual`."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


class Equilibrium:
    """The result of `Problem.solve`: `x` (and its parts `j`, `p`, `t`, NumPy arrays), `status`
    (a `Status`), `success` (converged: an equilibrium), `message`, `nit`, `fun` (the objective
    total, which the equilibrium maximizes), `kkt_residual`, `scaled_residual` (on which
    convergence is decided), `tolerance`, `objective` (`total`, `coherence`, `revision_cost`,
    `parsimony_cost`), the certificate (`convex`, `unique`, `convexity_margin`,
    `certifying_scale`, `certificate_method`), `solver`, `mode`, `seconds`, and from the
    `wre-result/1` document (read on first use, then kept) `items`, `revisions`,
    `revision_share`, `counts` and `to_dict()`. A result that did not converge is not an
    equilibrium: check `success`."""

    def __init__(self, owner, handle: ctypes.c_void_p, x: np.ndarray, info: "n.Info", shape):
        self._owner = owner  # keeps the problem, and the arrays it borrows, alive
        self._handle = handle
        self._document = None
        m, k = shape[0], shape[2]
        self.x = x
        self.j, self.p, self.t = x[:m], x[m : len(x) - k], x[len(x) - k :]
        self.status = Status(info.status.decode())
        self.success = bool(info.success)
        self.nit = int(info.iterations)
        self.kkt_residual = info.kkt_residual
        self.scaled_residual = info.scaled_residual
        self.tolerance = info.tolerance
        self.fun = info.objective_total
        self.objective = {
            "total": info.objective_total,
            "coherence": info.coherence,
            "revision_cost": info.revision_cost,
            "parsimony_cost": info.parsimony_cost,
        }
        self.convex = _flag(info.convex)
        self.unique = _flag(info.unique)
        self.convexity_margin = _known(info.convexity_margin)
        self.certifying_scale = _known(info.certifying_scale)
        self.certificate_method = info.certificate_method.decode() or None
        self.solver = info.solver.decode()
        self.mode = info.mode.decode()
        self.seconds = info.seconds
        comparison = f"scaled residual {self.scaled_residual:.1e} {'≤' if self.success else '>'} tolerance {self.tolerance:.1e}"
        if self.success:
            self.message = f"converged: an equilibrium ({comparison})"
        else:
            self.message = f"{self.status.value}: NOT an equilibrium ({_WHY.get(self.status, self.status.value)}; {comparison})"

    @classmethod
    def _from_handle(cls, owner, handle: ctypes.c_void_p, shape):
        """The result behind a handle the library returned (taken over: freed with the object)."""
        info = n.Info()
        try:
            n.call(n.lib.wre_result_info, handle, ctypes.byref(info))
            x = np.empty(sum(shape))
            n.call(n.lib.wre_result_state, handle, x.ctypes.data, x.size)
        except BaseException:
            n.lib.wre_result_free(handle)
            raise
        return cls(owner, handle, x, info, shape)

    def __del__(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle is not None and handle.value and n.lib is not None:
            n.lib.wre_result_free(handle)

    def to_dict(self) -> dict:
        """The `wre-result/1` document (docs/formats.md) as a dict (a copy)."""
        return copy.deepcopy(self._dict())

    def _dict(self) -> dict:
        if self._document is None:
            out = ctypes.c_void_p()
            n.call(n.lib.wre_result_json, self._handle, ctypes.byref(out))
            self._document = json.loads(n.take_string(out))
        return self._document

    @functools.cached_property
    def items(self) -> list:
        """Every item in input order: dicts with `id`, `group`, `initial`, `value`, `class`."""
        return copy.deepcopy(self._dict()["items"])

    @functools.cached_property
    def revisions(self) -> list:
        """The items that moved more than the revision threshold, largest move first: dicts with
        `id`, `from`, `to`, `class` and `pulls` (each `id`, `contribution`)."""
        return copy.deepcopy(self._dict()["revisions"])

    @functools.cached_property
    def revision_share(self) -> dict:
        """The share of the revision cost borne by each group."""
        return dict(self._dict()["revisionShare"])

    @functools.cached_property
    def counts(self) -> dict:
        """How many items of each group fall in each class."""
        return copy.deepcopy(self._dict()["counts"])

    @property
    def certificate_note(self) -> str:
        """How the certificate was reached, in words."""
        return self._dict()["certificateNote"]

    @property
    def solver_choice(self):
        """Why the solver ran, when `auto` chose it; None otherwise."""
        return self._dict().get("solverChoice")

    FIELDS = ("x", "j", "p", "t", "status", "success", "message", "nit", "fun", "objective", "kkt_residual",
              "scaled_residual", "tolerance", "convex", "unique", "convexity_margin", "certifying_scale",
              "certificate_method", "solver", "mode", "seconds", "items", "revisions", "revision_share", "counts")

    def keys(self):
        """The field names (as `OptimizeResult.keys()`)."""
        return list(self.FIELDS)

    def __repr__(self) -> str:
        fields = {name: getattr(self, name) for name in ("status", "success", "message", "nit", "fun", "scaled_residual", "kkt_residual", "unique", "solver", "mode")}
        width = max(map(len, fields))
        lines = [f"{name.rjust(width)}: {value!r}" for name, value in fields.items()]
        lines.append(f"{'x'.rjust(width)}: {np.array2string(self.x, threshold=8)}")
        return "\n".join(lines)


class Document:
    """A JSON document of the library (a comparison, an explanation, …): each top-level field
    as an attribute under its snake_case name (nested values as in the JSON), and `to_dict()`."""

    def __init__(self, document: dict):
        self._document = document
        for key, value in document.items():
            setattr(self, snake(key), value)

    def to_dict(self) -> dict:
        """The document (its JSON format in docs/formats.md) as a dict (a copy)."""
        return copy.deepcopy(self._document)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._document.get('format', '')}: {', '.join(snake(k) for k in self._document)}>"


class Comparison(Document):
    """`Problem.compare`: the `wre-comparison/1` document (`runs`, `differences`, `contrasts`,
    `all_converged`)."""


class Explanation(Document):
    """`Problem.explain`: the `wre-explanation/1` document (`items` with their pulls, anchoring,
    parsimony and net force), and `result`, the Equilibrium explained."""

    def __init__(self, document: dict, result: Equilibrium):
        super().__init__(document)
        self.result = result


class Support(Document):
    """`Problem.support`: the `wre-attribution/1` document (`entries`, the items that most support
    or undermine one item's value, with sensitivities and exact re-solves)."""


class Update(Document):
    """`Problem.update`: the `wre-update/1` document (`changes`, `warm`, `cold`,
    `iterations_saved`, `objective_change`, …), with `problem`, the changed Problem, and
    `result`, its warm-started Equilibrium (`to_dict()["result"]` is its wre-result/1 JSON)."""

    def __init__(self, document: dict, problem, result: Equilibrium):
        super().__init__(document)
        self.problem = problem
        self.result = result

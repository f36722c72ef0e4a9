"""`wre.Problem` and `wre.load` (docs/python.md)."""

import ctypes
import json
import os

import numpy as np

from . import _arrays as a
from . import _native as n
from ._errors import ProblemError
from ._results import Comparison, Equilibrium, Explanation, Support, Update

_BLOCK_NUMBERS = {letter: i for i, (letter, _) in enumerate(a.BLOCKS)}
_ARRAY_NUMBERS = {"data": 0, "indptr": 1, "indices": 2}


def _text(value, field: str):
    if value is None:
        return None
    if not isinstance(value, str):
        raise ProblemError(f"{field}: expected a str, found {type(value).__name__}")
    return value.encode()


def _number(value, field: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ProblemError(f"option {field}: {value!r} is not a number") from None


def _integer(value, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
        raise ProblemError(f"option {field}: {value!r} is out of range")
    return int(value)


class Problem:
    """A reflective-equilibrium problem (docs/model.md) over NumPy arrays or scipy.sparse
    matrices, validated on construction (a `ProblemError` names the offending item or field).

    `A` (m × n, required), `B` (n × k), `C` (m × k) and `S` (n × n) are the compatibility
    blocks; C-contiguous float64 or float32 arrays (memory-mapped ones included) and canonical
    CSR matrices are read in place, never copied, and kept alive by the Problem (see
    docs/python.md, Borrowing: do not change them while the Problem lives). `judgments`,
    `principles` and `theories` are dicts with the keys `initial`, `confidence`, `lower`,
    `upper` (and `parsimony`), arrays or scalars, plus `ids` and `text` lists; omitted keys take
    the defaults of docs/formats.md. `block_weights` is a dict with the keys of problem files
    (`judgmentPrinciple`, `principleTheory`, `judgmentTheory`, `principlePrinciple`) or four
    numbers; `mode` is `wide`, `narrow`, `top-down` or `bottom-up`.
    """

    def __init__(self, A, B=None, C=None, S=None, *, judgments=None, principles=None, theories=None, block_weights=None,
                 mode="wide"):
        keep = []
        blocks = [a.block_struct(x, letter, keep) for x, (letter, _) in zip((A, B, C, S), a.BLOCKS)]
        # The item counts from the shapes (k from B or C), else from the groups' arrays.
        m = blocks[0].rows if A is not None else a.item_count(judgments) or 0
        n_principles = blocks[0].columns if A is not None else a.item_count(principles) or 0
        k = next((b.columns for b in (blocks[1], blocks[2]) if b.format != n.BLOCK_ABSENT), None)
        k = k if k is not None else a.item_count(theories) or 0
        spec = n.ProblemSpec(
            judgments=a.items_struct(judgments, "judgments", m, keep),
            principles=a.items_struct(principles, "principles", n_principles, keep),
            theories=a.items_struct(theories, "theories", k, keep),
            judgment_principle=blocks[0],
            principle_theory=blocks[1],
            judgment_theory=blocks[2],
            principle_principle=blocks[3],
            block_weights=a.block_weights_struct(block_weights, keep),
            mode=_text(mode, "mode"),
        )
        handle = ctypes.c_void_p()
        n.call(n.lib.wre_problem_create, ctypes.byref(spec), ctypes.byref(handle))
        self._adopt(handle, keep)

    @classmethod
    def _from_handle(cls, handle: ctypes.c_void_p, keep=()):
        problem = cls.__new__(cls)
        problem._adopt(handle, list(keep))
        return problem

    def _adopt(self, handle: ctypes.c_void_p, keep: list) -> None:
        self._handle = handle
        self._keep = keep  # every array the library may read: alive as long as this Problem
        self._summary = None
        m, n_, k = ctypes.c_int64(), ctypes.c_int64(), ctypes.c_int64()
        n.call(n.lib.wre_problem_shape, handle, ctypes.byref(m), ctypes.byref(n_), ctypes.byref(k))
        self.shape = (m.value, n_.value, k.value)

    def __del__(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle is not None and handle.value and n.lib is not None:
            n.lib.wre_problem_free(handle)

    # Description

    def _describe(self) -> dict:
        if self._summary is None:
            out = ctypes.c_void_p()
            n.call(n.lib.wre_problem_describe, self._handle, ctypes.byref(out))
            self._summary = json.loads(n.take_string(out))
        return self._summary

    @property
    def n_items(self) -> int:
        """N = m + n + k."""
        return sum(self.shape)

    @property
    def mode(self) -> str:
        return self._describe()["mode"]

    @property
    def ids(self) -> dict:
        """The item ids per group: {"judgments": [...], "principles": [...], "theories": [...]}."""
        return {group: list(ids) for group, ids in self._describe()["ids"].items()}

    @property
    def blocks(self) -> dict:
        """Per present block (A, B, C, S): its layout (`float64`, `float32`, `sparse`), rows,
        columns and whether the library reads the caller's memory (`borrowed`)."""
        info = self._describe()["blocks"]
        return {letter: dict(info[name]) for letter, name in a.BLOCKS if name in info}

    def _block_address(self, block: str, array: str = "data") -> int:
        """Where the library reads a block's entries (`data`), or a CSR block's `indptr` or
        `indices`: compare with `arr.ctypes.data` to see that nothing was copied (0: absent)."""
        address = ctypes.c_void_p()
        n.call(n.lib.wre_problem_block_address, self._handle, _BLOCK_NUMBERS[block], _ARRAY_NUMBERS[array], ctypes.byref(address))
        return address.value or 0

    def __repr__(self) -> str:
        m, n_, k = self.shape
        return f"<wre.Problem {m} judgments × {n_} principles × {k} theories>"

    # Solving

    def _options(self, keep: list, solver="auto", mode=None, tol=1e-9, max_iter=None, time_limit=None, certify=True,
                 warm_start=None, seed=0, revision_threshold=None, top_pulls=None):
        options = n.default_options()
        options.solver = _text(solver, "solver")
        options.mode = _text(mode, "mode")
        options.tolerance = _number(tol, "tolerance")
        if max_iter is not None:
            options.max_iterations = _integer(max_iter, "maxIterations", 0, 2**63 - 1)
        if time_limit is not None:
            options.time_limit = _number(time_limit, "timeLimit")
        if isinstance(warm_start, Equilibrium):
            warm_start = warm_start.x
        options.warm_start = a.float64_struct(warm_start, "warmStart", keep)
        options.seed = _integer(seed, "seed", 0, 2**64 - 1)
        options.certify = 1 if certify else 0
        if revision_threshold is not None:
            options.revision_threshold = _number(revision_threshold, "revisionThreshold")
        if top_pulls is not None:
            options.top_pulls = _integer(top_pulls, "topPulls", 0, 2**31 - 1)
        return options

    def solve(self, solver="auto", mode=None, tol=1e-9, max_iter=None, time_limit=None, certify=True, warm_start=None,
              seed=0, *, revision_threshold=None, top_pulls=None) -> Equilibrium:
        """Solves for the equilibrium (docs/solvers.md) and returns an `Equilibrium`.

        `solver`: `auto` (chosen from the problem's structure), `alternating`,
        `projected-gradient`, `active-set`, `connectionist` or `exhaustive`; `mode` overrides
        the problem's; `tol` bounds the scaled residual; `max_iter` and `time_limit` (seconds)
        end the run early (a status, never an exception); `certify` checks uniqueness;
        `warm_start` is a state of N values (or an Equilibrium) to start from; `seed` drives
        randomized steps. The GIL is released during the solve.
        """
        keep = []
        options = self._options(keep, solver, mode, tol, max_iter, time_limit, certify, warm_start, seed,
                                revision_threshold, top_pulls)
        x = np.empty(self.n_items)
        info = n.Info()
        handle = ctypes.c_void_p()
        n.call(n.lib.wre_problem_solve, self._handle, ctypes.byref(options), x.ctypes.data, x.size, ctypes.byref(info),
               ctypes.byref(handle))
        return Equilibrium(self, handle, x, info, self.shape)

    def compare(self, modes=None, solvers=None, *, tol=1e-9, max_iter=None, time_limit=None, certify=True, seed=0) -> Comparison:
        """Solves in each of `modes` (default: all four) with each of `solvers` (default
        `auto`) and compares the runs: the `wre-comparison/1` document."""
        keep = []
        options = self._options(keep, "auto", None, tol, max_iter, time_limit, certify, None, seed)
        out = ctypes.c_void_p()
        n.call(n.lib.wre_problem_compare, self._handle, self._strings(modes, "modes", keep),
               self._strings(solvers, "solvers", keep), ctypes.byref(options), ctypes.byref(out))
        return Comparison(json.loads(n.take_string(out)))

    @staticmethod
    def _strings(values, field: str, keep: list):
        if values is None:
            return None
        if isinstance(values, str):
            values = [values]
        return ctypes.byref(a.strings_struct(values, field, keep))

    @staticmethod
    def _result_handle(result):
        if result is None:
            return None
        if not isinstance(result, Equilibrium):
            raise ProblemError(f"result: expected a wre.Equilibrium, found {type(result).__name__}")
        return result._handle

    def explain(self, items=None, *, result=None, top=8, solver="auto", mode=None, tol=1e-9, max_iter=None,
                time_limit=None, seed=0, revision_threshold=None) -> Explanation:
        """Why the equilibrium is where it is: for each revised item (or each id in `items`) the
        `top` strongest pulls, the anchoring and parsimony that resist, and the net force — the
        `wre-explanation/1` document. Explains `result` when given, else solves first."""
        keep = []
        options = self._options(keep, solver, mode, tol, max_iter, time_limit, True, None, seed, revision_threshold)
        out, solved = ctypes.c_void_p(), ctypes.c_void_p()
        n.call(n.lib.wre_problem_explain, self._handle, self._result_handle(result), self._strings(items, "items", keep),
               _integer(top, "top", -2**31, 2**31 - 1), ctypes.byref(options), ctypes.byref(out),
               None if result is not None else ctypes.byref(solved))
        document = json.loads(n.take_string(out))
        return Explanation(document, result if result is not None else Equilibrium._from_handle(self, solved, self.shape))

    def support(self, item, *, result=None, top=8, exact=3, solver="auto", mode=None, tol=1e-9, max_iter=None,
                time_limit=None, seed=0) -> Support:
        """Which items most support or undermine `item`'s equilibrium value (sensitivities, and
        the `exact` largest re-solved without the item): the `wre-attribution/1` document. Needs
        an equilibrium: raises `NotConvergedError` when the solve does not converge."""
        keep = []
        options = self._options(keep, solver, mode, tol, max_iter, time_limit, True, None, seed)
        out = ctypes.c_void_p()
        n.call(n.lib.wre_problem_support, self._handle, self._result_handle(result), _text(item, "item"),
               _integer(top, "top", -2**31, 2**31 - 1), _integer(exact, "exact", -2**31, 2**31 - 1), ctypes.byref(options),
               ctypes.byref(out))
        return Support(json.loads(n.take_string(out)))

    def update(self, changes, previous=None, *, cold=True, threshold=1e-6, solver="auto", mode=None, tol=1e-9,
               max_iter=None, time_limit=None, seed=0) -> Update:
        """Applies `changes` (a `wre-changes/1` dict, its JSON text, or a path to a file) and
        re-solves warm-started from `previous` (an Equilibrium of this problem, or a
        `wre-result/1` dict; default: this problem solved first): the `wre-update/1` document,
        with the changed Problem (`problem`, sharing this one's arrays) and its result."""
        if isinstance(changes, os.PathLike):
            with open(changes, encoding="utf-8") as file:
                changes = file.read()
        elif not isinstance(changes, str):
            changes = json.dumps(changes)
        keep = []
        options = self._options(keep, solver, mode, tol, max_iter, time_limit, True, None, seed)
        previous_handle, read = None, None
        if isinstance(previous, dict):
            read = ctypes.c_void_p()
            n.call(n.lib.wre_result_read, json.dumps(previous).encode(), ctypes.byref(read))
            previous_handle = read
        else:
            previous_handle = self._result_handle(previous)
        out, changed, result = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
        try:
            n.call(n.lib.wre_problem_update, self._handle, changes.encode(), previous_handle, ctypes.byref(options),
                   1 if cold else 0, _number(threshold, "threshold"), ctypes.byref(out), ctypes.byref(changed), ctypes.byref(result))
        finally:
            if read is not None:
                n.lib.wre_result_free(read)
        document = json.loads(n.take_string(out))
        problem = Problem._from_handle(changed, keep=[self])  # the changed problem reads this one's arrays
        return Update(document, problem, Equilibrium._from_handle(problem, result, problem.shape))


def load(path) -> Problem:
    """A problem read from a `wre-problem/1` file: JSON with items and relations, or a manifest
    of `.npy` arrays (memory-mapped, not copied). Errors name the file and the offending value
    as `wre solve` does."""
    handle = ctypes.c_void_p()
    n.call(n.lib.wre_problem_load, os.fsencode(path), ctypes.byref(handle))
    return Problem._from_handle(handle)


__all__ = ["Problem", "load"]

#!/usr/bin/env python3
"""Peers of `wre bench`: the same instances solved by standard Python tools.

Reads wre-problem/1 manifests (docs/formats.md: matrices and items as .npy arrays; mode "wide") and
solves the box-constrained QP of docs/model.md,

    minimize f(x) = 1/2 x'Hx - c'x,  H = Lambda - W,  c = Lambda x0 - mu,  l <= x <= u,

with

- scipy-lbfgsb: SciPy L-BFGS-B on all N = m + n + k variables, objective and analytic gradient
  through the blocks A, B, C (S) -- the N x N matrix is never formed;
- osqp: OSQP with P = H built in scipy.sparse from the blocks (upper triangle) and the box as
  the constraint matrix I; the returned x is clipped to the box;
- numpy-fista: accelerated projected gradient (FISTA with gradient-based adaptive restart) on
  (p, t) with the judgments eliminated in closed form, through A, B, C only, step 1/L with
  L = lambda_max(H_YY) -- the same method as wre's projected-gradient, in NumPy.

Every peer is held to the tolerance wre's solvers stop on: after it finishes, the scaled residual
||x - P_[l,u](x - D^-1 grad f(x))||_inf (docs/model.md: D_i = max(lambda_i, 1e-4 sum_k |W_ik|),
items with neither take the largest D_i) is computed by one function for all of them (the formula
of wre's Objective.scaledResidual); the KKT residual ||x - P(x - grad f)||_inf is reported beside
it. The peer's own tolerances are tightened step by step until the scaled residual is met (a
first, untimed calibration run per setting); if no setting meets it, the tightest is timed and
the run is reported as not converged.

Single-threaded: OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and MKL_NUM_THREADS are set to 1 before
NumPy is imported. Output: one JSON object per line on stdout, with the fields of
`wre bench --json` run records ({"type": "run", ...}); a peer that cannot run prints
{"type": "skip", "instance", "solver", "reason"}. Progress goes to stderr.

Timing covers the solve from the loaded arrays: for OSQP it includes building the sparse P and
OSQP's setup (factorization); for FISTA the eigenvalue bound; loading the files is excluded.
"""

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

FORMAT = "wre-problem/1"
PEERS = ("scipy-lbfgsb", "osqp", "numpy-fista")
# (files key, id prefix, default initial, default lower, default upper)
GROUPS = (("judgments", "j", 1.0, -1.0, 1.0), ("principles", "p", 0.5, 0.0, 1.0), ("theories", "t", 0.5, 0.0, 1.0))
BLOCKS = ("judgmentPrinciple", "principleTheory", "judgmentTheory", "principlePrinciple")


def log(message):
    print(f"peers: {message}", file=sys.stderr, flush=True)


def file_key(name):
    """An instance name as a file name: characters other than letters, digits, '.', '_' and
    '-' become '_' (wre's PeerRunner.fileKey does the same)."""
    return "".join(c if (c.isascii() and c.isalnum()) or c in "._-" else "_" for c in name)


def reset_peak_memory():
    """Starts a new peak-memory window (Linux: VmHWM is reset through /proc/self/clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_memory_mib():
    """This process's peak resident memory in MiB since the last reset: VmHWM of /proc/self/status
    on Linux (ru_maxrss would include the parent's peak, inherited through the vfork/exec that
    started us)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024.0 * 1024.0) if sys.platform == "darwin" else rss / 1024.0


def finite(x):
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


# ---------------------------------------------------------------------------------------------
# The problem, read from a manifest


class Problem:
    """The QP of one manifest: vectors x0, lam, lo, hi, mu (length N) and the dense blocks."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            manifest = json.load(f)
        if manifest.get("format") != FORMAT:
            raise ValueError(f"{path}: not a {FORMAT} file (format {manifest.get('format')!r})")
        if manifest.get("relations"):
            raise ValueError(f"{path}: the relations form is not supported by the peers; write the manifest form")
        mode = manifest.get("mode", "wide")
        if mode != "wide":
            raise ValueError(f"{path}: mode {mode!r}: the peers solve mode 'wide' only")
        base = os.path.dirname(os.path.abspath(path))

        def load(name):
            return np.ascontiguousarray(np.load(os.path.join(base, name), allow_pickle=False), dtype=np.float64)

        matrices = manifest.get("matrices", {})
        unknown = set(matrices) - set(BLOCKS)
        if unknown:
            raise ValueError(f"{path}: unknown blocks {sorted(unknown)}")
        if "judgmentPrinciple" not in matrices:
            raise ValueError(f"{path}: the block judgmentPrinciple (A) is required")
        blocks = {name: load(file) for name, file in matrices.items()}
        a = blocks["judgmentPrinciple"]
        b = blocks.get("principleTheory")
        c = blocks.get("judgmentTheory")
        k_guess = b.shape[1] if b is not None else (c.shape[1] if c is not None else 0)
        counts = {"judgments": a.shape[0], "principles": a.shape[1], "theories": k_guess}

        items = manifest.get("items", {})
        self.ids, parts = [], []
        for key, prefix, initial, lower, upper in GROUPS:
            if key in items:
                arr = load(items[key])
                if arr.ndim != 2 or arr.shape[1] < 4:
                    raise ValueError(f"{items[key]}: expected a 2-D array of columns initial, confidence, lower, upper[, parsimony]")
                count = arr.shape[0]
                ids = [f"{prefix}{i}" for i in range(count)]
                par = arr[:, 4] if (key == "principles" and arr.shape[1] > 4) else np.zeros(count)
                cols = (arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3], par)
            elif key in manifest:
                objs = manifest[key]
                count = len(objs)
                ids = [o["id"] for o in objs]
                cols = (np.array([o.get("initial", initial) for o in objs], dtype=float),
                        np.array([o.get("confidence", 1.0) for o in objs], dtype=float),
                        np.array([o.get("lower", lower) for o in objs], dtype=float),
                        np.array([o.get("upper", upper) for o in objs], dtype=float),
                        np.array([o.get("parsimony", 0.0) if key == "principles" else 0.0 for o in objs], dtype=float))
            else:
                count = counts[key]
                ids = [f"{prefix}{i}" for i in range(count)]
                cols = (np.full(count, initial), np.ones(count), np.full(count, lower), np.full(count, upper), np.zeros(count))
            self.ids += ids
            parts.append(cols)
        self.m, self.n, self.k = (len(p[0]) for p in parts)
        m, n, k = self.m, self.n, self.k
        self.N = m + n + k
        self.x0, self.lam, self.lo, self.hi, self.mu = (np.concatenate([p[i] for p in parts]) for i in range(5))
        self.mu[:m] = 0
        self.mu[m + n:] = 0

        if a.shape != (m, n):
            raise ValueError(f"{path}: A has shape {a.shape}, expected {(m, n)}")
        for name, shape in (("principleTheory", (n, k)), ("judgmentTheory", (m, k)), ("principlePrinciple", (n, n))):
            if name in blocks and blocks[name].shape != shape:
                raise ValueError(f"{path}: {name} has shape {blocks[name].shape}, expected {shape}")
        weights = manifest.get("blockWeights", {})
        w = {name: float(weights.get(name, 1.0)) for name in BLOCKS}
        self.A = a
        self.B = b if (b is not None and k > 0) else None
        self.C = c if (c is not None and k > 0) else None
        self.S = blocks.get("principlePrinciple")
        self.aJP = w["judgmentPrinciple"]
        self.aPT = w["principleTheory"] if self.B is not None else 0.0
        self.aJT = w["judgmentTheory"] if self.C is not None else 0.0
        self.aPP = w["principlePrinciple"] if self.S is not None else 0.0
        self.linear = self.lam * self.x0 - self.mu  # c
        self.start = np.clip(self.x0, self.lo, self.hi)
        self.scale = self.residual_scale()
        self.bytes = 0.0  # block bytes read by products since the last reset
        self.flops = 0.0

    # -- products through the blocks (each counts its bytes and flops)

    def _mv(self, M, v, transpose=False):
        self.bytes += 8.0 * M.size
        self.flops += 2.0 * M.size
        return M.T @ v if transpose else M @ v

    def judgment_pull(self, p, t):
        """(Wx)_J = aJP A p + aJT C t."""
        out = self.aJP * self._mv(self.A, p)
        if self.aJT != 0:
            out += self.aJT * self._mv(self.C, t)
        return out

    def reduced_pull(self, j, p, t):
        """(Wx)_{P,T}."""
        n = self.n
        out = np.zeros(n + self.k)
        out[:n] = self.aJP * self._mv(self.A, j, transpose=True)
        if self.aPP != 0:
            out[:n] += self.aPP * self._mv(self.S, p)
        if self.aPT != 0:
            out[:n] += self.aPT * self._mv(self.B, t)
            out[n:] += self.aPT * self._mv(self.B, p, transpose=True)
        if self.aJT != 0:
            out[n:] += self.aJT * self._mv(self.C, j, transpose=True)
        return out

    def split(self, x):
        m, n = self.m, self.n
        return x[:m], x[m:m + n], x[m + n:]

    def wx(self, x):
        j, p, t = self.split(x)
        return np.concatenate([self.judgment_pull(p, t), self.reduced_pull(j, p, t)])

    def value(self, x, wx):
        """f(x) = 1/2 x'Hx - c'x."""
        return float(np.dot(x, 0.5 * self.lam * x - 0.5 * wx - self.linear))

    def gradient(self, x, wx):
        return self.lam * (x - self.x0) + self.mu - wx

    # -- what every peer is measured by (one implementation for all)

    def kkt_residual(self, x, g):
        return float(np.max(np.abs(x - np.clip(x - g, self.lo, self.hi)), initial=0.0))

    def residual_scale(self):
        """D of the scaled residual: max(lambda_i, 1e-4 rho_i), rho_i = sum_k |W_ik| (block weights
        applied), items with neither the largest D_i (1 when all vanish) -- wre's Objective.scale."""
        m, n = self.m, self.n
        rho = np.zeros(self.N)
        absA = np.abs(self.A)
        rho[:m] += self.aJP * absA.sum(axis=1)
        rho[m:m + n] += self.aJP * absA.sum(axis=0)
        if self.aJT != 0:
            absC = np.abs(self.C)
            rho[:m] += self.aJT * absC.sum(axis=1)
            rho[m + n:] += self.aJT * absC.sum(axis=0)
        if self.aPT != 0:
            absB = np.abs(self.B)
            rho[m:m + n] += self.aPT * absB.sum(axis=1)
            rho[m + n:] += self.aPT * absB.sum(axis=0)
        if self.aPP != 0:
            rho[m:m + n] += self.aPP * np.abs(self.S).sum(axis=1)
        d = np.maximum(self.lam, 1e-4 * rho)
        fallback = float(d.max()) if d.size and d.max() > 0 else 1.0
        d[~(d > 0)] = fallback
        return d

    def scaled_residual(self, x, g):
        return float(np.max(np.abs(x - np.clip(x - g / self.scale, self.lo, self.hi)), initial=0.0))

    def measure(self, x):
        """(scaled residual, KKT residual, objective Coh - revision - parsimony) at x, as wre computes them."""
        saved = (self.bytes, self.flops)
        wx = self.wx(x)
        self.bytes, self.flops = saved
        g = self.gradient(x, wx)
        d = x - self.x0
        total = 0.5 * float(np.dot(x, wx)) - 0.5 * float(np.dot(self.lam * d, d)) - float(np.dot(self.mu, x))
        return self.scaled_residual(x, g), self.kkt_residual(x, g), total

    # -- the judgments in closed form given (p, t)

    def eliminate(self, y, fallback):
        """j*(y) = clip(x0_J + pull / lam_J) (lam = 0: the bound the pull's sign picks)."""
        m, n = self.m, self.n
        pull = self.judgment_pull(y[:n], y[n:])
        lam, lo, hi, x0 = self.lam[:m], self.lo[:m], self.hi[:m], self.x0[:m]
        with np.errstate(divide="ignore", invalid="ignore"):
            target = np.where(lam > 0, x0 + pull / np.where(lam > 0, lam, 1.0),
                              np.where(pull > 0, hi, np.where(pull < 0, lo, fallback)))
        return np.clip(target, lo, hi)

    def principle_theory_hessian(self):
        """H_YY = Lambda_Y - W_YY (dense, (n + k)^2)."""
        m, n, k = self.m, self.n, self.k
        h = np.diag(self.lam[m:]).astype(float)
        if self.aPP != 0:
            h[:n, :n] -= self.aPP * self.S
        if self.aPT != 0:
            h[:n, n:] -= self.aPT * self.B
            h[n:, :n] -= self.aPT * self.B.T
        return h

    def hessian_upper_sparse(self):
        """The upper triangle of H = Lambda - W in scipy.sparse (CSC), from the blocks."""
        import scipy.sparse as sp
        m, n, k = self.m, self.n, self.k
        N = self.N
        parts = [sp.diags(self.lam, format="coo")]

        def place(block, alpha, row, col, upper_only=False):
            s = sp.coo_matrix(block)
            if upper_only:
                s = sp.triu(s, k=1, format="coo")
            return sp.coo_matrix((-alpha * s.data, (s.row + row, s.col + col)), shape=(N, N))

        if self.aJP != 0:
            parts.append(place(self.A, self.aJP, 0, m))
        if self.aJT != 0:
            parts.append(place(self.C, self.aJT, 0, m + n))
        if self.aPT != 0:
            parts.append(place(self.B, self.aPT, m, m + n))
        if self.aPP != 0:
            parts.append(place(self.S, self.aPP, m, m, upper_only=True))
        return sp.csc_matrix(sum(parts[1:], parts[0]))

    def recovery(self, x):
        """(share of planted principles adopted, share of flipped judgments reversed) from the
        truth.json beside the manifest, or (None, None) -- as wre's Equilibrium.recovery(of:):
        a principle is adopted when its value is >= 0.75; a flipped judgment is reversed when
        value * sign(initial) < -0.1; the share of an empty list is 1; unknown ids count as misses."""
        path = os.path.join(os.path.dirname(os.path.abspath(self.path)), "truth.json")
        if not os.path.exists(path):
            return None, None
        with open(path) as f:
            truth = json.load(f)
        index = {name: i for i, name in enumerate(self.ids)}

        def share(ids, test):
            if not ids:
                return 1.0
            return sum(1 for i in ids if i in index and test(index[i])) / len(ids)

        return (share(truth.get("truePrinciples", []), lambda i: x[i] >= 0.75),
                share(truth.get("flippedJudgments", []), lambda i: x[i] * np.sign(self.x0[i]) < -0.1))


# ---------------------------------------------------------------------------------------------
# The peers. Each returns (x, iterations, status word, note); status is one of wre's words where
# one fits (maxIterations, timeLimit, stalled, numericalError) or "failed".


def lbfgsb(prob, tol, setting, deadline):
    """L-BFGS-B from the start point, restarted from its last point (fresh memory) up to
    setting["restarts"] times while the KKT residual exceeds tol. Each run minimizes
    f(x) - f(x_s) = d'(g_s + H d / 2), d = x - x_s, about its own start x_s: the same function up
    to a constant, but evaluated without cancellation near x_s, so the line search and the
    f-based stopping test still see decreases far below the rounding level of f itself."""
    from scipy.optimize import Bounds, minimize

    bounds = Bounds(prob.lo, prob.hi)
    x = prob.start.copy()
    iterations = nfev = runs = 0
    messages = []
    while True:
        xs = x.copy()
        wxs = prob.wx(xs)
        gs = prob.gradient(xs, wxs)

        def fun(x):
            wx = prob.wx(x)
            d = x - xs
            return float(np.dot(d, gs + 0.5 * (prob.lam * d - (wx - wxs)))), prob.gradient(x, wx)

        def callback(intermediate_result):
            if deadline is not None and time.perf_counter() > deadline:
                raise StopIteration

        res = minimize(fun, xs, jac=True, method="L-BFGS-B", bounds=bounds, callback=callback,
                       options={"maxiter": setting["maxiter"], "maxfun": 10 * setting["maxiter"],
                                "gtol": setting["gtol"], "ftol": setting["ftol"], "maxcor": setting["maxcor"]})
        x = res.x
        iterations += int(res.nit)
        nfev += int(res.nfev)
        runs += 1
        messages.append(str(res.message))
        if res.status == 1 or (deadline is not None and time.perf_counter() > deadline):
            break
        if runs > setting["restarts"] or prob.scaled_residual(x, prob.gradient(x, prob.wx(x))) <= tol:
            break
    if deadline is not None and time.perf_counter() > deadline:
        status = "timeLimit"
    elif res.status == 1:
        status = "maxIterations"
    else:
        status = "stalled"
    return x, iterations, status, f"{runs} run{'s' if runs > 1 else ''} ({messages[-1]}); nfev {nfev}"


LBFGSB_LADDER = (
    {"gtol": 1.0, "ftol": 1e-12, "maxcor": 10, "maxiter": 100000, "restarts": 0},
    {"gtol": 1.0, "ftol": 0.0, "maxcor": 10, "maxiter": 100000, "restarts": 0},
    {"gtol": 1.0, "ftol": 0.0, "maxcor": 10, "maxiter": 100000, "restarts": 5},
    {"gtol": 0.1, "ftol": 0.0, "maxcor": 20, "maxiter": 100000, "restarts": 10},
    {"gtol": 0.01, "ftol": 0.0, "maxcor": 50, "maxiter": 100000, "restarts": 20},
)  # gtol in units of the tolerance times the median residual scale D (a gradient)


def osqp_solve(prob, tol, setting, deadline):
    import osqp
    import scipy.sparse as sp

    setup_start = time.perf_counter()
    P = prob.hessian_upper_sparse()
    A = sp.identity(prob.N, format="csc")
    solver = osqp.OSQP()
    settings = {"verbose": False, "eps_abs": setting["eps"], "eps_rel": 0.0, "max_iter": setting["max_iter"],
                "polish_refine_iter": setting["refine"]}
    if deadline is not None:
        settings["time_limit"] = max(deadline - time.perf_counter(), 1e-3)
    polish_name = "polishing" if _osqp_major() >= 1 else "polish"
    settings[polish_name] = True
    try:
        solver.setup(P, -prob.linear, A, prob.lo, prob.hi, **settings)
    except Exception as error:  # noqa: BLE001
        if "4" in str(error.args[:1]) or "nonconvex" in str(error).lower().replace("-", "").replace(" ", ""):
            raise RuntimeError("OSQP refuses the problem: P = H is not positive semidefinite "
                               f"(non-convex; OSQP error {error})") from None
        raise
    setup = time.perf_counter() - setup_start
    res = solver.solve()
    info = res.info
    text = str(getattr(info, "status", "")).lower()
    x = res.x
    if x is None or not np.all(np.isfinite(x)):
        return None, int(getattr(info, "iter", 0)), "failed", f"OSQP: {info.status}"
    x = np.clip(x, prob.lo, prob.hi)
    if "time" in text:
        status = "timeLimit"
    elif "max" in text and "iter" in text:
        status = "maxIterations"
    elif "solved" in text:
        status = "stalled"
    else:
        status = "failed"
    polish = getattr(info, "status_polish", None)
    note = f"OSQP {info.status}, polish {polish}; setup {setup:.3f} s (sparse P, factorization) included"
    return x, int(info.iter), status, note


OSQP_LADDER = tuple({"eps": e, "max_iter": i, "refine": r}
                    for e, i, r in ((1e-3, 4000, 3), (1e-5, 10000, 3), (1e-7, 20000, 10), (1e-9, 50000, 20),
                                    (1e-11, 100000, 50)))


def _osqp_major():
    import osqp
    try:
        return int(str(getattr(osqp, "__version__", "1")).split(".")[0])
    except ValueError:
        return 1


def fista(prob, tol, setting, deadline):
    m, n, k = prob.m, prob.n, prob.k
    q = n + k
    fallback = prob.start[:m]
    h = prob.principle_theory_hessian()
    free = prob.lo[m:] < prob.hi[m:]
    lipschitz = 1e-12
    if free.any():
        lipschitz = max(lipschitz, float(np.linalg.eigvalsh(h[np.ix_(free, free)])[-1]) * (1 + 1e-12))
    step = 1.0 / lipschitz
    loY, hiY = prob.lo[m:], prob.hi[m:]
    # The scaled residual is at most max(L / D_a) times the gradient mapping: check for real below that.
    ratio = max(1.0, float(np.max(lipschitz / prob.scale[m:][free]))) if free.any() else 1.0
    lamY, x0Y, muY = prob.lam[m:], prob.x0[m:], prob.mu[m:]

    def gradient(y):
        j = prob.eliminate(y, fallback)
        return lamY * (y - x0Y) + muY - prob.reduced_pull(j, y[:n], y[n:])

    def state(y):
        return np.concatenate([prob.eliminate(y, fallback), y])

    z = prob.start[m:].copy()
    w = z.copy()
    theta = 1.0
    last_check = -10
    iterations = 0
    while True:
        gw = gradient(w)
        z_new = np.clip(w - step * gw, loY, hiY)
        diff = w - z_new
        mapping = float(np.max(np.abs(diff), initial=0.0))
        restart = float(np.dot(diff, z_new - z))
        if not math.isfinite(mapping):
            return state(z), iterations, "numericalError", None
        iterations += 1
        if ratio * mapping <= tol and iterations - last_check >= 3:
            last_check = iterations
            x = state(z_new)
            wx = prob.wx(x)
            if prob.scaled_residual(x, prob.gradient(x, wx)) <= tol:
                return x, iterations, "converged", None
            if mapping == 0 and np.array_equal(z_new, z):
                return x, iterations, "stalled", None
        if iterations >= setting["maxiter"]:
            return state(z_new), iterations, "maxIterations", None
        if deadline is not None and time.perf_counter() > deadline:
            return state(z_new), iterations, "timeLimit", None
        if restart > 0:
            theta = 1.0
            w = z_new
        else:
            theta_next = (1 + math.sqrt(1 + 4 * theta * theta)) / 2
            w = z_new + ((theta - 1) / theta_next) * (z_new - z)
            theta = theta_next
        z = z_new


FISTA_LADDER = ({"maxiter": 100000},)

SOLVERS = {"scipy-lbfgsb": (lbfgsb, LBFGSB_LADDER), "osqp": (osqp_solve, OSQP_LADDER), "numpy-fista": (fista, FISTA_LADDER)}


def describe(solver, setting, tol):
    if solver == "scipy-lbfgsb":
        return (f"gtol={setting['gtol'] * tol:.0e}, ftol={setting['ftol']:.0e}, maxcor={setting['maxcor']}, "
                f"restarts<={setting['restarts']}")
    if solver == "osqp":
        return f"eps_abs={setting['eps']:.0e}, eps_rel=0, max_iter={setting['max_iter']}, polish, refine {setting['refine']}"
    return f"maxiter={setting['maxiter']}"


def scaled(solver, setting, tol, prob):
    if solver == "scipy-lbfgsb":
        return dict(setting, gtol=setting["gtol"] * tol * float(np.median(prob.scale)))
    if solver == "osqp":
        return dict(setting, eps=setting["eps"] * float(np.median(prob.scale)))
    return setting


# ---------------------------------------------------------------------------------------------
# Timing


def run_peer(prob, name, solver, args):
    method, ladder = SOLVERS[solver]
    tol = args.tolerance

    def once(setting):
        prob.bytes = prob.flops = 0.0
        deadline = time.perf_counter() + args.time_limit if args.time_limit else None
        start = time.perf_counter()
        x, iterations, status, note = method(prob, tol, scaled(solver, setting, tol, prob), deadline)
        seconds = time.perf_counter() - start
        counted = (prob.bytes, prob.flops)
        residual, kkt, objective = prob.measure(x) if x is not None else (float("nan"), float("nan"), float("nan"))
        return x, iterations, status, note, seconds, residual, objective, counted, kkt

    reset_peak_memory()
    # Calibration: the loosest setting of the peer whose result meets the tolerance. Tighter
    # settings are tried only when the peer stopped on its own criteria short of the tolerance
    # (a precision problem); an iteration limit, a time limit or a failure ends the search.
    chosen, attempts = None, []
    for setting in ladder:
        result = once(setting)
        attempts.append(f"{describe(solver, setting, tol)}: scaled residual {result[5]:.1e} ({result[2]})")
        log(f"{name}: {solver} calibration {describe(solver, setting, tol)}: {result[4]:.3f} s, {result[1]} iterations, "
            f"scaled residual {result[5]:.1e}, {result[2]}")
        chosen = setting
        if result[5] <= tol or result[2] in ("maxIterations", "timeLimit", "failed", "numericalError"):
            break
    met = attempts and result[5] <= tol
    for w in range(max(args.warmup - 1, 0)):
        once(chosen)
    times, last = [], None
    for r in range(args.repeats):
        last = once(chosen)
        times.append(last[4])
        log(f"{name}: {solver} {r + 1}/{args.repeats}: {last[4]:.3f} s, {last[1]} iterations, scaled residual {last[5]:.1e}")
    x, iterations, status, note, _, residual, objective, (nbytes, nflops), kkt = last
    converged = bool(math.isfinite(residual) and residual <= tol)
    if converged:
        status = "converged"
    elif status == "converged":
        status = "stalled"
    times.sort()
    median = times[len(times) // 2] if len(times) % 2 else 0.5 * (times[len(times) // 2 - 1] + times[len(times) // 2])
    adopted, reversed_ = prob.recovery(x) if x is not None else (None, None)
    notes = [f"setting {describe(solver, chosen, tol)}" + ("" if met else " (tightest tried; tolerance not met: " + "; ".join(attempts) + ")")]
    if note:
        notes.append(note)
    counted = solver != "osqp" and iterations > 0
    if solver == "osqp":
        notes.append("no block-pass count (sparse factorization)")
    if args.solutions and x is not None:
        os.makedirs(args.solutions, exist_ok=True)
        np.save(os.path.join(args.solutions, f"{file_key(name)}.{solver}.npy"), x)
    return {
        "type": "run", "instance": name, "source": os.path.abspath(prob.path), "regime": None, "seed": None,
        "m": prob.m, "n": prob.n, "k": prob.k, "solver": solver, "implementation": "peer", "status": status,
        "converged": converged, "warmup": args.warmup, "repeats": args.repeats,
        "medianSeconds": median, "minSeconds": times[0], "maxSeconds": times[-1], "iterations": iterations,
        "kktResidual": finite(kkt), "scaledResidual": finite(residual), "tolerance": tol, "objective": finite(objective), "objectiveGap": None,
        "principlesAdopted": finite(adopted), "flippedReversed": finite(reversed_),
        "secondsPerIteration": finite(median / iterations) if iterations > 0 else None,
        "bytesPerIteration": finite(nbytes / iterations) if counted else None,
        "flopsPerIteration": finite(nflops / iterations) if counted else None,
        "gbPerSecond": finite(nbytes / median / 1e9) if counted and median > 0 else None,
        "gflopPerSecond": finite(nflops / median / 1e9) if counted and median > 0 else None,
        "bandwidthRatio": None,
        "peakMemoryMiB": peak_memory_mib(),
        "note": "; ".join(notes),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifests", nargs="*", help="wre-problem/1 manifest files")
    parser.add_argument("--instance", nargs=2, action="append", default=[], metavar=("NAME", "MANIFEST"),
                        help="a manifest with the instance name to report (repeatable)")
    parser.add_argument("--solvers", default=",".join(PEERS), help=f"comma-separated subset of {','.join(PEERS)}")
    parser.add_argument("--tolerance", type=float, default=1e-8, help="tolerance on the scaled residual (default 1e-8)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs before the timed ones (default 1)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs (default 5)")
    parser.add_argument("--time-limit", type=float, default=None, help="seconds per run")
    parser.add_argument("--solutions", default=None, metavar="DIR",
                        help="save each peer's last x as DIR/NAME.SOLVER.npy (NAME with characters other than "
                             "letters, digits, '.', '_', '-' replaced by '_')")
    args = parser.parse_args(argv)
    solvers = [s.strip() for s in args.solvers.split(",") if s.strip()]
    for s in solvers:
        if s not in SOLVERS:
            parser.error(f"unknown peer {s!r} (known: {', '.join(PEERS)})")
    if args.repeats < 1 or args.warmup < 0 or not (args.tolerance > 0):
        parser.error("--repeats must be >= 1, --warmup >= 0, --tolerance > 0")
    instances = [(name, path) for name, path in args.instance]
    instances += [(os.path.basename(p), p) for p in args.manifests]
    if not instances:
        parser.error("no manifest given")
    import numpy
    log(f"numpy {numpy.__version__}, single-threaded (OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')})")
    for name, path in instances:
        try:
            log(f"{name}: loading {path}")
            prob = Problem(path)
        except Exception as error:  # noqa: BLE001 -- reported as a skip line
            for s in solvers:
                print(json.dumps({"type": "skip", "instance": name, "solver": s, "reason": f"cannot read the instance: {error}"}), flush=True)
            continue
        for solver in solvers:
            try:
                record = run_peer(prob, name, solver, args)
            except Exception as error:  # noqa: BLE001
                log(f"{name}: {solver} failed: {error!r}")
                reason = str(error) if type(error) is RuntimeError else f"{type(error).__name__}: {error}"
                print(json.dumps({"type": "skip", "instance": name, "solver": solver, "reason": reason}), flush=True)
                continue
            print(json.dumps(record, allow_nan=False), flush=True)


if __name__ == "__main__":
    main()

"""Reference equilibria computed independently with SciPy, for ScipyReferenceTests.

Run from this folder: python3 make_scipy_fixtures.py  (NumPy + SciPy; never needed to build or test).
Each fixture is a wre-problem/1 file (relations form) plus "expected": the equilibrium state in
input order, found by L-BFGS-B on f(x) = ½xᵀHx − cᵀx over the box (H = Λ − W formed densely
here, the sizes are tiny) and polished by solving the KKT system on the identified free set.
"""
import json
import numpy as np
from scipy.optimize import minimize


def build(seed, m, n, k, with_s, coupling, lam_y):
    rng = np.random.default_rng(seed)
    A = np.round(rng.uniform(-1, 1, (m, n)) * (rng.uniform(size=(m, n)) < 0.6), 3)
    B = np.round(rng.uniform(-1, 1, (n, k)) * (rng.uniform(size=(n, k)) < 0.7), 3)
    C = np.round(rng.uniform(-1, 1, (m, k)) * (rng.uniform(size=(m, k)) < 0.5), 3)
    S = np.zeros((n, n))
    if with_s:
        U = np.round(np.triu(rng.uniform(-1, 1, (n, n)) * (rng.uniform(size=(n, n)) < 0.5), 1), 3)
        S = U + U.T
    x0 = np.concatenate([np.round(rng.uniform(-1, 1, m), 3), np.round(rng.uniform(0, 1, n + k), 3)])
    lam = np.concatenate([np.round(rng.uniform(0.5, 1.5, m), 3), np.full(n + k, lam_y)])
    mu = np.concatenate([np.zeros(m), np.round(rng.uniform(0, 0.1, n), 3), np.zeros(k)])
    lo = np.concatenate([-np.ones(m), np.zeros(n + k)])
    hi = np.ones(m + n + k)
    a = coupling
    N = m + n + k
    W = np.zeros((N, N))
    W[:m, m:m + n] = a * A; W[m:m + n, :m] = a * A.T
    W[m:m + n, m + n:] = a * B; W[m + n:, m:m + n] = a * B.T
    W[:m, m + n:] = a * C; W[m + n:, :m] = a * C.T
    W[m:m + n, m:m + n] = a * S
    H = np.diag(lam) - W
    c = lam * x0 - mu
    return dict(A=A, B=B, C=C, S=S, x0=x0, lam=lam, mu=mu, lo=lo, hi=hi, H=H, c=c, m=m, n=n, k=k, a=a, with_s=with_s)


def solve(P):
    H, c, lo, hi = P["H"], P["c"], P["lo"], P["hi"]
    f = lambda x: 0.5 * x @ H @ x - c @ x
    g = lambda x: H @ x - c
    res = minimize(f, np.clip(P["x0"], lo, hi), jac=g, method="L-BFGS-B", bounds=list(zip(lo, hi)),
                   options=dict(ftol=1e-16, gtol=1e-13, maxiter=100000))
    x = res.x
    for _ in range(20):  # polish: exact solve on the free set, re-identify
        gr = g(x)
        at_lo = (x - gr <= lo); at_hi = (x - gr >= hi)
        free = ~(at_lo | at_hi)
        xn = np.where(at_lo, lo, np.where(at_hi, hi, x))
        F = np.where(free)[0]; A_ = np.where(~free)[0]
        xn[F] = np.linalg.solve(H[np.ix_(F, F)], c[F] - H[np.ix_(F, A_)] @ xn[A_])
        xn = np.clip(xn, lo, hi)
        if np.allclose(xn, x, atol=0, rtol=0):
            break
        x = xn
    r = np.max(np.abs(x - np.clip(x - g(x), lo, hi)))
    assert r < 1e-12, r
    assert np.min(np.linalg.eigvalsh(H)) > 0
    return x, r


def to_json(P, x, name):
    m, n, k = P["m"], P["n"], P["k"]
    ids = [f"j{i}" for i in range(m)] + [f"p{i}" for i in range(n)] + [f"t{i}" for i in range(k)]
    def item(i):
        d = {"id": ids[i], "initial": P["x0"][i], "confidence": P["lam"][i]}
        if m <= i < m + n:
            d["parsimony"] = P["mu"][i]
        return d
    rel = []
    for i in range(m):
        for a in range(n):
            if P["A"][i, a] != 0: rel.append({"from": ids[m + a], "to": ids[i], "weight": P["A"][i, a]})
        for t in range(k):
            if P["C"][i, t] != 0: rel.append({"from": ids[i], "to": ids[m + n + t], "weight": P["C"][i, t]})
    for a in range(n):
        for t in range(k):
            if P["B"][a, t] != 0: rel.append({"from": ids[m + a], "to": ids[m + n + t], "weight": P["B"][a, t]})
        for b in range(a + 1, n):
            if P["S"][a, b] != 0: rel.append({"from": ids[m + a], "to": ids[m + b], "weight": P["S"][a, b]})
    a = P["a"]
    doc = {"format": "wre-problem/1",
           "judgments": [item(i) for i in range(m)],
           "principles": [item(i) for i in range(m, m + n)],
           "theories": [item(i) for i in range(m + n, m + n + k)],
           "relations": rel,
           "blockWeights": {"judgmentPrinciple": a, "principleTheory": a, "judgmentTheory": a, "principlePrinciple": a},
           "mode": "wide",
           "expected": list(x)}
    with open(name, "w") as fh:
        json.dump(doc, fh, indent=1)


for seed, (m, n, k, s, cpl, ly) in enumerate([(12, 5, 2, False, 0.3, 1.0), (30, 8, 3, True, 0.2, 1.5), (20, 6, 0, False, 0.35, 1.2)]):
    P = build(seed + 1, m, n, k, s, cpl, ly)
    x, r = solve(P)
    to_json(P, x, f"scipy-reference-{seed + 1}.json")
    print(f"scipy-reference-{seed + 1}.json", m, n, k, "kkt", r, "active", int(np.sum((x == P['lo']) | (x == P['hi']))))

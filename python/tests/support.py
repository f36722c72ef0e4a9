"""Helpers of the tests: the CLI's result, random problems as arrays and as manifests."""

import json
from pathlib import Path

import numpy as np


def cli_result(cli, path, *options) -> dict:
    """`wre solve PATH --json OPTIONS…` as a dict."""
    return json.loads(cli("solve", path, "--json", *options).stdout)


def random_problem(seed: int, m: int = 60, n: int = 12, k: int = 4, density: float = 0.4, anchored: float = 3.0):
    """A random problem as arrays: dense blocks with entries in [-1, 1] (some zero) and items
    with random initial values and confidences; strong principle and theory anchoring keeps it
    convex, so every solver has one equilibrium to find."""
    rng = np.random.default_rng(seed)

    def block(rows, columns):
        values = rng.uniform(-1, 1, size=(rows, columns))
        values[rng.random((rows, columns)) > density] = 0
        return values

    A, B, C = block(m, n), block(n, k), block(m, k)
    judgments = {"initial": rng.uniform(-1, 1, m), "confidence": rng.uniform(0.5, 2, m)}
    principles = {"initial": rng.uniform(0, 1, n), "confidence": anchored + rng.uniform(0, 1, n), "parsimony": rng.uniform(0, 0.1, n)}
    theories = {"initial": rng.uniform(0, 1, k), "confidence": anchored + rng.uniform(0, 1, k)}
    return A, B, C, judgments, principles, theories


def write_manifest(directory: Path, A, B, C, judgments, principles, theories) -> Path:
    """The arrays as a wre-problem/1 manifest over .npy files (what `wre solve` reads)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, value in (("A", A), ("B", B), ("C", C)):
        np.save(directory / f"{name}.npy", np.ascontiguousarray(value))

    def columns(group, defaults):
        count = len(next(iter(group.values())))
        cols = [np.asarray(group.get(key, np.full(count, default)), dtype=np.float64) for key, default in defaults]
        return np.column_stack(cols)

    np.save(directory / "j.npy", columns(judgments, [("initial", 1.0), ("confidence", 1.0), ("lower", -1.0), ("upper", 1.0)]))
    np.save(directory / "p.npy", columns(principles, [("initial", 0.5), ("confidence", 1.0), ("lower", 0.0), ("upper", 1.0), ("parsimony", 0.0)]))
    np.save(directory / "t.npy", columns(theories, [("initial", 0.5), ("confidence", 1.0), ("lower", 0.0), ("upper", 1.0)]))
    manifest = {
        "format": "wre-problem/1",
        "matrices": {"judgmentPrinciple": "A.npy", "principleTheory": "B.npy", "judgmentTheory": "C.npy"},
        "items": {"judgments": "j.npy", "principles": "p.npy", "theories": "t.npy"},
    }
    path = directory / "problem.json"
    path.write_text(json.dumps(manifest))
    return path

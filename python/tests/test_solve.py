"""The package finds the equilibrium `wre solve --json` finds, from files and from arrays, and
reports it with the fields of docs/python.md."""

import json
import math

import numpy as np
import pytest

import wre
from support import cli_result, random_problem, write_manifest


def values(document: dict) -> np.ndarray:
    return np.array([item["value"] for item in document["items"]])


def test_demo_matches_the_command_line(cli, demo_file):
    expected = cli_result(cli, demo_file)
    eq = wre.load(demo_file).solve()
    assert eq.success and eq.status == "converged" and eq.status is wre.Status.CONVERGED
    assert np.max(np.abs(eq.x - values(expected))) <= 1e-10
    assert eq.solver == expected["solver"] and eq.mode == expected["mode"] and eq.nit == expected["iterations"]
    assert eq.objective["total"] == pytest.approx(expected["objective"]["total"], abs=1e-10)
    assert eq.fun == eq.objective["total"]
    assert eq.unique is True and eq.convex is True and eq.convexity_margin == pytest.approx(expected["convexityMargin"], abs=1e-10)
    assert eq.certifying_scale is None and eq.certificate_method == expected["certificateMethod"]
    assert eq.scaled_residual <= eq.tolerance == 1e-9
    document = eq.to_dict()
    assert document["format"] == "wre-result/1"
    assert [r["id"] for r in eq.revisions] == [r["id"] for r in expected["revisions"]]
    assert [i["class"] for i in eq.items] == [i["class"] for i in expected["items"]]
    assert eq.counts == expected["counts"] and eq.revision_share == pytest.approx(expected["revisionShare"])


@pytest.mark.parametrize("mode", ["wide", "narrow", "top-down", "bottom-up"])
@pytest.mark.parametrize("solver", ["active-set", "alternating", "projected-gradient"])
def test_demo_modes_and_solvers(cli, demo_file, mode, solver):
    expected = cli_result(cli, demo_file, "--mode", mode, "--solver", solver)
    eq = wre.load(demo_file).solve(solver, mode=mode)
    assert eq.status == expected["status"] and eq.mode == mode and eq.solver == solver
    assert np.max(np.abs(eq.x - values(expected))) <= 1e-10


@pytest.mark.parametrize("seed", range(6))
def test_random_problems_from_arrays_match_the_command_line(cli, tmp_path, seed):
    A, B, C, judgments, principles, theories = random_problem(seed, m=40 + 20 * seed, n=6 + seed, k=seed % 4)
    manifest = write_manifest(tmp_path, A, B, C, judgments, principles, theories)
    expected = cli_result(cli, manifest, "--tolerance", "1e-12")
    problem = wre.Problem(A, B, C, judgments=judgments, principles=principles, theories=theories)
    eq = problem.solve(tol=1e-12)
    assert eq.status == expected["status"] == "converged"
    assert np.max(np.abs(eq.x - values(expected))) <= 1e-10
    m, n, k = A.shape[0], A.shape[1], C.shape[1]
    assert problem.shape == (m, n, k) and eq.j.shape == (m,) and eq.p.shape == (n,) and eq.t.shape == (k,)
    assert np.array_equal(np.concatenate([eq.j, eq.p, eq.t]), eq.x)
    assert problem.ids["judgments"][:2] == ["j0", "j1"] and problem.ids["theories"] == [f"t{c}" for c in range(k)]
    assert eq.kkt_residual == pytest.approx(expected["kktResidual"], abs=1e-9)


def test_ids_texts_and_defaults():
    A = np.array([[0.9, 0.3], [0.0, -0.8], [-0.4, 0.4]])
    problem = wre.Problem(
        A, np.array([[0.8], [-0.8]]),
        judgments={"ids": ["j1", "j2", "j3"], "text": ["a", None, "c"], "confidence": [2, 2, 0.5]},
        principles={"ids": ["p1", "p2"], "initial": [0.8, 0.6], "confidence": [2, 2.5], "parsimony": [0, 0.1]},
        theories={"ids": ["t1"], "confidence": 2.0},
    )
    eq = problem.solve()
    # The README's first problem: p2 rejected, j3 weakened, p1 adopted, t1 accepted.
    classes = {item["id"]: item["class"] for item in eq.items}
    assert classes == {"j1": "retained", "j2": "retained", "j3": "weakened", "p1": "adopted", "p2": "rejected", "t1": "accepted"}
    assert eq.p[1] == pytest.approx(0.1688311688, abs=1e-9)
    assert problem.ids == {"judgments": ["j1", "j2", "j3"], "principles": ["p1", "p2"], "theories": ["t1"]}


def test_non_convergence_is_a_status_not_an_exception(demo_file):
    eq = wre.load(demo_file).solve("alternating", max_iter=1, tol=1e-15, certify=False)
    assert not eq.success and eq.status == "maxIterations" and eq.status is wre.Status.MAX_ITERATIONS
    assert "NOT an equilibrium" in eq.message and eq.nit == 1
    assert eq.unique is None and eq.convex is None and eq.convexity_margin is None
    assert eq.to_dict()["status"] == "maxIterations"


def test_options_reach_the_solver(demo_file):
    problem = wre.load(demo_file)
    first = problem.solve()
    warm = problem.solve("projected-gradient", warm_start=first, tol=1e-10)
    assert warm.success and np.max(np.abs(warm.x - first.x)) <= 1e-8
    timed = problem.solve("alternating", time_limit=0.0, tol=1e-15)
    assert timed.status in ("timeLimit", "converged")
    unchecked = problem.solve(certify=False)
    assert unchecked.unique is None and unchecked.certificate_method is None
    assert problem.solve(top_pulls=1).revisions[0]["pulls"].__len__() <= 1
    assert problem.solve(solver="auto").solver_choice.startswith("auto: ")
    assert math.isfinite(problem.solve(seed=7).fun)


def test_equilibrium_repr_and_keys(demo_file):
    eq = wre.load(demo_file).solve()
    text = repr(eq)
    assert "status" in text and "converged" in text and "x:" in text
    assert {"x", "status", "success", "message", "nit", "fun", "kkt_residual", "scaled_residual"} <= set(eq.keys())
    assert str(eq.status) == "converged" and issubclass(wre.ProblemError, ValueError)

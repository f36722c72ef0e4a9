"""Solves release the GIL, and threads solving different problems at once give the results of
solving them one by one (the library keeps no global mutable state)."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import wre
from support import random_problem

pytest.importorskip("scipy.sparse")
import scipy.sparse as sp  # noqa: E402


def _problems():
    problems = []
    for seed in range(8):
        A, B, C, j, p, t = random_problem(100 + seed, m=400, n=30, k=4)
        if seed % 3 == 1:
            A = A.astype(np.float32)
        if seed % 3 == 2:
            A = sp.csr_matrix(A)
        problems.append(wre.Problem(A, B, C, judgments=j, principles=p, theories=t))
    return problems


@pytest.mark.parametrize("solver", ["auto", "alternating", "projected-gradient"])
def test_threads_solve_different_problems_as_one_by_one(solver):
    problems = _problems()
    serial = [problem.solve(solver, tol=1e-11) for problem in problems]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda problem: problem.solve(solver, tol=1e-11), problems * 2))
    for i, eq in enumerate(parallel):
        reference = serial[i % len(problems)]
        assert eq.status == reference.status
        assert np.array_equal(eq.x, reference.x), f"problem {i % len(problems)}: threads changed the result"
        assert eq.to_dict()["items"] == reference.to_dict()["items"]


def test_one_problem_from_several_threads():
    problem = _problems()[0]
    reference = problem.solve()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: problem.solve(), range(8)))
    assert all(np.array_equal(eq.x, reference.x) for eq in results)


def test_the_gil_is_released_during_a_solve():
    # A solve of a few tenths of a second in a worker thread; meanwhile the main thread runs
    # Python code. Were the GIL held during the call, the main thread would stall for the whole
    # solve: its longest pause stays far below the solve's duration instead.
    A, B, C, j, p, t = random_problem(7, m=20_000, n=200, k=10)
    problem = wre.Problem(A, B, C, judgments=j, principles=p, theories=t)
    start = time.perf_counter()
    problem.solve("alternating", tol=1e-13)
    duration = time.perf_counter() - start
    done = threading.Event()
    worker = threading.Thread(target=lambda: (problem.solve("alternating", tol=1e-13), done.set()))
    longest, last = 0.0, time.perf_counter()
    worker.start()
    while not done.is_set():
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    worker.join()
    assert longest < duration / 2, f"the main thread paused {longest:.3f} s during a {duration:.3f} s solve"

"""Arrays in: float32, CSR (scipy.sparse), memory-mapped and strided blocks give the equilibrium of
the float64 block of the same values, and C-contiguous arrays are read in place, not copied
(docs/python.md, Borrowing)."""

import gc
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import wre
from support import random_problem

scipy_sparse = pytest.importorskip("scipy.sparse")


def _reference(seed=3, **kwargs):
    A, B, C, judgments, principles, theories = random_problem(seed, m=200, n=20, k=3, **kwargs)
    # Entries representable in float32, so the float32 block holds the same values.
    A, B, C = (x.astype(np.float32).astype(np.float64) for x in (A, B, C))
    reference = wre.Problem(A, B, C, judgments=judgments, principles=principles, theories=theories).solve(tol=1e-12)
    assert reference.success
    return A, B, C, dict(judgments=judgments, principles=principles, theories=theories), reference


def _agrees(problem, reference):
    eq = problem.solve(tol=1e-12)
    assert eq.success
    assert np.max(np.abs(eq.x - reference.x)) <= 1e-10
    return eq


def test_float64_is_read_in_place():
    A, B, C, items, reference = _reference()
    problem = wre.Problem(A, B, C, **items)
    assert problem._block_address("A") == A.ctypes.data
    assert problem._block_address("B") == B.ctypes.data and problem._block_address("C") == C.ctypes.data
    assert problem.blocks["A"] == {"layout": "float64", "rows": 200, "columns": 20, "borrowed": True}


def test_float32_is_read_in_place_and_agrees():
    A, B, C, items, reference = _reference()
    A32, C32 = A.astype(np.float32), C.astype(np.float32)
    problem = wre.Problem(A32, B, C32, **items)
    assert problem._block_address("A") == A32.ctypes.data and problem.blocks["A"]["layout"] == "float32"
    _agrees(problem, reference)


@pytest.mark.parametrize("index_dtype", [np.int32, np.int64])
def test_csr_is_read_in_place_and_agrees(index_dtype):
    A, B, C, items, reference = _reference()
    S = scipy_sparse.csr_matrix(A)
    S.indices = S.indices.astype(index_dtype)
    S.indptr = S.indptr.astype(np.int64)
    problem = wre.Problem(S, B, scipy_sparse.csr_array(C), **items)
    assert problem.blocks["A"]["layout"] == "sparse" and problem.blocks["A"]["borrowed"]
    assert problem._block_address("A", "data") == S.data.ctypes.data
    assert problem._block_address("A", "indptr") == S.indptr.ctypes.data
    if index_dtype == np.int32:
        assert problem._block_address("A", "indices") == S.indices.ctypes.data
    else:  # int64 indices are narrowed into an int32 copy; the values are not copied
        assert problem._block_address("A", "indices") != S.indices.ctypes.data
    _agrees(problem, reference)


def test_other_sparse_formats_and_non_canonical_csr_are_converted_once():
    A, B, C, items, reference = _reference()
    coo = scipy_sparse.coo_matrix(A)
    _agrees(wre.Problem(coo, B, C, **items), reference)
    # Duplicates and unsorted columns: summed and sorted on a copy.
    rows, cols = np.nonzero(A)
    order = np.random.default_rng(0).permutation(len(rows))
    half = A[rows, cols] / 2
    messy = scipy_sparse.csr_matrix((np.concatenate([half, half])[np.concatenate([order, order])],
                                     (np.concatenate([rows, rows])[np.concatenate([order, order])],
                                      np.concatenate([cols, cols])[np.concatenate([order, order])])), shape=A.shape)
    _agrees(wre.Problem(messy, B, C, **items), reference)


def test_memory_mapped_blocks_are_read_in_place(tmp_path):
    A, B, C, items, reference = _reference()
    np.save(tmp_path / "A.npy", A)
    mapped = np.load(tmp_path / "A.npy", mmap_mode="r")
    problem = wre.Problem(mapped, B, C, **items)
    assert problem._block_address("A") == mapped.ctypes.data
    _agrees(problem, reference)


def test_strided_fortran_and_foreign_arrays_are_converted_once():
    A, B, C, items, reference = _reference()
    wide = np.zeros((A.shape[0], A.shape[1] + 5))
    wide[:, :A.shape[1]] = A
    strided = wre.Problem(wide[:, :A.shape[1]], B, C, **items)  # rows 25 apart: packed once by the library
    assert strided.blocks["A"]["borrowed"] is False
    _agrees(strided, reference)
    fortran = np.asfortranarray(A)
    _agrees(wre.Problem(fortran, B, C, **items), reference)
    _agrees(wre.Problem(A.astype(">f8"), B, C, **items), reference)  # big-endian: converted
    _agrees(wre.Problem(A.tolist(), B.tolist(), C.tolist(), **items), reference)  # lists: converted


def test_integer_and_boolean_blocks_are_widened():
    A = np.array([[1, 0], [0, -1], [1, 1]], dtype=np.int8)
    eq = wre.Problem(A, principles={"confidence": 3.0}).solve()
    ref = wre.Problem(A.astype(np.float64), principles={"confidence": 3.0}).solve()
    assert eq.success and np.array_equal(eq.x, ref.x)
    assert wre.Problem(np.ones((2, 2), dtype=bool)).blocks["A"]["layout"] == "float64"


def test_the_problem_keeps_its_arrays_alive():
    A, B, C, items, reference = _reference()
    problem = wre.Problem(A.copy(), scipy_sparse.csr_matrix(B), C.copy(), **items)
    gc.collect()
    _agrees(problem, reference)
    # The changed problem of an update shares the arrays and outlives its parent.
    update = problem.update({"format": "wre-changes/1", "set": {"items": [{"id": "j0", "confidence": 2.0}]}})
    del problem
    gc.collect()
    assert update.problem.solve().success


def _resident_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


WARM_UP = """
import numpy as np, wre
def warm_up(shape):
    # A solve of half the rows first: the run-time buffers (BLAS and worker threads, the
    # allocator's arenas) a solve of that shape needs anyway, which later solves reuse.
    W = np.random.default_rng(0).uniform(-0.05, 0.05, size=(shape[0] // 2, shape[1]))
    assert wre.Problem(W, principles={"confidence": 30.0}).solve().success
"""
exec(WARM_UP)


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")
def test_no_copy_of_a_c_contiguous_block_resident_memory():
    # A 96 MB block, already resident: building and solving the problem must not copy it
    # (a copy would grow resident memory by 96 MB).
    rng = np.random.default_rng(1)
    A = rng.uniform(-0.05, 0.05, size=(30_000, 400))
    warm_up(A.shape)
    before = _resident_bytes()
    problem = wre.Problem(A, principles={"confidence": 30.0})
    eq = problem.solve()
    grown = _resident_bytes() - before
    assert eq.success and problem._block_address("A") == A.ctypes.data
    assert grown < 0.25 * A.nbytes, f"resident memory grew by {grown / 1e6:.0f} MB for a {A.nbytes / 1e6:.0f} MB block"


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")
def test_a_mapped_block_counts_once_in_resident_memory(tmp_path):
    # In a fresh interpreter: a solve over a mapped 96 MB A grows resident memory by about the
    # size of A (its pages, read once, count once); a copy would make it twice that.
    rng = np.random.default_rng(2)
    A = rng.uniform(-0.05, 0.05, size=(30_000, 400))
    np.save(tmp_path / "A.npy", A)
    del A
    script = WARM_UP + textwrap.dedent(f"""
        import os
        def rss():
            with open("/proc/self/statm") as f: return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        A = np.load({str(tmp_path / "A.npy")!r}, mmap_mode="r")
        warm_up(A.shape)
        before = rss()
        eq = wre.Problem(A, principles={{"confidence": 30.0}}).solve()
        print(eq.success, (rss() - before) / A.nbytes)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "True"
    assert 0.9 < float(out[1]) < 1.15, f"resident memory grew by {out[1]} × the size of A"

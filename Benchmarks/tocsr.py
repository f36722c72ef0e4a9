#!/usr/bin/env python3
"""Convert a planted instance's dense A.npy and C.npy (from `wre generate`) to CSR triples.

Usage: python3 Benchmarks/tocsr.py DIR

Writes DIR/{A,C}_{indptr,indices,data}.npy (int64 indptr, int32 sorted column indices, float64
data) and DIR/problem-sparse.json, a copy of DIR/problem.json whose A and C come from the
manifest's "sparse" member (README, Scale). Reads the dense blocks in chunks of rows through a
memory map, so a 10^6-row instance needs little memory. Needs NumPy only.
"""
import json
import sys

import numpy as np


def to_csr(path, chunk=50_000):
    dense = np.load(path, mmap_mode="r")
    m = dense.shape[0]
    indptr = np.zeros(m + 1, dtype=np.int64)
    indices, data = [], []
    nnz = 0
    for start in range(0, m, chunk):
        block = np.asarray(dense[start:start + chunk], dtype=np.float64)
        rows, cols = np.nonzero(block)  # row-major order: columns sorted within each row
        counts = np.bincount(rows, minlength=block.shape[0])
        indptr[start + 1:start + 1 + block.shape[0]] = nnz + np.cumsum(counts)
        nnz += len(cols)
        indices.append(cols.astype(np.int32))
        data.append(block[rows, cols])
    return indptr, np.concatenate(indices), np.concatenate(data), nnz / max(dense.size, 1)


def main(directory):
    problem = json.load(open(f"{directory}/problem.json"))
    matrices = problem.pop("matrices")
    sparse = {}
    for name, block in [("A", "judgmentPrinciple"), ("C", "judgmentTheory")]:
        if block not in matrices:
            continue
        indptr, indices, data, density = to_csr(f"{directory}/{matrices.pop(block)}")
        for part, array in [("indptr", indptr), ("indices", indices), ("data", data)]:
            np.save(f"{directory}/{name}_{part}.npy", array)
        sparse[block] = {part: f"{name}_{part}.npy" for part in ("indptr", "indices", "data")}
        print(f"{name}: {len(data)} non-zeros, density {density:.4g}")
    problem["matrices"] = matrices
    problem["sparse"] = sparse
    with open(f"{directory}/problem-sparse.json", "w") as out:
        json.dump(problem, out, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])

"""Resident memory of a solve over memory-mapped blocks (docs/python.md, Performance).

    wre generate --judgments 100000 --principles 1000 --theories 0 --output /tmp/g100k   # A: 800 MB float64
    python3 Benchmarks/python/mapped_memory.py /tmp/g100k

In a fresh interpreter: maps the instance's blocks with `np.load(..., mmap_mode="r")`, builds the
`wre.Problem` (validation reads A once) and solves it, and prints how much the process's resident
memory (VmRSS) grew, as a multiple of the size of A: its pages, read once, count once (about 1×);
a copy would make it 2×. Only a tiny solve runs before (the run-time buffers). Mapped pages count in
the resident memory whether they come from disk or from the page cache.
"""

import subprocess
import sys
from pathlib import Path

CHILD = """
import os, sys, time
import numpy as np
import wre
sys.path.insert(0, sys.argv[2])
from manifest import load_arrays

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

wre.Problem(np.full((200, 50), 0.01), principles={"confidence": 30.0}).solve()
before = rss()
start = time.perf_counter()
problem = load_arrays(Path(sys.argv[1]))
eq = problem.solve()
seconds = time.perf_counter() - start
grown = rss() - before
A = np.load(Path(sys.argv[1]) / "A.npy", mmap_mode="r")
print(f"shape {problem.shape}, A {A.nbytes / 1e6:.0f} MB float64 mapped, borrowed {problem.blocks['A']['borrowed']}: "
      f"{eq.status} ({eq.solver}, {eq.nit} iterations) in {seconds:.2f} s (load, validate, solve); "
      f"resident memory grew by {grown / 1e6:.0f} MB = {grown / A.nbytes:.3f} × A")
"""


def main():
    directory = Path(sys.argv[1])
    child = "from pathlib import Path\n" + CHILD
    subprocess.run([sys.executable, "-c", child, str(directory), str(Path(__file__).resolve().parent)], check=True)


if __name__ == "__main__":
    main()

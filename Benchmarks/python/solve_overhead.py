"""Python's `Problem.solve` against the Swift API's `problem.solve()` on the same arrays
(docs/python.md, Performance).

    wre generate --judgments 20000 --principles 1000 --theories 100 --output /tmp/g20k
    python3 Benchmarks/python/solve_overhead.py /tmp/g20k [--pairs 30] [--solver auto]

Starts `SolveTiming` (the Swift API: the manifest loaded and validated, then `problem.solve()`
timed, one solve per request) and builds `wre.Problem` over the same .npy files mapped with
`np.load(..., mmap_mode="r")`; then alternates one Swift solve and one Python solve, `--pairs`
times, and prints the medians, the minima and the median of the per-pair ratios (pairs taken
close together see the same load on a shared machine). Both time the whole call (solve,
certificate, analysis of the result); neither counts loading or validation. Build SolveTiming
first (`swift build -c release --product SolveTiming` in Benchmarks/) and install the package
(`pip install ./python`).
"""

import argparse
import json
import statistics
import subprocess
import time
from pathlib import Path

import wre
from manifest import load_arrays

BENCHMARKS = Path(__file__).resolve().parents[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--pairs", type=int, default=30)
    parser.add_argument("--solver", default="auto")
    args = parser.parse_args()
    problem = load_arrays(args.directory)
    binary = BENCHMARKS / ".build" / "release" / "SolveTiming"
    swift = subprocess.Popen([str(binary), str(args.directory / "problem.json"), "0", args.solver],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def swift_solve() -> dict:
        swift.stdin.write("solve\n")
        swift.stdin.flush()
        return json.loads(swift.stdout.readline())

    def python_solve() -> dict:
        start = time.perf_counter()
        eq = problem.solve(args.solver)
        return {"seconds": time.perf_counter() - start, "status": str(eq.status), "solver": eq.solver, "objective": eq.fun,
                "solverSeconds": eq.seconds}

    swift_solve(), python_solve()  # warm-up
    s_times, p_times, s_solver, p_solver = [], [], [], []
    for i in range(args.pairs):
        s, p = (swift_solve(), python_solve()) if i % 2 == 0 else reversed((python_solve(), swift_solve()))
        assert s["status"] == p["status"] == "converged" and s["solver"] == p["solver"]
        assert abs(s["objective"] - p["objective"]) <= 1e-9 * max(1.0, abs(s["objective"]))
        s_times.append(s["seconds"])
        p_times.append(p["seconds"])
        s_solver.append(s["solverSeconds"])
        p_solver.append(p["solverSeconds"])
    swift.stdin.close()
    swift.wait()
    ratios = [p / s for s, p in zip(s_times, p_times)]
    ms, mp = statistics.median(s_times), statistics.median(p_times)
    print(f"shape {problem.shape}, solver {p['solver']}, {args.pairs} pairs: "
          f"Swift API median {ms * 1e3:.1f} ms (min {min(s_times) * 1e3:.1f}), "
          f"Python median {mp * 1e3:.1f} ms (min {min(p_times) * 1e3:.1f}); "
          f"median of the pair ratios {statistics.median(ratios):.3f}, of the differences "
          f"{statistics.median(p - s for s, p in zip(s_times, p_times)) * 1e3:+.1f} ms; the solver's own clock "
          f"(Equilibrium.seconds): Swift {statistics.median(s_solver) * 1e3:.1f} ms, Python {statistics.median(p_solver) * 1e3:.1f} ms")


if __name__ == "__main__":
    main()

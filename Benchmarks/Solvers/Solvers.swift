// Solver benchmarks (DESIGN §5): one full `problem.solve(...)` per solver variant (the
// continuous solvers and the connectionist baseline) on one fixed convex problem, built and
// solved through the public API (Problem, Matrix, ItemGroup, `solve`).
//
//     swift package benchmark --target Solvers
//     OPENBLAS_NUM_THREADS=1 swift package benchmark --target Solvers
//
// Names carry the OpenBLAS core and thread count, e.g.
// "solve active-set (2000,200,20) (blas: Haswell, threads: 1)". Each benchmark reports wall
// clock, throughput (solves/s) and the solver's iteration count; after each run a line on stderr
// gives status, iterations, KKT residual and objective, so the variants can be checked to agree.
import Benchmark
import Foundation
import ReflectiveEquilibrium

/// A line on standard error (stdout may carry an export; output during measurement may be suppressed).
private func report(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

/// A fixed random problem of shape (m, n, k), strictly convex by diagonal dominance: every
/// anchoring weight exceeds its item's absolute row sum of W by 5 % (plus 0.05), so
/// `H = Λ − W ≻ 0` (Gershgorin) and all continuous solvers must reach the same x*.
/// Blocks A, B, C and S are 10 % dense with entries uniform in [-1, 1]; initial values are
/// uniform within the bounds; principles carry a small parsimony cost.
func convexProblem(m: Int, n: Int, k: Int, seed: UInt64) -> Problem {
    var rng = KernelRandom(seed: seed)
    func entry() -> Double { rng.uniform(0, 1) < 0.1 ? rng.uniform(-1, 1) : 0 }
    func block(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in entry() })
    }
    let a = block(m, n), b = block(n, k), c = block(m, k)
    var s = Matrix(rows: n, columns: n)
    for i in 0..<n { for j in (i + 1)..<n { let v = entry(); s[i, j] = v; s[j, i] = v } }

    // Absolute row sums of W, per item in the order (j, p, t).
    var rowSum = [Double](repeating: 0, count: m + n + k)
    for i in 0..<m {
        for a0 in 0..<n { let v = abs(a[i, a0]); rowSum[i] += v; rowSum[m + a0] += v }
        for c0 in 0..<k { let v = abs(c[i, c0]); rowSum[i] += v; rowSum[m + n + c0] += v }
    }
    for a0 in 0..<n {
        for b0 in 0..<n { rowSum[m + a0] += abs(s[a0, b0]) }
        for c0 in 0..<k { let v = abs(b[a0, c0]); rowSum[m + a0] += v; rowSum[m + n + c0] += v }
    }
    func group(_ g: Group, _ count: Int, offset: Int) -> ItemGroup {
        var items = ItemGroup(g, count: count)
        items.confidence = (0..<count).map { 1.05 * rowSum[offset + $0] + 0.05 }
        items.initial = (0..<count).map { items.lower[$0] + (items.upper[$0] - items.lower[$0]) * rng.uniform(0, 1) }
        if g == .principle { items.parsimony = (0..<count).map { _ in rng.uniform(0, 0.5) } }
        return items
    }
    return Problem(
        judgments: group(.judgment, m, offset: 0), principles: group(.principle, n, offset: m),
        theories: group(.theory, k, offset: m + n),
        compatibility: Compatibility(judgmentPrinciple: a, principleTheory: b, judgmentTheory: c, principlePrinciple: s))
}

/// The problem is built once per process, in the benchmark's setup (not at registration, which
/// also runs when the benchmarks are only listed); the last result is kept for the summary line.
private final class ProblemCache: @unchecked Sendable {
    private var problem: Problem?
    var last: Equilibrium?
    func get() -> Problem {
        if let problem { return problem }
        let p = convexProblem(m: 2_000, n: 200, k: 20, seed: 20_250_601)
        problem = p
        return p
    }
}

private let cache = ProblemCache()
private let iterationsMetric = BenchmarkMetric.custom("solver iterations", polarity: .prefersSmaller, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    report("Solvers: OpenBLAS core \(BLASConfiguration.coreName), threads \(BLASConfiguration.threads)")
    let tags = ["blas": BLASConfiguration.coreName, "threads": "\(BLASConfiguration.threads)"]
    let options = SolverOptions(tolerance: 1e-9, timeLimit: 60)

    for solver in SolverKind.continuous + [.connectionist] {
        Benchmark(
            "solve \(solver.rawValue) (2000,200,20)",
            configuration: .init(
                metrics: [.wallClock, .throughput, .peakMemoryResident, iterationsMetric],
                tags: tags,
                units: [iterationsMetric: .count],
                warmupIterations: 1,
                maxDuration: .seconds(5),
                maxIterations: 30
            )
        ) { benchmark in
            let problem = cache.get()
            benchmark.startMeasurement()
            let result = try problem.solve(solver, options: options)
            benchmark.stopMeasurement()
            benchmark.measurement(iterationsMetric, result.iterations)
            cache.last = result
        } setup: {
            _ = cache.get()
        } teardown: {
            // After the run (output during measurement may be suppressed by the tool).
            guard let r = cache.last else { return }
            report("  \(solver.rawValue): status \(r.status.rawValue), iterations \(r.iterations), "
                + "KKT residual \(r.kktResidual), objective \(r.objective.total)")
        }
    }
}

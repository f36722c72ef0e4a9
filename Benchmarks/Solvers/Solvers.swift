// Solver benchmarks (docs/solvers.md): one full `problem.solve(...)` per solver variant (the
// continuous solvers and the connectionist baseline) on one fixed convex problem, the planted
// instance (m, n, k) = (2000, 200, 20) of `PlantedInstance.generate`; public API throughout.
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

/// The problem is built once per process, in the benchmark's setup (not at registration, which
/// also runs when the benchmarks are only listed); the last result is kept for the summary line.
private final class ProblemCache: @unchecked Sendable {
    private var problem: Problem?
    var last: Equilibrium?
    func get() -> Problem {
        if let problem { return problem }
        // The planted convex regime: H ≻ 0 by construction, so every continuous solver must
        // reach the same x*.
        let parameters = PlantedParameters(judgments: 2_000, principles: 200, theories: 20, regime: .convex, seed: 20_250_601)
        let p = try! PlantedInstance.generate(parameters).problem
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

/// Placeholder until the benchmarking issue lands the real solver.
struct ConnectionistSolver: SolverAlgorithm {
    var kind: SolverKind { .connectionist }
    var defaultMaxIterations: Int { 1000 }
    func run(_ objective: Objective, from start: [Double], options: SolverOptions, deadline: Deadline) throws -> RawSolution {
        RawSolution(x: start, status: .maxIterations, iterations: 0)
    }
}

/// How `BenchmarkSuite` runs every solver on every instance.
public struct BenchmarkOptions: Sendable {
    /// The solvers to run, in report order. Default: the continuous ones (`SolverKind.continuous`).
    public var solvers: [SolverKind]
    /// Untimed runs before the timed ones (per solver and instance).
    public var warmup: Int
    /// Timed runs; the report gives their median, minimum and maximum.
    public var repeats: Int
    /// Converged means KKT residual ≤ this, for every solver (and every peer).
    public var tolerance: Double
    /// Iteration limit per run (`nil`: each solver's default).
    public var maxIterations: Int?
    /// Wall-clock limit per run in seconds (`nil`: none).
    public var timeLimit: Double?
    /// Progress of each solve (`SolverOptions.progress`); `nil`: none.
    public var progress: (@Sendable (SolverProgress) -> Void)? = nil

    public init(solvers: [SolverKind] = SolverKind.continuous, warmup: Int = 1, repeats: Int = 5,
                tolerance: Double = 1e-8, maxIterations: Int? = nil, timeLimit: Double? = nil) {
        self.solvers = solvers
        self.warmup = warmup
        self.repeats = repeats
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.timeLimit = timeLimit
    }

    /// The options of every timed solve: no certificate (it costs `O(m (n+k)²)` and is not
    /// part of the solve), no warm start, the tolerance and limits above.
    var solverOptions: SolverOptions {
        SolverOptions(tolerance: tolerance, maxIterations: maxIterations, timeLimit: timeLimit, certify: false, progress: progress)
    }

    /// Checks the counts and the tolerance.
    /// - Throws: `ProblemError.invalidOption` naming the offending option.
    public func validate() throws {
        guard !solvers.isEmpty else { throw ProblemError.invalidOption(name: "solvers", value: "none") }
        guard warmup >= 0 else { throw ProblemError.invalidOption(name: "warmup", value: "\(warmup)") }
        guard repeats >= 1 else { throw ProblemError.invalidOption(name: "repeats", value: "\(repeats)") }
        guard tolerance.isFinite && tolerance > 0 else { throw ProblemError.invalidOption(name: "tolerance", value: "\(tolerance)") }
    }
}

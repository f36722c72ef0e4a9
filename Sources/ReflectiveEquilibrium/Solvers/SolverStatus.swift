/// How a solve ended (OSQP/SciPy style). Only `converged` results are equilibria.
public enum SolverStatus: String, Codable, Sendable, CaseIterable {
    /// The KKT residual reached the tolerance: an equilibrium (a KKT point).
    case converged
    /// The iteration limit was reached first.
    case maxIterations
    /// The time limit was reached first.
    case timeLimit
    /// The iterates stopped making progress before the tolerance (e.g. rounding floor).
    case stalled
    /// A non-finite number appeared; the problem data or scaling is unusable.
    case numericalError

    /// Whether the result is an equilibrium.
    public var isConverged: Bool { self == .converged }
}

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
    /// The connectionist dynamics settled (every change below its threshold) at a point that is
    /// not a KKT point to the tolerance: a baseline answer, not an equilibrium.
    case settled
    /// The exhaustive search returned the best corner of the box: the optimum of the discrete
    /// (accept/reject) problem, not a KKT point of the continuous one to the tolerance.
    case bestCorner

    /// Whether the result is an equilibrium.
    public var isConverged: Bool { self == .converged }
}

/// The solver variants (DESIGN §5).
public enum SolverKind: String, Codable, Sendable, CaseIterable {
    /// Exact block updates J → P → T in turn: the literal RE process; records a trajectory.
    case alternating
    /// Accelerated projected gradient (FISTA with adaptive restart) on the principles and
    /// theories, the judgments eliminated in closed form; step `1/L` from a spectral bound.
    case projectedGradient = "projected-gradient"
    /// Projected Newton with primal-dual active-set prediction; Newton systems by Cholesky on the
    /// (n + k) Schur complement. Exact to machine precision in few iterations when convex.
    case activeSet = "active-set"

    var algorithm: any SolverAlgorithm {
        switch self {
        case .alternating: return AlternatingSolver()
        case .projectedGradient: return ProjectedGradientSolver()
        case .activeSet: return ActiveSetSolver()
        }
    }
}

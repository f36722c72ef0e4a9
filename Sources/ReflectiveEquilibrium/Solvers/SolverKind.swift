/// The solver variants (docs/solvers.md).
public enum SolverKind: String, Codable, Sendable, CaseIterable {
    /// Chooses one of the continuous solvers from the problem's structure (`AutoSolver`): the
    /// default. The result names the solver that ran and why (`Equilibrium.solverChoice`).
    case auto
    /// Exact block updates J → P → T in turn: the literal RE process; records a trajectory.
    case alternating
    /// Accelerated projected gradient (FISTA with adaptive restart) on the principles and
    /// theories, the judgments eliminated in closed form; step `1/L` from a spectral bound.
    case projectedGradient = "projected-gradient"
    /// Projected Newton with primal-dual active-set prediction; Newton systems by Cholesky on the
    /// (n + k) Schur complement. Exact to machine precision in few iterations when convex.
    case activeSet = "active-set"
    /// Thagard's ECHO activation dynamics (Thagard & Verbeurgt 1998): the classic coherence
    /// baseline. It reports its KKT residual like every solver but may not reach the tolerance.
    case connectionist
    /// All corners of the box (accept/reject every revisable item), small problems only:
    /// ground truth for the discrete problem.
    case exhaustive

    /// The solvers of the continuous problem, which all reach the same x* on convex problems.
    public static let continuous: [SolverKind] = [.alternating, .projectedGradient, .activeSet]

    var algorithm: any SolverAlgorithm {
        switch self {
        case .auto: return AutoSolver()
        case .alternating: return AlternatingSolver()
        case .projectedGradient: return ProjectedGradientSolver()
        case .activeSet: return ActiveSetSolver()
        case .connectionist: return ConnectionistSolver()
        case .exhaustive: return ExhaustiveSolver()
        }
    }
}

/// The default solver (`SolverKind.auto`): picks a continuous solver from the problem's
/// structure and runs it (docs/solvers.md).
///
/// - Every revisable judgment anchored (λ > 0): `active-set` on the reduced problem. Its Newton
///   systems pick their own route (conjugate gradients in place or over gathered rows, or the
///   Gram sum and Cholesky) from the measured cost of a pass, so it adapts to density and to how
///   many judgments stay free; on a convex problem it needs a few passes over A.
/// - Otherwise (a revisable judgment with λ = 0 jumps between its bounds): `alternating`, whose
///   exact block updates handle such judgments in closed form at one pass over A per round.
struct AutoSolver: SolverAlgorithm {
    var kind: SolverKind { .auto }
    var defaultMaxIterations: Int { ActiveSetSolver().defaultMaxIterations }

    /// The solver for `objective` and the reason, in words.
    static func choose(_ o: Objective) -> (SolverKind, String) {
        if ReducedNewton.applies(to: o) {
            return (.activeSet, "every revisable judgment is anchored: projected Newton on the principles and theories")
        }
        return (.alternating, "a revisable judgment has confidence 0: exact block updates")
    }

    func run(_ objective: Objective, from start: [Double], options: SolverOptions, deadline: Deadline) throws -> RawSolution {
        let (kind, reason) = Self.choose(objective)
        var solution = try kind.algorithm.run(objective, from: start, options: options, deadline: deadline)
        solution.ran = (kind, reason)
        return solution
    }
}

import Foundation
import ReflectiveEquilibrium

/// The KKT residual after each round of an alternating solve, for the process figure.
///
/// The trajectory records the objective after every step but not the residual; the
/// alternating solver is deterministic, so the state after round `r` is that of the same solve
/// stopped after `r` rounds (`maxIterations = r`), and its result carries that state's
/// residual, recomputed through the blocks. Rounds are replayed in increasing order, every
/// round for short runs, geometrically spaced ones for long runs, within a budget of solve
/// time (`budgetFactor` × the original solve's, at least `minimumBudget` seconds); the last
/// point is always the result's own residual.
enum ResidualReplay {
    /// Every round is replayed up to this many rounds.
    static let everyRoundLimit = 60
    /// Replays may take this many times the original solve's seconds…
    static let budgetFactor = 3.0
    /// …and at least this many seconds.
    static let minimumBudget = 1.0

    /// The rounds to replay for a run of `rounds` rounds taking `seconds`: all of them for
    /// short runs, else about 40 geometrically spaced ones, cut where the estimated cost of
    /// the replays (each costs its rounds × seconds per round) would exceed the budget.
    static func rounds(total rounds: Int, seconds: Double) -> [Int] {
        guard rounds > 1 else { return [] }
        var candidates: [Int]
        if rounds <= everyRoundLimit {
            candidates = Array(1..<rounds)
        } else {
            candidates = []
            var r = 1.0
            while Int(r) < rounds {
                if candidates.last != Int(r) { candidates.append(Int(r)) }
                r *= pow(Double(rounds), 1.0 / 40.0)
                r = max(r, Double(candidates.last! + 1))
            }
        }
        let perRound = seconds.isFinite && seconds > 0 ? seconds / Double(rounds) : 0
        let budget = max(minimumBudget, budgetFactor * (seconds.isFinite ? seconds : 0))
        var spent = 0.0
        var out: [Int] = []
        for r in candidates {
            spent += Double(r) * perRound
            if spent > budget { break }
            out.append(r)
        }
        return out
    }

    /// `(round, KKT residual after it)` for the replayed rounds, then the result's last round.
    /// Empty unless `result` is a single alternating solve with a trajectory.
    static func residuals(_ result: Equilibrium, problem: Problem) -> [(round: Int, residual: Double)] {
        guard result.solver == .alternating, result.equilibria == nil, !result.trajectory.isEmpty else { return [] }
        let total = result.trajectory.last?.round ?? result.iterations
        var out: [(Int, Double)] = []
        for r in rounds(total: total, seconds: result.seconds) {
            let options = SolverOptions(tolerance: result.tolerance.isFinite ? result.tolerance : 1e-9, maxIterations: r, certify: false)
            guard let replay = try? problem.solve(.alternating, mode: result.mode, options: options) else { break }
            out.append((r, replay.kktResidual))
        }
        out.append((total, result.kktResidual))
        return out
    }
}

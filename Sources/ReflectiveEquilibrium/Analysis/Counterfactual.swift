/// One item's equilibrium in a variant of the problem, re-solved: some items **dropped** and
/// some **held** at their initial value, as the exact support of an attribution uses it
/// (`Attribution`).
///
/// - Dropping item i removes it with its relations. Every coherence term of i is `x_i W_ik x_k`,
///   so for the other items this is the same as fixing `x_i = 0`; the variant locks i at 0
///   (bounds and initial value 0, so its revision and parsimony costs are constants). A
///   judgment at 0 is suspended and a principle or theory at 0 rejected: no stance of i counts.
///   This is the neutralization of the sensitivity-based support (`x*_ID − x*_ID(without i)`),
///   so both measure one quantity. Locking i at its initial value instead would keep its pull.
/// - Holding item k at its initial value undoes its revision (bounds `[x0_k, x0_k]`): what the
///   others do when k may not move.
///
/// The variant is solved with the active-set solver, warm-started at the equilibrium (dropped
/// items at 0), to tolerance `min(result's, 1e-10)`, without a certificate.
public struct Counterfactual: Sendable, Equatable {
    /// The ids of the items dropped (with their relations).
    public var dropped: [String]
    /// The ids of the items held at their initial value.
    public var held: [String]
    /// The attributed item's value, class and standing in the variant.
    public var value: Double
    public var `class`: ItemClass
    public var standing: ItemStanding
    /// The other items (not the attributed, dropped or held ones) whose class in the variant
    /// differs from their class at the equilibrium, largest move first, at most the limit asked for.
    public var changes: [ItemChange]
    /// How many such items there are in all (`changes` may list fewer).
    public var changedCount: Int
}

extension Problem {
    /// This problem with the items `dropped` (stacked indices) locked at 0 — removed with their
    /// relations, for the others — and the items `held` locked at their initial value.
    func variant(dropping dropped: [Int], holding held: [Int]) -> Problem {
        var problem = self
        let (m, n, _) = shape
        func lock(_ i: Int, at value: Double?) {
            func set(_ g: inout ItemGroup, _ local: Int) {
                let v = value ?? g.initial[local]
                g.initial[local] = v; g.lower[local] = v; g.upper[local] = v
            }
            if i < m { set(&problem.judgments, i) } else if i < m + n { set(&problem.principles, i - m) } else { set(&problem.theories, i - m - n) }
        }
        for i in dropped { lock(i, at: 0) }
        for i in held { lock(i, at: nil) }
        return problem
    }

    /// Re-solves the variant of this problem without `dropped` and with `held` at their initial
    /// values (see `Counterfactual`) from `result` (an equilibrium of this problem, state `x`) and
    /// reports item `target` there with at most `changeLimit` class changes of other items,
    /// together with the variant's result; `nil` when the re-solve does not converge.
    func counterfactual(of target: Int, at result: Equilibrium, x: [Double], dropping dropped: [Int], holding held: [Int] = [],
                        changeLimit: Int = 10) throws -> (outcome: Counterfactual, solved: Equilibrium)? {
        let problem = variant(dropping: dropped, holding: held)
        var start = x
        for i in dropped { start[i] = 0 }
        let options = SolverOptions(tolerance: min(result.tolerance, 1e-10), warmStart: start, certify: false)
        let solved = try problem.solve(.activeSet, mode: result.mode, options: options)
        guard solved.isEquilibrium else { return nil }
        let ids = result.items.map(\.id)
        let excluded = Set((dropped + held + [target]).map { ids[$0] })
        let changes = result.diff(to: solved, threshold: .infinity).filter { !excluded.contains($0.id) }
        let objective = Objective(problem, mode: result.mode)
        let outcome = Counterfactual(dropped: dropped.map { ids[$0] }, held: held.map { ids[$0] }, value: solved.state[target],
                                     class: solved.items[target].class, standing: problem.standing(of: target, at: solved.state, objective),
                                     changes: Array(changes.prefix(max(changeLimit, 0))), changedCount: changes.count)
        return (outcome, solved)
    }
}

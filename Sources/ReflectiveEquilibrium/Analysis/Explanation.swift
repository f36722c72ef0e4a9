/// Why an equilibrium is where it is (docs/results.md, issue "explain"): for each revised item (or
/// one chosen item), the forces on it at the returned state.
///
/// At `x`, the objective `Coh(x) − ½ Σ λ (x − x0)² − μ̃ᵀx` has partial derivative in `x_i`
///
///     (W x)_i − λ_i (x_i − x0_i) − μ_i   =   Σ_k W_ik x_k  −  anchoring  −  parsimony,
///
/// the coherence **pulls** `W_ik x_k` of the items it relates to, against the **anchoring**
/// `λ_i (x_i − x0_i)` (the confidence in the initial value resisting the move) and, for
/// principles, the **parsimony** cost `μ_i`. At an equilibrium this net force is zero for an
/// item strictly inside its bounds (stationarity), `≥ 0` for an item at its upper bound and
/// `≤ 0` at its lower bound (the bound holds it back): it is `−∇f(x)_i`.
public struct Explanation: Sendable {
    /// The mode of the explained result.
    public var mode: Mode
    /// The solver that produced it.
    public var solver: SolverKind
    /// How that run ended; only `.converged` is an equilibrium.
    public var status: SolverStatus
    /// The KKT residual and the scaled residual of the run, and the tolerance it was held to.
    public var kktResidual: Double
    public var scaledResidual: Double
    public var tolerance: Double
    /// The revision threshold the default selection used (`nil` when one item was asked for).
    public var revisionThreshold: Double?
    /// One entry per explained item: the revisions, largest move first, or the one item asked for.
    public var items: [ItemExplanation]

    /// Whether the explained state is an equilibrium.
    public var isEquilibrium: Bool { status == .converged }
}

/// The forces on one item at the returned state (see `Explanation`).
public struct ItemExplanation: Sendable, Equatable {
    public var id: String
    public var group: Group
    public var initial: Double
    public var value: Double
    public var `class`: ItemClass
    /// Its confidence `λ_i`.
    public var confidence: Double
    /// Where it sits in its box.
    public var standing: ItemStanding
    /// The largest coherence pulls `W_ik x_k`, largest magnitude first (all of them unless a
    /// limit was given), with their signs: + pulls the item up, − down.
    public var pulls: [Pull]
    /// How many non-zero pulls were left out of `pulls`, and their sum.
    public var omittedPulls: Int
    public var omittedContribution: Double
    /// `(W x)_i`, the sum of all pulls (the coherence gradient).
    public var coherencePull: Double
    /// `λ_i (x_i − x0_i)`: what anchoring to the initial value resists with.
    public var anchoring: Double
    /// `μ_i` (principles; 0 otherwise).
    public var parsimony: Double

    /// `coherencePull − anchoring − parsimony = −∇f(x)_i`: 0 at an interior equilibrium, the
    /// bound's reaction otherwise (`≥ 0` at the upper bound, `≤ 0` at the lower one).
    public var net: Double { coherencePull - anchoring - parsimony }
}

/// Where an item sits in its box `[l, u]` at a state.
public enum ItemStanding: String, Sendable, Codable, CaseIterable {
    /// Strictly between its bounds: free to move either way.
    case interior
    /// At its lower bound.
    case atLower
    /// At its upper bound.
    case atUpper
    /// `lower == upper` in the problem: never revisable.
    case locked
    /// Its group is not revisable in this mode: held at its (clipped) initial value.
    case fixedByMode

    /// Whether the item is free (strictly inside, not locked).
    public var isFree: Bool { self == .interior }
}

extension Problem {
    /// Explains `result` (a solve of this problem): the forces on every revised item (moved more
    /// than `revisionThreshold`, largest move first), or on the item `item` alone.
    ///
    /// - Parameters:
    ///   - item: an item id to explain instead of the revisions (revised or not).
    ///   - topPulls: how many pulls to list per item (`nil`: all non-zero ones).
    ///   - revisionThreshold: an item counts as revised when `|x − x0|` exceeds it.
    /// - Throws: `ExplanationError.unknownItem`, `.resultMismatch` or `.foreignResult` (a
    ///   result of another problem).
    ///
    /// A non-converged result is explained all the same and labelled (`isEquilibrium` is false):
    /// its net forces need not vanish.
    public func explain(_ result: Equilibrium, item: String? = nil, topPulls: Int? = 10,
                        revisionThreshold: Double = SolverOptions().revisionThreshold) throws -> Explanation {
        let objective = Objective(self, mode: result.mode)
        let x = try checkedState(result, objective)
        let indices: [Int]
        if let item {
            indices = [try index(of: item)]
        } else {
            indices = (0..<objective.count)
                .filter { abs(x[$0] - objective.x0[$0]) > revisionThreshold }
                .sorted { abs(x[$0] - objective.x0[$0]) > abs(x[$1] - objective.x0[$1]) }
        }
        let ids = result.items.map(\.id)
        let wx = objective.coherenceGradient(x)
        let explained = indices.map { i -> ItemExplanation in
            let all = objective.pulls(on: i, at: x).sorted { abs($0.contribution) > abs($1.contribution) }
            let shown = topPulls.map { min(max($0, 0), all.count) } ?? all.count
            let omitted = all[shown...].reduce(0.0) { $0 + $1.contribution }
            return ItemExplanation(
                id: ids[i], group: objective.group(of: i), initial: objective.x0[i], value: x[i],
                class: ItemClass(group: objective.group(of: i), initial: objective.x0[i], value: x[i]), confidence: objective.lambda[i],
                standing: standing(of: i, at: x, objective),
                pulls: all[..<shown].map { Pull(id: ids[$0.index], contribution: $0.contribution) },
                omittedPulls: all.count - shown, omittedContribution: omitted,
                coherencePull: wx[i], anchoring: objective.lambda[i] * (x[i] - objective.x0[i]), parsimony: objective.mu[i])
        }
        return Explanation(mode: result.mode, solver: result.solver, status: result.status, kktResidual: result.kktResidual,
                           scaledResidual: result.scaledResidual, tolerance: result.tolerance, revisionThreshold: item == nil ? revisionThreshold : nil, items: explained)
    }

    /// Explains the equilibrium of this problem found by `solver` (see `explain(_:item:topPulls:revisionThreshold:)`).
    public func explain(item: String? = nil, solver: SolverKind = .activeSet, mode: Mode? = nil,
                        options: SolverOptions = SolverOptions(), topPulls: Int? = 10) throws -> Explanation {
        let result = try solve(solver, mode: mode, options: options)
        return try explain(result, item: item, topPulls: topPulls, revisionThreshold: options.revisionThreshold)
    }

    /// The stacked index `(j, p, t)` of the item `id`.
    func index(of id: String) throws -> Int {
        var offset = 0
        for group in orderedGroups {
            if let i = group.ids.firstIndex(of: id) { return offset + i }
            offset += group.count
        }
        throw ExplanationError.unknownItem(id)
    }

    /// The state of `result`, checked against the shape and ids of this problem.
    func checkedState(_ result: Equilibrium, _ objective: Objective) throws -> [Double] {
        guard result.items.count == objective.count else {
            throw ExplanationError.resultMismatch(expected: objective.count, found: result.items.count)
        }
        var offset = 0
        for group in orderedGroups {
            for (i, id) in group.ids.enumerated() where result.items[offset + i].id != id {
                throw ExplanationError.foreignResult(index: offset + i, resultID: result.items[offset + i].id, problemID: id)
            }
            offset += group.count
        }
        return result.state
    }

    /// Where item `i` sits at `x`: locked by the problem, fixed by the mode, at a bound or inside.
    func standing(of i: Int, at x: [Double], _ objective: Objective) -> ItemStanding {
        if objective.isLocked(i) {
            let (group, local) = locate(i)
            return group.lower[local] == group.upper[local] ? .locked : .fixedByMode
        }
        if x[i] <= objective.lower[i] { return .atLower }
        if x[i] >= objective.upper[i] { return .atUpper }
        return .interior
    }

    /// The group holding stacked index `i`, and the index inside it.
    func locate(_ i: Int) -> (ItemGroup, Int) {
        let (m, n, _) = shape
        if i < m { return (judgments, i) }
        if i < m + n { return (principles, i - m) }
        return (theories, i - m - n)
    }
}

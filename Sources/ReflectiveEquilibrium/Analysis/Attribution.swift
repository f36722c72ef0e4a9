/// Justification attribution (docs/results.md, issue "attribute justification"): which items most
/// support or undermine the equilibrium value of one item, through the sensitivity of the
/// equilibrium to the initial values.
///
/// **Sensitivity.** At an equilibrium x* with free set F (items strictly inside their bounds,
/// not locked) and every other item held where it is, stationarity reads
/// `(H x − Λ x0 + μ̃)_F = 0`, so x* is affine in x0 while no item changes standing, with
///
///     ∂x*_F / ∂x0_i = H_FF⁻¹ e_i λ_i   (i ∈ F),      ∂x*_F / ∂x0_i = H_FF⁻¹ W_{F,i}   (i fixed by the mode),
///
/// and 0 for items at a bound or locked by the problem (a mode-fixed item sits at its initial
/// value, so its own sensitivity is 1). One adjoint solve `z = H_FF⁻¹ e_ID` gives a whole row:
/// `∂x*_ID/∂x0_i = λ_i z_i` on F and `(W z)_i` on mode-fixed items. Solves with `H_FF` go
/// through the Schur complement of the free judgments and one Cholesky factorization, exactly
/// as in the active-set solver (`FreeSetSystem`); no inverse is formed.
///
/// **Support** (what "dropped" means here). Dropping item i removes it and its relations,
/// which for the others is the same as fixing `x_i = 0`. The support of ID by i is
///
///     support_i = x*_ID − x*_ID(without i)
///
/// with every other item's standing held (the same free set): positive when i holds ID up,
/// negative when it holds it down. It is exact for the quadratic program as long as dropping i
/// changes no other item's standing, and it comes from the same factorization:
/// `support_i = x_i (W z)_i` for an item outside F and `x_i z_i / (H_FF⁻¹)_ii` for a free one (the
/// inverse of `H_FF` without row and column i, by the bordering identity). For the largest
/// entries the problem can also be re-solved without i (`exactSupport`, `without`: a
/// `Counterfactual`), which lets standings change and says which items' classes change with it.
///
/// **At a bound** (an adopted or rejected principle, an accepted or rejected theory, a
/// judgment at ±1) every sensitivity and every support with the standings held is 0: small
/// changes leave the item where it is. What holds it there are the pulls `W_ID,i x_i` that
/// point into the bound (up at the upper bound, down at the lower one). The entries are then
/// those **supporters**, ranked by `|pull|`; the top `exact` are re-solved without, one at a
/// time (`exactSupport`, `without`), and, when there are several, all together
/// (`jointWithout`: redundant supporters hold the item only jointly). **One step back along
/// the chain** (`chain`): for a re-solved supporter s whose class differs from its class at the
/// start, the item k whose own revision pushed s hardest the way s moved — the largest
/// `W_sk (x*_k − x0_k)` of that sign, k ≠ ID, s (e.g. the theory whose rejection let a judgment
/// reverse) — and the problem re-solved with k held at its initial value (undoing its revision).
public struct Attribution: Sendable {
    /// The item whose value is attributed.
    public var id: String
    public var group: Group
    public var initial: Double
    public var value: Double
    /// Where it sits; only an `interior` item has non-zero sensitivities to other items.
    public var standing: ItemStanding
    public var mode: Mode
    public var solver: SolverKind
    /// The uniqueness certificate of the result (`true`: the sensitivities are those of the
    /// unique equilibrium; otherwise of the equilibrium found, a local statement).
    public var certifiedUnique: Bool?
    /// The size of the free set F.
    public var freeItems: Int
    /// How many other items have a non-zero sensitivity or support.
    public var influencers: Int
    /// The items with the largest `|support|`, largest first; at a bound, the supporters with
    /// the largest `|pull|`.
    public var entries: [AttributionEntry]
    /// At a bound, with two or more supporters re-solved: the problem re-solved without all of
    /// them together; `nil` otherwise.
    public var jointWithout: Counterfactual? = nil
    /// At a bound: how many items pull the other way (out of the bound); 0 otherwise.
    public var opposing: Int = 0
    /// Caveats in words (degenerate standings, non-convexity, re-solves that did not converge).
    public var notes: [String]

    /// The attributed item's class (docs/results.md).
    public var itemClass: ItemClass { ItemClass(group: group, initial: initial, value: value) }
}

/// One item's bearing on the attributed item (see `Attribution`).
public struct AttributionEntry: Sendable, Equatable {
    public var id: String
    public var group: Group
    public var initial: Double
    public var value: Double
    public var standing: ItemStanding
    /// `∂x*_ID / ∂x0_i`.
    public var sensitivity: Double
    /// `x*_ID − x*_ID(without i)` with the other items' standings held.
    public var support: Double
    /// The same difference with the problem re-solved without i; `nil` when not re-solved (or
    /// when the re-solve did not converge, which a note says).
    public var exactSupport: Double?
    /// `W_ID,i x_i`: item i's coherence pull on the attributed item at the equilibrium.
    public var pull: Double = 0
    /// The re-solve without i (the attributed item's value, class and standing there, and the
    /// other items whose class changes); `nil` when not re-solved or not converged.
    public var without: Counterfactual? = nil
    /// At a bound: one step back along the chain from this supporter (see `Attribution`).
    public var chain: ChainStep? = nil

    /// The class of item i at the equilibrium.
    public var itemClass: ItemClass { ItemClass(group: group, initial: initial, value: value) }
}

/// One step back along a chain of support (see `Attribution`): the item k whose revision most
/// drove a supporter's own revision, and what happens with k held at its initial value.
public struct ChainStep: Sendable, Equatable {
    /// The driver k.
    public var id: String
    public var group: Group
    public var initial: Double
    public var value: Double
    /// `W_sk (x*_k − x0_k)`: how much k's revision changed its pull on the supporter s.
    public var pullChange: Double
    /// The problem re-solved with k held at its initial value; `nil` when it did not converge.
    public var held: Counterfactual?
    /// The supporter's value and class in that re-solve (`nil` with `held`).
    public var supporterValue: Double?
    public var supporterClass: ItemClass?

    /// The class of k at the equilibrium.
    public var itemClass: ItemClass { ItemClass(group: group, initial: initial, value: value) }
}

extension Problem {
    /// `∂x*_id / ∂x0`: the sensitivity of item `id`'s equilibrium value to every item's initial
    /// value (length N, stacked order j, p, t), from one adjoint solve with `H_FF` (see
    /// `Attribution`). All zeros when `id` sits at a bound or is locked; `e_id` when the mode
    /// fixes it at its initial value.
    ///
    /// - Throws: `ExplanationError` when `result` is not a converged solve of this problem, when
    ///   the item is unknown, or when `H_FF` is not positive definite.
    public func sensitivity(of id: String, at result: Equilibrium) throws -> [Double] {
        let context = try SensitivityContext(problem: self, result: result)
        return try context.row(try index(of: id)).row
    }

    /// The Jacobian–vector product `(∂x*/∂x0) v`: the first-order change of the whole
    /// equilibrium when the initial values move by `v` (length N), with every item's standing
    /// held: `dx_L = v_L` on mode-fixed items, `dx_F = H_FF⁻¹ (Λ v + W dx_L)_F`, 0 elsewhere.
    /// One solve with `H_FF`.
    public func sensitivity(at result: Equilibrium, direction v: [Double]) throws -> [Double] {
        let context = try SensitivityContext(problem: self, result: result)
        let o = context.objective
        guard v.count == o.count else { throw ProblemError.lengthMismatch(field: "direction", expected: o.count, found: v.count) }
        if let i = v.firstIndex(where: { !$0.isFinite }) { throw ProblemError.nonFinite(item: "direction[\(i)]", field: "value") }
        var fixed = [Double](repeating: 0, count: o.count)
        for i in 0..<o.count { fixed[i] = context.fixedSlope[i] * v[i] }
        let wFixed = o.coherenceGradient(fixed)
        var r = [Double](repeating: 0, count: o.count)
        for i in 0..<o.count where context.system.free[i] { r[i] = o.lambda[i] * v[i] + wFixed[i] }
        var dx = try context.system.solve(r)
        for i in 0..<o.count where context.fixedSlope[i] != 0 { dx[i] = fixed[i] }
        return dx
    }

    /// Which items most support or undermine item `id`'s equilibrium value (see `Attribution`);
    /// for an item at a bound, which items hold it there.
    ///
    /// - Parameters:
    ///   - limit: how many entries to list (largest `|support|` first, at a bound largest
    ///     `|pull|` first; `nil`: every item with a non-zero sensitivity, support or pull).
    ///   - exact: for how many of the listed entries to re-solve the problem without the item
    ///     (`Counterfactual`: active-set solver, warm-started at the equilibrium, tolerance
    ///     `min(result's, 1e-10)`); at a bound also without them together and, for each,
    ///     one step back along the chain.
    /// - Throws: `ExplanationError` (unknown item, a non-converged or foreign result; inside the
    ///   bounds, `H_FF` not positive definite or a free item without anchoring — at a bound no
    ///   factorization is needed).
    public func attribution(of id: String, at result: Equilibrium, limit: Int? = 10, exact: Int = 3) throws -> Attribution {
        let target = try index(of: id)
        let standings = try EquilibriumStandings(problem: self, result: result)
        if standings.standings[target] == .atLower || standings.standings[target] == .atUpper {
            return try boundAttribution(of: target, at: result, standings, limit: limit, exact: exact)
        }
        let context = try SensitivityContext(problem: self, result: result, base: standings)
        let o = context.objective, x = context.x
        var attribution = Attribution(
            id: id, group: o.group(of: target), initial: o.x0[target], value: x[target], standing: context.standings[target],
            mode: result.mode, solver: result.solver, certifiedUnique: result.certificate.unique,
            freeItems: context.system.freeJ.count + context.system.freeY.count, influencers: 0, entries: [], notes: context.notes)
        typealias F = ExplanationFormat
        switch attribution.standing {
        case .interior, .atLower, .atUpper: break
        case .locked:
            attribution.notes.insert("\(id) is locked (lower = upper): its value depends on no initial value", at: 0)
            return attribution
        case .fixedByMode:
            attribution.notes.insert("the mode \(result.mode.rawValue) fixes \(id) at its initial value: ∂x*/∂x0 is \(F.num(context.fixedSlope[target], 0)) for its own initial value and 0 for every other", at: 0)
            return attribution
        }
        let (row, z, wz) = try context.row(target)
        // Support: exact for items outside F; for free items a bound first (|support| ≤ |x_i| λ_i |z_i|,
        // since (H_FF⁻¹)_ii ≥ 1/λ_i), then (H_FF⁻¹)_ii only for as many as the top `limit` need.
        var computed: [(index: Int, support: Double)] = []
        var freeCandidates: [(index: Int, bound: Double)] = []
        for i in 0..<o.count where i != target {
            if context.system.free[i] {
                if x[i] * z[i] != 0 { freeCandidates.append((i, abs(x[i] * o.lambda[i] * z[i]))) }
            } else if x[i] * wz[i] != 0 {
                computed.append((i, x[i] * wz[i]))
            }
        }
        attribution.influencers = computed.count + freeCandidates.count
        freeCandidates.sort { $0.bound > $1.bound }
        let wanted = limit.map { max($0, 0) } ?? Int.max
        var top = computed.map { abs($0.support) }.sorted(by: >).prefix(wanted).map { $0 }
        for candidate in freeCandidates {
            if top.count >= wanted, let last = top.last, candidate.bound <= last { break }
            let i = candidate.index
            let support = x[i] * z[i] / (try context.system.inverseDiagonal(i))
            computed.append((i, support))
            let position = top.firstIndex { $0 < abs(support) } ?? top.count
            top.insert(abs(support), at: position)
            if top.count > wanted { top.removeLast() }
        }
        computed.sort { abs($0.support) > abs($1.support) }
        let ids = result.items.map(\.id)
        let pulls = Dictionary(o.pulls(on: target, at: x).map { ($0.index, $0.contribution) }, uniquingKeysWith: +)
        attribution.entries = computed.prefix(wanted).map {
            AttributionEntry(id: ids[$0.index], group: o.group(of: $0.index), initial: o.x0[$0.index], value: x[$0.index],
                             standing: context.standings[$0.index], sensitivity: row[$0.index], support: $0.support, exactSupport: nil,
                             pull: pulls[$0.index] ?? 0)
        }
        try resolveWithout(&attribution, target: target, at: result, x: x, exact: exact)
        return attribution
    }

    /// Re-solves the problem without each of the first `exact` entries (`Counterfactual`) and
    /// records the exact support `x*_ID − x*_ID(without i)`; a re-solve that does not converge
    /// leaves the entry without one and adds a note.
    func resolveWithout(_ attribution: inout Attribution, target: Int, at result: Equilibrium, x: [Double], exact: Int) throws {
        for slot in 0..<min(max(exact, 0), attribution.entries.count) {
            let i = try index(of: attribution.entries[slot].id)
            if let without = try counterfactual(of: target, at: result, x: x, dropping: [i])?.outcome {
                attribution.entries[slot].exactSupport = x[target] - without.value
                attribution.entries[slot].without = without
            } else {
                attribution.notes.append("the re-solve without \(attribution.entries[slot].id) did not converge: no exact support for it")
            }
        }
    }
}

/// Where every item sits at one equilibrium: the objective, the state, the gradient, each
/// item's standing and the items at a bound with a (near-)zero multiplier. What the
/// sensitivities and the support at a bound both start from (no factorization).
struct EquilibriumStandings {
    let objective: Objective
    let x: [Double]
    let gradient: [Double]
    let standings: [ItemStanding]
    /// Items at a bound whose multiplier `|∇f(x)_i|` is (near) zero: weakly active.
    let weak: [Int]
    let tolerance: Double

    /// - Throws: `ExplanationError.notAnEquilibrium` for a non-converged result, `.resultMismatch`
    ///   or `.foreignResult` for a result of another problem.
    init(problem: Problem, result: Equilibrium) throws {
        guard result.isEquilibrium else { throw ExplanationError.notAnEquilibrium(result.status) }
        let o = Objective(problem, mode: result.mode)
        let x = try problem.checkedState(result, o)
        let gradient = o.evaluate(x).gradient
        let standings = (0..<o.count).map { problem.standing(of: $0, at: x, o) }
        let tolerance = result.tolerance
        objective = o
        self.x = x
        self.gradient = gradient
        self.standings = standings
        self.tolerance = tolerance
        weak = (0..<o.count).filter { i in
            (standings[i] == .atLower || standings[i] == .atUpper) && abs(gradient[i]) <= Self.weakTolerance(tolerance, o.lambda[i])
        }
    }

    /// A multiplier this small counts as zero (the item is weakly active).
    static func weakTolerance(_ tolerance: Double, _ lambda: Double) -> Double { max(10 * tolerance, 1e-9) * max(1, lambda) }
    func weakTolerance(_ i: Int) -> Double { Self.weakTolerance(tolerance, objective.lambda[i]) }
}

/// What every sensitivity computation needs at one equilibrium: the objective, the state, the
/// standing of each item, the factored `H_FF`, and the slope `∂x_i/∂x0_i` of mode-fixed items.
struct SensitivityContext {
    let base: EquilibriumStandings
    let system: FreeSetSystem
    /// 1 for an item the mode fixes at an initial value strictly inside the problem's own
    /// bounds (it follows its initial value), 0 otherwise.
    let fixedSlope: [Double]
    /// Caveats: non-convexity, weakly active items.
    let notes: [String]

    var objective: Objective { base.objective }
    var x: [Double] { base.x }
    var gradient: [Double] { base.gradient }
    var standings: [ItemStanding] { base.standings }

    /// - Parameter base: the standings at `result`, when already computed.
    init(problem: Problem, result: Equilibrium, base: EquilibriumStandings? = nil) throws {
        self.base = try base ?? EquilibriumStandings(problem: problem, result: result)
        let base = self.base
        let o = base.objective, standings = base.standings
        fixedSlope = (0..<o.count).map { i in
            guard standings[i] == .fixedByMode else { return 0 }
            let (group, local) = problem.locate(i)
            return group.lower[local] < o.x0[i] && o.x0[i] < group.upper[local] ? 1 : 0
        }
        system = try FreeSetSystem(objective: o, free: standings.map(\.isFree), ids: result.items.map(\.id))
        var notes: [String] = []
        if result.certificate.unique != true {
            notes.append("the problem is not certified convex: these are the sensitivities of this equilibrium (a local statement); another equilibrium may respond differently")
        }
        if !base.weak.isEmpty {
            notes.append("\(base.weak.count) item(s) sit at a bound with a (near-)zero multiplier (\(ExplanationFormat.list(base.weak.map { result.items[$0].id }, limit: 4))): the equilibrium is not differentiable there; the sensitivities hold them at their bounds (one-sided)")
        }
        self.notes = notes
    }

    /// Row `target` of `∂x*/∂x0`, with the adjoint `z = H_FF⁻¹ e_target` and `W z` (zeros when
    /// the target is not free).
    func row(_ target: Int) throws -> (row: [Double], z: [Double], wz: [Double]) {
        let o = objective
        var row = [Double](repeating: 0, count: o.count)
        guard system.free[target] else {
            row[target] = fixedSlope[target]
            return (row, row.map { _ in 0 }, row.map { _ in 0 })
        }
        var e = [Double](repeating: 0, count: o.count)
        e[target] = 1
        let z = try system.solve(e)
        let wz = o.coherenceGradient(z)
        for i in 0..<o.count {
            if system.free[i] { row[i] = o.lambda[i] * z[i] } else if fixedSlope[i] != 0 { row[i] = wz[i] }
        }
        return (row, z, wz)
    }
}

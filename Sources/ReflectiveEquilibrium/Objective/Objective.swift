/// The box-constrained quadratic program of a problem under a mode (docs/model.md, docs/modes.md):
///
///     minimize f(x) = ½ xᵀ H x − cᵀ x,   H = Λ − W,   c = Λ x0 − μ̃,   l ≤ x ≤ u,
///
/// with the mode applied: locked groups get `l = u = clip(x0)`, and `narrow` drops the
/// theory blocks (`α_PT = α_JT = 0`). This is the one implementation of the objective, its
/// gradient, its split and the KKT residual that every solver uses. W is never formed: products
/// go through the blocks (`Objective+Products.swift`).
struct Objective: Sendable {
    let m: Int, n: Int, k: Int
    /// Initial values, anchoring weights, effective bounds and parsimony (`μ̃`), all of length N.
    let x0: [Double], lambda: [Double], lower: [Double], upper: [Double], mu: [Double]
    /// The blocks (weights are applied in products, never stored).
    let a: Matrix, b: Matrix?, c: Matrix?, s: Matrix?
    /// Effective block weights (0 for an absent block or a block the mode drops).
    let alphaJP: Double, alphaPT: Double, alphaJT: Double, alphaPP: Double
    let mode: Mode
    /// `Σ_k |W_ik|` under this mode's block weights: the size of each item's couplings.
    let couplingSize: [Double]
    /// The diagonal `D` of the scaled residual (docs/model.md): `D_i = max(λ_i, δ Σ_k |W_ik|)`
    /// with `δ = scaleFloor`, so an unanchored item is measured against the size of its
    /// couplings; an item with neither gets the problem's largest scale. `D` is homogeneous of
    /// degree one in `(λ, μ, α)`, so `r̂` is in the units of x and does not change when they are
    /// all multiplied by one positive number.
    let scale: [Double]
    /// The statistics of the problem's blocks (one read of A, kept with the problem).
    let statistics: ProblemStatistics

    /// `δ` of `scale`: the share of an item's coupling size below which its anchoring does not
    /// set its scale. The gradient's rounding error is about `u Σ_k |W_ik x_k|`, so with this
    /// floor it stays near `10⁻¹²` in units of x, whatever the anchoring.
    static let scaleFloor = 1e-4

    var count: Int { m + n + k }
    /// Size of the principle–theory part `y = (p, t)`.
    var reducedCount: Int { n + k }

    init(_ problem: Problem, mode: Mode? = nil) {
        let mode = mode ?? problem.mode
        self.mode = mode
        (m, n, k) = problem.shape
        var x0: [Double] = [], lambda: [Double] = [], lower: [Double] = [], upper: [Double] = [], mu: [Double] = []
        for g in problem.orderedGroups {
            x0 += g.initial
            lambda += g.confidence
            mu += g.group == .principle ? g.parsimony : [Double](repeating: 0, count: g.count)
            if mode.revises(g.group) {
                lower += g.lower
                upper += g.upper
            } else {
                let locked = (0..<g.count).map { min(max(g.initial[$0], g.lower[$0]), g.upper[$0]) }
                lower += locked
                upper += locked
            }
        }
        self.x0 = x0; self.lambda = lambda; self.lower = lower; self.upper = upper; self.mu = mu
        let cp = problem.compatibility, w = problem.blockWeights
        a = cp.judgmentPrinciple
        b = cp.principleTheory
        c = cp.judgmentTheory
        s = cp.principlePrinciple
        let theoriesCount = mode == .narrow ? 0.0 : 1.0
        alphaJP = w.judgmentPrinciple
        alphaPT = b == nil ? 0 : w.principleTheory * theoriesCount
        alphaJT = c == nil ? 0 : w.judgmentTheory * theoriesCount
        alphaPP = s == nil ? 0 : w.principlePrinciple
        let stats = problem.statistics
        statistics = stats
        var rho = [Double](repeating: 0, count: m + n + k)
        for i in 0..<m { rho[i] = alphaJP * stats.judgmentRowA[i] + alphaJT * stats.judgmentRowC[i] }
        for a in 0..<n { rho[m + a] = alphaJP * stats.principleColumnA[a] + alphaPT * stats.principleRowB[a] + alphaPP * stats.principleRowS[a] }
        for c in 0..<k { rho[m + n + c] = alphaJT * stats.theoryColumnC[c] + alphaPT * stats.theoryColumnB[c] }
        couplingSize = rho
        scale = Self.residualScale(lambda: lambda, coupling: rho)
    }

    /// `D_i = max(λ_i, δ ρ_i)`, and for items where both vanish the largest `D_i` (1 when every
    /// item has neither anchoring nor couplings).
    static func residualScale(lambda: [Double], coupling: [Double]) -> [Double] {
        var d = zip(lambda, coupling).map { max($0, scaleFloor * $1) }
        let fallback = d.max().map { $0 > 0 ? $0 : 1 } ?? 1
        for i in 0..<d.count where !(d[i] > 0) { d[i] = fallback }
        return d
    }

    /// The group of item `i` in the stacked order `(j, p, t)`.
    func group(of i: Int) -> Group { i < m ? .judgment : (i < m + n ? .principle : .theory) }

    /// Whether item `i` is locked (`l_i == u_i`).
    func isLocked(_ i: Int) -> Bool { lower[i] == upper[i] }

    /// `c = Λ x0 − μ̃`, entry `i`.
    @inline(__always) func linearTerm(_ i: Int) -> Double { lambda[i] * x0[i] - mu[i] }

    /// Projection of `x` onto the box.
    func project(_ x: [Double]) -> [Double] {
        var out = x
        for i in 0..<out.count { out[i] = min(max(out[i], lower[i]), upper[i]) }
        return out
    }

    /// The starting point: a warm start if given (projected), else the projected initial values.
    func startingPoint(_ warmStart: [Double]?) -> [Double] { project(warmStart ?? x0) }
}

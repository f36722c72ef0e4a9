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

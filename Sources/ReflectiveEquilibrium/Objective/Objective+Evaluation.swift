/// The objective at a point, given `W x`: value, split, gradient and KKT residual.
struct Evaluation: Sendable {
    /// `W x`.
    var wx: [Double]
    /// `∇f(x) = Λ(x − x0) + μ̃ − W x`.
    var gradient: [Double]
    /// The split; `split.total = −f(x) − ½ Σ λ x0²`.
    var split: ObjectiveSplit
    /// `‖x − Π(x − ∇f(x))‖_∞`.
    var kktResidual: Double
}

extension Objective {
    /// Evaluates everything at `x` with one product through the blocks.
    func evaluate(_ x: [Double]) -> Evaluation { evaluate(x, wx: coherenceGradient(x)) }

    /// Evaluates at `x` given a `W x` that the caller already holds.
    func evaluate(_ x: [Double], wx: [Double]) -> Evaluation {
        let g = gradient(x, wx: wx)
        return Evaluation(wx: wx, gradient: g, split: split(x, wx: wx), kktResidual: kktResidual(x, gradient: g))
    }

    /// `∇f(x) = Λ(x − x0) + μ̃ − W x`.
    func gradient(_ x: [Double], wx: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: count)
        for i in 0..<count { g[i] = lambda[i] * (x[i] - x0[i]) + mu[i] - wx[i] }
        return g
    }

    /// `f(x) = ½ xᵀHx − cᵀx = ½ Σ λᵢ xᵢ² − ½ xᵀWx − cᵀx`, the minimized form (line searches use it).
    func value(_ x: [Double], wx: [Double]) -> Double {
        var f = 0.0
        for i in 0..<count { f += x[i] * (0.5 * lambda[i] * x[i] - 0.5 * wx[i] - linearTerm(i)) }
        return f
    }

    /// Coherence `½ xᵀWx`, revision cost `½ Σ λ (x − x0)²` and parsimony cost `μ̃ᵀx`.
    func split(_ x: [Double], wx: [Double]) -> ObjectiveSplit {
        var coh = 0.0, rev = 0.0, par = 0.0
        for i in 0..<count {
            coh += x[i] * wx[i]
            let d = x[i] - x0[i]
            rev += lambda[i] * d * d
            par += mu[i] * x[i]
        }
        return ObjectiveSplit(coherence: 0.5 * coh, revisionCost: 0.5 * rev, parsimonyCost: par)
    }

    /// `‖x − Π_[l,u](x − g)‖_∞`: zero exactly at a stationary point. NaN propagates (never hidden).
    func kktResidual(_ x: [Double], gradient g: [Double]) -> Double {
        var r = 0.0
        for i in 0..<count {
            let v = abs(x[i] - min(max(x[i] - g[i], lower[i]), upper[i]))
            if !(v <= r) { r = v }  // also takes NaN
        }
        return r
    }

    /// The KKT residual restricted to indices `range` (e.g. one group).
    func kktResidual(_ x: [Double], gradient g: [Double], range: Range<Int>) -> Double {
        var r = 0.0
        for i in range {
            let v = abs(x[i] - min(max(x[i] - g[i], lower[i]), upper[i]))
            if !(v <= r) { r = v }
        }
        return r
    }
}

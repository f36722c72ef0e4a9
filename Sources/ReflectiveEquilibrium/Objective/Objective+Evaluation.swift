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
    /// `r̂ = ‖x − Π(x − D⁻¹∇f(x))‖_∞`, on which convergence is decided.
    var scaledResidual: Double
}

extension Objective {
    /// Evaluates everything at `x` with one product through the blocks.
    func evaluate(_ x: [Double]) -> Evaluation { evaluate(x, wx: coherenceGradient(x)) }

    /// Evaluates at `x` given a `W x` that the caller already holds.
    func evaluate(_ x: [Double], wx: [Double]) -> Evaluation {
        let g = gradient(x, wx: wx)
        let r = residuals(x, gradient: g)
        return Evaluation(wx: wx, gradient: g, split: split(x, wx: wx), kktResidual: r.kkt, scaledResidual: r.scaled)
    }

    /// `∇f(x) = Λ(x − x0) + μ̃ − W x`.
    func gradient(_ x: [Double], wx: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: count)
        for i in 0..<count { g[i] = lambda[i] * (x[i] - x0[i]) + mu[i] - wx[i] }
        return g
    }

    /// `f(x) = ½ xᵀHx − cᵀx = ½ Σ λᵢ xᵢ² − ½ xᵀWx − cᵀx`, the minimized form (line searches use it).
    func value(_ x: [Double], wx: [Double]) -> Double { valueAndMagnitude(x, wx: wx).value }

    /// `f(x)` and the sum of the magnitudes of its terms, `Σ |xᵢ| (½ λᵢ |xᵢ| + ½ |(Wx)ᵢ| + |cᵢ|)`:
    /// `f` is known to about `u ·` magnitude, the scale below which line searches cannot tell
    /// two values apart (homogeneous in λ, μ, α like `f` itself).
    func valueAndMagnitude(_ x: [Double], wx: [Double]) -> (value: Double, magnitude: Double) {
        var f = 0.0, size = 0.0
        for i in 0..<count {
            let c = linearTerm(i)
            f += x[i] * (0.5 * lambda[i] * x[i] - 0.5 * wx[i] - c)
            size += abs(x[i]) * (0.5 * lambda[i] * abs(x[i]) + 0.5 * abs(wx[i]) + abs(c))
        }
        return (f, size)
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

    /// `r̂ = ‖x − Π_[l,u](x − D⁻¹ g)‖_∞` with `D = scale`: the KKT residual in the units of x,
    /// the same whatever the units of λ, μ and α (docs/model.md). NaN propagates.
    func scaledResidual(_ x: [Double], gradient g: [Double]) -> Double {
        scaledResidual(x, gradient: g, range: 0..<count)
    }

    /// `r̂` restricted to indices `range`.
    func scaledResidual(_ x: [Double], gradient g: [Double], range: Range<Int>) -> Double {
        var r = 0.0
        for i in range {
            let v = abs(x[i] - min(max(x[i] - g[i] / scale[i], lower[i]), upper[i]))
            if !(v <= r) { r = v }
        }
        return r
    }

    /// Both residuals in one sweep.
    func residuals(_ x: [Double], gradient g: [Double]) -> (kkt: Double, scaled: Double) {
        var r = 0.0, rs = 0.0
        for i in 0..<count {
            let v = abs(x[i] - min(max(x[i] - g[i], lower[i]), upper[i]))
            if !(v <= r) { r = v }
            let w = abs(x[i] - min(max(x[i] - g[i] / scale[i], lower[i]), upper[i]))
            if !(w <= rs) { rs = w }
        }
        return (r, rs)
    }

    /// The level below which `r̂` cannot be pushed in floating point at `x`: the rounding error
    /// of the computed gradient, `≈ c u (λ_i(|x_i| + |x0_i|) + μ_i + ρ_i ‖x‖_∞)` with
    /// `c = 8 √(terms summed)`, in the units of x (divided by `D_i`), over the unlocked items.
    /// A solve that stops making progress with `r̂` at or below it has converged as far as
    /// double precision allows (`SolverStatus.converged`, `Equilibrium.roundingFloor`).
    func roundingFloor(_ x: [Double]) -> Double {
        let u = Double.ulpOfOne / 2
        let xmax = x.reduce(0) { max($0, abs($1)) }
        let terms = [Double(n + k), Double(m + n + k), Double(m + n)].map { 8 * ($0 + 4).squareRoot() * u }
        var floor = 0.0
        for i in 0..<count where !isLocked(i) {
            let c = terms[i < m ? 0 : (i < m + n ? 1 : 2)]
            let e = c * (lambda[i] * (abs(x[i]) + abs(x0[i])) + abs(mu[i]) + couplingSize[i] * xmax) / scale[i]
            if e > floor { floor = e }
        }
        return floor
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

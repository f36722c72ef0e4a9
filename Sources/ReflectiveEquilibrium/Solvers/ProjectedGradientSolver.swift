/// Accelerated projected gradient (FISTA, Beck & Teboulle 2009) with gradient-based adaptive
/// restart (O'Donoghue & Candès 2015) on the principles and theories `y = (p, t)`, the
/// judgments eliminated in closed form (docs/model.md):
///
///     j*(y) = clip(x0_J + Λ_J⁻¹ W_JY y, l_J, u_J)   (λ_i = 0: the bound the pull's sign picks)
///     φ(y)  = min_j f(j, y),   ∇φ(y) = ∇_y f(j*(y), y).
///
/// φ is a pointwise minimum of quadratics in y whose Hessian is `H_YY = Λ_Y − W_YY`, so
/// `φ(z) ≤ φ(y) + ∇φ(y)ᵀ(z − y) + L/2 ‖z − y‖²` for any `L ≥ λ_max(H_YY)` (Gershgorin when it is
/// tight, else LAPACK `dsyevr` on the (n + k) matrix): the step `1/L` needs no line search. One evaluation costs one fused pass
/// over the rows of A (and C) that yields `A p`, `j*` and `Aᵀ j` together.
struct ProjectedGradientSolver: SolverAlgorithm {
    var kind: SolverKind { .projectedGradient }
    var defaultMaxIterations: Int { 100_000 }

    func run(_ objective: Objective, from start: [Double], options: SolverOptions, deadline: Deadline) throws -> RawSolution {
        let o = objective, m = o.m, q = o.reducedCount
        let maxIterations = options.maxIterations ?? defaultMaxIterations
        let eliminated = ReducedObjective(objective: o, start: start)
        let freeY = (0..<q).filter { !o.isLocked(m + $0) }
        var lipschitz = 0.0
        if !freeY.isEmpty {
            lipschitz = try Self.curvatureBound(o.principleTheoryHessian().submatrix(freeY))
        }
        // A zero curvature (no coupling, no anchoring) takes the largest scale: any step is exact then.
        if !(lipschitz > 0) { lipschitz = o.scale[m...].max() ?? 1 }
        let step = 1 / lipschitz
        let lowerY = Array(o.lower[m...]), upperY = Array(o.upper[m...]), scaleY = Array(o.scale[m...])
        // r̂ ≤ max_a (L / D_a) · ‖y − Π(y − ∇φ/L)‖_∞: when the mapping is that small, check for real.
        let ratio = freeY.reduce(1.0) { max($0, lipschitz / scaleY[$1]) }

        var z = Array(start[m...])          // current iterate (feasible)
        var w = z                           // extrapolated point
        var theta = 1.0
        var lastCheck = -10
        var iterations = 0
        var measure = Double.infinity
        var bestMapping = Double.infinity, bestIteration = 0
        var progress = ProgressReporter(options: options, solver: kind, iterationLimit: maxIterations, deadline: deadline)
        while true {
            var xw = eliminated.judgmentDefault + w
            let gw = eliminated.gradient(at: w, state: &xw)
            var zNew = z
            var mapping = 0.0, restart = 0.0, scaled = 0.0, feasible = true
            for a in 0..<q {
                let v = min(max(w[a] - step * gw[a], lowerY[a]), upperY[a])
                zNew[a] = v
                mapping = max(mapping, abs(w[a] - v))
                restart += (w[a] - v) * (v - z[a])
                if w[a] < lowerY[a] || w[a] > upperY[a] { feasible = false }
                scaled = max(scaled, abs(w[a] - min(max(w[a] - gw[a] / scaleY[a], lowerY[a]), upperY[a])))
            }
            if !mapping.isFinite { return RawSolution(x: eliminated.state(at: z), status: .numericalError, iterations: iterations) }
            // At a feasible w, the judgments are exact given w, so `scaled` is its r̂.
            if feasible {
                measure = scaled
                if scaled <= options.tolerance { return RawSolution(x: xw, status: .converged, iterations: iterations) }
            }
            iterations += 1
            progress.report(iteration: iterations, measure: feasible ? scaled : ratio * mapping, kind: .scaledResidual)
            // Also when the mapping stopped falling for a while: the rounding floor may be above
            // the tolerance (then the check says so, and the run counts as converged there).
            if mapping < bestMapping { bestMapping = mapping; bestIteration = iterations }
            if (ratio * mapping <= options.tolerance || iterations - max(bestIteration, lastCheck) >= 50) && iterations - lastCheck >= 3 {
                lastCheck = iterations
                let x = eliminated.state(at: zNew)
                let e = o.evaluate(x)
                if e.scaledResidual <= options.tolerance { return RawSolution(x: x, status: .converged, iterations: iterations, evaluation: e) }
                if (mapping == 0 && zNew == z) || e.scaledResidual <= o.roundingFloor(x) {
                    return RawSolution(x: x, status: .stalled, iterations: iterations, evaluation: e)
                }
            }
            if iterations >= maxIterations { return RawSolution(x: eliminated.state(at: zNew), status: .maxIterations, iterations: iterations) }
            if deadline.expired { return RawSolution(x: eliminated.state(at: zNew), status: .timeLimit, iterations: iterations) }
            if restart > 0 {
                theta = 1
                w = zNew
            } else {
                let thetaNext = (1 + (1 + 4 * theta * theta).squareRoot()) / 2
                let beta = (theta - 1) / thetaNext
                for a in 0..<q { w[a] = zNew[a] + beta * (zNew[a] - z[a]) }
                theta = thetaNext
            }
            z = zNew
        }
        _ = measure
    }
}

extension ProjectedGradientSolver {
    /// A rigorous upper bound on `λ_max(h)`, cheap when it can be: the Gershgorin bound
    /// `max_i (h_ii + Σ_{j≠i} |h_ij|)` is taken when it lies within 5 % of a Rayleigh quotient
    /// from 30 power steps (a lower bound on `λ_max`); otherwise LAPACK `dsyevr` gives it exactly.
    static func curvatureBound(_ h: SymmetricMatrix) throws -> Double {
        let q = h.order
        var gershgorin = -Double.infinity
        for i in 0..<q {
            var row = h[i, i]
            for j in 0..<q where j != i { row += abs(h[i, j]) }
            gershgorin = max(gershgorin, row)
        }
        var v = [Double](repeating: 1 / Double(q).squareRoot(), count: q)
        var rayleigh = -Double.infinity
        for _ in 0..<30 {
            let w = h.multiply(v)
            rayleigh = zip(v, w).reduce(0) { $0 + $1.0 * $1.1 }
            let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0, norm.isFinite else { break }
            v = w.map { $0 / norm }
        }
        if rayleigh > 0 && gershgorin <= 1.05 * rayleigh { return gershgorin }
        return try h.extremeEigenvalue(largest: true) * (1 + 1e-12)
    }
}

/// The objective with the judgments eliminated: evaluations at `y = (p, t)` through the blocks.
struct ReducedObjective {
    let objective: Objective
    /// Values of locked judgments (and the fallback when a λ = 0 judgment feels no pull).
    let judgmentDefault: [Double]

    init(objective: Objective, start: [Double]) {
        self.objective = objective
        judgmentDefault = Array(start[..<objective.m])
    }

    /// `j*(y)` given the pull `W_JY y`, written into `x[0..<m]`.
    func eliminateJudgments(pull: [Double], into x: inout [Double]) {
        let o = objective
        for i in 0..<o.m {
            if o.isLocked(i) { x[i] = o.lower[i]; continue }
            let target: Double
            if o.lambda[i] > 0 { target = o.x0[i] + pull[i] / o.lambda[i] }
            else if pull[i] > 0 { target = o.upper[i] }
            else if pull[i] < 0 { target = o.lower[i] }
            else { target = judgmentDefault[i] }
            x[i] = min(max(target, o.lower[i]), o.upper[i])
        }
    }

    /// The full state `(j*(y), y)`.
    func state(at y: [Double]) -> [Double] {
        var x = judgmentDefault + y
        let pull = judgmentPullOf(x)
        eliminateJudgments(pull: pull, into: &x)
        return x
    }

    private func judgmentPullOf(_ x: [Double]) -> [Double] {
        var pull = [Double](repeating: 0, count: objective.m)
        x.withUnsafeBufferPointer { xb in pull.withUnsafeMutableBufferPointer { objective.judgmentPull(xb.baseAddress!, into: $0.baseAddress!) } }
        return pull
    }

    /// `∇φ(y) = Λ_Y (y − x0_Y) + μ − (W x*)_Y` at `x* = (j*(y), y)`: one fused pass over the
    /// rows of A (C kernel), where BLAS would need `A p` and then `Aᵀ j`.
    func gradient(at y: [Double]) -> [Double] {
        var x = judgmentDefault + y
        return gradient(at: y, state: &x)
    }

    /// `∇φ(y)`, with `x` (`judgmentDefault + y` on entry) set to the full state `(j*(y), y)`.
    func gradient(at y: [Double], state x: inout [Double]) -> [Double] {
        let o = objective, m = o.m
        var g = o.fusedJudgmentPass(&x, fallback: judgmentDefault)
        for a in 0..<o.reducedCount { g[a] = o.lambda[m + a] * (y[a] - o.x0[m + a]) + o.mu[m + a] - g[a] }
        return g
    }
}

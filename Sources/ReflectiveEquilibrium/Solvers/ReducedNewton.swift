/// Projected Newton on the reduced problem `φ(y) = min_j f(j, y)`, `y = (p, t)` (docs/model.md),
/// the path the active-set solver takes when every revisable judgment is anchored (λ > 0).
///
/// With the judgments eliminated in closed form, `φ` is C¹ with a piecewise-linear gradient,
/// and its generalized Hessian is the Schur complement of the free judgments
///
///     Σ = (Λ_Y − W_YY) − Σ_{i free} w_i w_iᵀ / λ_i      (free: l_i < j*_i(y) < u_i).
///
/// Each iteration predicts the active principles and theories from `y − ∇φ/diag(Σ)`, solves
/// `Σ_FF d_F = −∇φ_F − Σ_FA d_A` by Cholesky (the Gram sum kept by rank-k `dsyrk` corrections,
/// `JudgmentGram`), and takes an Armijo step along the projected arc. Every evaluation of `φ`,
/// its gradient and the full KKT residual is one fused pass over the rows of A and C (the
/// judgments are exact given y, so their residual vanishes). On a convex problem the step is
/// exact once the free sets settle: the whole solve is typically two passes over A, one Gram
/// accumulation over the free rows and one (n + k) Cholesky factorization. When `Σ_FF` is not
/// positive definite (a non-convex problem) or the search fails, a projected-gradient step on
/// `φ` with a backtracked curvature is taken instead, so the run descends to a KKT point.
struct ReducedNewton {
    let objective: Objective
    let reduced: ReducedObjective
    private var gram: JudgmentGram
    private var freeDiagonal: FreeDiagonal
    /// The anchored rows gathered for the gathered route (`nil` until first needed).
    private var compactRows: CompactRows?
    private(set) var costs: NewtonCostModel
    /// The routes taken, one per Newton direction (for tests and benchmarks).
    private(set) var routes: [NewtonRoute] = []
    /// Conjugate-gradient products, in all.
    private(set) var conjugateGradientProducts = 0

    init(objective: Objective, start: [Double]) {
        self.objective = objective
        reduced = ReducedObjective(objective: objective, start: start)
        gram = JudgmentGram(objective: objective)
        freeDiagonal = FreeDiagonal(objective: objective)
        costs = NewtonCostModel(objective: objective)
    }

    /// The forcing term of the inexact Newton steps: conjugate gradients stop at this share of
    /// the current scaled residual (or a tenth of the tolerance, if larger).
    static let forcing = 1e-3

    /// Whether the reduced iteration applies: every revisable judgment has λ > 0.
    static func applies(to o: Objective) -> Bool {
        (0..<o.m).allSatisfy { o.lambda[$0] > 0 || o.isLocked($0) }
    }

    /// The Gram sum the direct route holds at the end (its free judgments), for the certificate.
    var heldGram: (gram: SymmetricMatrix, rows: [Bool])? { gram.current }

    mutating func run(from start: [Double], options: SolverOptions, deadline: Deadline, maxIterations: Int) -> RawSolution {
        var point = evaluate(Array(start[objective.m...]))
        var iterations = 0
        var stepScale = objective.scale[objective.m...].max() ?? 1
        var progress = ProgressReporter(options: options, solver: .activeSet, iterationLimit: maxIterations, deadline: deadline)
        func end(_ status: SolverStatus) -> RawSolution {
            RawSolution(x: point.x, status: status, iterations: iterations, evaluation: objective.evaluate(point.x, wx: point.wx))
        }
        while true {
            progress.report(iteration: iterations, measure: point.residual, kind: .scaledResidual)
            if point.residual <= options.tolerance { return end(.converged) }
            if !point.residual.isFinite { return end(.numericalError) }
            // As far as double precision goes (the result counts it converged at the floor).
            if point.residual <= objective.roundingFloor(point.x) { return end(.stalled) }
            if iterations >= maxIterations { return end(.maxIterations) }
            if deadline.expired { return end(.timeLimit) }
            iterations += 1
            if let d = direction(at: point, tolerance: options.tolerance), let next = armijoSearch(from: point, along: d) {
                point = next
                continue
            }
            guard let next = gradientStep(from: point, scale: &stepScale) else { return end(.stalled) }
            point = next
        }
    }

    /// Evaluates at `y` with one fused pass, timing it for the cost model.
    mutating func evaluate(_ y: [Double]) -> ReducedPoint {
        let clock = ContinuousClock.now
        let point = reduced.point(at: y)
        costs.recordPass((ContinuousClock.now - clock).seconds)
        return point
    }

    /// The projected-Newton direction on y at `point`, or `nil` when `Σ_FF` is not positive
    /// definite (or the system cannot be solved): by conjugate gradients (in place or over the
    /// gathered free rows) or the direct route, whichever the cost model expects to be cheaper.
    mutating func direction(at point: ReducedPoint, tolerance: Double) -> [Double]? {
        guard objective.reducedCount > 0 else { return nil }
        let freeJ = freeJudgments(at: point)
        let freeRows = freeJ.reduce(0) { $0 + ($1 ? 1 : 0) }
        let direct = costs.directSeconds(changedRows: gram.changedRows(free: freeJ))
        var candidates: [(NewtonRoute, Double)] = [(.direct, direct), (.inPlace, costs.conjugateGradientSeconds(.inPlace, freeRows: freeRows))]
        if costs.canGather { candidates.append((.gathered, costs.conjugateGradientSeconds(.gathered, freeRows: freeRows))) }
        let route = candidates.min { $0.1 < $1.1 }!.0
        if route != .direct {
            switch iterativeDirection(at: point, freeJudgments: freeJ, freeRows: freeRows, route: route, tolerance: tolerance, directSeconds: direct) {
            case let .some(.some(d)):
                routes.append(route)
                return d
            case .some(.none):
                return nil  // negative curvature: Σ_FF is not positive definite, no Newton step
            case .none:
                break  // over budget: the direct route takes over
            }
        }
        routes.append(.direct)
        let clock = ContinuousClock.now
        let d = directDirection(at: point, freeJudgments: freeJ)
        costs.recordDirect((ContinuousClock.now - clock).seconds, modelled: direct)
        return d
    }

    /// Judgments strictly inside their bounds at `point` (not locked).
    func freeJudgments(at point: ReducedPoint) -> [Bool] {
        let o = objective
        return (0..<o.m).map { !o.isLocked($0) && point.x[$0] > o.lower[$0] && point.x[$0] < o.upper[$0] }
    }

    /// The direction through the Gram sum and a Cholesky factorization of `Σ_FF`.
    mutating func directDirection(at point: ReducedPoint, freeJudgments freeJ: [Bool]) -> [Double]? {
        gram.update(free: freeJ)
        let sigma = gram.schurComplement
        return newtonStep(at: point, curvature: { sigma[$0, $0] }, product: { sigma.multiply($0) }) { freeY, rhs in
            guard let factor = try? Cholesky(sigma.submatrix(freeY)) else { return nil }
            return try? factor.solve(rhs)
        }
    }

    /// The projected-Newton step on y: the active set predicted from `y − ∇φ/diag(Σ)` (λ where
    /// the curvature `diag(Σ)` is not positive), the predicted active items moved to their bounds
    /// (`d̄`), and the free ones F from `Σ_FF d_F = −∇φ_F − (Σ d̄)_F` by `solve(F, rhs)`.
    /// `nil` when the solve fails or the step is zero or not finite.
    func newtonStep(at point: ReducedPoint, curvature diagonal: (Int) -> Double, product: ([Double]) -> [Double],
                    solve: ([Int], [Double]) -> [Double]?) -> [Double]? {
        let o = objective, m = o.m, q = o.reducedCount
        var d = [Double](repeating: 0, count: q)
        var freeY: [Int] = []
        for a in 0..<q where !o.isLocked(m + a) {
            let y = point.x[m + a], g = point.gradient[m + a], lo = o.lower[m + a], hi = o.upper[m + a]
            let curvature = diagonal(a) > 0 ? diagonal(a) : o.lambda[m + a]
            let trial = curvature > 0 ? y - g / curvature : (g > 0 ? -Double.infinity : (g < 0 ? Double.infinity : y))
            if trial <= lo { d[a] = lo - y } else if trial >= hi { d[a] = hi - y } else { freeY.append(a) }
        }
        if !freeY.isEmpty {
            let moved = d.contains { $0 != 0 } ? product(d) : [Double](repeating: 0, count: q)
            guard let dF = solve(freeY, freeY.map { -point.gradient[m + $0] - moved[$0] }) else { return nil }
            for (slot, a) in freeY.enumerated() { d[a] = dF[slot] }
        }
        return d.allSatisfy(\.isFinite) && d.contains(where: { $0 != 0 }) ? d : nil
    }

    /// The projected-Newton direction by preconditioned conjugate gradients on the Schur
    /// operator (`SchurConjugateGradients`, Jacobi on the exact `diag(Σ)`), its products fused
    /// passes over A in place or over the gathered free rows (`SchurOperator`). It solves to
    /// `0.1 · tolerance` in the units of x, so the next scaled residual is within the tolerance
    /// when the active set is right. Returns `nil` when it would cost more than the direct route
    /// (`directSeconds`), `.some(nil)` when it meets negative curvature (no Newton step exists).
    mutating func iterativeDirection(at point: ReducedPoint, freeJudgments freeJ: [Bool], freeRows: Int, route: NewtonRoute,
                                     tolerance: Double, directSeconds: Double, forcing: Double = Self.forcing) -> [Double]?? {
        let o = objective, m = o.m, q = o.reducedCount
        let perProduct = costs.productSeconds(route, freeRows: freeRows)
        let worth = directSeconds / perProduct
        let budget = worth.isFinite ? Int(min(1000, max(8, worth))) : 1000
        let diagonal: [Double]
        let apply: ([Double]) -> [Double]
        switch route {
        case .gathered:
            if compactRows == nil {
                compactRows = CompactRows(objective: o)
                costs.recordGathered()
            }
            let schur = SchurOperator(objective: o, rows: compactRows!, free: freeJ)
            diagonal = freeDiagonal.values(free: freeJ)
            apply = { schur.apply($0) }
        default:
            diagonal = freeDiagonal.values(free: freeJ)
            let rule = JudgmentRule.linearized(free: freeJ)
            let zeros = [Double](repeating: 0, count: m)
            apply = { v in
                var x = zeros + v
                let w = o.fusedJudgmentPass(&x, fallback: zeros, rule: rule)
                return (0..<q).map { o.lambda[m + $0] * v[$0] - w[$0] }
            }
        }
        let cg = SchurConjugateGradients(diagonal: diagonal, scale: Array(o.scale[m...]))
        var products = 0
        var negative = false
        let d = newtonStep(at: point, curvature: { diagonal[$0] }, product: { products += 1; return apply($0) }) { freeY, rhs in
            // Inexact Newton (Eisenstat–Walker): far from the solution the active set still moves,
            // so solve to a share of the current residual; near it, to a tenth of the tolerance.
            let target = max(0.1 * tolerance, forcing * point.residual)
            let outcome = cg.solve(free: freeY, rhs: rhs, tolerance: target, budget: budget, apply: apply)
            products += outcome.iterations
            if case .negativeCurvature = outcome { negative = true }
            return outcome.solution
        }
        conjugateGradientProducts += products
        if d != nil { costs.recordIterations(products) }
        if negative { return .some(nil) }
        return d.map { .some($0) }
    }

    /// Armijo search along `y(α) = Π(y + α d)`, α = 1, ½, …: accepts when
    /// `φ(y(α)) ≤ φ(y) + σ ∇φᵀ(y(α) − y)`, or, at α = 1, a step that leaves φ within rounding and
    /// shrinks the KKT residual (near the solution φ changes below its rounding level).
    mutating func armijoSearch(from point: ReducedPoint, along d: [Double], sigma: Double = 1e-4, halvings: Int = 20) -> ReducedPoint? {
        let o = objective, m = o.m
        var alpha = 1.0
        for _ in 0...halvings {
            var y = Array(point.x[m...]), decrease = 0.0, moved = false
            for a in 0..<y.count where d[a] != 0 {
                let v = min(max(y[a] + alpha * d[a], o.lower[m + a]), o.upper[m + a])
                decrease += point.gradient[m + a] * (v - y[a])
                if v != y[a] { moved = true }
                y[a] = v
            }
            if !moved { return nil }
            let candidate = evaluate(y)
            if candidate.value <= point.value + sigma * decrease && decrease < 0 { return candidate }
            if alpha == 1 && candidate.value - point.value <= 1e-13 * point.magnitude && candidate.residual < point.residual {
                return candidate
            }
            alpha *= 0.5
        }
        return nil
    }

    /// A projected-gradient step on φ, `y⁺ = Π(y − ∇φ/L)`, with `L` doubled until the descent
    /// lemma holds; `nil` when no decrease is possible.
    mutating func gradientStep(from point: ReducedPoint, scale l: inout Double) -> ReducedPoint? {
        let o = objective, m = o.m
        for _ in 0..<80 {
            var y = Array(point.x[m...]), linear = 0.0, squared = 0.0
            for a in 0..<y.count {
                let v = min(max(y[a] - point.gradient[m + a] / l, o.lower[m + a]), o.upper[m + a])
                let step = v - y[a]
                linear += point.gradient[m + a] * step
                squared += step * step
                y[a] = v
            }
            if squared == 0 { return nil }
            let candidate = evaluate(y)
            if candidate.value <= point.value + linear + 0.5 * l * squared {
                if !(candidate.value < point.value) { return nil }
                l *= 0.7
                return candidate
            }
            // Near a stationary point the decrease is below φ's rounding: accept a step that
            // keeps φ within rounding and shrinks the KKT residual.
            if candidate.value - point.value <= 1e-13 * point.magnitude && candidate.residual < point.residual {
                return candidate
            }
            l *= 2
        }
        return nil
    }
}

/// A point of the reduced problem with everything one fused pass yields: the full state
/// `x = (j*(y), y)`, `W x`, the gradient `∇f(x)`, the value `f(x)` (and the size of its terms,
/// its rounding scale) and the scaled residual `r̂`.
struct ReducedPoint {
    var x: [Double]
    var wx: [Double]
    var gradient: [Double]
    var value: Double
    var magnitude: Double
    var residual: Double
}

extension ReducedObjective {
    /// Evaluates at `y` with one fused pass over the rows of A (and C).
    func point(at y: [Double]) -> ReducedPoint {
        let o = objective, m = o.m
        var x = judgmentDefault + y
        var wx = [Double](repeating: 0, count: o.count)
        let wxY = wx.withUnsafeMutableBufferPointer { o.fusedJudgmentPass(&x, fallback: judgmentDefault, pull: $0.baseAddress!) }
        for a in 0..<o.reducedCount { wx[m + a] = wxY[a] }
        let g = o.gradient(x, wx: wx)
        let f = o.valueAndMagnitude(x, wx: wx)
        return ReducedPoint(x: x, wx: wx, gradient: g, value: f.value, magnitude: f.magnitude, residual: o.scaledResidual(x, gradient: g))
    }
}

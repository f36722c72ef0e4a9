/// Projected Newton with primal-dual active-set prediction (Bertsekas 1982; Hintermüller, Ito &
/// Kunisch 2003), for `minimize ½xᵀHx − cᵀx` over the box.
///
/// When every revisable judgment is anchored (λ > 0), the judgments are eliminated in closed form
/// and the iteration runs on `y = (p, t)` (`ReducedNewton`): each evaluation is one fused pass
/// over A, and the Newton matrix is the (n + k) Schur complement
/// `Σ = (Λ_Y − W_YY) − Σ_{i free} w_i w_iᵀ/λ_i`, its Gram sum kept by sparse-row scatter or `dsyrk`
/// with rank-k corrections, factored by `dpotrf`. Otherwise (a judgment with λ = 0 jumps between
/// its bounds) the same method runs in the full space: each iteration predicts the active set from
/// the scaled step `x − D⁻¹∇f` (`D = Λ`), moves the predicted items to their bounds, and solves
/// the Newton system on the free set through the same Schur complement.
/// Both paths take an Armijo search along the projected arc, so the iteration is monotone; when the
/// free-set Hessian is not positive definite (a non-convex problem) or the search fails, a
/// projected-gradient step with backtracking is taken instead, so every run descends to a KKT
/// point. On convex problems it terminates in a few iterations at machine precision.
struct ActiveSetSolver: SolverAlgorithm {
    var kind: SolverKind { .activeSet }
    var defaultMaxIterations: Int { 500 }
    /// Whether the reduced iteration may be used (tests turn it off to check the two paths agree).
    var allowReduced = true

    func run(_ objective: Objective, from start: [Double], options: SolverOptions, deadline: Deadline) throws -> RawSolution {
        let maxIterations = options.maxIterations ?? defaultMaxIterations
        if allowReduced && ReducedNewton.applies(to: objective) {
            var reduced = ReducedNewton(objective: objective, start: start)
            var solution = reduced.run(from: start, options: options, deadline: deadline, maxIterations: maxIterations)
            solution.gram = reduced.heldGram
            return solution
        }
        var state = SearchState(objective: objective, x: start)
        var newton = NewtonSystem(objective: objective)
        var iterations = 0
        var stepScale = objective.scale.max() ?? 1
        var progress = ProgressReporter(options: options, solver: kind, iterationLimit: maxIterations, deadline: deadline)
        while true {
            progress.report(iteration: iterations, measure: state.residual, kind: .scaledResidual)
            if state.residual <= options.tolerance { return state.solution(.converged, iterations) }
            if !state.residual.isFinite { return state.solution(.numericalError, iterations) }
            if state.residual <= objective.roundingFloor(state.x) { return state.solution(.stalled, iterations) }
            if iterations >= maxIterations { return state.solution(.maxIterations, iterations) }
            if deadline.expired { return state.solution(.timeLimit, iterations) }
            iterations += 1

            if let direction = newton.direction(at: state), state.armijoSearch(along: direction) {
                continue
            }
            // Fallback: a projected-gradient step with backtracking on the curvature estimate.
            guard state.gradientStep(scale: &stepScale) else { return state.solution(.stalled, iterations) }
        }
    }
}

/// The iterate with its cached evaluation; `residual` is the scaled residual `r̂`.
struct SearchState {
    let objective: Objective
    var x: [Double]
    var wx: [Double]
    var gradient: [Double]
    var value: Double
    var magnitude: Double
    var residual: Double

    init(objective: Objective, x: [Double]) {
        self.objective = objective
        self.x = x
        wx = objective.coherenceGradient(x)
        gradient = objective.gradient(x, wx: wx)
        (value, magnitude) = objective.valueAndMagnitude(x, wx: wx)
        residual = objective.scaledResidual(x, gradient: gradient)
    }

    mutating func accept(_ candidate: [Double], wx candidateWx: [Double], value candidateValue: Double) {
        x = candidate
        wx = candidateWx
        (value, magnitude) = objective.valueAndMagnitude(x, wx: wx)
        value = candidateValue
        gradient = objective.gradient(x, wx: wx)
        residual = objective.scaledResidual(x, gradient: gradient)
    }

    func solution(_ status: SolverStatus, _ iterations: Int) -> RawSolution {
        RawSolution(x: x, status: status, iterations: iterations, evaluation: objective.evaluate(x, wx: wx))
    }

    /// Armijo search along the projected arc `x(α) = Π(x + α d)`, α = 1, ½, ¼, …:
    /// accepts when `f(x(α)) ≤ f(x) + σ ∇f(x)ᵀ(x(α) − x)`. Returns whether a step was taken.
    mutating func armijoSearch(along d: [Double], sigma: Double = 1e-4, halvings: Int = 20) -> Bool {
        var alpha = 1.0
        for _ in 0...halvings {
            var candidate = x
            var decrease = 0.0, moved = false
            for i in 0..<x.count where d[i] != 0 {
                let v = min(max(x[i] + alpha * d[i], objective.lower[i]), objective.upper[i])
                candidate[i] = v
                decrease += gradient[i] * (v - x[i])
                if v != x[i] { moved = true }
            }
            if !moved { return false }
            let cwx = objective.coherenceGradient(candidate)
            let cf = objective.value(candidate, wx: cwx)
            if cf <= value + sigma * decrease && decrease < 0 {
                accept(candidate, wx: cwx, value: cf)
                return true
            }
            // Near the solution f changes below its rounding level: accept a full step that
            // does not raise f beyond rounding and shrinks the KKT residual.
            if alpha == 1 && cf - value <= 1e-13 * magnitude {
                let r = objective.scaledResidual(candidate, gradient: objective.gradient(candidate, wx: cwx))
                if r < residual {
                    accept(candidate, wx: cwx, value: cf)
                    return true
                }
            }
            alpha *= 0.5
        }
        return false
    }

    /// A projected-gradient step `x⁺ = Π(x − ∇f/L)` with `L` doubled until the descent lemma
    /// `f(x⁺) ≤ f(x) + ∇fᵀ(x⁺ − x) + L/2 ‖x⁺ − x‖²` holds. Returns false when no step is possible.
    mutating func gradientStep(scale l: inout Double) -> Bool {
        for _ in 0..<80 {
            var candidate = x
            var linear = 0.0, squared = 0.0
            for i in 0..<x.count {
                let v = min(max(x[i] - gradient[i] / l, objective.lower[i]), objective.upper[i])
                candidate[i] = v
                let d = v - x[i]
                linear += gradient[i] * d
                squared += d * d
            }
            if squared == 0 { return false }
            let cwx = objective.coherenceGradient(candidate)
            let cf = objective.value(candidate, wx: cwx)
            if cf <= value + linear + 0.5 * l * squared {
                if !(cf < value) { return false }
                accept(candidate, wx: cwx, value: cf)
                l *= 0.7
                return true
            }
            // Near a stationary point the decrease is below f's rounding: accept a step that
            // keeps f within rounding and shrinks the KKT residual.
            if cf - value <= 1e-13 * magnitude {
                let r = objective.scaledResidual(candidate, gradient: objective.gradient(candidate, wx: cwx))
                if r < residual {
                    accept(candidate, wx: cwx, value: cf)
                    return true
                }
            }
            l *= 2
        }
        return false
    }
}

/// The projected-Newton direction in the full space `x = (j, p, t)`, used when some revisable
/// judgment has λ = 0 (its closed form is a jump, so the reduced iteration does not apply).
struct NewtonSystem {
    let objective: Objective
    private var gram: JudgmentGram

    init(objective: Objective) {
        self.objective = objective
        gram = JudgmentGram(objective: objective)
    }

    /// The projected-Newton direction at `state`, or `nil` when the free-set Hessian is not
    /// positive definite.
    mutating func direction(at state: SearchState) -> [Double]? {
        let o = objective, x = state.x, g = state.gradient
        let m = o.m, q = o.reducedCount, count = o.count
        // Predict: active items go to their bounds; free items (λ > 0) get the Newton step.
        var d = [Double](repeating: 0, count: count)
        var free = [Bool](repeating: false, count: count)
        for i in 0..<count where !o.isLocked(i) {
            if o.lambda[i] > 0 {
                let trial = x[i] - g[i] / o.lambda[i]
                if trial <= o.lower[i] { d[i] = o.lower[i] - x[i] }
                else if trial >= o.upper[i] { d[i] = o.upper[i] - x[i] }
                else { free[i] = true }
            } else if g[i] > 0 { d[i] = o.lower[i] - x[i] }
            else if g[i] < 0 { d[i] = o.upper[i] - x[i] }
        }
        // rhs_F = −g_F + (W d̄)_F, where d̄ holds the moves of the active items.
        let wd = o.coherenceGradient(d)
        var rhs = [Double](repeating: 0, count: count)
        for i in 0..<count where free[i] { rhs[i] = -g[i] + wd[i] }

        // d_F = H_FF⁻¹ rhs_F, through the Schur complement with the kept Gram sum.
        let freeJ = (0..<m).filter { free[$0] }, freeY = (0..<q).filter { free[m + $0] }
        if !freeY.isEmpty { gram.update(free: free) }
        guard let system = try? FreeSetFactorization(objective: o, freeJudgments: freeJ, freeY: freeY,
                                                     gram: freeY.isEmpty ? nil : gram.gram),
              let dF = try? system.solve(rhs) else { return nil }
        for i in freeJ { d[i] = dF[i] }
        for a in freeY { d[m + a] = dF[m + a] }
        return d.allSatisfy(\.isFinite) ? d : nil
    }
}

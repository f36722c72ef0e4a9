/// Preconditioned conjugate gradients on a principal block of the Schur complement,
///
///     Σ_FF x = b,   Σ = (Λ_Y − W_YY) − Σ_{i free} w_i w_iᵀ / λ_i,
///
/// with the Jacobi preconditioner `diag(Σ)` (its exact diagonal) and `Σ` given as an operator
/// on all `n + k` entries of y (the product through the blocks: a fused pass, or the gathered
/// free rows of `SchurOperator`). It stops when the residual is below `tolerance` in the units of
/// x, `max_{a ∈ F} |r_a| / D_a ≤ tolerance` with `D` the scaled residual's diagonal: after the
/// Newton step the gradient on F is that residual, so the next scaled residual is within it
/// when the active set is right.
struct SchurConjugateGradients {
    /// How a solve ended.
    enum Outcome {
        /// The solution on F (in the order of `free`), after `iterations` products.
        case solved([Double], iterations: Int)
        /// A direction `p` with `pᵀ Σ_FF p ≤ 0` met: Σ_FF is not positive definite (a proof,
        /// rounding aside), so no Newton step exists on this free set.
        case negativeCurvature(iterations: Int)
        /// The budget of products ran out (or a preconditioner entry is not positive) first.
        case unfinished(iterations: Int)

        var solution: [Double]? { if case let .solved(x, _) = self { return x } else { return nil } }
        var iterations: Int {
            switch self {
            case let .solved(_, i), let .negativeCurvature(i), let .unfinished(i): return i
            }
        }
    }

    /// `diag(Σ)` on all of y.
    let diagonal: [Double]
    /// `D` on y (the scaled residual's diagonal for the principles and theories).
    let scale: [Double]

    /// Solves `Σ_FF x = b` on `free` (indices into y; `b` in the same order) with at most
    /// `budget` applications of `apply` (`Σ v` on all of y, v zero outside F).
    func solve(free: [Int], rhs b: [Double], tolerance: Double, budget: Int, apply: ([Double]) -> [Double]) -> Outcome {
        let q = diagonal.count
        guard free.allSatisfy({ diagonal[$0] > 0 && diagonal[$0].isFinite }) else { return .unfinished(iterations: 0) }
        var x = [Double](repeating: 0, count: q)
        var r = x, z = x, p = x
        for (slot, a) in free.enumerated() { r[a] = b[slot]; z[a] = r[a] / diagonal[a]; p[a] = z[a] }
        var rz = free.reduce(0) { $0 + r[$1] * z[$1] }
        func done() -> Bool { free.allSatisfy { abs(r[$0]) <= tolerance * scale[$0] } }
        var products = 0
        while products < budget {
            if done() { return .solved(free.map { x[$0] }, iterations: products) }
            let sp = apply(p)
            products += 1
            var curvature = 0.0
            for a in free { curvature += p[a] * sp[a] }
            guard curvature.isFinite else { return .unfinished(iterations: products) }
            guard curvature > 0 else { return .negativeCurvature(iterations: products) }
            let alpha = rz / curvature
            var rzNext = 0.0
            for a in free {
                x[a] += alpha * p[a]
                r[a] -= alpha * sp[a]
                z[a] = r[a] / diagonal[a]
                rzNext += r[a] * z[a]
            }
            let beta = rzNext / rz
            rz = rzNext
            for a in free { p[a] = z[a] + beta * p[a] }
        }
        return done() ? .solved(free.map { x[$0] }, iterations: products) : .unfinished(iterations: products)
    }
}

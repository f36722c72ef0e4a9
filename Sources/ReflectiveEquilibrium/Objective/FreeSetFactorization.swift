/// Solves with `H_FF`, the Hessian `Λ − W` restricted to a free set F (items strictly inside
/// their bounds, not locked), by eliminating the free judgments (docs/model.md): their block is the
/// diagonal `Λ_J`, so
///
///     H_FF z = r   ⇔   Σ_F z_Y = r_Y + W_{Y,J_F} Λ_J⁻¹ r_J,   z_J = Λ_J⁻¹ (r_J + W_{J_F,Y_F} z_Y),
///
/// with `Σ_F` the Schur complement `(Λ_Y − W_YY) − Σ_{i ∈ J_F} w_i w_iᵀ / λ_i` on the free
/// principles and theories, factored once by `dpotrf`. Each solve costs one `dpotrs` and two
/// passes over A (and C); no inverse is formed. Used by the active-set solver's full-space path
/// and by the attribution analysis. Every free judgment must have λ > 0.
struct FreeSetFactorization {
    let objective: Objective
    /// The free judgments, and the free principles and theories as indices into `y = (p, t)`.
    let freeJ: [Int], freeY: [Int]
    /// The Cholesky factor of `Σ_F` (nil when no principle or theory is free).
    let factor: Cholesky?

    /// Factors `Σ_F`, with the Gram sum of the free judgments given (upper triangle) or, when
    /// `gram` is nil, accumulated here.
    ///
    /// - Throws: `LAPACKError.notPositiveDefinite` when `Σ_F` is not positive definite.
    init(objective: Objective, freeJudgments freeJ: [Int], freeY: [Int], gram: SymmetricMatrix? = nil) throws {
        self.objective = objective
        self.freeJ = freeJ
        self.freeY = freeY
        guard !freeY.isEmpty else { factor = nil; return }
        factor = try Cholesky(objective.schurComplement(freeJudgments: freeJ, freeY: freeY, gram: gram))
    }

    /// `z = H_FF⁻¹ r` on F (zero elsewhere), for a full-length `r` (entries outside F are ignored).
    func solve(_ r: [Double]) throws -> [Double] {
        let o = objective, m = o.m, q = o.reducedCount
        var z = [Double](repeating: 0, count: o.count)
        if let factor {
            var v = [Double](repeating: 0, count: o.count)
            for i in freeJ { v[i] = r[i] / o.lambda[i] }
            var wv = [Double](repeating: 0, count: q)
            v.withUnsafeBufferPointer { vb in wv.withUnsafeMutableBufferPointer { o.reducedPull(vb.baseAddress!, into: $0.baseAddress!) } }
            let zy = try factor.solve(freeY.map { r[m + $0] + wv[$0] })
            for (slot, a) in freeY.enumerated() { z[m + a] = zy[slot] }
        }
        if !freeJ.isEmpty {
            var pull = [Double](repeating: 0, count: m)
            z.withUnsafeBufferPointer { zb in pull.withUnsafeMutableBufferPointer { o.judgmentPull(zb.baseAddress!, into: $0.baseAddress!) } }
            for i in freeJ { z[i] = (r[i] + pull[i]) / o.lambda[i] }
        }
        return z
    }
}

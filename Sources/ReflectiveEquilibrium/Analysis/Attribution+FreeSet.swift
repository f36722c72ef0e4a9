/// Solves with `H_FF`, the Hessian `Λ − W` restricted to the free items F of an equilibrium
/// (strictly inside their bounds, not locked), by the same elimination the active-set solver
/// uses (DESIGN §2): the free judgments have the diagonal block `Λ_J`, so
///
///     H_FF z = r   ⇔   Σ_F z_Y = r_Y + W_{Y,J_F} Λ_J⁻¹ r_J,   z_J = Λ_J⁻¹ (r_J + W_{J_F,Y_F} z_Y),
///
/// with `Σ_F` the (n + k) Schur complement `(Λ_Y − W_YY) − Σ_{i ∈ J_F} w_i w_iᵀ / λ_i` on the
/// free principles and theories, accumulated with `dsyrk` and factored once by `dpotrf`. Each
/// solve then costs one `dpotrs` and two passes over A (and C); no inverse is formed.
struct FreeSetSystem {
    let objective: Objective
    /// `free[i]`: item i is in F.
    let free: [Bool]
    /// The free judgments, and the free principles and theories as indices into `y = (p, t)`.
    let freeJ: [Int]
    let freeY: [Int]
    /// The Cholesky factor of `Σ_F` (nil when no principle or theory is free).
    private let factor: Cholesky?

    /// Factors `H_FF` for the free set `free`.
    ///
    /// - Throws: `ExplanationError.unanchoredFreeItem` when a free item has `λ = 0`,
    ///   `.freeHessianNotPositiveDefinite` when the Cholesky factorization of `Σ_F` fails.
    init(objective: Objective, free: [Bool], ids: [String]) throws {
        self.objective = objective
        self.free = free
        let m = objective.m
        freeJ = (0..<m).filter { free[$0] }
        freeY = (0..<objective.reducedCount).filter { free[m + $0] }
        // A free item with λ = 0 has H_ii = 0 (W has a zero diagonal): H_FF is not positive definite.
        if let i = (freeJ + freeY.map { m + $0 }).first(where: { objective.lambda[$0] <= 0 }) {
            throw ExplanationError.unanchoredFreeItem(ids[i])
        }
        guard !freeY.isEmpty else { factor = nil; return }
        var gram = SymmetricMatrix(order: objective.reducedCount)
        objective.accumulateJudgmentGram(rows: freeJ, sign: 1, into: &gram)
        let sigma = objective.schurComplement(gram: gram).submatrix(freeY)
        do { factor = try Cholesky(sigma) } catch {
            throw ExplanationError.freeHessianNotPositiveDefinite(freeItems: freeJ.count + freeY.count)
        }
    }

    /// `z = H_FF⁻¹ r` on F (zero elsewhere), for a full-length `r` (entries outside F are ignored).
    func solve(_ r: [Double]) throws -> [Double] {
        let o = objective, m = o.m, q = o.reducedCount
        var z = [Double](repeating: 0, count: o.count)
        if let factor {
            // Σ_F z_Y = r_Y + W_{Y,J_F} Λ_J⁻¹ r_J
            var v = [Double](repeating: 0, count: o.count)
            for i in freeJ { v[i] = r[i] / o.lambda[i] }
            var wv = [Double](repeating: 0, count: q)
            v.withUnsafeBufferPointer { vb in wv.withUnsafeMutableBufferPointer { o.reducedPull(vb.baseAddress!, into: $0.baseAddress!) } }
            let zy = try factor.solve(freeY.map { r[m + $0] + wv[$0] })
            for (slot, a) in freeY.enumerated() { z[m + a] = zy[slot] }
        }
        // z_J = Λ_J⁻¹ (r_J + W_{J,Y_F} z_Y)
        if !freeJ.isEmpty {
            var pull = [Double](repeating: 0, count: m)
            z.withUnsafeBufferPointer { zb in pull.withUnsafeMutableBufferPointer { o.judgmentPull(zb.baseAddress!, into: $0.baseAddress!) } }
            for i in freeJ { z[i] = (r[i] + pull[i]) / o.lambda[i] }
        }
        return z
    }

    /// `(H_FF⁻¹)_ii` for a free item i, in `O((n + k)²)`: `Σ_F⁻¹` on the diagonal for a principle
    /// or theory; `1/λ_i + w_iᵀ Σ_F⁻¹ w_i / λ_i²` for a judgment, with `w_i` its row of
    /// `W_{J,Y_F}` (block inverse of `H_FF` by the Schur complement).
    func inverseDiagonal(_ i: Int) throws -> Double {
        let o = objective, m = o.m
        if i >= m {
            guard let factor, let slot = freeY.firstIndex(of: i - m) else { return .nan }
            var e = [Double](repeating: 0, count: freeY.count)
            e[slot] = 1
            return try factor.solve(e)[slot]
        }
        let lambda = o.lambda[i]
        guard let factor else { return 1 / lambda }
        let w = freeY.map { a -> Double in
            if a < o.n { return o.alphaJP * o.a[i, a] }
            guard o.alphaJT != 0, let c = o.c else { return 0 }
            return o.alphaJT * c[i, a - o.n]
        }
        let u = try factor.solve(w)
        return 1 / lambda + zip(w, u).reduce(0.0) { $0 + $1.0 * $1.1 } / (lambda * lambda)
    }
}

/// Solves with `H_FF` on the free set of an equilibrium (`FreeSetFactorization`, the
/// factorization the active-set solver uses), with the analysis's own errors: a free item
/// without anchoring, or an `H_FF` that is not positive definite, is named.
struct FreeSetSystem {
    let objective: Objective
    /// `free[i]`: item i is in F.
    let free: [Bool]
    private let factorization: FreeSetFactorization
    /// The free judgments, and the free principles and theories as indices into `y = (p, t)`.
    var freeJ: [Int] { factorization.freeJ }
    var freeY: [Int] { factorization.freeY }

    /// Factors `H_FF` for the free set `free`.
    ///
    /// - Throws: `ExplanationError.unanchoredFreeItem` when a free item has `λ = 0`,
    ///   `.freeHessianNotPositiveDefinite` when the Cholesky factorization of `Σ_F` fails.
    init(objective: Objective, free: [Bool], ids: [String]) throws {
        self.objective = objective
        self.free = free
        let m = objective.m
        let freeJ = (0..<m).filter { free[$0] }
        let freeY = (0..<objective.reducedCount).filter { free[m + $0] }
        // A free item with λ = 0 has H_ii = 0 (W has a zero diagonal): H_FF is not positive definite.
        if let i = (freeJ + freeY.map { m + $0 }).first(where: { objective.lambda[$0] <= 0 }) {
            throw ExplanationError.unanchoredFreeItem(ids[i])
        }
        do { factorization = try FreeSetFactorization(objective: objective, freeJudgments: freeJ, freeY: freeY) } catch {
            throw ExplanationError.freeHessianNotPositiveDefinite(freeItems: freeJ.count + freeY.count)
        }
    }

    /// `z = H_FF⁻¹ r` on F (zero elsewhere), for a full-length `r` (entries outside F are ignored).
    func solve(_ r: [Double]) throws -> [Double] { try factorization.solve(r) }

    /// `(H_FF⁻¹)_ii` for a free item i, in `O((n + k)²)`: `Σ_F⁻¹` on the diagonal for a principle
    /// or theory; `1/λ_i + w_iᵀ Σ_F⁻¹ w_i / λ_i²` for a judgment, with `w_i` its row of
    /// `W_{J,Y_F}` (block inverse of `H_FF` by the Schur complement).
    func inverseDiagonal(_ i: Int) throws -> Double {
        let o = objective, m = o.m
        if i >= m {
            guard let factor = factorization.factor, let slot = freeY.firstIndex(of: i - m) else { return .nan }
            var e = [Double](repeating: 0, count: freeY.count)
            e[slot] = 1
            return try factor.solve(e)[slot]
        }
        let lambda = o.lambda[i]
        guard let factor = factorization.factor else { return 1 / lambda }
        let w = freeY.map { a -> Double in
            if a < o.n { return o.alphaJP * o.a[i, a] }
            guard o.alphaJT != 0, let c = o.c else { return 0 }
            return o.alphaJT * c[i, a - o.n]
        }
        let u = try factor.solve(w)
        return 1 / lambda + zip(w, u).reduce(0.0) { $0 + $1.0 * $1.1 } / (lambda * lambda)
    }
}

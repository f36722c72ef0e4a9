/// The (n + k) × (n + k) matrices behind eliminating the judgments (DESIGN §2): with
/// `y = (p, t)` and `w_i` row i of `W_JY = [α_JP A | α_JT C]`,
///
///     Σ = (Λ_Y − W_YY) − Σ_{i free} w_i w_iᵀ / λ_i
///
/// is the Schur complement of the free judgments in H. The Gram sum is accumulated by BLAS
/// `dsyrk` over chunks of rows, so no copy of A is ever made.
extension Objective {
    /// `H_YY = Λ_Y − W_YY` (principles and theories), dense, full storage.
    func principleTheoryHessian() -> SymmetricMatrix {
        let q = reducedCount
        var h = SymmetricMatrix(order: q)
        for a in 0..<q { h[a, a] = lambda[m + a] }
        if alphaPP != 0, let s {
            for a in 0..<n { for b in 0..<n { h[a, b] -= alphaPP * s[a, b] } }
        }
        if alphaPT != 0, let b {
            for a in 0..<n {
                for c in 0..<k {
                    h[a, n + c] -= alphaPT * b[a, c]
                    h[n + c, a] -= alphaPT * b[a, c]
                }
            }
        }
        return h
    }

    /// Rows processed per `dsyrk` call.
    static let gramChunk = 256

    /// Adds `sign · Σ_{i ∈ rows} w_i w_iᵀ / λ_i` to the upper triangle (row-major) of `gram`.
    /// Every judgment in `rows` must have `λ_i > 0`. Cost `O(|rows| (n + k)²)`.
    func accumulateJudgmentGram(rows: [Int], sign: Double, into gram: inout SymmetricMatrix) {
        let q = reducedCount
        guard q > 0, !rows.isEmpty else { return }
        let chunk = Self.gramChunk
        var r = [Double](repeating: 0, count: chunk * q)
        var start = 0
        gram.storage.withUnsafeMutableBufferPointer { g in
            a.storage.withUnsafeBufferPointer { ab in
                let cStorage = (alphaJT != 0 ? c?.storage : nil) ?? []
                cStorage.withUnsafeBufferPointer { cb in
                    while start < rows.count {
                        let count = min(chunk, rows.count - start)
                        r.withUnsafeMutableBufferPointer { rb in
                            for (slot, i) in rows[start..<(start + count)].enumerated() {
                                let scale = 1 / lambda[i].squareRoot()
                                let out = rb.baseAddress! + slot * q
                                let fa = scale * alphaJP
                                for col in 0..<n { out[col] = fa * ab[i * n + col] }
                                if cb.count > 0 {
                                    let fc = scale * alphaJT
                                    for col in 0..<k { out[n + col] = fc * cb[i * k + col] }
                                } else if k > 0 {
                                    (out + n).update(repeating: 0, count: k)
                                }
                            }
                            BLAS.syrkTransposed(rows: count, columns: q, alpha: sign, rb.baseAddress!, beta: 1, g.baseAddress!)
                        }
                        start += count
                    }
                }
            }
        }
    }

    /// The Schur complement `Σ` on all of `y`, given the Gram sum (upper triangle) of the free judgments.
    func schurComplement(gram: SymmetricMatrix) -> SymmetricMatrix {
        var sigma = principleTheoryHessian()
        let q = reducedCount
        for i in 0..<q { for j in i..<q { sigma[i, j] -= gram[i, j] } }
        sigma.symmetrizeFromUpper()
        return sigma
    }
}

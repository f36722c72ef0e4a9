import CKernels

/// The (n + k) × (n + k) matrices behind eliminating the judgments (docs/model.md): with
/// `y = (p, t)` and `w_i` row i of `W_JY = [α_JP A | α_JT C]`,
///
///     Σ = (Λ_Y − W_YY) − Σ_{i free} w_i w_iᵀ / λ_i
///
/// is the Schur complement of the free judgments in H. The Gram sum is accumulated by BLAS
/// `dsyrk` over chunks of rows (dense blocks) or sparse outer products (CSR), so no copy of A is
/// ever made.
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
    /// Every judgment in `rows` must have `λ_i > 0`. Dense blocks: chunks of scaled rows (widened
    /// to float64) through `dsyrk`, cost `O(|rows| (n + k)²)`; CSR blocks: sparse outer products
    /// (`wre_csr_gram`), cost `O(Σ_i nnz(w_i)²)`. No copy of A is ever made.
    func accumulateJudgmentGram(rows: [Int], sign: Double, into gram: inout SymmetricMatrix) {
        let q = reducedCount
        guard q > 0, !rows.isEmpty else { return }
        let cUsed = alphaJT != 0 && k > 0 ? c : nil
        if case let .sparse(aRows) = a.entries {
            let cRows: SparseRows?? = switch cUsed?.entries {
            case nil: .some(nil)
            case let .sparse(s)?: .some(s)
            default: nil
            }
            if let cRows {
                let n = self.n, k = self.k, alphaJP = self.alphaJP, alphaJT = self.alphaJT
                gram.storage.withUnsafeMutableBufferPointer { g in
                    rows.withUnsafeBufferPointer { r in lambda.withUnsafeBufferPointer { l in
                        aRows.withPointers { ap, ai, ad in
                            func run(_ cp: UnsafePointer<Int>?, _ ci: UnsafePointer<Int32>?, _ cd: UnsafePointer<Double>?) {
                                wre_csr_gram(r.count, r.baseAddress, n, k, ap, ai, ad, alphaJP, cp, ci, cd, alphaJT,
                                             l.baseAddress, sign, g.baseAddress)
                            }
                            if let cRows { cRows.withPointers { run($0, $1, $2) } } else { run(nil, nil, nil) }
                        }
                    }}
                }
                return
            }
        }
        var rows = rows
        if case let .float64(aValues) = a.entries {
            rows = scatterSparseRows(rows, a: aValues, c: cUsed, sign: sign, into: &gram)
            if rows.isEmpty { return }
        }
        let chunk = Self.gramChunk
        var r = [Double](repeating: 0, count: chunk * q)
        var start = 0
        gram.storage.withUnsafeMutableBufferPointer { g in
            while start < rows.count {
                let count = min(chunk, rows.count - start)
                r.withUnsafeMutableBufferPointer { rb in
                    for (slot, i) in rows[start..<(start + count)].enumerated() {
                        let scale = 1 / lambda[i].squareRoot()
                        let out = rb.baseAddress! + slot * q
                        a.fillRow(i, scale: scale * alphaJP, into: out)
                        if let cUsed {
                            cUsed.fillRow(i, scale: scale * alphaJT, into: out + n)
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

    /// Dense rows whose `w_i` has at most this share of non-zeros are scattered (`nnz²/2`
    /// updates) instead of going to `dsyrk` (`(n + k)²` per row). Break-even measured on this
    /// machine (2000 rows, 1100 columns, 10 % dense: scatter 3× faster than `dsyrk`): ≈ 1/6.
    static let sparseRowShare = 1.0 / 6

    /// Adds the sparse rows among `rows` of dense float64 blocks by the blocked scatter kernel
    /// `wre_sparse_row_gram` and returns the rows left for `dsyrk` (denser, or C not float64).
    private func scatterSparseRows(_ rows: [Int], a aValues: ElementBuffer<Double>, c cUsed: Matrix?, sign: Double,
                                   into gram: inout SymmetricMatrix) -> [Int] {
        let q = reducedCount
        let maxNonZeros = Int(Double(q) * Self.sparseRowShare)
        var cValues: ElementBuffer<Double>? = nil
        if let cUsed {
            guard case let .float64(values) = cUsed.entries else { return rows }
            cValues = values
        }
        guard maxNonZeros >= 1 else { return rows }
        var dense = [Int64](repeating: 0, count: rows.count)
        let rows64 = rows.map { Int64($0) }
        let n = self.n, k = self.k, alphaJP = self.alphaJP, alphaJT = self.alphaJT
        let denseCount = gram.storage.withUnsafeMutableBufferPointer { g in
            aValues.withUnsafeBufferPointer { ab in
                lambda.withUnsafeBufferPointer { lb in
                    func run(_ cp: UnsafePointer<Double>?) -> Int {
                        wre_sparse_row_gram(rows64, rows64.count, n, k, ab.baseAddress, cp, alphaJP, alphaJT,
                                            lb.baseAddress, sign, maxNonZeros, g.baseAddress, &dense)
                    }
                    if let cValues { return cValues.withUnsafeBufferPointer { run($0.baseAddress) } }
                    return run(nil)
                }
            }
        }
        return dense[..<denseCount].map { Int($0) }
    }

    /// The Schur complement of the judgments `freeJ` on the principles and theories `freeY`
    /// (indices into `y`), with their Gram sum given (upper triangle) or accumulated here.
    func schurComplement(freeJudgments freeJ: [Int], freeY: [Int], gram: SymmetricMatrix? = nil) -> SymmetricMatrix {
        var sum: SymmetricMatrix
        if let gram { sum = gram } else {
            sum = SymmetricMatrix(order: reducedCount)
            accumulateJudgmentGram(rows: freeJ, sign: 1, into: &sum)
        }
        return schurComplement(gram: sum).submatrix(freeY)
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

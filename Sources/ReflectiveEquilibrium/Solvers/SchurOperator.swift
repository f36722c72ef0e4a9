/// The Schur complement of the free judgments as an operator, for conjugate gradients without
/// forming it (docs/model.md):
///
///     Σ v = Λ_Y v − W_YY v − Σ_{i free} w_i (w_iᵀ v) / λ_i,
///
/// with the free rows `w_i / √λ_i` of `W_JY = [α_JP A | α_JT C]` gathered once into a compact
/// sparse list (their non-zeros only). A product costs `2 · nnz(free rows)` plus one product with
/// B (and S), against `Σ nnz(w_i)²/2 + (n + k)³/3` for accumulating and factoring Σ.
struct SchurOperator {
    let objective: Objective
    private var rowStart: [Int] = [0]
    private var column: [Int32] = []
    private var value: [Double] = []
    /// diag(Σ).
    private(set) var diagonal: [Double]

    /// Gathers the free rows, or returns `nil` when they hold more than `maxNonZeros` entries.
    init?(objective o: Objective, free: [Bool], maxNonZeros: Int) {
        objective = o
        let q = o.reducedCount
        var diagonal = (0..<q).map { o.lambda[o.m + $0] }
        let cUsed = o.alphaJT != 0 && o.k > 0 ? o.c : nil
        let freeRows = free.reduce(0) { $0 + ($1 ? 1 : 0) }
        let stored = Double(o.statistics.nonZeros[.judgmentPrinciple] ?? 0) + Double(cUsed == nil ? 0 : o.statistics.nonZeros[.judgmentTheory] ?? 0)
        let expected = Int(stored * Double(freeRows) / Double(max(o.m, 1)) * 1.1) + 16
        var column: [Int32] = [], value: [Double] = [], rowStart = [0]
        column.reserveCapacity(min(expected, maxNonZeros))
        value.reserveCapacity(min(expected, maxNonZeros))
        rowStart.reserveCapacity(freeRows + 1)
        // Each block's row read in place (its non-zeros only for CSR), appended scaled by α/√λ.
        func gather(_ block: Matrix, row i: Int, offset: Int, scale: Double) {
            switch block.entries {
            case let .float64(values):
                values.withUnsafeBufferPointer { v in
                    let base = i * block.columns
                    for j in 0..<block.columns where v[base + j] != 0 {
                        let w = scale * v[base + j]
                        column.append(Int32(offset + j)); value.append(w); diagonal[offset + j] -= w * w
                    }
                }
            case let .float32(values):
                values.withUnsafeBufferPointer { v in
                    let base = i * block.columns
                    for j in 0..<block.columns where v[base + j] != 0 {
                        let w = scale * Double(v[base + j])
                        column.append(Int32(offset + j)); value.append(w); diagonal[offset + j] -= w * w
                    }
                }
            case let .sparse(csr):
                for r in csr.indptr[i]..<csr.indptr[i + 1] where csr.values[r] != 0 {
                    let j = offset + Int(csr.indices[r]), w = scale * csr.values[r]
                    column.append(Int32(j)); value.append(w); diagonal[j] -= w * w
                }
            }
        }
        for i in 0..<o.m where free[i] {
            let scale = 1 / o.lambda[i].squareRoot()
            gather(o.a, row: i, offset: 0, scale: scale * o.alphaJP)
            if let cUsed { gather(cUsed, row: i, offset: o.n, scale: scale * o.alphaJT) }
            if value.count > maxNonZeros { return nil }
            rowStart.append(value.count)
        }
        self.diagonal = diagonal
        self.rowStart = rowStart
        self.column = column
        self.value = value
    }

    /// Entries of the gathered rows.
    var nonZeros: Int { value.count }

    /// `Σ v` (all `n + k` entries).
    func apply(_ v: [Double]) -> [Double] {
        let o = objective, m = o.m, q = o.reducedCount
        var out = [Double](repeating: 0, count: q)
        v.withUnsafeBufferPointer { vb in out.withUnsafeMutableBufferPointer { o.principleTheoryProduct(vb.baseAddress!, into: $0.baseAddress!) } }
        for a in 0..<q { out[a] = o.lambda[m + a] * v[a] - out[a] }
        column.withUnsafeBufferPointer { col in
            value.withUnsafeBufferPointer { val in
                v.withUnsafeBufferPointer { vb in
                    out.withUnsafeMutableBufferPointer { ob in
                        for r in 0..<(rowStart.count - 1) {
                            let lo = rowStart[r], hi = rowStart[r + 1]
                            var s = 0.0
                            for e in lo..<hi { s += val[e] * vb[Int(col[e])] }
                            if s != 0 { for e in lo..<hi { ob[Int(col[e])] -= s * val[e] } }
                        }
                    }
                }
            }
        }
        return out
    }
}

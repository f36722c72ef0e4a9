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
        diagonal = (0..<q).map { o.lambda[o.m + $0] }
        var row = [Double](repeating: 0, count: q)
        let cUsed = o.alphaJT != 0 && o.k > 0 ? o.c : nil
        for i in 0..<o.m where free[i] {
            let scale = 1 / o.lambda[i].squareRoot()
            row.withUnsafeMutableBufferPointer { r in
                o.a.fillRow(i, scale: scale * o.alphaJP, into: r.baseAddress!)
                if let cUsed { cUsed.fillRow(i, scale: scale * o.alphaJT, into: r.baseAddress! + o.n) }
            }
            for j in 0..<q where row[j] != 0 {
                column.append(Int32(j))
                value.append(row[j])
                diagonal[j] -= row[j] * row[j]
            }
            if value.count > maxNonZeros { return nil }
            rowStart.append(value.count)
        }
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

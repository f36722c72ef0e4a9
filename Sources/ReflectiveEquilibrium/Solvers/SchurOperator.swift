/// The Schur complement of the free judgments as an operator, for conjugate gradients without
/// forming it (docs/model.md):
///
///     Σ v = Λ_Y v − W_YY v − Σ_{i free} w̃_i (w̃_iᵀ v),      w̃_i = w_i / √λ_i,
///
/// with the free rows taken from the solve's `CompactRows` (their non-zeros only). A product
/// costs `2 · nnz(free rows)` plus one product with B (and S), against
/// `Σ nnz(w_i)²/2 + (n + k)³/3` for accumulating and factoring Σ.
struct SchurOperator {
    let objective: Objective
    let rows: CompactRows
    /// The free judgments with a non-empty row.
    private let free: [Int]

    init(objective: Objective, rows: CompactRows, free isFree: [Bool]) {
        self.objective = objective
        self.rows = rows
        free = rows.rowStart.withUnsafeBufferPointer { start in
            (0..<objective.m).filter { isFree[$0] && start[$0 + 1] > start[$0] }
        }
    }

    /// `Σ v` (all `n + k` entries).
    func apply(_ v: [Double]) -> [Double] {
        let o = objective, m = o.m, q = o.reducedCount
        var out = [Double](repeating: 0, count: q)
        v.withUnsafeBufferPointer { vb in out.withUnsafeMutableBufferPointer { o.principleTheoryProduct(vb.baseAddress!, into: $0.baseAddress!) } }
        for a in 0..<q { out[a] = o.lambda[m + a] * v[a] - out[a] }
        rows.rowStart.withUnsafeBufferPointer { start in
            rows.column.withUnsafeBufferPointer { col in
                rows.value.withUnsafeBufferPointer { val in
                    v.withUnsafeBufferPointer { vb in
                        out.withUnsafeMutableBufferPointer { ob in
                            for i in free {
                                let lo = start[i], hi = start[i + 1]
                                var s = 0.0
                                for e in lo..<hi { s += val[e] * vb[Int(col[e])] }
                                if s != 0 { for e in lo..<hi { ob[Int(col[e])] -= s * val[e] } }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}

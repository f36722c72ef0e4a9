/// The non-zeros of every anchored judgment's row of `W_JY = [α_JP A | α_JT C]`, scaled by
/// `1/√λ_i`, in one compact sparse list (column indices and values), read once per solve:
///
///     w̃_i = w_i / √λ_i,      i with λ_i > 0 and not locked (other rows are empty).
///
/// `SchurOperator` takes its free rows from here, so each Newton iteration reads only the free
/// rows' non-zeros instead of rescanning the blocks.
struct CompactRows {
    private(set) var rowStart: [Int]
    private(set) var column: [Int32]
    private(set) var value: [Double]

    /// Gathers the rows (one read of A and the used C).
    init(objective o: Objective) {
        let cUsed = o.alphaJT != 0 && o.k > 0 ? o.c : nil
        let stored = (o.statistics.nonZeros[.judgmentPrinciple] ?? o.a.storedCount) + (cUsed == nil ? 0 : o.statistics.nonZeros[.judgmentTheory] ?? 0)
        var column: [Int32] = [], value: [Double] = [], rowStart = [0]
        column.reserveCapacity(stored)
        value.reserveCapacity(stored)
        rowStart.reserveCapacity(o.m + 1)
        // Each block's row read in place (its non-zeros only for CSR), appended scaled by α/√λ.
        func gather(_ block: Matrix, row i: Int, offset: Int, scale: Double) {
            switch block.entries {
            case let .float64(values):
                values.withUnsafeBufferPointer { v in
                    let base = i * block.columns
                    for j in 0..<block.columns where v[base + j] != 0 {
                        column.append(Int32(offset + j)); value.append(scale * v[base + j])
                    }
                }
            case let .float32(values):
                values.withUnsafeBufferPointer { v in
                    let base = i * block.columns
                    for j in 0..<block.columns where v[base + j] != 0 {
                        column.append(Int32(offset + j)); value.append(scale * Double(v[base + j]))
                    }
                }
            case let .sparse(csr):
                for r in csr.indptr[i]..<csr.indptr[i + 1] where csr.values[r] != 0 {
                    column.append(Int32(offset + Int(csr.indices[r]))); value.append(scale * csr.values[r])
                }
            }
        }
        for i in 0..<o.m {
            if o.lambda[i] > 0 && !o.isLocked(i) {
                let scale = 1 / o.lambda[i].squareRoot()
                gather(o.a, row: i, offset: 0, scale: scale * o.alphaJP)
                if let cUsed { gather(cUsed, row: i, offset: o.n, scale: scale * o.alphaJT) }
            }
            rowStart.append(value.count)
        }
        self.rowStart = rowStart
        self.column = column
        self.value = value
    }

    /// Entries held.
    var nonZeros: Int { value.count }
}

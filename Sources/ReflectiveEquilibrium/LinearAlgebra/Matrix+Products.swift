import CKernels

/// Matrix–vector products for every storage, reading the block in place and accumulating in
/// float64: BLAS `dgemv` for dense float64, the C kernels of `Float32Kernels.h` and
/// `SparseKernels.h` (rows split between the cores) for float32 and CSR.
extension Matrix {
    /// `y ← alpha · op(A) · x + beta · y`, `op(A) = A` or `Aᵀ`; `x` has `columns` entries
    /// (`rows` when transposed), `y` the other dimension. `beta == 0` ignores `y`'s old values.
    func multiply(transpose: Bool = false, alpha: Double = 1, x: UnsafePointer<Double>, beta: Double = 0, y: UnsafeMutablePointer<Double>) {
        if case .float64 = entries {
            BLAS.gemv(self, transpose: transpose, alpha: alpha, x: x, beta: beta, y: y)
            return
        }
        let outCount = transpose ? columns : rows
        let threads = rowChunkThreads(rows: rows, entries: storedCount)
        guard transpose else {
            let y = UncheckedSendable(y)
            forEachRowChunk(rows: rows, threads: threads) { _, begin, end in
                self.rowProducts(begin, end, alpha: alpha, x: x, beta: beta, y: y.value)
            }
            return
        }
        // Aᵀx: each chunk sums its rows into its own accumulator; the sums are then reduced.
        var accumulators = [Double](repeating: 0, count: threads * outCount)
        accumulators.withUnsafeMutableBufferPointer { acc in
            let acc = UncheckedSendable(acc.baseAddress)
            forEachRowChunk(rows: rows, threads: threads) { chunk, begin, end in
                guard let base = acc.value else { return }
                self.transposedRowSums(begin, end, alpha: alpha, x: x, into: base + chunk * outCount)
            }
        }
        for i in 0..<outCount {
            var s = 0.0
            for chunk in 0..<threads { s += accumulators[chunk * outCount + i] }
            y[i] = beta == 0 ? s : s + beta * y[i]
        }
    }

    /// Stored values (all entries when dense, the non-zeros when sparse).
    var storedCount: Int {
        if case let .sparse(csr) = entries { return csr.nonzeroCount }
        return rows * columns
    }

    /// `y_i = alpha · A_i·x + beta · y_i` for rows `begin ..< end` (float32 or CSR).
    private func rowProducts(_ begin: Int, _ end: Int, alpha: Double, x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>) {
        switch entries {
        case let .float64(values):
            values.withUnsafeBufferPointer { a in
                for i in begin..<end {
                    let v = alpha * BLAS.dot(columns, a.baseAddress! + i * columns, x)
                    y[i] = beta == 0 ? v : v + beta * y[i]
                }
            }
        case let .float32(values):
            values.withUnsafeBufferPointer { a in wre_f32_gemv_rows(begin, end, columns, a.baseAddress, alpha, x, beta, y) }
        case let .sparse(csr):
            csr.withPointers { p, i, d in wre_csr_gemv_rows(begin, end, p, i, d, alpha, x, beta, y) }
        }
    }

    /// `acc += alpha · Σ_{i ∈ begin ..< end} x_i A_i` (float32 or CSR).
    private func transposedRowSums(_ begin: Int, _ end: Int, alpha: Double, x: UnsafePointer<Double>, into acc: UnsafeMutablePointer<Double>) {
        switch entries {
        case let .float64(values):
            values.withUnsafeBufferPointer { a in
                for i in begin..<end where x[i] != 0 { BLAS.axpy(columns, alpha: alpha * x[i], x: a.baseAddress! + i * columns, y: acc) }
            }
        case let .float32(values):
            values.withUnsafeBufferPointer { a in wre_f32_gemv_t_rows(begin, end, columns, a.baseAddress, alpha, x, acc) }
        case let .sparse(csr):
            csr.withPointers { p, i, d in wre_csr_gemv_t_rows(begin, end, p, i, d, alpha, x, acc) }
        }
    }
}

extension SparseRows {
    /// Calls `body` with the base addresses of `indptr`, `indices` and `values` (valid pointers
    /// even when there are no entries).
    func withPointers<R>(_ body: (UnsafePointer<Int>, UnsafePointer<Int32>, UnsafePointer<Double>) -> R) -> R {
        let dummyIndex: ElementBuffer<Int32> = .owned([0]), dummyValue: ElementBuffer<Double> = .owned([0])
        return indptr.withUnsafeBufferPointer { p in
            (indices.isEmpty ? dummyIndex : indices).withUnsafeBufferPointer { i in
                (values.isEmpty ? dummyValue : values).withUnsafeBufferPointer { d in
                    body(p.baseAddress!, i.baseAddress!, d.baseAddress!)
                }
            }
        }
    }
}

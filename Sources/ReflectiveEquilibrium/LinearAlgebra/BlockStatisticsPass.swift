import CKernels

/// One pass of the statistics kernel (`BlockStatistics.h`) over the rows of the judgment blocks
/// A and C, split between the cores with one set of accumulators per thread, reduced at the end:
///
///     rowA_i = Σ_a |A_ia| x_a,   rowC_i = Σ_c |C_ic| x_{n+c},   s_i = α_JP rowA_i + α_JT rowC_i
///     columns = (|A|ᵀ 1, |C|ᵀ 1),   gram = |W_YJ| diag(w) s,   diagonal = Σ_i w_i (A_i², C_i²)
///
/// plus the count of entries outside [-1, 1] and the non-zeros. The blocks are read in place,
/// whatever their storage (A and C in different storages go row by row through scratch rows).
struct BlockStatisticsPass {
    /// What to compute (the rest is left zero).
    struct Outputs: OptionSet {
        let rawValue: Int
        static let rows = Outputs(rawValue: 1), columns = Outputs(rawValue: 2)
        static let gram = Outputs(rawValue: 4), diagonal = Outputs(rawValue: 8)
        static let all: Outputs = [.rows, .columns, .gram, .diagonal]
    }

    var rowA: [Double] = [], rowC: [Double] = []
    var columns: [Double] = [], gram: [Double] = [], diagonal: [Double] = []
    var bad = 0, nonZerosA = 0, nonZerosC = 0

    /// Runs the pass; `x` has `n + k` entries, `weight` (nil: no Gram or diagonal) `m`.
    static func run(_ a: Matrix, _ c: Matrix?, alphaJP: Double, alphaJT: Double, x: [Double], weight: [Double]?,
                    outputs: Outputs) -> BlockStatisticsPass {
        let m = a.rows, n = a.columns, k = c?.columns ?? 0, q = n + k
        var out = BlockStatisticsPass()
        out.rowA = [Double](repeating: 0, count: outputs.contains(.rows) ? m : 0)
        out.rowC = [Double](repeating: 0, count: outputs.contains(.rows) ? m : 0)
        guard let c, c.layout != a.layout else {
            out.runKernel(a, c, alphaJP: alphaJP, alphaJT: alphaJT, x: x, weight: weight, outputs: outputs, q: q)
            return out
        }
        out.runMixed(a, c, alphaJP: alphaJP, alphaJT: alphaJT, x: x, weight: weight, outputs: outputs)
        return out
    }

    private mutating func runKernel(_ a: Matrix, _ c: Matrix?, alphaJP: Double, alphaJT: Double, x: [Double], weight: [Double]?,
                                    outputs: Outputs, q: Int) {
        let m = a.rows
        let threads = rowChunkThreads(rows: m, entries: a.storedCount + (c?.storedCount ?? 0))
        var acc = [Double](repeating: 0, count: threads * 3 * q)
        var counts = [Int](repeating: 0, count: threads), zeros = [Int](repeating: 0, count: 2 * threads)
        let wantRows = outputs.contains(.rows), wantColumns = outputs.contains(.columns)
        let wantGram = outputs.contains(.gram) && weight != nil, wantDiagonal = outputs.contains(.diagonal) && weight != nil
        var rowA = self.rowA, rowC = self.rowC
        defer { self.rowA = rowA; self.rowC = rowC }
        rowA.withUnsafeMutableBufferPointer { ra in rowC.withUnsafeMutableBufferPointer { rc in
            acc.withUnsafeMutableBufferPointer { accb in counts.withUnsafeMutableBufferPointer { cb in
                zeros.withUnsafeMutableBufferPointer { zb in x.withUnsafeBufferPointer { xb in
                    func run(_ wp: UnsafePointer<Double>?) {
                        let shared = UncheckedSendable((ra.baseAddress, rc.baseAddress, accb.baseAddress!, cb.baseAddress!, zb.baseAddress!))
                        Self.withKernel(a, c) { kernel in
                            forEachRowChunk(rows: m, threads: threads) { chunk, begin, end in
                                let (ra, rc, accp, cp, zp) = shared.value
                                let base = accp + chunk * 3 * q
                                cp[chunk] = kernel(begin, end, alphaJP, alphaJT, xb.baseAddress!, wp,
                                                   wantRows ? ra : nil, wantRows ? rc : nil, wantColumns ? base : nil,
                                                   wantGram ? base + q : nil, wantDiagonal ? base + 2 * q : nil, zp + 2 * chunk)
                            }
                        }
                    }
                    if let weight { weight.withUnsafeBufferPointer { run($0.baseAddress) } } else { run(nil) }
                }}
            }}
        }}
        bad = counts.reduce(0, +)
        nonZerosA = stride(from: 0, to: zeros.count, by: 2).reduce(0) { $0 + zeros[$1] }
        nonZerosC = stride(from: 1, to: zeros.count, by: 2).reduce(0) { $0 + zeros[$1] }
        columns = [Double](repeating: 0, count: q)
        gram = columns
        diagonal = columns
        for t in 0..<threads {
            for i in 0..<q {
                columns[i] += acc[t * 3 * q + i]
                gram[i] += acc[t * 3 * q + q + i]
                diagonal[i] += acc[t * 3 * q + 2 * q + i]
            }
        }
    }

    /// `(begin, end, α_JP, α_JT, x, w, rowA, rowC, columns, gram, diagonal, nonZeros[2]) -> bad entries`.
    private typealias Kernel = (Int, Int, Double, Double, UnsafePointer<Double>, UnsafePointer<Double>?,
                                UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?,
                                UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?,
                                UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Int>) -> Int

    /// Calls `body` with the kernel of A's (and C's) storage, the blocks pinned in place.
    private static func withKernel(_ a: Matrix, _ c: Matrix?, _ body: (Kernel) -> Void) {
        let n = a.columns, k = c?.columns ?? 0
        switch a.entries {
        case let .float64(av):
            let cv: ElementBuffer<Double> = if case let .float64(v)? = c?.entries { v } else { .owned([]) }
            av.withUnsafeBufferPointer { ab in cv.withUnsafeBufferPointer { cb in
                let cp = c == nil ? nil : cb.baseAddress
                body { begin, end, ajp, ajt, x, w, ra, rc, col, gram, diag, nz in
                    wre_block_statistics(begin, end, n, k, ab.baseAddress, cp, ajp, ajt, x, w, ra, rc, col, gram, diag, nz)
                }
            }}
        case let .float32(av):
            let cv: ElementBuffer<Float> = if case let .float32(v)? = c?.entries { v } else { .owned([]) }
            av.withUnsafeBufferPointer { ab in cv.withUnsafeBufferPointer { cb in
                let cp = c == nil ? nil : cb.baseAddress
                body { begin, end, ajp, ajt, x, w, ra, rc, col, gram, diag, nz in
                    wre_f32_block_statistics(begin, end, n, k, ab.baseAddress, cp, ajp, ajt, x, w, ra, rc, col, gram, diag, nz)
                }
            }}
        case let .sparse(ar):
            let cr: SparseRows? = if case let .sparse(v)? = c?.entries { v } else { nil }
            ar.withPointers { ap, ai, ad in
                func run(_ cp: UnsafePointer<Int>?, _ ci: UnsafePointer<Int32>?, _ cd: UnsafePointer<Double>?) {
                    body { begin, end, ajp, ajt, x, w, ra, rc, col, gram, diag, nz in
                        wre_csr_block_statistics(begin, end, n, ap, ai, ad, cp, ci, cd, ajp, ajt, x, w, ra, rc, col, gram, diag, nz)
                    }
                }
                if let cr { cr.withPointers { run($0, $1, $2) } } else { run(nil, nil, nil) }
            }
        }
    }

    /// A and C in different storages (rare): row by row through scratch rows.
    private mutating func runMixed(_ a: Matrix, _ c: Matrix, alphaJP: Double, alphaJT: Double, x: [Double], weight: [Double]?,
                                   outputs: Outputs) {
        let m = a.rows, n = a.columns, k = c.columns, q = n + k
        columns = [Double](repeating: 0, count: q)
        gram = columns
        diagonal = columns
        var ra = [Double](repeating: 0, count: n), rc = [Double](repeating: 0, count: k)
        let xa = Array(x[0..<n]), xc = Array(x[n...])
        for i in 0..<m {
            ra.withUnsafeMutableBufferPointer { a.fillRow(i, scale: 1, into: $0.baseAddress!) }
            rc.withUnsafeMutableBufferPointer { c.fillRow(i, scale: 1, into: $0.baseAddress!) }
            var z = [0, 0], sa = 0.0, sc = 0.0
            bad += wre_block_statistics(0, 1, n, 0, ra, nil, 1, 0, xa, nil, &sa, nil, nil, nil, nil, &z)
            nonZerosA += z[0]
            z = [0, 0]
            bad += wre_block_statistics(0, 1, k, 0, rc, nil, 1, 0, xc, nil, &sc, nil, nil, nil, nil, &z)
            nonZerosC += z[0]
            if outputs.contains(.rows) { rowA[i] = sa; rowC[i] = sc }
            let w = weight?[i] ?? 0, s = alphaJP * sa + alphaJT * sc
            for j in 0..<n {
                columns[j] += abs(ra[j])
                if w != 0 { gram[j] += alphaJP * w * s * abs(ra[j]); diagonal[j] += w * ra[j] * ra[j] }
            }
            for j in 0..<k {
                columns[n + j] += abs(rc[j])
                if w != 0 { gram[n + j] += alphaJT * w * s * abs(rc[j]); diagonal[n + j] += w * rc[j] * rc[j] }
            }
        }
    }
}

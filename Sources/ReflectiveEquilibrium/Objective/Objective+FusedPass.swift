import CKernels
import Dispatch
import Foundation

/// Raw pointers handed to the worker threads of one fused pass. The pass writes disjoint rows
/// of `j`/`pull` and its own accumulator slice, so sharing them is race-free.
private struct FusedPassBuffers: @unchecked Sendable {
    let p: UnsafePointer<Double>, t: UnsafePointer<Double>
    let x0: UnsafePointer<Double>, lambda: UnsafePointer<Double>
    let lower: UnsafePointer<Double>, upper: UnsafePointer<Double>, fallback: UnsafePointer<Double>
    let j: UnsafeMutablePointer<Double>, pull: UnsafeMutablePointer<Double>?
    let accumulators: UnsafeMutablePointer<Double>
}

extension Objective {
    /// Rows below which one thread does the whole pass.
    static let fusedRowsPerThread = 4096

    /// The fused judgment pass (docs/model.md): given `p, t` in `x[m...]`, one read of the rows of A
    /// (and C) sets the eliminated judgments `x[0..<m] = j*(y)`, writes the pull `W_J x` into
    /// `pull` (when given) and returns `(W x)_Y` for the updated `x` — the work of two `gemv`
    /// passes over A. Rows are split between the cores, each with its own accumulator, reduced
    /// at the end. The kernel follows A's storage: `wre_fused_judgment_pass` (float64),
    /// `wre_f32_fused_judgment_pass` (float32), `wre_csr_fused_judgment_pass` (CSR); when C is
    /// used and stored differently from A, the pass falls back to two products (same result).
    ///
    /// `rule` replaces the judgments' closed form by another rule of the same shape (its own
    /// `x0`, lower and upper bounds; `λ` stays): `LinearizedJudgments` makes the pass the
    /// product with the Schur complement's Gram part.
    func fusedJudgmentPass(_ x: inout [Double], fallback: [Double], pull: UnsafeMutablePointer<Double>? = nil,
                           rule: JudgmentRule? = nil) -> [Double] {
        let m = self.m, n = self.n, k = self.k, q = reducedCount
        let useC = alphaJT != 0 && c != nil && k > 0
        let cEntries = useC ? c!.entries : nil
        let x0 = rule?.x0 ?? self.x0, lower = rule?.lower ?? self.lower, upper = rule?.upper ?? self.upper
        guard Self.fusable(a.entries, cEntries) else {
            return twoPassJudgmentPass(&x, fallback: fallback, pull: pull, x0: x0, lower: lower, upper: upper)
        }
        let stored = a.storedCount + (useC ? c!.storedCount : 0)
        let threads = max(1, min(activeCores, m / Self.fusedRowsPerThread, max(1, stored / 65_536)))
        var accumulators = [Double](repeating: 0, count: threads * q)
        x.withUnsafeMutableBufferPointer { xb in
            x0.withUnsafeBufferPointer { x0b in
            lambda.withUnsafeBufferPointer { lb in
            lower.withUnsafeBufferPointer { lob in
            upper.withUnsafeBufferPointer { ub in
            fallback.withUnsafeBufferPointer { fb in
            accumulators.withUnsafeMutableBufferPointer { accb in
                let base = xb.baseAddress!
                let buffers = FusedPassBuffers(
                    p: UnsafePointer(base + m), t: UnsafePointer(base + m + n),
                    x0: x0b.baseAddress!, lambda: lb.baseAddress!, lower: lob.baseAddress!, upper: ub.baseAddress!,
                    fallback: fb.baseAddress!, j: base, pull: pull, accumulators: accb.baseAddress!)
                withRowKernel(cEntries) { kernel in
                    forEachRowChunk(rows: m, threads: threads) { chunk, begin, end in
                        kernel(begin, end, buffers, buffers.accumulators + chunk * q)
                    }
                }
            }}}}}}
        }
        // Reduce the per-thread sums, scale, and add the principle–theory block's own pull.
        var reduced = [Double](repeating: 0, count: q)
        for chunk in 0..<threads { for i in 0..<q { reduced[i] += accumulators[chunk * q + i] } }
        for a in 0..<n { reduced[a] *= alphaJP }
        for c in 0..<k { reduced[n + c] *= useC ? alphaJT : 0 }
        addPrincipleTheoryPull(x, to: &reduced)
        return reduced
    }

    /// Whether one C kernel covers A and the used C (same storage).
    private static func fusable(_ a: Matrix.Entries, _ c: Matrix.Entries?) -> Bool {
        switch (a, c) {
        case (.float64, nil), (.float64, .float64?), (.float32, nil), (.float32, .float32?), (.sparse, nil), (.sparse, .sparse?): return true
        default: return false
        }
    }

    /// Calls `body` with the row kernel for A's (and C's) storage, its blocks pinned in place.
    private func withRowKernel(_ cEntries: Matrix.Entries?,
                               _ body: ((Int, Int, FusedPassBuffers, UnsafeMutablePointer<Double>) -> Void) -> Void) {
        let n = self.n, k = self.k, alphaJP = self.alphaJP, alphaJT = self.alphaJT
        switch (a.entries, cEntries) {
        case let (.float64(av), cv):
            let cValues: ElementBuffer<Double> = if case let .float64(v)? = cv { v } else { .owned([]) }
            av.withUnsafeBufferPointer { ab in cValues.withUnsafeBufferPointer { cb in
                let cPointer = cv == nil ? nil : cb.baseAddress
                body { begin, end, b, acc in
                    wre_fused_judgment_pass(begin, end, n, k, ab.baseAddress ?? b.p, cPointer, b.p, b.t, alphaJP, alphaJT,
                                            b.x0, b.lambda, b.lower, b.upper, b.fallback, b.j, b.pull, acc, acc + n)
                }
            }}
        case let (.float32(av), cv):
            let cValues: ElementBuffer<Float> = if case let .float32(v)? = cv { v } else { .owned([]) }
            av.withUnsafeBufferPointer { ab in cValues.withUnsafeBufferPointer { cb in
                let cPointer = cv == nil ? nil : cb.baseAddress
                body { begin, end, b, acc in
                    wre_f32_fused_judgment_pass(begin, end, n, k, ab.baseAddress, cPointer, b.p, b.t, alphaJP, alphaJT,
                                                b.x0, b.lambda, b.lower, b.upper, b.fallback, b.j, b.pull, acc, acc + n)
                }
            }}
        case let (.sparse(av), cv):
            let cRows: SparseRows? = if case let .sparse(v)? = cv { v } else { nil }
            av.withPointers { ap, ai, ad in
                func run(_ cp: UnsafePointer<Int>?, _ ci: UnsafePointer<Int32>?, _ cd: UnsafePointer<Double>?) {
                    body { begin, end, b, acc in
                        wre_csr_fused_judgment_pass(begin, end, ap, ai, ad, cp, ci, cd, b.p, b.t, alphaJP, alphaJT,
                                                    b.x0, b.lambda, b.lower, b.upper, b.fallback, b.j, b.pull, acc, acc + n)
                    }
                }
                if let cRows { cRows.withPointers { run($0, $1, $2) } } else { run(nil, nil, nil) }
            }
        }
    }

    /// The same pass by products for blocks no single kernel covers: `W_J x` by one product per
    /// block, the closed-form judgments, then `(W x)_Y` by the transposed products.
    private func twoPassJudgmentPass(_ x: inout [Double], fallback: [Double], pull: UnsafeMutablePointer<Double>?,
                                     x0: [Double], lower: [Double], upper: [Double]) -> [Double] {
        var wj = [Double](repeating: 0, count: m)
        x.withUnsafeBufferPointer { xb in wj.withUnsafeMutableBufferPointer { judgmentPull(xb.baseAddress!, into: $0.baseAddress!) } }
        for i in 0..<m {
            x[i] = Self.judgmentValue(pull: wj[i], x0: x0[i], lambda: lambda[i], lower: lower[i], upper: upper[i], fallback: fallback[i])
            pull?[i] = wj[i]
        }
        var y = [Double](repeating: 0, count: reducedCount)
        x.withUnsafeBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                BLAS.gemv(a, transpose: true, alpha: alphaJP, x: xb.baseAddress!, beta: 0, y: yb.baseAddress!)
                if alphaJT != 0, let c, k > 0 { BLAS.gemv(c, transpose: true, alpha: alphaJT, x: xb.baseAddress!, beta: 0, y: yb.baseAddress! + n) }
            }
        }
        addPrincipleTheoryPull(x, to: &y)
        return y
    }

    /// A judgment's closed form given its pull (the rule of `FusedRowPass.h`).
    private static func judgmentValue(pull: Double, x0: Double, lambda: Double, lower lo: Double, upper hi: Double, fallback: Double) -> Double {
        if lo == hi { return lo }
        let target = lambda > 0 ? x0 + pull / lambda : (pull > 0 ? hi : (pull < 0 ? lo : fallback))
        return min(max(target, lo), hi)
    }

    /// Adds `W_YY y` for `y = x[m...]` to `out`.
    private func addPrincipleTheoryPull(_ x: [Double], to out: inout [Double]) {
        var small = [Double](repeating: 0, count: reducedCount)
        x.withUnsafeBufferPointer { xb in small.withUnsafeMutableBufferPointer { principleTheoryProduct(xb.baseAddress! + m, into: $0.baseAddress!) } }
        for i in 0..<reducedCount { out[i] += small[i] }
    }
}

/// The judgments' rule in a fused pass, when it is not the problem's closed form: per judgment
/// an `x0` and bounds (`lower == upper` fixes the judgment at that value).
struct JudgmentRule: Sendable {
    var x0: [Double], lower: [Double], upper: [Double]

    /// The linearized rule of the Schur complement's product (docs/model.md): a free judgment
    /// takes `j_i = (W_JY v)_i / λ_i` (x0 = 0, no bounds), every other judgment 0. The pass at
    /// `y = v` then returns `(W_YY + W_YJ Λ_F⁻¹ W_JY) v`, so `Σ v = Λ_Y v −` that.
    static func linearized(free: [Bool]) -> JudgmentRule {
        let big = Double.greatestFiniteMagnitude
        return JudgmentRule(x0: [Double](repeating: 0, count: free.count),
                            lower: free.map { $0 ? -big : 0 }, upper: free.map { $0 ? big : 0 })
    }
}

/// Threads the C kernels use: the cores available, capped by OpenBLAS's own thread count, so
/// `OPENBLAS_NUM_THREADS=1` makes the whole solve single-threaded (a fair baseline).
var activeCores: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, BLASConfiguration.threads)) }

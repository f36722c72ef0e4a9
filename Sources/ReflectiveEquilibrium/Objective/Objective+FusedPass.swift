import CKernels
import Dispatch
import Foundation

/// Raw pointers handed to the worker threads of one fused pass. The pass writes disjoint rows
/// of `j`/`pull` and its own accumulator slice, so sharing them is race-free.
private struct FusedPassBuffers: @unchecked Sendable {
    let a: UnsafePointer<Double>, c: UnsafePointer<Double>?
    let p: UnsafePointer<Double>, t: UnsafePointer<Double>
    let x0: UnsafePointer<Double>, lambda: UnsafePointer<Double>
    let lower: UnsafePointer<Double>, upper: UnsafePointer<Double>, fallback: UnsafePointer<Double>
    let j: UnsafeMutablePointer<Double>, pull: UnsafeMutablePointer<Double>?
    let accumulators: UnsafeMutablePointer<Double>
}

extension Objective {
    /// Rows below which one thread does the whole pass.
    static let fusedRowsPerThread = 4096

    /// The fused judgment pass (DESIGN §2, C kernel `wre_fused_judgment_pass`): given `p, t` in
    /// `x[m...]`, one read of the rows of A (and C) sets the eliminated judgments
    /// `x[0..<m] = j*(y)`, writes the pull `W_J x` into `pull` (when given) and returns
    /// `(W x)_Y` for the updated `x` — the work of two `dgemv` passes over A. Rows are split
    /// between the cores, each with its own accumulator, reduced at the end.
    func fusedJudgmentPass(_ x: inout [Double], fallback: [Double], pull: UnsafeMutablePointer<Double>? = nil) -> [Double] {
        let m = self.m, n = self.n, k = self.k, q = reducedCount
        let threads = max(1, min(activeCores, m / Self.fusedRowsPerThread))
        var accumulators = [Double](repeating: 0, count: threads * q)
        let useC = alphaJT != 0 && c != nil && k > 0
        let cStorage = useC ? c!.storage : []
        x.withUnsafeMutableBufferPointer { xb in
            a.storage.withUnsafeBufferPointer { ab in
            cStorage.withUnsafeBufferPointer { cb in
            x0.withUnsafeBufferPointer { x0b in
            lambda.withUnsafeBufferPointer { lb in
            lower.withUnsafeBufferPointer { lob in
            upper.withUnsafeBufferPointer { ub in
            fallback.withUnsafeBufferPointer { fb in
            accumulators.withUnsafeMutableBufferPointer { accb in
                let base = xb.baseAddress!
                let buffers = FusedPassBuffers(
                    a: ab.baseAddress ?? UnsafePointer(base), c: useC ? cb.baseAddress : nil,
                    p: UnsafePointer(base + m), t: UnsafePointer(base + m + n),
                    x0: x0b.baseAddress!, lambda: lb.baseAddress!, lower: lob.baseAddress!, upper: ub.baseAddress!,
                    fallback: fb.baseAddress!, j: base, pull: pull, accumulators: accb.baseAddress!)
                let alphaJP = self.alphaJP, alphaJT = self.alphaJT
                let work: @Sendable (Int) -> Void = { chunk in
                    let begin = m * chunk / threads, end = m * (chunk + 1) / threads
                    let acc = buffers.accumulators + chunk * q
                    wre_fused_judgment_pass(begin, end, n, k, buffers.a, buffers.c, buffers.p, buffers.t,
                                            alphaJP, alphaJT, buffers.x0, buffers.lambda, buffers.lower, buffers.upper,
                                            buffers.fallback, buffers.j, buffers.pull, acc, acc + n)
                }
                if threads == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: work) }
            }}}}}}}}
        }
        // Reduce the per-thread sums, scale, and add the principle–theory block's own pull.
        var reduced = [Double](repeating: 0, count: q)
        for chunk in 0..<threads { for i in 0..<q { reduced[i] += accumulators[chunk * q + i] } }
        for a in 0..<n { reduced[a] *= alphaJP }
        for c in 0..<k { reduced[n + c] *= useC ? alphaJT : 0 }
        var small = [Double](repeating: 0, count: q)
        x.withUnsafeBufferPointer { xb in small.withUnsafeMutableBufferPointer { principleTheoryProduct(xb.baseAddress! + m, into: $0.baseAddress!) } }
        for i in 0..<q { reduced[i] += small[i] }
        return reduced
    }
}

/// Threads the C kernels use: the cores available, capped by OpenBLAS's own thread count, so
/// `OPENBLAS_NUM_THREADS=1` makes the whole solve single-threaded (a fair baseline).
var activeCores: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, BLASConfiguration.threads)) }

// Kernel benchmarks (docs/model.md, docs/solvers.md): the products through the blocks (W x, A p, Aᵀ j, the
// fused judgment pass), the Schur-complement Gram accumulation (dsyrk) and the box projection, on
// dense random float64 data built by `KernelHarness` (`@_spi(Benchmarks)`, not public API).
//
//     swift package benchmark --target Kernels
//     OPENBLAS_NUM_THREADS=1 swift package benchmark --target Kernels
//
// Every name carries the OpenBLAS core and thread count it ran with, e.g.
// "A p  m=20000 n=1000 (blas: Haswell, threads: 1)"; `--filter` takes a regex matching the
// whole name, e.g. --filter 'A p.*'. Besides wall clock and throughput (calls/s) each kernel
// reports its achieved bandwidth (MB/s of matrix data read) and arithmetic rate (MFLOP/s).
import Benchmark
import Foundation
@_spi(Benchmarks) import ReflectiveEquilibrium

/// A line on standard error (stdout may carry an export; output during measurement may be suppressed).
private func report(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

/// The harness of the running benchmark, built in its setup (not at registration, which also
/// runs when benchmarks are only listed). One is alive at a time: a 100000 × 1000 block is 800 MB.
private final class HarnessCache: @unchecked Sendable {
    private var key: [Int] = []
    private var harness: KernelHarness?

    func get(m: Int, n: Int, k: Int) -> KernelHarness {
        if let harness, key == [m, n, k] { return harness }
        harness = nil
        let h = KernelHarness(m: m, n: n, k: k, seed: 20_250_601)
        harness = h
        key = [m, n, k]
        return h
    }
}

private let cache = HarnessCache()

private enum Rate {
    static let megabytes = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    static let megaflops = BenchmarkMetric.custom("MFLOP/s", polarity: .prefersLarger, useScalingFactor: false)
}

/// Registers one kernel benchmark. `bytes` and `flops` count one call (matrix data read and
/// floating-point operations); the closure runs the kernel once.
private func kernel(
    _ name: String, m: Int, n: Int, k: Int = 0, bytes: Double, flops: Double,
    iterations: Int, seconds: Int, _ body: @escaping (KernelHarness) -> Void
) {
    let tags = ["blas": BLASConfiguration.coreName, "threads": "\(BLASConfiguration.threads)"]
    Benchmark(
        name,
        configuration: .init(
            metrics: [.wallClock, .throughput, .peakMemoryResident, Rate.megabytes, Rate.megaflops],
            tags: tags,
            units: [Rate.megabytes: .count, Rate.megaflops: .count],
            warmupIterations: 1,
            maxDuration: .seconds(seconds),
            maxIterations: iterations
        )
    ) { benchmark in
        let harness = cache.get(m: m, n: n, k: k)
        benchmark.startMeasurement()
        let start = ContinuousClock.now
        body(harness)
        let elapsed = ContinuousClock.now - start
        benchmark.stopMeasurement()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if seconds > 0 {
            benchmark.measurement(Rate.megabytes, Int((bytes / seconds / 1e6).rounded()))
            benchmark.measurement(Rate.megaflops, Int((flops / seconds / 1e6).rounded()))
        }
    } setup: {
        _ = cache.get(m: m, n: n, k: k)
    }
}

let benchmarks: @Sendable () -> Void = {
    report("Kernels: OpenBLAS core \(BLASConfiguration.coreName), threads \(BLASConfiguration.threads)")

    // Products through the blocks (k = 0, no S: W x is one gemv over A in each direction; the
    // fused pass computes j*(p) and Aᵀ j* in one read of A).
    for m in [20_000, 100_000] {
        let n = 1_000
        let shape = "m=\(m) n=\(n)"
        let matrix = 8.0 * Double(m * n), gemv = 2.0 * Double(m * n)
        kernel("W x  \(shape)", m: m, n: n, bytes: 2 * matrix, flops: 2 * gemv, iterations: 40, seconds: 3) {
            $0.blockProduct()
        }
        kernel("A p  \(shape)", m: m, n: n, bytes: matrix, flops: gemv, iterations: 60, seconds: 3) {
            $0.judgmentPull()
        }
        kernel("At j  \(shape)", m: m, n: n, bytes: matrix, flops: gemv, iterations: 60, seconds: 3) {
            $0.reducedPull()
        }
        // The C kernel that reads A once for both directions (as many threads as OpenBLAS),
        // against the route it replaces: A p, the closed-form judgments, Aᵀ j (two reads of A).
        kernel("Fused pass  \(shape)", m: m, n: n, bytes: matrix, flops: 2 * gemv, iterations: 60, seconds: 3) {
            $0.fusedPass()
        }
        kernel("Two gemv pass  \(shape)", m: m, n: n, bytes: 2 * matrix, flops: 2 * gemv, iterations: 60, seconds: 3) {
            $0.twoGemvPass()
        }
    }

    // The Schur complement's Gram sum Σ w_i w_iᵀ / λ_i over all rows (dsyrk in chunks), and a
    // rank-64 correction, at (m, n + k) = (20000, 1000 + 100).
    do {
        let m = 20_000, n = 1_000, k = 100, q = n + k, rank = 64
        let shape = "m=\(m) n+k=\(n)+\(k)"
        func syrk(_ rows: Int) -> Double { Double(rows) * Double(q) * Double(q + 1) }
        kernel("Schur dsyrk all rows  \(shape)", m: m, n: n, k: k,
               bytes: 8 * Double(m * q), flops: syrk(m), iterations: 8, seconds: 6) {
            $0.schurAccumulate(rows: m)
        }
        kernel("Schur rank-\(rank) update  \(shape)", m: m, n: n, k: k,
               bytes: 8 * Double(rank * q), flops: syrk(rank), iterations: 400, seconds: 2) {
            $0.schurRankUpdate(rows: rank)
        }
    }

    // Projection onto the box, N = 1e6 items (one read of x, l, u; one write).
    do {
        let count = 1_000_000, n = 10
        kernel("Project box  N=1e6", m: count - n, n: n, bytes: 32 * Double(count), flops: 2 * Double(count),
               iterations: 500, seconds: 2) {
            $0.project()
        }
    }
}

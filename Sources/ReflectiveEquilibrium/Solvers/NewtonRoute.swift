import COpenBLAS
import Foundation

/// How the reduced Newton iteration solves its system on the Schur complement (docs/solvers.md).
enum NewtonRoute: String, Sendable {
    /// Conjugate gradients whose products are fused passes over A in place (dense free rows).
    case inPlace
    /// Conjugate gradients over the free rows gathered into a compact sparse list.
    case gathered
    /// The Gram sum of the free rows (kept between iterations) and a Cholesky factorization.
    case direct
}

/// The cost model that picks the route, from what was measured in this run and on this machine:
///
/// - a conjugate-gradient iteration costs one product: a fused pass (`passSeconds`, the fastest
///   of the solve's own evaluations and of the problem's statistics pass) in place, or the
///   gathered rows' share of it (12 bytes per gathered entry against the block's stored bytes),
///   plus, the first time, one read of every row to gather them (`CompactRows`); the number of iterations is the last solve's (5
///   before the first: the first solve is loose, see `ReducedNewton.forcing`);
/// - the direct route costs the Gram sum of the rows that changed since it was last brought up
///   to date (a `dsyrk` row costs `(n + k)²` flops at the measured `dsyrk` rate, times 1.5 for
///   widening and scaling the rows into the chunk; a sparse row `nnz²/2` scattered updates) plus
///   the `(n + k)³/3` Cholesky factorization, corrected by the ratio of the measured to the
///   modelled time of the last direct step.
///
/// Conjugate gradients get a budget of products worth the direct route, so a slow run hands over
/// to it before it costs more.
struct NewtonCostModel {
    /// Seconds of one fused pass (the fastest seen).
    private(set) var passSeconds = Double.infinity
    /// Products the last conjugate-gradient solve took.
    private(set) var iterations = 5.0
    /// Measured over modelled seconds of the last direct step (1 before the first).
    private(set) var directCorrection = 1.0
    /// Whether the solve holds its `CompactRows`.
    private(set) var rowsGathered = false

    let rows: Int
    let columns: Int
    /// Bytes of the stored entries of A and C (the used C).
    let storedBytes: Double
    /// Stored entries of A and C over `rows × columns`.
    let density: Double
    /// Whether the free rows' Gram terms go to the sparse kernels (CSR blocks or sparse dense rows).
    let sparseRows: Bool
    /// Whether the blocks are dense float64 (the only storage `dsyrk` reads directly).
    let denseFloat64: Bool

    init(objective o: Objective) {
        rows = o.m
        columns = o.reducedCount
        let cUsed = o.alphaJT != 0 && o.k > 0 ? o.c : nil
        var bytes = 0.0, stored = 0.0
        let blocks: [(Matrix, BlockName)] = [(o.a, .judgmentPrinciple)] + (cUsed.map { [($0, .judgmentTheory)] } ?? [])
        for (block, name) in blocks {
            let z = Double(block.storedCount)
            stored += Double(o.statistics.nonZeros[name] ?? block.storedCount)
            switch block.layout {
            case .float64: bytes += 8 * z
            case .float32: bytes += 4 * z
            case .sparse: bytes += 12 * z
            }
        }
        storedBytes = max(bytes, 1)
        density = stored / max(Double(o.m) * Double(max(o.reducedCount, 1)), 1)
        sparseRows = o.a.layout == .sparse || density * Double(o.reducedCount) <= Double(o.reducedCount) * Objective.sparseRowShare
        denseFloat64 = o.a.layout == .float64
        // The statistics pass read the same rows once (and did a little more work per entry).
        if o.statistics.seconds > 0 { passSeconds = o.statistics.seconds }
    }

    /// Records the measured seconds of a direct step modelled at `modelled` seconds.
    mutating func recordDirect(_ seconds: Double, modelled: Double) {
        guard modelled > 0, seconds > 0 else { return }
        directCorrection = min(4, max(0.5, directCorrection * seconds / modelled))
    }

    /// Records the duration of one fused pass.
    mutating func recordPass(_ seconds: Double) { passSeconds = min(passSeconds, max(seconds, 1e-9)) }

    /// Records how many products a conjugate-gradient solve took.
    mutating func recordIterations(_ count: Int) { iterations = Double(max(count, 1)) }

    /// Seconds of one conjugate-gradient product on `route` for `freeRows` free rows.
    func productSeconds(_ route: NewtonRoute, freeRows: Int) -> Double {
        switch route {
        case .inPlace: return passSeconds
        // An indexed gather per entry: about three times the dense kernel's cost per byte.
        case .gathered: return passSeconds * 3 * 12 * gatheredEntries(freeRows) / storedBytes
        case .direct: return 0
        }
    }

    /// Entries the gathered free rows hold (estimate from the density).
    func gatheredEntries(_ freeRows: Int) -> Double { Double(freeRows) * Double(columns) * density }

    /// Whether the rows of every anchored judgment fit in a `CompactRows` (12 bytes an entry, at
    /// most 2 GiB). Only sparse rows are worth gathering (dense ones are read faster in place).
    var canGather: Bool {
        guard sparseRows else { return false }
        return 12 * gatheredEntries(rows) <= 2 * 1_073_741_824
    }

    /// Seconds of a conjugate-gradient solve on `route` (gathering the rows, the first time, included).
    func conjugateGradientSeconds(_ route: NewtonRoute, freeRows: Int) -> Double {
        // Gathering reads every row once and appends each entry (about 10 ns).
        let setup = route == .gathered && !rowsGathered ? passSeconds + 1e-8 * gatheredEntries(rows) : 0
        return setup + productSeconds(route, freeRows: freeRows) * (iterations + 1)
    }

    /// Records that the rows are gathered (later gathered solves cost their products only).
    mutating func recordGathered() { rowsGathered = true }

    /// Seconds of the direct route when `changedRows` rows enter or leave the kept Gram sum.
    func directSeconds(changedRows: Int) -> Double {
        let q = Double(columns)
        let z = density * q
        let rowWork = sparseRows ? z * z / 2 : q * q
        // Small work is not worth measuring the machine for: price it at a nominal rate.
        let rate = Double(changedRows) * rowWork + q * q * q / 3 < 1e7 ? MachineRates.nominalFlopsPerSecond : MachineRates.syrkFlopsPerSecond
        let perRow = sparseRows ? rowWork / MachineRates.scatterUpdatesPerSecond : 1.5 * rowWork / rate
        return directCorrection * (Double(changedRows) * perRow + q * q * q / 3 / rate)
    }
}

/// Rates of this machine that the cost models use, measured once per process on first use.
enum MachineRates {
    /// `dsyrk` flops per second on a `128 × 256` update (the best of three; about a millisecond).
    static let syrkFlopsPerSecond: Double = {
        let r = 128, q = 256
        let a = (0..<(r * q)).map { Double(($0 * 7919) % 1000) / 1000 - 0.5 }
        var c = [Double](repeating: 0, count: q * q)
        var best = Double.infinity
        for _ in 0..<3 {
            let start = ContinuousClock.now
            a.withUnsafeBufferPointer { ab in c.withUnsafeMutableBufferPointer { cb in
                BLAS.syrkTransposed(rows: r, columns: q, alpha: 1, ab.baseAddress!, beta: 0, cb.baseAddress!)
            }}
            best = min(best, (ContinuousClock.now - start).seconds)
        }
        return Double(r) * Double(q * q) / max(best, 1e-9)
    }()

    /// The rate small jobs are priced at without measuring (about this project's reference machine).
    static let nominalFlopsPerSecond = 1.6e10

    /// Scattered Gram updates per second of the sparse-row kernels (modelled: measured at
    /// 2.6 · 10⁸ on this project's reference machine).
    static let scatterUpdatesPerSecond = 2.5e8
}

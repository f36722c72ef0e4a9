import Foundation

/// What one read of the blocks tells about a problem, computed once per problem value (with
/// its validation) and kept: the scaled residual, the rounding floor, the one-pass certificate
/// and the report use it, so none of them reads A again (docs/model.md).
///
/// Sums are of absolute values, per block and unweighted, so that each `Objective` applies its
/// own mode's block weights; `couplingProduct` is the exception (see there).
struct ProblemStatistics: Sendable {
    /// `Σ_a |A_ia|` and `Σ_c |C_ic|` per judgment.
    var judgmentRowA: [Double], judgmentRowC: [Double]
    /// `Σ_i |A_ia|`, `Σ_c |B_ac|`, `Σ_b |S_ab|` per principle.
    var principleColumnA: [Double], principleRowB: [Double], principleRowS: [Double]
    /// `Σ_i |C_ic|`, `Σ_a |B_ac|` per theory.
    var theoryColumnC: [Double], theoryColumnB: [Double]
    /// The diagonal of the judgments' Gram sum, unweighted: `Σ_i A_ia² / λ_i` per principle and
    /// `Σ_i C_ic² / λ_i` per theory, over the judgments with `λ_i > 0`.
    var gramDiagonalA: [Double], gramDiagonalC: [Double]
    /// `M̃ 1` with `M̃ = |W_YY| + |W_YJ| Λ_J⁻¹ |W_JY|` over the judgments with `λ_i > 0`, under the
    /// problem's block weights (wide mode). Every mode's `M̃` is entrywise at most this one (a mode
    /// only drops blocks or judgments), so `M̃ 1` is an upper bound for every mode: the first
    /// Collatz–Wielandt weights of the certificate (`Objective+Certificate.swift`).
    var couplingProduct: [Double]
    /// Stored non-zero entries per block.
    var nonZeros: [BlockName: Int]
    /// The first block entry outside [-1, 1] (NaN included), if any: the problem is invalid.
    var invalidEntry: (block: BlockName, row: Int, column: Int, value: Double)?
    /// Wall-clock seconds the pass took.
    var seconds: Double
}

/// The statistics of a problem value, computed on first use. A copy of a `Problem` shares the
/// box until it is mutated (then it gets a new, empty one), so a box never holds the statistics
/// of another problem.
final class ProblemStatisticsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var value: ProblemStatistics?

    func get(_ compute: () -> ProblemStatistics) -> ProblemStatistics {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let computed = compute()
        value = computed
        return computed
    }

    /// Whether the statistics were computed already.
    var isComputed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value != nil
    }
}

/// The cache as a stored property of `Problem`: never part of its value (all caches are equal).
struct ProblemCache: Sendable, Equatable {
    let statistics = ProblemStatisticsCache()
    static func == (_: ProblemCache, _: ProblemCache) -> Bool { true }
}

/// Whether a problem's items passed `Problem.validateItems` (ids unique and non-empty, finite
/// values, bounds ordered and holding the initial value, …): checked once per problem value
/// (hashing every id is the costly part at a million items), kept until an item changes.
struct ItemsChecked: Sendable, Equatable {
    private let box = Box()
    static func == (_: ItemsChecked, _: ItemsChecked) -> Bool { true }

    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var passed = false
    }

    /// Runs `check` unless it passed before for this problem value.
    func ensure(_ check: () throws -> Void) throws {
        box.lock.lock()
        defer { box.lock.unlock() }
        if box.passed { return }
        try check()
        box.passed = true
    }
}

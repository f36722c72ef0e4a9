/// The work of one solver iteration, counted for the achieved GB/s and GFLOP/s of a benchmark.
///
/// The blocks are dense and held as `Double`, so a read of a block costs 8 bytes per stored entry
/// and a product with it 2 flops (one multiply-add) per stored entry, zeros included. `A` (m × n) and `C` (m × k)
/// have a row per judgment and dominate; `B` (n × k) and `S` (n × n) are small. The passes
/// are counted from the solvers' code (a `gemv` is one read and one product; the fused row pass one read and two products):
///
/// | solver | A, C reads / products | B | S | besides |
/// |---|---|---|---|---|
/// | `projected-gradient` | 1 / 2 | 2 | 1 | per iteration one fused row pass (C kernel) gives `A p + C t`, the eliminated judgments and `Aᵀ j + Cᵀ j` from one read of each row; `B t`, `Bᵀ p`, `S p` |
/// | `alternating` | 1 / 2 | 15 | 8 | per round one fused row pass gives `A p + C t` (for the check), the judgments' block optimum and `Aᵀ j + Cᵀ j`; the small blocks in the P and T updates and the trajectory's objective values (coordinate sweeps over S not counted) |
/// | `active-set` | 1 / 2 | 2 | 1 | per iteration one fused row pass evaluates the Armijo trial (reduced path, every revisable judgment anchored), plus one pass once per run at the start; the Newton solves (conjugate gradients over the free rows, or the Gram sum and a Cholesky factorization of the Schur complement), further Armijo trials and the full-space path used with unanchored judgments are not counted |
/// | `connectionist` | 2 / 2 | 2 | 1 | per cycle: `W a` through the blocks |
/// | `exhaustive` | — | — | — | walks corners with `O(r)` updates, not block passes: no rate is reported |
///
/// Convergence checks that evaluate the full KKT residual (every few iterations near the end)
/// are not counted either, so the reported rates are lower bounds of what the hardware did.
public struct IterationCost: Sendable, Equatable {
    /// Reads of A and C per iteration (bytes).
    public var largeBlockReads: Double
    /// Products with A and C per iteration (flops, 2 per entry each): more than the reads when
    /// one pass computes two products (the fused row pass computes `A p` and `Aᵀ j`).
    public var largeBlockProducts: Double
    /// Passes over B per iteration (one read and one product each).
    public var principleTheoryPasses: Double
    /// Passes over S per iteration.
    public var principlePrinciplePasses: Double
    /// Dense linear-algebra flops per iteration besides the passes (e.g. a Cholesky factorization).
    public var extraFlops: Double = 0
    /// Bytes read once per run besides the iterations.
    public var oneTimeBytes: Double = 0
    /// Flops done once per run besides the iterations.
    public var oneTimeFlops: Double = 0

    /// The stored entries of the blocks of `problem`: A and C, B, S.
    struct Entries {
        var large: Double, principleTheory: Double, principlePrinciple: Double
        init(_ problem: Problem) {
            let c = problem.compatibility
            let count: (Matrix?) -> Double = { $0.map { Double($0.rows * $0.columns) } ?? 0 }
            large = count(c.judgmentPrinciple) + count(c.judgmentTheory)
            principleTheory = count(c.principleTheory)
            principlePrinciple = count(c.principlePrinciple)
        }
    }

    /// The cost model of `solver` on `problem`, or `nil` when the solver does not work by block
    /// passes (`exhaustive`). `state`, the returned state, is accepted for cost models that depend on it (none does now).
    public static func of(_ solver: SolverKind, on problem: Problem, state: [Double]? = nil) -> IterationCost? {
        switch solver {
        case .projectedGradient:
            return IterationCost(largeBlockReads: 1, largeBlockProducts: 2, principleTheoryPasses: 2, principlePrinciplePasses: 1)
        case .alternating:
            return IterationCost(largeBlockReads: 1, largeBlockProducts: 2, principleTheoryPasses: 15, principlePrinciplePasses: 8)
        case .activeSet:
            // The reduced path (every revisable judgment anchored): one fused pass per Armijo
            // trial, one more for the starting point; the Newton solves are not counted.
            let large = Entries(problem).large
            return IterationCost(largeBlockReads: 1, largeBlockProducts: 2, principleTheoryPasses: 2, principlePrinciplePasses: 1,
                                 oneTimeBytes: 8 * large, oneTimeFlops: 4 * large)
        case .connectionist:
            return IterationCost(largeBlockReads: 2, largeBlockProducts: 2, principleTheoryPasses: 2, principlePrinciplePasses: 1)
        case .exhaustive, .auto:
            return nil  // auto runs another solver; its results name that one
        }
    }

    /// Bytes of the blocks read per iteration on `problem`.
    func bytesPerIteration(_ problem: Problem) -> Double {
        let e = Entries(problem)
        return 8 * (largeBlockReads * e.large + principleTheoryPasses * e.principleTheory + principlePrinciplePasses * e.principlePrinciple)
    }

    /// Flops per iteration on `problem`.
    func flopsPerIteration(_ problem: Problem) -> Double {
        let e = Entries(problem)
        return 2 * (largeBlockProducts * e.large + principleTheoryPasses * e.principleTheory + principlePrinciplePasses * e.principlePrinciple)
            + extraFlops
    }

    /// `(GB/s, GFLOP/s)` of a run of `iterations` in `seconds` (nil without iterations or time).
    func rates(_ problem: Problem, iterations: Int, seconds: Double) -> (gbPerSecond: Double, gflopPerSecond: Double)? {
        guard iterations > 0, seconds > 0, seconds.isFinite else { return nil }
        let it = Double(iterations)
        let bytes = bytesPerIteration(problem) * it + oneTimeBytes
        let flops = flopsPerIteration(problem) * it + oneTimeFlops
        return (bytes / seconds / 1e9, flops / seconds / 1e9)
    }
}

import Testing
@testable import ReflectiveEquilibrium

/// The fused C row pass against the two-`dgemv` route it replaces (docs/model.md).
@Suite("Fused judgment pass")
struct FusedPassTests {
    /// A random problem whose judgments mix free, locked and unanchored rows.
    /// `lockedAtZero`: locked judgments sit at 0 (so whole row blocks can have j = 0).
    static func problem(m: Int, n: Int, k: Int, seed: UInt64, locked: Double, unanchored: Double,
                        lockedAtZero: Bool = false) -> Problem {
        var rng = SplitMix64(seed: seed)
        func matrix(_ r: Int, _ c: Int) -> Matrix {
            Matrix(rows: r, columns: c, storage: (0..<(r * c)).map { _ in rng.uniform(-1, 1) })
        }
        var j = ItemGroup(.judgment, count: m)
        for i in 0..<m {
            j.initial[i] = rng.uniform(-1, 1)
            let u = rng.uniform(0, 1)
            if lockedAtZero && u < locked { j.initial[i] = 0 }
            if u < locked { j.lower[i] = j.initial[i]; j.upper[i] = j.initial[i] }
            else if u < locked + unanchored { j.confidence[i] = 0 }
            else { j.confidence[i] = rng.uniform(0.1, 2) }
        }
        var p = ItemGroup(.principle, count: n)
        for a in 0..<n { p.initial[a] = rng.uniform(0, 1) }
        return Problem(judgments: j, principles: p, theories: ItemGroup(.theory, count: k),
                       compatibility: Compatibility(judgmentPrinciple: matrix(m, n), principleTheory: k > 0 ? matrix(n, k) : nil,
                                                    judgmentTheory: k > 0 ? matrix(m, k) : nil),
                       blockWeights: BlockWeights(judgmentPrinciple: 0.3, principleTheory: 0.7, judgmentTheory: 0.2))
    }

    @Test(arguments: [(1, 1, 0), (7, 3, 2), (33, 17, 5), (300, 41, 0), (9001, 13, 3)], [(0.0, 0.0), (1.0, 0.0), (0.2, 0.2), (0.0, 1.0)])
    func equalsTheTwoGemvRoute(shape: (Int, Int, Int), mix: (Double, Double)) {
        let (m, n, k) = shape
        Self.expectAgreement(Objective(Self.problem(m: m, n: n, k: k, seed: UInt64(m * 31 + n), locked: mix.0, unanchored: mix.1)))
    }

    /// The kernel works on blocks of 4 rows with vectors of 4 or 8 doubles (chosen for the
    /// CPU): row counts that leave 1–3 rows over (also inside each thread's share, which starts
    /// at an odd row when m is split), column counts below, at and around the vector widths, and
    /// blocks whose judgments are all 0 (locked at 0: the block's update is skipped).
    @Test(arguments: [(4, 8, 0), (5, 9, 1), (6, 15, 7), (7, 16, 8), (11, 1, 4), (13, 24, 23), (8195, 33, 17), (8197, 64, 9)],
          [(0.0, 0.0), (0.6, 0.1)])
    func remainderRowsAndColumns(shape: (Int, Int, Int), mix: (Double, Double)) {
        let (m, n, k) = shape
        Self.expectAgreement(Objective(Self.problem(m: m, n: n, k: k, seed: UInt64(7 * m + n), locked: mix.0, unanchored: mix.1,
                                                    lockedAtZero: true)))
    }

    /// The fused pass from a random feasible start equals the two-gemv route to 1e-12.
    static func expectAgreement(_ o: Objective, sourceLocation: SourceLocation = #_sourceLocation) {
        let m = o.m, k = o.k
        var rng = SplitMix64(seed: UInt64(m + k))
        let start = o.project((0..<o.count).map { i in i < m ? rng.uniform(-1, 1) : rng.uniform(-0.5, 1.5) })
        // Reference: pull by dgemv, closed form in Swift, then (W x)_Y by dgemv.
        let reduced = ReducedObjective(objective: o, start: start)
        let reference = reduced.state(at: Array(start[m...]))
        let referencePull = Array(o.coherenceGradient(reference)[..<m])
        let referenceY = Array(o.coherenceGradient(reference)[m...])

        var fused = start
        var pull = [Double](repeating: .nan, count: m)
        let y = pull.withUnsafeMutableBufferPointer { o.fusedJudgmentPass(&fused, fallback: Array(start[..<m]), pull: $0.baseAddress) }
        let scale = 1 + (referenceY.map(abs).max() ?? 0)
        #expect(zip(fused, reference).allSatisfy { abs($0 - $1) <= 1e-12 }, sourceLocation: sourceLocation)
        #expect(zip(pull, referencePull).allSatisfy { abs($0 - $1) <= 1e-12 * scale }, sourceLocation: sourceLocation)
        #expect(zip(y, referenceY).allSatisfy { abs($0 - $1) <= 1e-12 * scale }, sourceLocation: sourceLocation)
    }
}

import Testing
@testable import ReflectiveEquilibrium

/// The fused C row pass against the two-`dgemv` route it replaces (DESIGN §2).
@Suite("Fused judgment pass")
struct FusedPassTests {
    /// A random problem whose judgments mix free, locked and unanchored rows.
    static func problem(m: Int, n: Int, k: Int, seed: UInt64, locked: Double, unanchored: Double) -> Problem {
        var rng = SplitMix64(seed: seed)
        func matrix(_ r: Int, _ c: Int) -> Matrix {
            Matrix(rows: r, columns: c, storage: (0..<(r * c)).map { _ in rng.uniform(-1, 1) })
        }
        var j = ItemGroup(.judgment, count: m)
        for i in 0..<m {
            j.initial[i] = rng.uniform(-1, 1)
            let u = rng.uniform(0, 1)
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
        let o = Objective(Self.problem(m: m, n: n, k: k, seed: UInt64(m * 31 + n), locked: mix.0, unanchored: mix.1))
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
        #expect(zip(fused, reference).allSatisfy { abs($0 - $1) <= 1e-12 })
        #expect(zip(pull, referencePull).allSatisfy { abs($0 - $1) <= 1e-12 * scale })
        #expect(zip(y, referenceY).allSatisfy { abs($0 - $1) <= 1e-12 * scale })
    }
}

import Testing
@testable import ReflectiveEquilibrium

/// docs/solvers.md, `exhaustive`: the best corner of the box, checked against a brute force written
/// here (the dense H of the test support, every corner enumerated by a plain loop over bit
/// masks, f evaluated from H directly).
@Suite("Exhaustive search over the corners")
struct ExhaustiveTests {
    /// A tiny random problem: the convex generator's blocks, parsimony, locks and tightened bounds,
    /// with the anchoring then weakened (`λ · U(0, 0.5)`) and a quarter of it removed (`λ = 0`),
    /// so that the best corners are not all decided by the anchoring.
    struct TinyCase: Sendable, CustomTestStringConvertible {
        var m: Int, n: Int, k: Int
        var withS = true
        var mode: Mode = .wide
        var seed: UInt64

        var testDescription: String { "\(m)×\(n)×\(k)\(withS ? "+S" : "") \(mode.rawValue) seed \(seed)" }

        var problem: Problem {
            var p = RandomProblems.convex(ProblemShape(m: m, n: n, k: k, withS: withS, density: 0.7, lockSome: true), seed: seed)
            var rng = SplitMix64(seed: seed &+ 0xE0)
            func weaken(_ confidence: [Double]) -> [Double] { confidence.map { rng.chance(0.25) ? 0 : $0 * rng.uniform(0, 0.5) } }
            p.judgments.confidence = weaken(p.judgments.confidence)
            p.principles.confidence = weaken(p.principles.confidence)
            p.theories.confidence = weaken(p.theories.confidence)
            p.mode = mode
            return p
        }

        static let all: [TinyCase] = [
            (1, 0, 0, Mode.wide), (0, 1, 0, .wide), (1, 1, 0, .wide), (2, 1, 1, .wide), (3, 2, 1, .wide),
            (4, 3, 2, .wide), (6, 3, 3, .wide), (5, 4, 2, .narrow), (6, 3, 2, .topDown), (4, 4, 3, .bottomUp),
        ].flatMap { shape in (1...3).map { TinyCase(m: shape.0, n: shape.1, k: shape.2, mode: shape.3, seed: $0) } }
            + [TinyCase(m: 5, n: 4, k: 3, withS: false, seed: 4)]
    }

    /// The brute force: every corner of the free items by a plain loop over bit masks, f from the
    /// dense H as `f(l + δ) = f(l) + ∇f(l)ᵀδ + ½ δᵀHδ` (δ non-zero on the items at their upper bound).
    struct BruteForce {
        var best: [Double]
        var value: Double
        /// The gap between the best and the second-best corner value (∞ with one corner).
        var gap: Double
        var corners: Int

        init(_ dense: DenseModel) {
            let h = dense.hessian, size = dense.count, lower = dense.lower
            let free = dense.freeIndices, r = free.count
            let gradient = dense.gradient(lower), base = dense.value(lower)
            let span = free.map { dense.upper[$0] - lower[$0] }
            var values: [Double] = []
            var bestMask = 0, bestValue = Double.infinity
            var set: [Int] = []
            for mask in 0..<(1 << r) {
                set.removeAll(keepingCapacity: true)
                for a in 0..<r where (mask >> a) & 1 == 1 { set.append(a) }
                var v = base
                for a in set {
                    var hd = 0.0
                    for b in set { hd += h[free[a] * size + free[b]] * span[b] }
                    v += span[a] * (gradient[free[a]] + 0.5 * hd)
                }
                values.append(v)
                if v < bestValue { bestValue = v; bestMask = mask }
            }
            values.sort()
            best = lower
            for a in 0..<r where (bestMask >> a) & 1 == 1 { best[free[a]] = dense.upper[free[a]] }
            value = bestValue
            gap = values.count > 1 ? values[1] - values[0] : .infinity
            corners = values.count
        }
    }

    @Test("the best corner equals brute force over all 2^N corners (same corner, same value to 1e-12)",
          arguments: TinyCase.all)
    func matchesBruteForce(_ c: TinyCase) throws {
        let problem = c.problem
        let dense = DenseModel(problem)
        try #require(dense.count <= 12)
        let truth = BruteForce(dense)
        let r = try problem.solve(.exhaustive)
        let x = r.state
        #expect(r.iterations == truth.corners)
        #expect(dense.isFeasible(x))
        #expect(dense.freeIndices.allSatisfy { x[$0] == dense.lower[$0] || x[$0] == dense.upper[$0] }, "not a corner")
        #expect(abs(dense.value(x) - truth.value) <= 1e-12 * max(1, abs(truth.value)),
                "f = \(dense.value(x)), brute force \(truth.value)")
        #expect(isClose(r.objective.total, -truth.value - dense.anchorConstant, 1e-12))
        if truth.gap > 1e-9 { #expect(x == truth.best, "gap \(truth.gap)") }
        let kkt = dense.kktResidual(x)
        #expect(r.status == (kkt <= r.tolerance ? .converged : .bestCorner), "status \(r.status), KKT \(kkt)")
        expectHonestLabel(r, c.testDescription)
    }

    @Test("walks of many chunks and blocks (r = 14, chunks of 2^11) find the brute-force corner")
    func manyChunks() throws {
        let problem = RandomProblems.nonConvex(m: 8, n: 4, k: 2, withS: true, seed: 9)
        let dense = DenseModel(problem)
        try #require(dense.freeIndices.count == 14)
        let truth = BruteForce(dense)
        let objective = Objective(problem)
        let raw = try ExhaustiveSolver(chunk: 1 << 11).run(objective, from: objective.startingPoint(nil), options: SolverOptions(),
                                                            deadline: Deadline(seconds: nil))
        #expect(raw.iterations == 1 << 14)
        #expect(abs(dense.value(raw.x) - truth.value) <= 1e-12 * max(1, abs(truth.value)))
        if truth.gap > 1e-9 { #expect(raw.x == truth.best) }
    }

    @Test("the continuous optimum dominates the best corner on convex problems", arguments: [1, 2, 3] as [UInt64])
    func continuousDominates(_ seed: UInt64) throws {
        for shape in [ProblemShape.tiny, ProblemShape(m: 4, n: 3, k: 2, withS: true, lockSome: true)] {
            let problem = RandomProblems.convex(shape, seed: seed)
            let corner = try problem.solve(.exhaustive)
            for solver in SolverKind.continuous {
                let r = try problem.solve(solver)
                try #require(r.status == .converged)
                #expect(r.objective.total >= corner.objective.total - 1e-9,
                        "\(solver.rawValue) \(shape.testDescription): \(r.objective.total) < best corner \(corner.objective.total)")
            }
        }
    }

    @Test("more than 25 revisable items is refused with a named error")
    func overLimit() throws {
        let problem = Problem(judgments: ItemGroup(.judgment, count: 20), principles: ItemGroup(.principle, count: 4),
                              theories: ItemGroup(.theory, count: 2), compatibility: Compatibility(judgmentPrinciple: Matrix(rows: 20, columns: 4)))
        #expect(throws: SolverError.tooManyItemsForExhaustive(revisable: 26, limit: 25)) { try problem.solve(.exhaustive) }
        let message = SolverError.tooManyItemsForExhaustive(revisable: 26, limit: 25).description
        #expect(message.contains("26") && message.contains("25"))
        // Modes count only the revisable groups: bottom-up locks the 20 judgments.
        #expect(try problem.solve(.exhaustive, mode: .bottomUp).iterations == 1 << 6)
    }

    @Test("25 locked items and a few revisable ones: only the revisable corners are walked")
    func manyLocked() throws {
        var judgments = ItemGroup(.judgment, count: 27)
        for i in 0..<25 { judgments.lower[i] = judgments.initial[i]; judgments.upper[i] = judgments.initial[i] }
        var rng = SplitMix64(seed: 5)
        let problem = Problem(judgments: judgments, principles: ItemGroup(.principle, count: 3), theories: ItemGroup(.theory, count: 1),
                              compatibility: Compatibility(judgmentPrinciple: RandomProblems.block(27, 3, density: 0.8, &rng),
                                                           principleTheory: RandomProblems.block(3, 1, density: 1, &rng)))
        let r = try problem.solve(.exhaustive)
        #expect(r.iterations == 1 << 6)
        let truth = BruteForce(DenseModel(problem))
        #expect(abs(DenseModel(problem).value(r.state) - truth.value) <= 1e-12 * max(1, abs(truth.value)))
        #expect((0..<25).allSatisfy { r.state[$0] == judgments.initial[$0] })
    }

    @Test("25 revisable items are accepted; an iteration cap or the deadline ends the walk with an honest status")
    func limitsAreLabelled() throws {
        let problem = RandomProblems.nonConvex(m: 18, n: 5, k: 2, seed: 3)
        let capped = try problem.solve(.exhaustive, options: SolverOptions(maxIterations: 3000))
        #expect(capped.status == .maxIterations)
        #expect(capped.iterations == 3000)
        let timed = try problem.solve(.exhaustive, options: SolverOptions(timeLimit: 0))
        #expect(timed.status == .timeLimit)
        #expect(timed.iterations == Int(CornerWalk.chunk))
        for r in [capped, timed] {
            expectHonestLabel(r)
            #expect(DenseModel(problem).isFeasible(r.state))
        }
    }

    @Test("ties keep the first corner in Gray order")
    func ties() throws {
        // Nothing pulls: every corner has f = 0, so the first corner (all lower bounds) wins.
        var judgments = ItemGroup(.judgment, count: 3), principles = ItemGroup(.principle, count: 2)
        judgments.confidence = [0, 0, 0]
        principles.confidence = [0, 0]
        let flat = Problem(judgments: judgments, principles: principles, compatibility: Compatibility(judgmentPrinciple: Matrix(rows: 3, columns: 2)))
        #expect(try flat.solve(.exhaustive).state == [-1, -1, -1, 0, 0])
        // Only the first judgment matters (it prefers its upper bound): the first corner in Gray
        // order with it there is step 1, the others still at their lower bounds.
        judgments.confidence[0] = 1
        var first = flat
        first.judgments = judgments
        #expect(try first.solve(.exhaustive).state == [1, -1, -1, 0, 0])
    }

    @Test("status: converged when the best corner is a KKT point, bestCorner otherwise")
    func cornerStatus() throws {
        // f = −x (λ = 0, pulled up by a principle fixed at 1): the upper bound is a KKT point.
        let pulled = Tiny.problem(judgments: [Tiny.judgment("j", 0.3, confidence: 0)],
                                  principles: [Tiny.principle("p", 1, confidence: 1, lower: 1, upper: 1)], a: [[1]])
        let r1 = try pulled.solve(.exhaustive)
        #expect(r1.status == .converged)
        #expect(r1.state == [1, 1])
        // f = ½ (x − 0.3)²: the best corner is 1, but the optimum 0.3 is inside.
        let anchored = Tiny.problem(judgments: [Tiny.judgment("j", 0.3, confidence: 1)],
                                    principles: [Tiny.principle("p", 0, confidence: 1, lower: 0, upper: 0)], a: [[0]])
        let r2 = try anchored.solve(.exhaustive)
        #expect(r2.status == .bestCorner)
        #expect(r2.state == [1, 0])
        #expect(!r2.isEquilibrium)
    }
}

import Testing
@testable import ReflectiveEquilibrium

/// Problems small enough to solve by hand (docs/model.md), checked for every continuous solver.
///
/// One judgment j and one principle p with compatibility a (α_JP = 1):
///
///     f(j, p) = ½ λ_j j² + ½ λ_p p² − a j p − λ_j j0 j − (λ_p p0 − μ) p
///
/// With `H = [[λ_j, −a], [−a, λ_p]]` and `c = (λ_j j0, λ_p p0 − μ)`, the interior stationary
/// point solves `H x = c` (Cramer): `j = (λ_p c_j + a c_p)/det`, `p = (a c_j + λ_j c_p)/det`,
/// `det = λ_j λ_p − a²`. When a bound binds, the bound item is fixed and the other one is the
/// one-dimensional minimizer `clip(x0 + (pull − μ)/λ)`.
@Suite("Closed-form equilibria")
struct ClosedFormTests {
    /// One judgment and one principle, as a test argument.
    struct Pair: Sendable, CustomTestStringConvertible {
        var name: String
        var j0: Double, lambdaJ: Double
        var p0: Double, lambdaP: Double, mu: Double
        var a: Double
        var testDescription: String { name }

        var problem: Problem {
            Tiny.problem(judgments: [Tiny.judgment("j", j0, confidence: lambdaJ)],
                         principles: [Tiny.principle("p", p0, confidence: lambdaP, parsimony: mu)],
                         a: [[a]])
        }

        var cJ: Double { lambdaJ * j0 }
        var cP: Double { lambdaP * p0 - mu }
        var det: Double { lambdaJ * lambdaP - a * a }
        /// The unconstrained stationary point (Cramer's rule on the 2×2 system).
        var interior: (j: Double, p: Double) { ((lambdaP * cJ + a * cP) / det, (a * cJ + lambdaJ * cP) / det) }
        /// p given j: `clip(p0 + (a j − μ)/λ_p, 0, 1)`.
        func bestP(given j: Double) -> Double { clip(p0 + (a * j - mu) / lambdaP, 0, 1) }
        /// j given p: `clip(j0 + a p / λ_j, −1, 1)`.
        func bestJ(given p: Double) -> Double { clip(j0 + a * p / lambdaJ, -1, 1) }
    }

    // Interior: det = 5.75, c = (0.4, 1.1), (j, p) = (1.75, 2.4)/5.75, both inside the box.
    static let interiorPair = Pair(name: "interior", j0: 0.2, lambdaJ: 2, p0: 0.4, lambdaP: 3, mu: 0.1, a: 0.5)

    @Test("one judgment, one principle, interior: the 2×2 KKT system", arguments: continuousSolvers)
    func interior(_ solver: SolverKind) throws {
        let pair = Self.interiorPair
        let (j, p) = pair.interior
        try #require(j > -1 && j < 1 && p > 0 && p < 1, "the case must be interior")
        #expect(isClose(j, 1.75 / 5.75, 1e-14) && isClose(p, 2.4 / 5.75, 1e-14))
        let r = try pair.problem.solve(solver)
        expectConvergedKKT(r, DenseModel(pair.problem))
        #expect(abs(r.value(of: "j")! - j) <= 1e-8, "\(solver): j = \(r.value(of: "j")!), expected \(j)")
        #expect(abs(r.value(of: "p")! - p) <= 1e-8, "\(solver): p = \(r.value(of: "p")!), expected \(p)")
    }

    /// Cases where a bound binds, with the expected activity of (j, p).
    enum Activity: String, Sendable { case lower, interior, upper }

    struct BoundCase: Sendable, CustomTestStringConvertible {
        var pair: Pair
        var j: Activity, p: Activity
        var testDescription: String { pair.name }
    }

    static let boundCases: [BoundCase] = [
        // Unconstrained j = 2.2/1.75 > 1: j = 1, then p = 0.2 + 0.5·1/2 = 0.45.
        BoundCase(pair: Pair(name: "judgment at upper", j0: 1, lambdaJ: 1, p0: 0.2, lambdaP: 2, mu: 0, a: 0.5), j: .upper, p: .interior),
        // Unconstrained p = (0.15 − 0.4)/0.91 < 0: p = 0 (parsimony), then j = j0 = 0.5.
        BoundCase(pair: Pair(name: "principle at lower (parsimony)", j0: 0.5, lambdaJ: 1, p0: 0.1, lambdaP: 1, mu: 0.5, a: 0.3), j: .interior, p: .lower),
        // Both pushed up: j = 1, p = clip(0.9 + 0.8) = 1.
        BoundCase(pair: Pair(name: "both at upper", j0: 1, lambdaJ: 1, p0: 0.9, lambdaP: 1, mu: 0, a: 0.8), j: .upper, p: .upper),
        // Conflict: an adopted principle reverses a judgment: p = 1, j = clip(−0.5 − 0.9·1/0.5) = −1.
        BoundCase(pair: Pair(name: "judgment reversed to lower", j0: -0.5, lambdaJ: 0.5, p0: 1, lambdaP: 4, mu: 0, a: -0.9), j: .lower, p: .upper),
    ]

    /// The equilibrium by the case analysis: fix the bound items, minimize over the rest.
    static func expected(_ c: BoundCase) -> (j: Double, p: Double) {
        let pr = c.pair
        func bound(_ a: Activity, lower: Double, upper: Double) -> Double? {
            a == .lower ? lower : (a == .upper ? upper : nil)
        }
        switch (bound(c.j, lower: -1, upper: 1), bound(c.p, lower: 0, upper: 1)) {
        case let (j?, p?): return (j, p)
        case let (j?, nil): return (j, pr.bestP(given: j))
        case let (nil, p?): return (pr.bestJ(given: p), p)
        case (nil, nil): return pr.interior
        }
    }

    @Test("one judgment, one principle, a bound active", arguments: continuousSolvers, boundCases)
    func boundActive(_ solver: SolverKind, _ c: BoundCase) throws {
        let (j, p) = Self.expected(c)
        let pr = c.pair
        // The case analysis is right only if the KKT signs hold: at an upper bound the gradient
        // is ≤ 0, at a lower bound ≥ 0, and the free item is strictly inside.
        let gj = pr.lambdaJ * (j - pr.j0) - pr.a * p
        let gp = pr.lambdaP * (p - pr.p0) + pr.mu - pr.a * j
        for (activity, g, v, lo, hi) in [(c.j, gj, j, -1.0, 1.0), (c.p, gp, p, 0.0, 1.0)] {
            switch activity {
            case .upper: try #require(g <= 0 && v == hi)
            case .lower: try #require(g >= 0 && v == lo)
            case .interior: try #require(v > lo && v < hi && abs(g) < 1e-14)
            }
        }
        let r = try pr.problem.solve(solver)
        expectConvergedKKT(r, DenseModel(pr.problem))
        #expect(abs(r.value(of: "j")! - j) <= 1e-8, "\(solver) \(pr.name): j = \(r.value(of: "j")!), expected \(j)")
        #expect(abs(r.value(of: "p")! - p) <= 1e-8, "\(solver) \(pr.name): p = \(r.value(of: "p")!), expected \(p)")
    }

    @Test("a locked item stays put; the others follow the closed form", arguments: continuousSolvers)
    func lockedItem(_ solver: SolverKind) throws {
        // j1 is locked at 0.3 (an initial value must lie inside its own bounds: it is 0.3 too).
        // With j1 fixed, (j2, p) solve the 2×2 system
        //   [[λ2, −a2], [−a2, λp]] (j2, p) = (λ2 x2, λp p0 − μ + a1·0.3).
        let (l2, lp, a1, a2, x2, p0, mu) = (2.0, 3.0, 0.8, -0.4, 0.1, 0.5, 0.2)
        let problem = Tiny.problem(
            judgments: [Tiny.judgment("j1", 0.3, confidence: 1, lower: 0.3, upper: 0.3), Tiny.judgment("j2", x2, confidence: l2)],
            principles: [Tiny.principle("p", p0, confidence: lp, parsimony: mu)],
            a: [[a1], [a2]])
        let c2 = l2 * x2, cp = lp * p0 - mu + a1 * 0.3
        let det = l2 * lp - a2 * a2
        let j2 = (lp * c2 + a2 * cp) / det, p = (a2 * c2 + l2 * cp) / det
        try #require(j2 > -1 && j2 < 1 && p > 0 && p < 1)
        let r = try problem.solve(solver)
        expectConvergedKKT(r, DenseModel(problem))
        #expect(r.value(of: "j1") == 0.3, "\(solver): the locked judgment moved to \(r.value(of: "j1")!)")
        #expect(abs(r.value(of: "j2")! - j2) <= 1e-8, "\(solver): j2 = \(r.value(of: "j2")!), expected \(j2)")
        #expect(abs(r.value(of: "p")! - p) <= 1e-8, "\(solver): p = \(r.value(of: "p")!), expected \(p)")
    }

    @Test("a locked principle: judgments are clip(x0 + a·p/λ)", arguments: continuousSolvers)
    func lockedPrinciple(_ solver: SolverKind) throws {
        let p = 0.6
        let rows: [(x0: Double, lambda: Double, a: Double)] = [(0.9, 1, 0.7), (0.0, 2, -0.5), (-0.2, 0.5, 0.3)]
        let problem = Tiny.problem(
            judgments: rows.enumerated().map { Tiny.judgment("j\($0.offset)", $0.element.x0, confidence: $0.element.lambda) },
            principles: [Tiny.principle("p", p, confidence: 1, lower: p, upper: p)],
            a: rows.map { [$0.a] })
        let r = try problem.solve(solver)
        expectConvergedKKT(r, DenseModel(problem))
        #expect(r.value(of: "p") == p, "\(solver): the locked principle moved")
        for (i, row) in rows.enumerated() {
            let expected = clip(row.x0 + row.a * p / row.lambda, -1, 1)
            #expect(abs(r.value(of: "j\(i)")! - expected) <= 1e-8, "\(solver) j\(i): \(r.value(of: "j\(i)")!) vs \(expected)")
        }
        #expect(r.value(of: "j0") == 1, "\(solver): 0.9 + 0.42 must clip to the upper bound")
    }

    @Test("unanchored principles (λ = 0) go to the bound their net pull picks", arguments: continuousSolvers)
    func unanchoredPrinciples(_ solver: SolverKind) throws {
        // Judgments locked at 0.8 and −0.5. Net pull on p_a is (Aᵀj)_a − μ_a:
        //   p1: 0.5·0.8 + 0.2·(−0.5) − 0.1 = 0.2 > 0 → its upper bound 0.7;
        //   p2: −0.3·0.8 + 0.4·(−0.5) − 0.05 = −0.49 < 0 → its lower bound 0;
        //   p3: 0.6·0.8 − 0.1·(−0.5) − 0.3 = 0.23 > 0 → 1, even though x0 = 0.
        let problem = Tiny.problem(
            judgments: [Tiny.judgment("j1", 0.8, confidence: 1, lower: 0.8, upper: 0.8),
                        Tiny.judgment("j2", -0.5, confidence: 1, lower: -0.5, upper: -0.5)],
            principles: [Tiny.principle("p1", 0.3, confidence: 0, parsimony: 0.1, upper: 0.7),
                         Tiny.principle("p2", 0.9, confidence: 0, parsimony: 0.05),
                         Tiny.principle("p3", 0.0, confidence: 0, parsimony: 0.3)],
            a: [[0.5, -0.3, 0.6], [0.2, 0.4, -0.1]])
        let r = try problem.solve(solver)
        expectConvergedKKT(r, DenseModel(problem))
        #expect(r.value(of: "p1") == 0.7, "\(solver): p1 = \(r.value(of: "p1")!)")
        #expect(r.value(of: "p2") == 0, "\(solver): p2 = \(r.value(of: "p2")!)")
        #expect(r.value(of: "p3") == 1, "\(solver): p3 = \(r.value(of: "p3")!)")
    }

    @Test("unanchored judgments (λ = 0) go to the bound the sign of their pull picks", arguments: continuousSolvers)
    func unanchoredJudgments(_ solver: SolverKind) throws {
        // Principles locked at 0.6 and 0.9. Pull (A p)_i:
        //   j1: 0.5·0.6 − 0.1·0.9 = 0.21 > 0 → its upper bound 0.8;
        //   j2: −0.5·0.6 + 0.2·0.9 = −0.12 < 0 → its lower bound −0.6;
        //   j3: −0.2·0.6 + 0.3·0.9 = 0.15 > 0 → 1 (from x0 = −1).
        let problem = Tiny.problem(
            judgments: [Tiny.judgment("j1", 0.0, confidence: 0, upper: 0.8),
                        Tiny.judgment("j2", 1.0, confidence: 0, lower: -0.6),
                        Tiny.judgment("j3", -1.0, confidence: 0)],
            principles: [Tiny.principle("p1", 0.6, confidence: 1, lower: 0.6, upper: 0.6),
                         Tiny.principle("p2", 0.9, confidence: 1, lower: 0.9, upper: 0.9)],
            a: [[0.5, -0.1], [-0.5, 0.2], [-0.2, 0.3]])
        let r = try problem.solve(solver)
        expectConvergedKKT(r, DenseModel(problem))
        #expect(r.value(of: "j1") == 0.8, "\(solver): j1 = \(r.value(of: "j1")!)")
        #expect(r.value(of: "j2") == -0.6, "\(solver): j2 = \(r.value(of: "j2")!)")
        #expect(r.value(of: "j3") == 1, "\(solver): j3 = \(r.value(of: "j3")!)")
    }

    @Test("with every block weight 0 the items decouple: x = clip(x0 − μ̃/λ)", arguments: continuousSolvers)
    func zeroBlockWeights(_ solver: SolverKind) throws {
        var problem = RandomProblems.convex(.locks, seed: 13)
        problem.blockWeights = BlockWeights(judgmentPrinciple: 0, principleTheory: 0, judgmentTheory: 0, principlePrinciple: 0)
        let groups = [problem.judgments, problem.principles, problem.theories]
        let expected = groups.flatMap { g in
            (0..<g.count).map { clip(g.initial[$0] - g.parsimony[$0] / g.confidence[$0], g.lower[$0], g.upper[$0]) }
        }
        try #require(problem.principles.parsimony.contains { $0 > 0 }, "parsimony must move something")
        let r = try problem.solve(solver)
        expectConvergedKKT(r, DenseModel(problem))
        #expect(maxAbsDifference(r.state, expected) <= 1e-12, "\(solver)")
    }
}

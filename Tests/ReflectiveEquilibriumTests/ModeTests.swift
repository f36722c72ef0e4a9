import Testing
@testable import ReflectiveEquilibrium

/// The modes of docs/modes.md on tiny problems solved by hand, and on random problems against the
/// dense reference, for every continuous solver.
@Suite("Modes")
struct ModeTests {
    static let weights = BlockWeights(judgmentPrinciple: 1.0, principleTheory: 0.8, judgmentTheory: 0.6, principlePrinciple: 0.5)
    static let aRows: [[Double]] = [[0.8, -0.3], [0.5, 0.6], [-0.7, 0.2]]
    static let cRows: [[Double]] = [[0.3], [-0.2], [0.6]]
    static let judgmentItems = [Tiny.judgment("j1", 1.0, confidence: 2), Tiny.judgment("j2", 0.2, confidence: 1.5),
                                Tiny.judgment("j3", -0.4, confidence: 3)]

    /// 3 judgments, 2 principles, 1 theory, every block present.
    static func fullFixture(mode: Mode = .wide) -> Problem {
        Tiny.problem(judgments: judgmentItems,
                     principles: [Tiny.principle("p1", 0.6, confidence: 4, parsimony: 0.1), Tiny.principle("p2", 0.3, confidence: 5)],
                     theories: [Tiny.theory("t", 0.5, confidence: 3)],
                     a: aRows, b: [[0.4], [-0.5]], c: cRows, s: [[0, 0.2], [0.2, 0]], weights: weights, mode: mode)
    }

    @Test("top-down: j = clip(x0 + (α_JP A p0 + α_JT C t0)/λ); principles and theories stay", arguments: continuousSolvers)
    func topDown(_ solver: SolverKind) throws {
        let p0 = [0.6, 0.3], t0 = 0.5
        let expected = Self.judgmentItems.enumerated().map { i, item in
            let pull = Self.weights.judgmentPrinciple * (Self.aRows[i][0] * p0[0] + Self.aRows[i][1] * p0[1])
                + Self.weights.judgmentTheory * Self.cRows[i][0] * t0
            return clip(item.initial + pull / item.confidence, -1, 1)
        }
        try #require(expected[0] == 1, "j1 = 1 + 0.48/2 must clip to the upper bound")
        let results = [try Self.fullFixture().solve(solver, mode: .topDown), try Self.fullFixture(mode: .topDown).solve(solver)]
        for r in results {
            expectConvergedKKT(r, DenseModel(Self.fullFixture(), mode: .topDown))
            #expect(r.mode == .topDown)
            for (i, e) in expected.enumerated() {
                #expect(abs(r.value(of: "j\(i + 1)")! - e) <= 1e-8, "\(solver): j\(i + 1) = \(r.value(of: "j\(i + 1)")!), expected \(e)")
            }
            #expect(r.value(of: "p1") == p0[0] && r.value(of: "p2") == p0[1] && r.value(of: "t") == t0, "\(solver): locked groups moved")
            #expect(r.revisionShare.principles == 0 && r.revisionShare.theories == 0)
        }
    }

    @Test("bottom-up: judgments stay; p = clip(x0 + (α_JP Aᵀj0 − μ)/λ), t = clip(x0 + α_JT Cᵀj0/λ)", arguments: continuousSolvers)
    func bottomUp(_ solver: SolverKind) throws {
        // Without B and S the principles and theories decouple once the judgments are fixed.
        let principles = [Tiny.principle("p1", 0.6, confidence: 1, parsimony: 0.1), Tiny.principle("p2", 0.3, confidence: 5)]
        let theory = Tiny.theory("t", 0.5, confidence: 3)
        let problem = Tiny.problem(judgments: Self.judgmentItems, principles: principles, theories: [theory],
                                   a: Self.aRows, c: Self.cRows, weights: Self.weights)
        let j0 = Self.judgmentItems.map(\.initial)
        let expectedP = principles.enumerated().map { a, item in
            let pull = Self.weights.judgmentPrinciple * (0..<3).reduce(0.0) { $0 + Self.aRows[$1][a] * j0[$1] }
            return clip(item.initial + (pull - item.parsimony) / item.confidence, 0, 1)
        }
        let expectedT = clip(0.5 + Self.weights.judgmentTheory * (0..<3).reduce(0.0) { $0 + Self.cRows[$1][0] * j0[$1] } / 3, 0, 1)
        try #require(expectedP[0] == 1, "p1 = 0.6 + 1.08 must clip to the upper bound")
        let r = try problem.solve(solver, mode: .bottomUp)
        expectConvergedKKT(r, DenseModel(problem, mode: .bottomUp))
        #expect(r.mode == .bottomUp)
        for (i, x) in j0.enumerated() { #expect(r.value(of: "j\(i + 1)") == x, "\(solver): judgment j\(i + 1) moved") }
        #expect(abs(r.value(of: "p1")! - expectedP[0]) <= 1e-8, "\(solver): p1 = \(r.value(of: "p1")!), expected \(expectedP[0])")
        #expect(abs(r.value(of: "p2")! - expectedP[1]) <= 1e-8, "\(solver): p2 = \(r.value(of: "p2")!), expected \(expectedP[1])")
        #expect(abs(r.value(of: "t")! - expectedT) <= 1e-8, "\(solver): t = \(r.value(of: "t")!), expected \(expectedT)")
        #expect(r.revisionShare.judgments == 0)
    }

    /// One item per group: j0 = 0.1, λ 2; p0 = 0.5, λ 2, μ 0.2; t0 = 0.3, λ 2; a = 0.6, b = 0.9, c = −0.8.
    static let triple = Tiny.problem(judgments: [Tiny.judgment("j", 0.1, confidence: 2)],
                                     principles: [Tiny.principle("p", 0.5, confidence: 2, parsimony: 0.2)],
                                     theories: [Tiny.theory("t", 0.3, confidence: 2)],
                                     a: [[0.6]], b: [[0.9]], c: [[-0.8]])

    /// Narrow: t stays at 0.3 and (j, p) solve [[2, −0.6], [−0.6, 2]] (j, p) = (0.2, 0.8).
    static let narrowSolution = Dense.solve([[2, -0.6], [-0.6, 2]], [0.2, 0.8])!
    /// Wide: H = [[2, −0.6, 0.8], [−0.6, 2, −0.9], [0.8, −0.9, 2]], c = (0.2, 0.8, 0.6).
    static let wideSolution = Dense.solve([[2, -0.6, 0.8], [-0.6, 2, -0.9], [0.8, -0.9, 2]], [0.2, 0.8, 0.6])!

    @Test("narrow: theories are ignored and stay; judgment and principle solve the 2×2 system", arguments: continuousSolvers)
    func narrow(_ solver: SolverKind) throws {
        let (j, p) = (Self.narrowSolution[0], Self.narrowSolution[1])
        try #require(j > -1 && j < 1 && p > 0 && p < 1)
        let r = try Self.triple.solve(solver, mode: .narrow)
        expectConvergedKKT(r, DenseModel(Self.triple, mode: .narrow))
        #expect(r.mode == .narrow)
        #expect(abs(r.value(of: "j")! - j) <= 1e-8, "\(solver): j = \(r.value(of: "j")!), expected \(j)")
        #expect(abs(r.value(of: "p")! - p) <= 1e-8, "\(solver): p = \(r.value(of: "p")!), expected \(p)")
        #expect(r.value(of: "t") == 0.3, "\(solver): the theory moved in narrow mode")
        #expect(r.revisionShare.theories == 0)
    }

    @Test("wide: all three revised, the 3×3 system", arguments: continuousSolvers)
    func wide(_ solver: SolverKind) throws {
        let x = Self.wideSolution
        try #require(x[0] > -1 && x[0] < 1 && x[1] > 0 && x[1] < 1 && x[2] > 0 && x[2] < 1)
        try #require(maxAbsDifference(Array(x[0..<2]), Self.narrowSolution) > 1e-2, "the theory must matter")
        let r = try Self.triple.solve(solver)
        expectConvergedKKT(r, DenseModel(Self.triple))
        #expect(r.mode == .wide)
        #expect(maxAbsDifference(r.state, x) <= 1e-8, "\(solver): \(r.state), expected \(x)")
    }

    @Test("the mode argument overrides the problem's mode, with the same result as setting it",
          arguments: Mode.allCases)
    func modeOverride(_ mode: Mode) throws {
        let base = RandomProblems.convex(.principlePairs, seed: 11)
        var withMode = base
        withMode.mode = mode
        let overridden = try base.solve(.activeSet, mode: mode)
        let stored = try withMode.solve(.activeSet)
        #expect(overridden.mode == mode && stored.mode == mode)
        #expect(maxAbsDifference(overridden.state, stored.state) <= 1e-12)
        // Overriding with another mode on a problem that stores one: the argument wins.
        let other: Mode = mode == .wide ? .topDown : .wide
        #expect(try withMode.solve(.activeSet, mode: other).mode == other)
    }

    @Test("random problems in every mode: the dense reference equilibrium and the mode's locks",
          arguments: continuousSolvers, Mode.allCases)
    func randomInEveryMode(_ solver: SolverKind, mode: Mode) throws {
        let problem = RandomProblems.convex(.locks, seed: 21)
        let dense = DenseModel(problem, mode: mode)
        let reference = dense.referenceSolution()
        try #require(dense.kktResidual(reference) <= 1e-12)
        let r = try problem.solve(solver, mode: mode)
        expectConvergedKKT(r, dense, "\(mode)")
        #expect(maxAbsDifference(r.state, reference) <= 1e-7, "\(solver) \(mode)")
        let revisable = revisableGroups(mode)
        for (i, item) in r.items.enumerated() where !revisable.contains(item.group) {
            #expect(item.value == dense.lower[i], "\(solver) \(mode): \(item.id) is not revisable but moved")
        }
    }

    @Test("top-down with 300 unanchored judgments: each goes to the bound its pull's sign picks", arguments: continuousSolvers)
    func topDownUnanchoredJudgments(_ solver: SolverKind) throws {
        var problem = RandomProblems.convex(ProblemShape(m: 300, n: 10, k: 3, density: 1), seed: 14)
        problem.judgments.confidence = [Double](repeating: 0, count: problem.judgments.count)
        let dense = DenseModel(problem, mode: .topDown)
        let pull = dense.coherenceGradient(dense.project(dense.x0))
        let (m, n, k) = problem.shape
        try #require((0..<m).allSatisfy { pull[$0] != 0 }, "a judgment without pull has no determined value")
        let r = try problem.solve(solver, mode: .topDown)
        expectConvergedKKT(r, dense)
        for i in 0..<m {
            let expected = pull[i] > 0 ? problem.judgments.upper[i] : problem.judgments.lower[i]
            #expect(r.items[i].value == expected, "\(solver) \(r.items[i].id): pull \(pull[i]), value \(r.items[i].value)")
        }
        #expect(Array(r.state[m..<(m + n + k)]) == Array(dense.lower[m...]))
    }
}


import Testing
@testable import ReflectiveEquilibrium

/// The objective through the blocks (`Objective`) against docs/model.md with W and H formed densely
/// in the test: `f(x) = ½xᵀHx − cᵀx`, `H = Λ − W`, `c = Λx0 − μ̃`,
/// `total = coherence − revisionCost − parsimonyCost = −f(x) − ½Σλx0²`.
@Suite("Objective against the dense formulas of docs/model.md")
struct ObjectiveTests {
    /// Tiny problems with every block present, and one without theories.
    static let cases: [SeededShape] =
        SeededShape.all([.tiny], seeds: [1, 2, 3]) + SeededShape.all([ProblemShape(m: 5, n: 4, k: 0, withS: true)], seeds: [4])

    /// A random problem under a mode, through the blocks and densely.
    struct Fixture {
        let problem: Problem
        let objective: Objective
        let dense: DenseModel
        let seed: UInt64

        init(_ c: SeededShape, _ mode: Mode) {
            problem = RandomProblems.convex(c.shape, seed: c.seed)
            objective = Objective(problem, mode: mode)
            dense = DenseModel(problem, mode: mode)
            seed = c.seed
        }

        /// A random point: mostly in the box, some entries exactly on a bound, some outside.
        func point(_ salt: UInt64) -> [Double] {
            var rng = SplitMix64(seed: seed &+ salt)
            return (0..<dense.count).map { i in
                let (l, u) = (dense.lower[i], dense.upper[i])
                switch rng.below(5) {
                case 0: return l
                case 1: return u
                case 2: return rng.uniform(l - 1, u + 1)
                default: return rng.uniform(l, u)
                }
            }
        }
    }

    @Test("W x through the blocks equals the dense product", arguments: cases, Mode.allCases)
    func coherenceGradient(_ c: SeededShape, mode: Mode) {
        let f = Fixture(c, mode), objective = f.objective, dense = f.dense
        let x = f.point(100)
        let wx = objective.coherenceGradient(x)
        #expect(maxAbsDifference(wx, dense.coherenceGradient(x)) <= 1e-12)
    }

    @Test("the gradient is H x − c", arguments: cases, Mode.allCases)
    func gradient(_ c: SeededShape, mode: Mode) {
        let f = Fixture(c, mode), objective = f.objective, dense = f.dense
        let x = f.point(200)
        let g = objective.gradient(x, wx: objective.coherenceGradient(x))
        #expect(maxAbsDifference(g, dense.gradient(x)) <= 1e-11)
        #expect(maxAbsDifference(objective.evaluate(x).gradient, dense.gradient(x)) <= 1e-11)
    }

    @Test("the split is coherence ½xᵀWx, revision ½Σλ(x−x0)², parsimony μ̃ᵀx, and total = −f − ½Σλx0²",
          arguments: cases, Mode.allCases)
    func split(_ c: SeededShape, mode: Mode) {
        let f = Fixture(c, mode), objective = f.objective, dense = f.dense
        let x = f.point(300)
        let s = objective.split(x, wx: objective.coherenceGradient(x))
        #expect(isClose(s.coherence, dense.coherence(x), 1e-12))
        #expect(isClose(s.revisionCost, dense.revisionCost(x), 1e-12))
        #expect(isClose(s.parsimonyCost, dense.parsimonyCost(x), 1e-12))
        #expect(isClose(s.total, dense.coherence(x) - dense.revisionCost(x) - dense.parsimonyCost(x), 1e-12))
        #expect(isClose(s.total, -dense.value(x) - dense.anchorConstant, 1e-11))
        #expect(isClose(objective.evaluate(x).split.total, s.total, 1e-14))
    }

    @Test("the KKT residual is ‖x − Π(x − ∇f)‖∞ with the mode's bounds", arguments: cases, Mode.allCases)
    func kktResidual(_ c: SeededShape, mode: Mode) {
        let f = Fixture(c, mode), objective = f.objective, dense = f.dense
        #expect(objective.lower == dense.lower)
        #expect(objective.upper == dense.upper)
        // Points in the box (the residual is defined for feasible points; clip the random one).
        let x = dense.project(f.point(400))
        let r = objective.kktResidual(x, gradient: objective.gradient(x, wx: objective.coherenceGradient(x)))
        #expect(abs(r - dense.kktResidual(x)) <= 1e-11)
        #expect(abs(objective.evaluate(x).kktResidual - dense.kktResidual(x)) <= 1e-11)
    }

    @Test("the KKT residual vanishes at the dense reference minimizer and not next to it", arguments: cases, Mode.allCases)
    func kktResidualAtMinimizer(_ c: SeededShape, mode: Mode) throws {
        let f = Fixture(c, mode), objective = f.objective, dense = f.dense
        let xStar = dense.referenceSolution()
        try #require(dense.kktResidual(xStar) <= 1e-12)
        #expect(objective.evaluate(xStar).kktResidual <= 1e-11)
        // Move one free item off its optimum, inside the box: the residual sees it.
        let free = dense.freeIndices
        try #require(!free.isEmpty)
        let i = free[Int(c.seed) % free.count]
        var y = xStar
        y[i] = xStar[i] - dense.lower[i] > dense.upper[i] - xStar[i] ? dense.lower[i] : dense.upper[i]
        try #require(abs(y[i] - xStar[i]) > 0.05)
        let r = objective.evaluate(y).kktResidual
        #expect(r > 1e-3)
        #expect(abs(r - dense.kktResidual(y)) <= 1e-11)
    }

    @Test("a NaN in the state shows in the residual")
    func kktResidualPropagatesNaN() {
        let problem = RandomProblems.convex(.tiny, seed: 9)
        let objective = Objective(problem)
        var x = DenseModel(problem).project(problem.judgments.initial + problem.principles.initial + problem.theories.initial)
        x[objective.m] = .nan
        #expect(objective.evaluate(x).kktResidual.isNaN)
    }

    @Test("the coherence of a hand-computed 1×1×1 problem")
    func handComputedCoherence() {
        // Coh = α_JP j a p + α_PT p b t + α_JT j c t with j = 0.5, p = 0.4, t = 0.8.
        let problem = Tiny.problem(
            judgments: [Tiny.judgment("j", 1, confidence: 2)],
            principles: [Tiny.principle("p", 0.5, confidence: 3, parsimony: 0.25)],
            theories: [Tiny.theory("t", 0.5, confidence: 1)],
            a: [[0.6]], b: [[-0.5]], c: [[0.9]],
            weights: BlockWeights(judgmentPrinciple: 2, principleTheory: 1.5, judgmentTheory: 0.5))
        let x = [0.5, 0.4, 0.8]
        let s = Objective(problem).split(x, wx: Objective(problem).coherenceGradient(x))
        let coherence = 2 * 0.5 * 0.6 * 0.4 + 1.5 * 0.4 * -0.5 * 0.8 + 0.5 * 0.5 * 0.9 * 0.8
        let revision = 0.5 * (2 * 0.25 + 3 * 0.01 + 1 * 0.09)
        #expect(isClose(s.coherence, coherence, 1e-15))
        #expect(isClose(s.revisionCost, revision, 1e-15))
        #expect(isClose(s.parsimonyCost, 0.25 * 0.4, 1e-15))
        // Narrow drops the theory blocks.
        let narrow = Objective(problem, mode: .narrow)
        #expect(isClose(narrow.split(x, wx: narrow.coherenceGradient(x)).coherence, 2 * 0.5 * 0.6 * 0.4, 1e-15))
    }
}

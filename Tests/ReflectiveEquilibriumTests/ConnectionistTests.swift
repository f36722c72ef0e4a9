import Testing
@testable import ReflectiveEquilibrium

/// docs/solvers.md, `connectionist`: Thagard's ECHO dynamics as a baseline. It must pick the coherent
/// side of a competition, stay in the box, and label its answer honestly (a settled network is
/// not an equilibrium unless its KKT residual says so).
@Suite("Connectionist (ECHO) baseline")
struct ConnectionistTests {
    /// Two competing clusters: principles p1, p2 support the four anchored judgments and each
    /// other; p3, p4 support each other but conflict with the judgments and with p1, p2. All
    /// principles start undecided (0.5) and weakly anchored, so the evidence decides.
    static var competingClusters: Problem {
        let judgments = (1...4).map { Tiny.judgment("j\($0)", 1, confidence: 1) }
        let principles = (1...4).map { Tiny.principle("p\($0)", 0.5, confidence: 0.2) }
        let a = [[Double]](repeating: [0.5, 0.5, -0.5, -0.5], count: 4)
        let s: [[Double]] = [[0, 0.3, -0.6, -0.6],
                             [0.3, 0, -0.6, -0.6],
                             [-0.6, -0.6, 0, 0.3],
                             [-0.6, -0.6, 0.3, 0]]
        return Tiny.problem(judgments: judgments, principles: principles, a: a, s: s)
    }

    @Test("ECHO accepts the coherent cluster and rejects the competing one")
    func competingClustersOutcome() throws {
        let problem = Self.competingClusters
        let r = try problem.solve(.connectionist)
        #expect(r.status == .settled || r.status == .converged, "status \(r.status) after \(r.iterations) cycles")
        #expect(r.kktResidual.isFinite)
        expectHonestLabel(r)
        for id in ["p1", "p2"] { #expect(r.item(id)?.class == .adopted, "\(id) = \(r.value(of: id) ?? .nan)") }
        for id in ["p3", "p4"] { #expect(r.item(id)?.class == .rejected, "\(id) = \(r.value(of: id) ?? .nan)") }
        for i in 1...4 { #expect(r.item("j\(i)")?.class == .retained) }
        // The continuous equilibrium makes the same call.
        let exact = try problem.solve(.activeSet)
        #expect(exact.items.map(\.class) == r.items.map(\.class))
    }

    @Test("ECHO stays in the box and leaves locked items where they are",
          arguments: [ProblemShape.locks, ProblemShape.tiny, ProblemShape.noJudgments], [Mode.wide, .topDown, .bottomUp])
    func respectsBoundsAndLocks(_ shape: ProblemShape, _ mode: Mode) throws {
        let problem = RandomProblems.convex(shape, seed: 11)
        let dense = DenseModel(problem, mode: mode)
        // A warm start outside the box is projected first.
        let outside = (0..<dense.count).map { $0 % 2 == 0 ? 3.0 : -3.0 }
        for options in [SolverOptions(), SolverOptions(warmStart: outside)] {
            let r = try problem.solve(.connectionist, mode: mode, options: options)
            #expect(dense.isFeasible(r.state))
            for i in 0..<dense.count where dense.lower[i] == dense.upper[i] { #expect(r.state[i] == dense.lower[i]) }
            expectHonestLabel(r, "\(shape.testDescription) \(mode.rawValue)")
        }
    }

    @Test("ECHO's status is never converged with a residual above the tolerance",
          arguments: SeededShape.all([.tiny, .principlePairs, .noTheories], seeds: [1, 2]))
    func honestStatus(_ c: SeededShape) throws {
        let problem = RandomProblems.convex(c.shape, seed: c.seed)
        let dense = DenseModel(problem)
        for options in [SolverOptions(), SolverOptions(maxIterations: 5000), SolverOptions(tolerance: 0.5)] {
            let r = try problem.solve(.connectionist, options: options)
            expectHonestLabel(r, c.testDescription)
            #expect(r.kktResidual.isFinite)
            #expect(abs(dense.kktResidual(r.state) - r.kktResidual) <= 1e-9)
            switch r.status {
            case .converged: #expect(r.scaledResidual <= options.tolerance)
            case .settled: #expect(r.scaledResidual > options.tolerance)
            case .maxIterations: #expect(r.iterations == options.maxIterations ?? 200)
            default: Issue.record("unexpected status \(r.status)")
            }
        }
    }

    @Test("a cycle limit and a deadline are labelled; no cycles leaves the start in place")
    func limitsAreLabelled() throws {
        let problem = RandomProblems.convex(.tiny, seed: 4)
        let few = try problem.solve(.connectionist, options: SolverOptions(maxIterations: 3))
        #expect(few.status == .maxIterations)
        #expect(few.iterations == 3)
        let timed = try problem.solve(.connectionist, options: SolverOptions(timeLimit: 0))
        #expect(timed.status == .timeLimit)
        #expect(timed.iterations == 0)
        let start = DenseModel(problem).project(DenseModel(problem).x0)
        let none = try problem.solve(.connectionist, options: SolverOptions(maxIterations: 0))
        #expect(none.state == start)
        for r in [few, timed, none] { #expect(!r.isEquilibrium) }
    }

    @Test("one ECHO update, by hand: decay 0.05, excitation scaled by the distance to max, inhibition by the distance to min")
    func updateRule() {
        // 0.5 · 0.95 + 0.4 · (1 − 0.5) = 0.675;  0.5 · 0.95 − 0.4 · (0.5 − 0) = 0.275.
        #expect(abs(ConnectionistSolver.activation(0.5, net: 0.4, lower: 0, upper: 1, step: 1) - 0.675) <= 1e-15)
        #expect(abs(ConnectionistSolver.activation(0.5, net: -0.4, lower: 0, upper: 1, step: 1) - 0.275) <= 1e-15)
        // Judgments use [−1, 1]: −0.2 · 0.95 + 0.5 · (1 + 0.2) = 0.41.
        #expect(abs(ConnectionistSolver.activation(-0.2, net: 0.5, lower: -1, upper: 1, step: 1) - 0.41) <= 1e-15)
        // A large net input is clipped to the bound; a damped step moves a fraction of the way.
        #expect(ConnectionistSolver.activation(0.5, net: 5, lower: 0, upper: 1, step: 1) == 1)
        #expect(abs(ConnectionistSolver.activation(0.5, net: 0.4, lower: 0, upper: 1, step: 0.5) - 0.5875) <= 1e-15)
    }
}

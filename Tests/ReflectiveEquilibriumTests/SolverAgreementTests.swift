import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// docs/solvers.md: all continuous solvers reach the same x* on convex problems; on non-convex ones
/// each reports a KKT point; a non-converged run is never presented as an equilibrium.
@Suite("Solver agreement, KKT points and status labels")
struct SolverAgreementTests {
    static let convexCases = SeededShape.all(ProblemShape.agreement, seeds: [1, 2])

    @Test("convex problems: every solver converges (KKT ≤ 1e-9, rechecked densely) to the dense reference x*",
          arguments: convexCases)
    func solversAgree(_ c: SeededShape) throws {
        let problem = RandomProblems.convex(c.shape, seed: c.seed)
        let dense = DenseModel(problem)
        let reference = dense.referenceSolution()
        try #require(dense.kktResidual(reference) <= 1e-11, "the dense reference did not converge")
        let results = try continuousSolvers.map { try problem.solve($0) }
        for r in results {
            expectConvergedKKT(r, dense, c.testDescription)
            #expect(maxAbsDifference(r.state, reference) <= 1e-7,
                    "\(r.solver.rawValue) \(c.testDescription): ‖x − x_ref‖∞ = \(maxAbsDifference(r.state, reference))")
            expectSplitMatchesDense(r, dense)
        }
        for (i, r) in results.enumerated() {
            for s in results[(i + 1)...] {
                #expect(maxAbsDifference(r.state, s.state) <= 1e-7,
                        "\(r.solver.rawValue) vs \(s.solver.rawValue): \(maxAbsDifference(r.state, s.state))")
                #expect(isClose(r.objective.total, s.objective.total, 1e-9))
            }
        }
    }

    /// The reported split equals the dense formulas at the reported state.
    func expectSplitMatchesDense(_ r: Equilibrium, _ dense: DenseModel, sourceLocation: SourceLocation = #_sourceLocation) {
        let x = r.state
        #expect(isClose(r.objective.coherence, dense.coherence(x), 1e-10), sourceLocation: sourceLocation)
        #expect(isClose(r.objective.revisionCost, dense.revisionCost(x), 1e-10), sourceLocation: sourceLocation)
        #expect(isClose(r.objective.parsimonyCost, dense.parsimonyCost(x), 1e-10), sourceLocation: sourceLocation)
        #expect(isClose(r.objective.total, -dense.value(x) - dense.anchorConstant, 1e-10), sourceLocation: sourceLocation)
    }

    @Test("non-convex problems: each solver reports a feasible KKT point and its value",
          arguments: continuousSolvers, NonConvexCase.all)
    func nonConvexKKTPoint(_ solver: SolverKind, _ c: NonConvexCase) throws {
        let problem = c.problem
        let dense = DenseModel(problem)
        try #require(dense.smallestFreeEigenvalue < -1e-3)
        let r = try problem.solve(solver)
        expectHonestLabel(r, c.testDescription)
        #expect(dense.isFeasible(r.state))
        if r.status == .converged {
            #expect(dense.scaledResidual(r.state) <= r.tolerance + recomputeSlack)
        }
        expectSplitMatchesDense(r, dense)
        #expect(r.certificate.convex == false && r.certificate.unique == nil)
    }

    @Test("non-convex problems: each solver converges to a KKT point within its default limits",
          arguments: continuousSolvers, NonConvexCase.all)
    func nonConvexConverges(_ solver: SolverKind, _ c: NonConvexCase) throws {
        let problem = c.problem
        let r = try problem.solve(solver)
        expectConvergedKKT(r, DenseModel(problem), c.testDescription)
    }

    @Test("an iteration limit that is too small is labelled: not converged, not an equilibrium",
          arguments: continuousSolvers)
    func iterationLimitIsLabelled(_ solver: SolverKind) throws {
        let problem = RandomProblems.convex(.tall, seed: 3)
        let full = try problem.solve(solver)
        try #require(full.status == .converged)
        try #require(full.iterations > 1, "\(solver) solved it in one iteration; pick a harder problem")
        let one = try problem.solve(solver, options: SolverOptions(maxIterations: 1))
        expectHonestLabel(one)
        #expect(one.status == .maxIterations, "\(solver): \(one.status)")
        #expect(one.status != .converged)
        #expect(!one.isEquilibrium)
        #expect(one.iterations <= 1)
        #expect(one.kktResidual > one.tolerance)
        #expect(DenseModel(problem).isFeasible(one.state))
    }

    @Test("a warm start at the equilibrium stays there", arguments: continuousSolvers)
    func warmStartAtSolution(_ solver: SolverKind) throws {
        let problem = RandomProblems.convex(.principlePairs, seed: 4)
        let dense = DenseModel(problem)
        let reference = dense.referenceSolution()
        let r = try problem.solve(solver, options: SolverOptions(warmStart: reference))
        expectConvergedKKT(r, dense)
        #expect(maxAbsDifference(r.state, reference) <= 1e-8)
    }

    @Test("a warm start outside the box is projected and reaches the same equilibrium",
          arguments: continuousSolvers, [-5.0, 5.0])
    func warmStartOutsideBox(_ solver: SolverKind, value: Double) throws {
        let problem = RandomProblems.convex(.principlePairs, seed: 8)
        let dense = DenseModel(problem)
        let reference = dense.referenceSolution()
        let r = try problem.solve(solver, options: SolverOptions(warmStart: [Double](repeating: value, count: dense.count)))
        expectConvergedKKT(r, dense)
        #expect(maxAbsDifference(r.state, reference) <= 1e-7)
    }

    @Test("a time limit that has already passed is labelled: timeLimit, not an equilibrium", arguments: continuousSolvers)
    func timeLimitIsLabelled(_ solver: SolverKind) throws {
        let problem = RandomProblems.convex(.tall, seed: 3)
        let r = try problem.solve(solver, options: SolverOptions(timeLimit: 0))
        expectHonestLabel(r)
        #expect(r.status == .timeLimit, "\(solver): \(r.status)")
        #expect(!r.isEquilibrium)
        #expect(DenseModel(problem).isFeasible(r.state))
    }

    @Test("the alternating solver's trajectory ascends monotonically from the start")
    func alternatingTrajectoryAscends() throws {
        let problem = RandomProblems.convex(.principlePairs, seed: 5)
        let dense = DenseModel(problem)
        let r = try problem.solve(.alternating)
        expectConvergedKKT(r, dense)
        let steps = r.trajectory.map(\.objective)
        try #require(!steps.isEmpty, "the alternating solver records a trajectory (docs/results.md)")
        let start = dense.project(dense.x0)
        var previous = -dense.value(start) - dense.anchorConstant
        for (i, v) in steps.enumerated() {
            #expect(v >= previous - 1e-9 * max(1, abs(previous)), "step \(i + 1): \(v) after \(previous)")
            previous = v
        }
        #expect(previous <= r.objective.total + 1e-9 * max(1, abs(previous)))
    }
}

/// The rounding floor (docs/model.md): asked for a tolerance below what double precision can
/// give, a solver stops at the floor and the result counts as converged there, saying so.
@Suite("Rounding floor")
struct RoundingFloorTests {
    @Test("a tolerance below the rounding floor: converged at the floor, named in the result and the JSON", arguments: continuousSolvers)
    func belowTheFloor(_ solver: SolverKind) throws {
        let problem = RandomProblems.convex(.principlePairs, seed: 41)
        let r = try problem.solve(solver, options: SolverOptions(tolerance: 1e-19))
        expectHonestLabel(r, "\(solver)")
        #expect(r.status == .converged, "\(solver): \(r.status), r̂ \(r.scaledResidual)")
        guard let floor = r.roundingFloor else {
            Issue.record("\(solver): \(r.status) below 1e-19 without a floor, r̂ \(r.scaledResidual)")
            return
        }
        #expect(r.scaledResidual > 1e-19 && r.scaledResidual <= floor && floor < 1e-12)
        let json = try JSONSerialization.jsonObject(with: r.jsonData()) as! [String: Any]
        #expect(json["roundingFloor"] as? Double == floor)
        // The same problem at an ordinary tolerance names no floor.
        #expect(try problem.solve(solver).roundingFloor == nil)
    }
}

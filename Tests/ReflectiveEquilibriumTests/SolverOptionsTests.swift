import Testing
@testable import ReflectiveEquilibrium

@Suite("Solver options are checked, not trusted")
struct SolverOptionsTests {
    static var problem: Problem { Problem.alignmentExample }

    @Test(arguments: [
        SolverOptions(tolerance: 0), SolverOptions(tolerance: -1), SolverOptions(tolerance: .nan),
        SolverOptions(maxIterations: -1), SolverOptions(timeLimit: -1), SolverOptions(timeLimit: .nan),
        SolverOptions(revisionThreshold: -0.1),
    ])
    func outOfRangeOptionsAreNamedErrors(options: SolverOptions) {
        #expect(throws: ProblemError.self) { try Self.problem.solve(.activeSet, options: options) }
    }

    @Test func warmStartOfWrongLengthOrNaNIsRejected() {
        let n = Self.problem.judgments.count + Self.problem.principles.count + Self.problem.theories.count
        #expect(throws: ProblemError.lengthMismatch(field: "warmStart", expected: n, found: 2)) {
            try Self.problem.solve(.activeSet, options: SolverOptions(warmStart: [0, 0]))
        }
        var bad = [Double](repeating: 0, count: n)
        bad[3] = .nan
        #expect(throws: ProblemError.self) { try Self.problem.solve(.activeSet, options: SolverOptions(warmStart: bad)) }
    }

    @Test(arguments: SolverKind.continuous)
    func hugeTimeLimitMeansNoLimit(solver: SolverKind) throws {
        let r = try Self.problem.solve(solver, options: SolverOptions(timeLimit: 1e300))
        #expect(r.status == .converged)
        let zero = try Self.problem.solve(solver, options: SolverOptions(timeLimit: 0))
        #expect(zero.status == .timeLimit)
        #expect(!zero.isEquilibrium)
    }

    @Test(arguments: SolverKind.continuous)
    func warmStartAtTheEquilibriumTakesNoIterations(solver: SolverKind) throws {
        let cold = try Self.problem.solve(.activeSet, options: SolverOptions(tolerance: 1e-12))
        let warm = try Self.problem.solve(solver, options: SolverOptions(warmStart: cold.state))
        #expect(warm.status == .converged)
        #expect(warm.iterations <= 1)
    }
}

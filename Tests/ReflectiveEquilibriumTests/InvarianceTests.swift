import Testing
@testable import ReflectiveEquilibrium

/// Symmetries of the model (docs/model.md): relabelling items, and a common positive scale of
/// `λ`, `μ` and `α` (which multiplies H and c alike), leave the equilibrium unchanged.
@Suite("Invariances")
struct InvarianceTests {
    static let cases: [SeededShape] = [
        SeededShape(shape: .tall, seed: 7), SeededShape(shape: .principlePairs, seed: 8), SeededShape(shape: .locks, seed: 9),
    ]

    @Test("permuting judgments, principles and theories permutes the solution", arguments: continuousSolvers, cases)
    func permutation(_ solver: SolverKind, _ c: SeededShape) throws {
        let problem = RandomProblems.convex(c.shape, seed: c.seed)
        var rng = SplitMix64(seed: c.seed &+ 1000)
        let perm = (rng.permutation(c.shape.m), rng.permutation(c.shape.n), rng.permutation(c.shape.k))
        let permuted = RandomProblems.permuted(problem, judgments: perm.0, principles: perm.1, theories: perm.2)
        let a = try problem.solve(solver)
        let b = try permuted.solve(solver)
        expectConvergedKKT(a, DenseModel(problem), "original")
        expectConvergedKKT(b, DenseModel(permuted), "permuted")
        // Items come back in input order: the permuted order.
        #expect(b.items.map(\.id) == perm.0.map { problem.judgments.ids[$0] } + perm.1.map { problem.principles.ids[$0] }
            + perm.2.map { problem.theories.ids[$0] })
        let byID = Dictionary(uniqueKeysWithValues: b.items.map { ($0.id, $0.value) })
        let unpermuted = a.items.map { byID[$0.id] ?? .nan }
        #expect(maxAbsDifference(a.state, unpermuted) <= 1e-8, "\(solver): \(maxAbsDifference(a.state, unpermuted))")
        #expect(isClose(a.objective.total, b.objective.total, 1e-10))
        #expect(a.certificate.unique == b.certificate.unique)
    }

    @Test("scaling every λ, μ and block weight α by one positive factor leaves x* unchanged",
          arguments: continuousSolvers, [0.25, 4.0])
    func scaling(_ solver: SolverKind, factor: Double) throws {
        let problem = RandomProblems.convex(.principlePairs, seed: 12)
        let scaled = RandomProblems.scaled(problem, by: factor)
        let a = try problem.solve(solver)
        // The gradient scales with the factor: hold the scaled problem to the same relative tolerance.
        let b = try scaled.solve(solver, options: SolverOptions(tolerance: 1e-9 * min(1, factor)))
        expectConvergedKKT(a, DenseModel(problem))
        expectConvergedKKT(b, DenseModel(scaled), tolerance: 1e-9 * min(1, factor))
        #expect(maxAbsDifference(a.state, b.state) <= 1e-8, "\(solver) ×\(factor): \(maxAbsDifference(a.state, b.state))")
        // Every term of the objective scales with the factor.
        #expect(isClose(b.objective.total, factor * a.objective.total, 1e-8))
        #expect(a.certificate.unique == true && b.certificate.unique == true)
    }
}

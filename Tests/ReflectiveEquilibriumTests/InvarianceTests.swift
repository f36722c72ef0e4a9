import Foundation
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

    /// Problems for the units test: convex, convex with locks and S, non-convex, and one with
    /// unanchored (λ = 0) judgments (the full-space paths).
    static let unitProblems: [(String, Problem)] = {
        var unanchored = RandomProblems.convex(.tall, seed: 13)
        unanchored.judgments.confidence[0] = 0
        unanchored.judgments.confidence[3] = 0
        return [("convex", RandomProblems.convex(.principlePairs, seed: 12)),
                ("locks", RandomProblems.convex(.locks, seed: 14)),
                ("nonconvex", RandomProblems.nonConvex(m: 12, n: 4, k: 2, strong: false, seed: 5)),
                ("unanchored judgments", unanchored)]
    }()

    @Test("units: λ, μ and α multiplied by 10^s, s ∈ [−3, 9], give the same status, x (1e-8) and iterations (±2)",
          arguments: SolverKind.allCases.filter { $0 != .exhaustive }, 0..<4)
    func units(_ solver: SolverKind, _ which: Int) throws {
        let (name, problem) = Self.unitProblems[which]
        let base = try problem.solve(solver)
        if solver != .connectionist { #expect(base.status == .converged, "\(name) \(solver): \(base.status)") }
        for s in -3...9 {
            let factor = pow(10, Double(s))
            let scaled = RandomProblems.scaled(problem, by: factor)
            let r = try scaled.solve(solver)
            let context = "\(name) \(solver) ×1e\(s)"
            #expect(r.status == base.status, "\(context): \(r.status) vs \(base.status)")
            #expect(maxAbsDifference(r.state, base.state) <= 1e-8, "\(context): |Δx| \(maxAbsDifference(r.state, base.state))")
            #expect(abs(r.iterations - base.iterations) <= 2, "\(context): \(r.iterations) vs \(base.iterations) iterations")
            #expect(isClose(r.scaledResidual, base.scaledResidual, 1e-3) || max(r.scaledResidual, base.scaledResidual) <= 1e-12,
                    "\(context): r̂ \(r.scaledResidual) vs \(base.scaledResidual)")
            #expect(isClose(r.objective.total, factor * base.objective.total, 1e-8))
            #expect(r.certificate.convex == base.certificate.convex && r.certificate.method == base.certificate.method)
            expectHonestLabel(r, context)
        }
    }
}

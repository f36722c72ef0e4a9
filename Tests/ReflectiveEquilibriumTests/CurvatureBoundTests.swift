import Testing
@testable import ReflectiveEquilibrium

/// The projected-gradient step bound must never undercut `λ_max(H_YY)` (the descent lemma needs
/// `L ≥ λ_max`) and must stay within 5 % of it.
@Suite("Curvature bound for the projected-gradient step")
struct CurvatureBoundTests {
    @Test(arguments: [(5, 0.05, 1.0), (40, 0.02, 2.0), (40, 0.9, 0.5), (120, 0.01, 1.0), (7, 1.0, 0.0)])
    func boundsTheLargestEigenvalue(order: Int, coupling: Double, diagonal: Double) throws {
        var rng = SplitMix64(seed: UInt64(order) &* 977)
        var h = SymmetricMatrix(order: order)
        for i in 0..<order {
            h[i, i] = diagonal + rng.uniform(0, 1)
            for j in 0..<i { let v = coupling * rng.uniform(-1, 1); h[i, j] = v; h[j, i] = v }
        }
        let exact = try h.extremeEigenvalue(largest: true)
        let bound = try ProjectedGradientSolver.curvatureBound(h)
        #expect(bound >= exact * (1 - 1e-12))
        #expect(bound <= 1.05 * max(exact, 1e-300) + 1e-12)
    }
}

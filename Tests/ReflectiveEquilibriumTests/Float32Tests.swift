import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// float32 storage (docs/formats.md, `<f4`): the block stays float32 in memory and every product
/// widens its entries and accumulates in float64, so a float32 block behaves exactly like the
/// float64 block holding the same (float-representable) values, up to float64 rounding.
@Suite("float32 storage")
struct Float32Tests {
    @Test("float32 products (W x, αAx + βy both ways, fused pass, Schur Gram) equal the float64 BLAS route to 1e-12",
          arguments: [(1, 1, 0), (7, 3, 2), (33, 17, 5), (300, 41, 0), (10_000, 40, 3)])
    func products(_ shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let p = kernelProblem(m: m, n: n, k: k, density: 0.8, seed: UInt64(m + 7 * n)).floatRepresentable
        let f32 = p.withBlocks(.float32)
        #expect(f32.compatibility.judgmentPrinciple.layout == .float32)
        expectSameProducts(p, f32)
    }

    @Test("float32 and float64 storage of the same data give the same equilibrium, for every solver",
          arguments: SolverKind.allCases)
    func sameEquilibrium(_ solver: SolverKind) throws {
        let shape = solver == .exhaustive ? ProblemShape(m: 12, n: 4, k: 2, withS: true) : ProblemShape(m: 80, n: 12, k: 4, withS: true)
        let p = RandomProblems.convex(shape, seed: 21).floatRepresentable
        let a = try p.solve(solver), b = try p.withBlocks(.float32).solve(solver)
        #expect(a.status == b.status && a.iterations == b.iterations)
        #expect(maxAbsDifference(a.state, b.state) <= 1e-10, "\(solver.rawValue): \(maxAbsDifference(a.state, b.state))")
        if solver != .exhaustive && solver != .connectionist { #expect(b.status == .converged && b.scaledResidual <= 1e-9) }
    }

    @Test("rounding to float32 moves the equilibrium by about the rounding (≤ 1e-5), not more")
    func roundingEffect() throws {
        let p = RandomProblems.convex(ProblemShape(m: 80, n: 12, k: 4, withS: true), seed: 22)
        let a = try p.solve(.activeSet), b = try p.withBlocks(.float32).solve(.activeSet)
        #expect(b.status == .converged)
        #expect(maxAbsDifference(a.state, b.state) <= 1e-5)
    }
}

import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// The problem families of `wre bench --families` and the generator options behind them
/// (independent signs, units, the initial stance).
@Suite("Problem families")
struct FamilyTests {
    static let size = BenchmarkSize(judgments: 300, principles: 30, theories: 5)

    @Test("the suite: 24 planted families and 4 with random signs; names parse back")
    func suite() throws {
        let families = BenchmarkFamily.suite()
        #expect(families.count == 28 && Set(families).count == 28)
        for f in families { #expect(BenchmarkFamily(parsing: f.description) == f, "\(f)") }
        #expect(BenchmarkFamily(parsing: "d0.5-free-convex-u1e3")?.units == 1000)
        #expect(BenchmarkFamily(parsing: "d2-free-convex-u1") == nil && BenchmarkFamily(parsing: "d1-middle-convex-u1") == nil)
    }

    @Test("auto converges on every family, and agrees with the other continuous solvers on the convex ones",
          arguments: BenchmarkFamily.suite())
    func autoOnEveryFamily(_ family: BenchmarkFamily) throws {
        let (problem, truth) = try PlantedInstance.generate(family.parameters(Self.size, seed: 3))
        let auto = try problem.solve(.auto)
        #expect(auto.status == .converged, "\(family): \(auto.status) (\(auto.solverChoice ?? ""))")
        #expect(auto.solverChoice != nil)
        #expect(auto.certificate.convex == (family.regime == .convex), "\(family): \(auto.certificate.note)")
        if family.regime == .convex {
            #expect((truth.convexityBound ?? 0) > 0)
            for solver in SolverKind.continuous {
                let r = try problem.solve(solver)
                #expect(r.status == .converged && maxAbsDifference(r.state, auto.state) <= 1e-7, "\(family) \(solver)")
            }
        }
    }

    @Test("random signs: the regime is calibrated on the exact spectrum (convex bound = exact margin; non-convex refuted)")
    func randomSigns() throws {
        for regime in PlantedRegime.allCases {
            var p = PlantedParameters(judgments: 200, principles: 20, theories: 4, judgmentPrincipleDensity: 1, judgmentTheoryDensity: 1,
                                      regime: regime, seed: 5)
            p.signs = .random
            let (problem, truth) = try PlantedInstance.generate(p)
            // Independent signs: the block is not S|W|S for the planted signature.
            let a = problem.compatibility.judgmentPrinciple
            let flips = (0..<200).filter { i in (0..<20).contains { j in a[i, j] * a[i, 0] * a[0, j] * a[0, 0] < 0 } }.count
            #expect(flips > 100, "signs look structured")
            let o = Objective(problem)
            let exact = o.choleskyCertificate(freeJudgments: Array(0..<o.m), freeY: Array(0..<o.reducedCount), held: nil)
            switch regime {
            case .convex:
                let bound = try #require(truth.convexityBound)
                let margin = try #require(exact.convexityMargin)
                #expect(exact.convex == true && bound > 0 && bound <= margin * (1 + 1e-9), "bound \(bound), λ_min(Σ) \(margin)")
            case .nonconvex:
                #expect(exact.convex == false && truth.convexityBound == nil)
            }
        }
    }

    @Test("units and the initial stance: the same equilibrium in other units; judgments start at ±stance")
    func unitsAndStance() throws {
        var p = PlantedParameters(judgments: 150, principles: 15, theories: 3, seed: 9)
        p.initialStance = 0.5
        let (base, truth) = try PlantedInstance.generate(p)
        #expect(base.judgments.initial.allSatisfy { abs(abs($0) - 0.5) < 1e-15 })
        p.units = 1e6
        let (scaled, scaledTruth) = try PlantedInstance.generate(p)
        #expect(isClose(scaled.judgments.confidence[0], 1e6 * base.judgments.confidence[0], 1e-15))
        #expect(isClose(scaled.blockWeights.judgmentPrinciple, 1e6 * base.blockWeights.judgmentPrinciple, 1e-15))
        #expect(isClose(scaledTruth.convexityBound ?? .nan, 1e6 * (truth.convexityBound ?? .nan), 1e-12))
        let a = try base.solve(), b = try scaled.solve()
        #expect(a.status == .converged && b.status == .converged && maxAbsDifference(a.state, b.state) <= 1e-8)
        #expect(abs(a.iterations - b.iterations) <= 2)
    }

    @Test("bad generator options are named")
    func badOptions() {
        for (name, edit) in [("initialStance", { (p: inout PlantedParameters) in p.initialStance = 0 }),
                             ("initialStance", { (p: inout PlantedParameters) in p.initialStance = 1.5 }),
                             ("units", { (p: inout PlantedParameters) in p.units = -1 }),
                             ("units", { (p: inout PlantedParameters) in p.units = .infinity })] {
            var p = PlantedParameters(judgments: 10, principles: 3, theories: 1)
            edit(&p)
            #expect { try p.validate() } throws: { ($0 as? PlantedError)?.parameter == name }
        }
    }
}

import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// Agreement with an independent solver: equilibria computed by SciPy (L-BFGS-B on the dense
/// formulation, polished on the identified free set) and committed as fixtures by
/// `Fixtures/make_scipy_fixtures.py`.
@Suite struct ScipyReferenceTests {
    static let fixtures = ["scipy-reference-1.json", "scipy-reference-2.json", "scipy-reference-3.json"]

    static func load(_ name: String) throws -> (Problem, [Double]) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        var doc = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let expected = try #require(doc.removeValue(forKey: "expected") as? [Double])
        let problem = try Problem(jsonData: JSONSerialization.data(withJSONObject: doc), baseDirectory: nil)
        return (problem, expected)
    }

    @Test(arguments: fixtures, SolverKind.continuous)
    func matchesSciPy(fixture: String, solver: SolverKind) throws {
        let (problem, expected) = try Self.load(fixture)
        let result = try problem.solve(solver, options: SolverOptions(tolerance: 1e-11))
        #expect(result.status == .converged)
        #expect(result.scaledResidual <= 1e-11)
        #expect(result.certificate.convex == true && result.certificate.unique == true)
        let gap = zip(result.state, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(gap <= 1e-8, "\(fixture) \(solver.rawValue): max |x − x_scipy| = \(gap)")
    }
}

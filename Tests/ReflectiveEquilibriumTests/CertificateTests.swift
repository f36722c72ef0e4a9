import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// The uniqueness certificate (docs/model.md, docs/formats.md) against dense eigenvalues computed in the test.
@Suite("Uniqueness certificate")
struct CertificateTests {
    @Test("support: Jacobi eigenvalues of known matrices")
    func jacobiSanity() {
        let e = Dense.symmetricEigenvalues([[2, 1], [1, 2]])
        #expect(abs(e[0] - 1) <= 1e-14 && abs(e[1] - 3) <= 1e-14)
        // Tridiagonal (2, −1): eigenvalues 2 − 2cos(kπ/(n+1)).
        let n = 7
        let t = (0..<n).map { i in (0..<n).map { j in i == j ? 2.0 : (abs(i - j) == 1 ? -1.0 : 0.0) } }
        let exact = (1...n).map { 2 - 2 * cos(Double($0) * .pi / Double(n + 1)) }.sorted()
        #expect(maxAbsDifference(Dense.symmetricEigenvalues(t), exact) <= 1e-12)
    }

    static let convexCases = SeededShape.all(ProblemShape.agreement, seeds: [1, 2])

    @Test("convex by construction: unique, 0 < margin ≤ λ_min of the Schur complement", arguments: convexCases)
    func convexIsCertified(_ c: SeededShape) throws {
        let problem = RandomProblems.convex(c.shape, seed: c.seed)
        let dense = DenseModel(problem)
        let sigma = dense.schurComplement()
        try #require(!sigma.isEmpty)
        let sigmaMin = Dense.symmetricEigenvalues(sigma).first!
        try #require(sigmaMin > 0, "diagonal dominance must make the Schur complement positive definite")
        if dense.count <= 80 { try #require(dense.smallestFreeEigenvalue > 0) }

        let certificate = try problem.solve(.activeSet).certificate
        #expect(certificate.unique == true, "\(certificate.note)")
        let margin = try #require(certificate.convexityMargin)
        #expect(margin > 0)
        #expect(margin <= sigmaMin * (1 + 1e-9) + 1e-12, "margin \(margin) exceeds λ_min(Σ) = \(sigmaMin)")
        #expect(Objective(problem).certify() == certificate)
    }

    @Test("not convex (H has a negative eigenvalue, checked densely): unique is false", arguments: NonConvexCase.all)
    func nonConvexIsRefuted(_ c: NonConvexCase) throws {
        let problem = c.problem
        let dense = DenseModel(problem)
        let hMin = dense.smallestFreeEigenvalue
        try #require(hMin < -1e-3, "the problem must be non-convex: λ_min(H) = \(hMin)")
        let certificate = try problem.solve(.activeSet).certificate
        #expect(certificate.unique == false, "\(certificate.note)")
        if let margin = certificate.convexityMargin {
            // Every judgment is anchored, so by Haynsworth inertia Σ has a negative eigenvalue.
            let sigmaMin = Dense.symmetricEigenvalues(dense.schurComplement()).first!
            #expect(margin < 0 && sigmaMin < 0, "margin \(margin), λ_min(Σ) \(sigmaMin)")
        }
    }

    @Test("unique ⇔ λ_min(H on the free items) > 0, in every mode", arguments: Mode.allCases, [false, true])
    func agreesWithDenseEigenvaluesInEveryMode(_ mode: Mode, convex: Bool) throws {
        let problems = convex
            ? [RandomProblems.convex(.tiny, seed: 5), RandomProblems.convex(.locks, seed: 6)]
            : NonConvexCase.all.map(\.problem)
        for problem in problems {
            let dense = DenseModel(problem, mode: mode)
            let hMin = dense.smallestFreeEigenvalue
            try #require(abs(hMin) > 1e-6, "too close to singular to decide")
            let certificate = Objective(problem, mode: mode).certify()
            #expect(certificate.unique == (hMin > 0), "\(mode): λ_min(H_free) = \(hMin), \(certificate.note)")
            let viaSolve = try problem.solve(.activeSet, mode: mode).certificate
            #expect(viaSolve.unique == certificate.unique)
        }
    }

    @Test("only judgments revisable (top-down): unique, margin at most the smallest free λ_J")
    func topDownMargin() throws {
        let problem = RandomProblems.nonConvex(m: 10, n: 3, k: 2, seed: 8)
        let certificate = try problem.solve(.activeSet, mode: .topDown).certificate
        #expect(certificate.unique == true, "\(certificate.note)")
        let margin = try #require(certificate.convexityMargin)
        let smallest = problem.judgments.confidence.min()!
        #expect(margin > 0 && margin <= smallest * (1 + 1e-12))
    }

    @Test("a revisable item with confidence 0 refutes uniqueness; locked (by its bounds or the mode), it does not",
          arguments: [Group.judgment, .principle, .theory])
    func unanchoredItem(_ group: Group) throws {
        var problem = RandomProblems.convex(.tiny, seed: 3)
        func edit(_ change: (inout ItemGroup) -> Void) {
            switch group {
            case .judgment: change(&problem.judgments)
            case .principle: change(&problem.principles)
            case .theory: change(&problem.theories)
            }
        }
        edit { $0.confidence[1] = 0 }
        #expect(try problem.solve(.activeSet).certificate.unique == false)
        let locking: Mode = group == .judgment ? .bottomUp : .topDown
        #expect(try problem.solve(.activeSet, mode: locking).certificate.unique == true)
        edit { $0.lower[1] = $0.initial[1]; $0.upper[1] = $0.initial[1] }
        #expect(try problem.solve(.activeSet).certificate.unique == true)
    }

    @Test("certify: false leaves the certificate unchecked", arguments: continuousSolvers)
    func notChecked(_ solver: SolverKind) throws {
        let r = try RandomProblems.convex(.tiny, seed: 1).solve(solver, options: SolverOptions(certify: false))
        #expect(r.certificate.unique == nil)
        #expect(r.certificate.convexityMargin == nil)
    }
}

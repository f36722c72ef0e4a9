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

    @Test("convex by construction: convex and unique, 0 < margin ≤ λ_min of the Schur complement", arguments: convexCases)
    func convexIsCertified(_ c: SeededShape) throws {
        let problem = RandomProblems.convex(c.shape, seed: c.seed)
        let dense = DenseModel(problem)
        let sigma = dense.schurComplement()
        try #require(!sigma.isEmpty)
        let sigmaMin = Dense.symmetricEigenvalues(sigma).first!
        try #require(sigmaMin > 0, "diagonal dominance must make the Schur complement positive definite")
        if dense.count <= 80 { try #require(dense.smallestFreeEigenvalue > 0) }

        let certificate = try problem.solve(.activeSet).certificate
        #expect(certificate.convex == true && certificate.unique == true, "\(certificate.note)")
        #expect(certificate.certifyingScale == nil)
        let margin = try #require(certificate.convexityMargin)
        #expect(margin > 0)
        #expect(margin <= sigmaMin * (1 + 1e-9) + 1e-12, "margin \(margin) exceeds λ_min(Σ) = \(sigmaMin)")
        let again = Objective(problem).certify()
        #expect(again.convex == certificate.convex && again.method == certificate.method && isClose(again.convexityMargin ?? .nan, margin, 1e-9))
        // Both certificates where both apply: the one-pass bound and Cholesky agree.
        let o = Objective(problem)
        let freeJ = (0..<o.m).filter { !o.isLocked($0) }, freeY = (0..<o.reducedCount).filter { !o.isLocked(o.m + $0) }
        if let bound = o.dominanceMargin(freeJudgments: freeJ, freeY: freeY) {
            let exact = o.choleskyCertificate(freeJudgments: freeJ, freeY: freeY, held: nil)
            #expect(exact.convex == true && bound <= (exact.convexityMargin ?? 0) * (1 + 1e-9))
        }
    }

    @Test("not convex (H has a negative eigenvalue, checked densely): convex is false, unique stays open, and the certifying scale is λ_max(Λ^-½ W Λ^-½)",
          arguments: NonConvexCase.all)
    func nonConvexIsRefuted(_ c: NonConvexCase) throws {
        let problem = c.problem
        let dense = DenseModel(problem)
        let hMin = dense.smallestFreeEigenvalue
        try #require(hMin < -1e-3, "the problem must be non-convex: λ_min(H) = \(hMin)")
        let certificate = try problem.solve(.activeSet).certificate
        #expect(certificate.convex == false && certificate.unique == nil, "\(certificate.note)")
        #expect(certificate.method == .cholesky)
        if let margin = certificate.convexityMargin {
            // Every judgment is anchored, so by Haynsworth inertia Σ has a negative eigenvalue.
            let sigmaMin = Dense.symmetricEigenvalues(dense.schurComplement()).first!
            #expect(margin < 0 && sigmaMin < 0, "margin \(margin), λ_min(Σ) \(sigmaMin)")
        }
        // The certifying scale: the smallest s with s Λ − W ≻ 0 on the free items, computed densely.
        let scale = try #require(certificate.certifyingScale)
        let free = dense.freeIndices
        let normalized = free.map { i in free.map { j in dense.wEntry(i, j) / (dense.lambda[i] * dense.lambda[j]).squareRoot() } }
        let expected = Dense.symmetricEigenvalues(normalized).last!
        #expect(abs(scale - expected) <= 1e-6 * expected, "scale \(scale), dense \(expected)")
        // The scaled problem is certified at that factor, and refuted a little below it.
        let above = Objective(RandomProblems.scaledConfidences(problem, by: scale)).certify()
        let below = Objective(RandomProblems.scaledConfidences(problem, by: scale * (1 - 1e-6))).certify()
        #expect(above.convex == true, "at the certifying scale: \(above.note)")
        #expect(below.convex == false, "below the certifying scale: \(below.note)")
    }

    @Test("a non-convex problem whose multi-start finds one equilibrium: convex false, unique null")
    func nonConvexSingleEquilibrium() throws {
        // Mildly non-convex: H has a negative eigenvalue, yet from every start the solves meet.
        let problem = RandomProblems.nonConvex(m: 10, n: 5, k: 0, strong: false, seed: 7)
        try #require(DenseModel(problem).smallestFreeEigenvalue < 0)
        let r = try problem.solveMultiStart(.activeSet, options: SolverOptions(seed: 1), starts: 24)
        let stable = (r.equilibria ?? []).filter { $0.stable != false }
        #expect(r.certificate.convex == false)
        if stable.count <= 1 {
            #expect(r.certificate.unique == nil, "\(r.certificate.note)")
        } else {
            #expect(r.certificate.unique == false, "\(stable.count) stable equilibria: \(r.certificate.note)")
        }
        let json = try JSONSerialization.jsonObject(with: r.jsonData()) as! [String: Any]
        #expect(json["convex"] as? Bool == false)
        #expect(stable.count > 1 || json["unique"] is NSNull)
    }

    @Test("the one-pass bound never certifies a problem with a negative eigenvalue, near the boundary, with and without sign structure",
          arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func dominanceIsSafeNearTheBoundary(seed: UInt64) throws {
        for signed in [true, false] {
            let base = RandomProblems.nearBoundary(m: 24, n: 6, k: 3, signStructured: signed, seed: seed)
            let dense = DenseModel(base)
            let free = dense.freeIndices
            let normalized = free.map { i in free.map { j in dense.wEntry(i, j) / (dense.lambda[i] * dense.lambda[j]).squareRoot() } }
            let threshold = Dense.symmetricEigenvalues(normalized).last!
            for factor in [0.9, 0.99, 0.999, 1.001, 1.01, 1.1, 2, 5] {
                let problem = RandomProblems.scaledConfidences(base, by: factor * threshold)
                let hMin = DenseModel(problem).smallestFreeEigenvalue
                let o = Objective(problem)
                let freeJ = (0..<o.m).filter { !o.isLocked($0) }, freeY = (0..<o.reducedCount).filter { !o.isLocked(o.m + $0) }
                if let bound = o.dominanceMargin(freeJudgments: freeJ, freeY: freeY) {
                    #expect(hMin > 0, "certified with λ_min(H) = \(hMin) (factor \(factor), signed \(signed))")
                    let sigmaMin = Dense.symmetricEigenvalues(DenseModel(problem).schurComplement()).first!
                    #expect(bound > 0 && bound <= sigmaMin * (1 + 1e-9), "bound \(bound), λ_min(Σ) \(sigmaMin)")
                }
                let certificate = o.certify()
                if factor < 1 { #expect(certificate.convex == false, "factor \(factor): \(certificate.note)") }
                if factor > 1 { #expect(certificate.convex == true, "factor \(factor): \(certificate.note)") }
            }
            // With sign structure (W = S|W|S) the bound is tight: it certifies well inside the convex side.
            if signed {
                let problem = RandomProblems.scaledConfidences(base, by: 2 * threshold)
                let o = Objective(problem)
                #expect(o.dominanceMargin(freeJudgments: Array(0..<o.m), freeY: Array(0..<o.reducedCount)) != nil)
            }
        }
    }

    @Test("convex ⇔ λ_min(H on the free items) > 0, in every mode", arguments: Mode.allCases, [false, true])
    func agreesWithDenseEigenvaluesInEveryMode(_ mode: Mode, convex: Bool) throws {
        let problems = convex
            ? [RandomProblems.convex(.tiny, seed: 5), RandomProblems.convex(.locks, seed: 6)]
            : NonConvexCase.all.map(\.problem)
        for problem in problems {
            let dense = DenseModel(problem, mode: mode)
            let hMin = dense.smallestFreeEigenvalue
            try #require(abs(hMin) > 1e-6, "too close to singular to decide")
            let certificate = Objective(problem, mode: mode).certify()
            #expect(certificate.convex == (hMin > 0), "\(mode): λ_min(H_free) = \(hMin), \(certificate.note)")
            #expect(certificate.unique == (hMin > 0 ? true : nil))
            let viaSolve = try problem.solve(.activeSet, mode: mode).certificate
            #expect(viaSolve.convex == certificate.convex && viaSolve.unique == certificate.unique)
        }
    }

    @Test("only judgments revisable (top-down): convex, margin at most the smallest free λ_J")
    func topDownMargin() throws {
        let problem = RandomProblems.nonConvex(m: 10, n: 3, k: 2, seed: 8)
        let certificate = try problem.solve(.activeSet, mode: .topDown).certificate
        #expect(certificate.convex == true && certificate.unique == true, "\(certificate.note)")
        #expect(certificate.method == .diagonal)
        let margin = try #require(certificate.convexityMargin)
        let smallest = problem.judgments.confidence.min()!
        #expect(margin > 0 && margin <= smallest * (1 + 1e-12))
    }

    @Test("a revisable item with confidence 0 refutes convexity (and no factor helps); locked (by its bounds or the mode), it does not",
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
        let refuted = try problem.solve(.activeSet).certificate
        #expect(refuted.convex == false && refuted.unique == nil && refuted.method == .unanchored && refuted.certifyingScale == nil)
        #expect(refuted.note.contains(problem.items(group).ids[1]), "the note names the item: \(refuted.note)")
        let locking: Mode = group == .judgment ? .bottomUp : .topDown
        #expect(try problem.solve(.activeSet, mode: locking).certificate.convex == true)
        edit { $0.lower[1] = $0.initial[1]; $0.upper[1] = $0.initial[1] }
        #expect(try problem.solve(.activeSet).certificate.convex == true)
    }

    @Test("certify: false leaves the certificate unchecked", arguments: continuousSolvers)
    func notChecked(_ solver: SolverKind) throws {
        let r = try RandomProblems.convex(.tiny, seed: 1).solve(solver, options: SolverOptions(certify: false))
        #expect(r.certificate.convex == nil && r.certificate.unique == nil && r.certificate.method == nil)
        #expect(r.certificate.convexityMargin == nil)
    }
}

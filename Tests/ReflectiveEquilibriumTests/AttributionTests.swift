import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// Justification attribution (`Problem.sensitivity`, `Problem.attribution`): the sensitivity
/// ∂x*/∂x0 from the free-set Cholesky against central finite differences of re-solves at
/// tolerance 1e-12 and against a dense solve with H_FF; the support (an item dropped) against
/// re-solving without the item; and the degenerate cases.
@Suite("Justification attribution")
struct AttributionTests {
    /// A random convex problem in a mode, with its equilibrium at tolerance 1e-12.
    struct Case: Sendable, CustomTestStringConvertible {
        var shape: ProblemShape
        var seed: UInt64
        var mode: Mode
        var testDescription: String { "\(shape.testDescription) seed \(seed) \(mode.rawValue)" }

        static let all: [Case] = [
            Case(shape: .tiny, seed: 1, mode: .wide),
            Case(shape: ProblemShape(m: 30, n: 6, k: 3, withS: true), seed: 2, mode: .wide),
            Case(shape: ProblemShape(m: 25, n: 5, k: 2, density: 0.8), seed: 3, mode: .bottomUp),
            Case(shape: ProblemShape(m: 20, n: 5, k: 3, withS: true), seed: 4, mode: .topDown),
            Case(shape: ProblemShape(m: 24, n: 6, k: 3, withS: true, lockSome: true), seed: 5, mode: .wide),
            Case(shape: ProblemShape(m: 20, n: 6, k: 2), seed: 6, mode: .narrow),
        ]
    }

    static let precise = SolverOptions(tolerance: 1e-12, certify: false)

    /// The problem with item `i`'s initial value moved by `h`.
    static func shifted(_ p: Problem, _ i: Int, by h: Double) -> Problem {
        var q = p
        let (m, n, _) = p.shape
        if i < m { q.judgments.initial[i] += h } else if i < m + n { q.principles.initial[i - m] += h } else { q.theories.initial[i - m - n] += h }
        return q
    }

    /// Indices at a bound (or locked) in `x` for the mode's box.
    static func boundSet(_ x: [Double], _ dense: DenseModel) -> Set<Int> {
        Set((0..<x.count).filter { x[$0] <= dense.lower[$0] || x[$0] >= dense.upper[$0] })
    }

    @Test("∂x*/∂x0 equals central finite differences of re-solves (1e-5), column by column and row by row", arguments: Case.all)
    func finiteDifferences(_ c: Case) throws {
        let problem = RandomProblems.convex(c.shape, seed: c.seed)
        let dense = DenseModel(problem, mode: c.mode)
        let base = try problem.solve(.activeSet, mode: c.mode, options: Self.precise)
        try #require(base.isEquilibrium)
        let x = base.state, baseBounds = Self.boundSet(x, dense)
        let free = (0..<x.count).filter { !baseBounds.contains($0) }
        try #require(!free.isEmpty, "the case needs free items")
        // Targets: a few free items of each group; rows by one adjoint solve each.
        let targets = Group.allCases.flatMap { g in free.filter { dense.group($0) == g }.prefix(2) }
        let rows = try targets.map { try problem.sensitivity(of: base.items[$0].id, at: base) }
        var rng = SplitMix64(seed: c.seed)
        let sample = x.count <= 12 ? Array(0..<x.count) : Array(rng.permutation(x.count).prefix(12))
        let h = 1e-5
        var checked = 0
        for i in sample {
            let (lo, hi) = (problem.locate(i).0.lower[problem.locate(i).1], problem.locate(i).0.upper[problem.locate(i).1])
            let x0 = dense.x0[i]
            // A mode-fixed item whose initial value sits on a bound follows it on one side only;
            // a locked item's initial value cannot move (it must stay inside its own bounds).
            if dense.lower[i] == dense.upper[i] && (lo == hi || x0 - h <= lo || x0 + h >= hi) { continue }
            // An initial value on its own bound moves inward only: a one-sided difference (x* is
            // affine in x0 while no standing changes).
            let (up, down) = (x0 + h <= hi ? h : 0, x0 - h >= lo ? h : 0)
            let plus = try Self.shifted(problem, i, by: up).solve(.activeSet, mode: c.mode, options: SolverOptions(tolerance: 1e-12, warmStart: x, certify: false))
            let minus = try Self.shifted(problem, i, by: -down).solve(.activeSet, mode: c.mode, options: SolverOptions(tolerance: 1e-12, warmStart: x, certify: false))
            try #require(plus.isEquilibrium && minus.isEquilibrium)
            let densePlus = DenseModel(Self.shifted(problem, i, by: up), mode: c.mode)
            let denseMinus = DenseModel(Self.shifted(problem, i, by: -down), mode: c.mode)
            // Only where no item changes standing is x* differentiable.
            guard Self.boundSet(plus.state, densePlus) == baseBounds && Self.boundSet(minus.state, denseMinus) == baseBounds else { continue }
            let fd = zip(plus.state, minus.state).map { ($0 - $1) / (up + down) }
            var e = [Double](repeating: 0, count: x.count)
            e[i] = 1
            let column = try problem.sensitivity(at: base, direction: e)
            #expect(maxAbsDifference(column, fd) <= 1e-5, "\(c): column \(i): \(maxAbsDifference(column, fd))")
            for (t, row) in zip(targets, rows) {
                #expect(abs(row[i] - fd[t]) <= 1e-5, "\(c): ∂x\(t)/∂x0_\(i) = \(row[i]), finite difference \(fd[t])")
            }
            checked += 1
        }
        #expect(checked >= min(sample.count, 4), "\(c): only \(checked) finite differences without a change of standing")
    }

    @Test("the adjoint row equals a dense solve with H_FF, and row · v equals the JVP", arguments: Case.all)
    func denseReference(_ c: Case) throws {
        let problem = RandomProblems.convex(c.shape, seed: c.seed)
        let dense = DenseModel(problem, mode: c.mode)
        let base = try problem.solve(.activeSet, mode: c.mode, options: Self.precise)
        let x = base.state, bounds = Self.boundSet(x, dense)
        let free = (0..<x.count).filter { !bounds.contains($0) }
        let hFF = dense.hessian(on: free)
        var rng = SplitMix64(seed: c.seed &+ 99)
        let v = (0..<x.count).map { _ in rng.uniform(-1, 1) }
        let jvp = try problem.sensitivity(at: base, direction: v)
        for (slot, t) in free.enumerated() {
            var e = [Double](repeating: 0, count: free.count)
            e[slot] = 1
            let z = try #require(Dense.solve(hFF, e))  // H_FF symmetric: z = H_FF⁻¹ e_t
            let row = try problem.sensitivity(of: base.items[t].id, at: base)
            for (s, i) in free.enumerated() {
                #expect(abs(row[i] - dense.lambda[i] * z[s]) <= 1e-10, "\(c): ∂x\(t)/∂x0_\(i)")
            }
            for i in bounds where !(dense.lower[i] == dense.upper[i]) { #expect(row[i] == 0, "\(c): item \(i) at a bound") }
            let dot = zip(row, v).reduce(0.0) { $0 + $1.0 * $1.1 }
            #expect(abs(dot - jvp[t]) <= 1e-10 * max(1, abs(dot)), "\(c): row · v = \(dot), JVP \(jvp[t])")
        }
    }

    /// A convex problem whose bounds are far away: no item is at a bound, so dropping one
    /// changes no standing and the support with standings held is exact.
    static func unbounded(_ mode: Mode, seed: UInt64) -> Problem {
        var p = RandomProblems.convex(ProblemShape(m: 18, n: 5, k: 3, withS: true, density: 0.8), seed: seed)
        for g in Group.allCases {
            let count = p.items(g).count
            let lower = [Double](repeating: -50, count: count), upper = [Double](repeating: 50, count: count)
            switch g {
            case .judgment: p.judgments.lower = lower; p.judgments.upper = upper
            case .principle: p.principles.lower = lower; p.principles.upper = upper
            case .theory: p.theories.lower = lower; p.theories.upper = upper
            }
        }
        return p
    }

    @Test("support with standings held equals re-solving without the item when no standing changes",
          arguments: [Mode.wide, .bottomUp, .topDown])
    func supportEqualsResolve(_ mode: Mode) throws {
        let problem = Self.unbounded(mode, seed: 8)
        let base = try problem.solve(.activeSet, mode: mode, options: Self.precise)
        try #require(base.isEquilibrium)
        let target = mode == .topDown ? "j3" : "p1"
        let all = try problem.attribution(of: target, at: base, limit: nil, exact: Int.max)
        try #require(all.entries.count >= 5)
        #expect(all.standing == .interior)
        for e in all.entries {
            let exact = try #require(e.exactSupport, "\(e.id) was not re-solved")
            #expect(abs(e.support - exact) <= 1e-8, "\(mode) \(e.id): support \(e.support), re-solved \(exact)")
        }
        #expect(zip(all.entries, all.entries.dropFirst()).allSatisfy { abs($0.support) >= abs($1.support) }, "largest first")
        // The bounded search for the top entries finds the same ones as computing all.
        let top = try problem.attribution(of: target, at: base, limit: 4, exact: 0)
        #expect(top.entries.map(\.id) == all.entries.prefix(4).map(\.id))
        #expect(top.entries.allSatisfy { $0.exactSupport == nil })
        #expect(top.influencers == all.influencers)
    }

    @Test("bundled example: what holds p3 and t2; finite differences on p3's row; the report and JSON")
    func alignmentExample() throws {
        let problem = Problem.alignmentExample
        let base = try problem.solve(.activeSet, options: Self.precise)
        let p3 = try problem.attribution(of: "p3", at: base, limit: 6, exact: 2)
        #expect(p3.standing == .interior && p3.certifiedUnique == nil)
        #expect(p3.entries.count == 6 && p3.entries.prefix(2).allSatisfy { $0.exactSupport != nil })
        // The theories that p3 conflicts with (B < 0) and that end accepted hold it down.
        let t1 = try #require(p3.entries.first { $0.id == "t1" })
        #expect(t1.support < 0 && t1.sensitivity < 0)
        let row = try problem.sensitivity(of: "p3", at: base)
        let h = 1e-5
        for id in ["t1", "t2", "j2", "p5"] {
            let i = try problem.index(of: id)
            // j2 starts at its upper bound 1: a one-sided difference.
            let up = id == "j2" ? 0 : h
            let plus = try Self.shifted(problem, i, by: up).solve(.activeSet, options: SolverOptions(tolerance: 1e-12, warmStart: base.state))
            let minus = try Self.shifted(problem, i, by: -h).solve(.activeSet, options: SolverOptions(tolerance: 1e-12, warmStart: base.state))
            let fd = (plus.value(of: "p3")! - minus.value(of: "p3")!) / (up + h)
            #expect(abs(row[i] - fd) <= 1e-5, "∂p3/∂x0_\(id) = \(row[i]), finite difference \(fd)")
        }
        let text = p3.report(source: "demo")
        #expect(text.contains("What holds p3") && text.contains("t1") && text.contains("Most undermine p3"))
        let json = try #require(try JSONSerialization.jsonObject(with: p3.jsonData()) as? [String: Any])
        #expect(json["format"] as? String == Attribution.fileFormat)
        #expect((json["entries"] as? [[String: Any]])?.count == 6)
        #expect(Set((json["entries"] as! [[String: Any]])[0].keys) == ["id", "group", "initial", "value", "class", "standing", "sensitivity",
                                                                     "support", "exactSupport", "pull", "without", "chain"])
        #expect((json["entries"] as! [[String: Any]])[2]["without"] is NSNull && json["jointWithout"] is NSNull)
    }

    @Test("degenerate: at a bound, fixed by the mode, locked, unknown, not converged, unanchored, not positive definite")
    func degenerate() throws {
        let problem = Problem.alignmentExample
        let wide = try problem.solve(.activeSet)
        // p1 is adopted at its upper bound: every sensitivity and support with standings held is
        // zero, said so; its supporters are listed instead (`boundSupport` below).
        let p1 = try problem.attribution(of: "p1", at: wide)
        #expect(p1.standing == .atUpper && p1.notes.first?.contains("upper bound") == true)
        #expect(!p1.entries.isEmpty && p1.entries.allSatisfy { $0.sensitivity == 0 && $0.support == 0 && $0.pull > 0 })
        #expect(try problem.sensitivity(of: "p1", at: wide).allSatisfy { $0 == 0 })
        // In top-down the principles are fixed at their initial values: only their own slope is 1.
        let topDown = try problem.solve(.activeSet, mode: .topDown)
        let fixed = try problem.attribution(of: "p3", at: topDown)
        #expect(fixed.standing == .fixedByMode && fixed.entries.isEmpty)
        let row = try problem.sensitivity(of: "p3", at: topDown)
        #expect(row[try problem.index(of: "p3")] == 1 && row.filter { $0 != 0 }.count == 1)
        // A judgment's sensitivity to a fixed principle is W_{F,p} through H_FF⁻¹ (non-zero where related).
        let j2 = try problem.sensitivity(of: "j2", at: topDown)
        #expect(j2[try problem.index(of: "p3")] > 0)
        // Locked by the problem.
        var locked = problem
        locked.principles.lower[2] = 0.6; locked.principles.upper[2] = 0.6
        let lockedResult = try locked.solve(.activeSet)
        #expect(try locked.attribution(of: "p3", at: lockedResult).standing == .locked)
        #expect(try locked.sensitivity(of: "p3", at: lockedResult).allSatisfy { $0 == 0 })
        // Unknown id, a foreign result, a non-converged result.
        #expect(throws: ExplanationError.unknownItem("p99")) { try problem.attribution(of: "p99", at: wide) }
        let other = try RandomProblems.convex(.tiny, seed: 1).solve(.activeSet)
        #expect(throws: ExplanationError.resultMismatch(expected: 21, found: other.items.count)) { try problem.sensitivity(of: "p3", at: other) }
        let stopped = try problem.solve(.alternating, options: SolverOptions(maxIterations: 1))
        try #require(!stopped.isEquilibrium)
        #expect(throws: ExplanationError.notAnEquilibrium(stopped.status)) { try problem.attribution(of: "p3", at: stopped) }
        // A judgment with no relation and confidence 0 stays inside its bounds: H_FF is singular there.
        let loose = Tiny.problem(judgments: [Tiny.judgment("j1", 0.3, confidence: 0), Tiny.judgment("j2", 1, confidence: 1)],
                                 principles: [Tiny.principle("p", 0.5, confidence: 2)], a: [[0], [0.5]])
        let looseResult = try loose.solve(.activeSet)
        try #require(looseResult.isEquilibrium && looseResult.value(of: "j1") == 0.3)
        #expect(throws: ExplanationError.unanchoredFreeItem("j1")) { try loose.attribution(of: "p", at: looseResult) }
        // A saddle: x0 = 0 is stationary for H = [[0.5, −1], [−1, 0.5]] (indefinite).
        let saddle = Tiny.problem(judgments: [Tiny.judgment("j", 0, confidence: 0.5)],
                                  principles: [Tiny.principle("p", 0, confidence: 0.5, lower: -1, upper: 1)], a: [[1]])
        let saddleResult = try saddle.solve(.activeSet)
        try #require(saddleResult.isEquilibrium && saddleResult.state == [0, 0])
        #expect(throws: ExplanationError.freeHessianNotPositiveDefinite(freeItems: 2)) { try saddle.sensitivity(of: "p", at: saddleResult) }
    }

    @Test("not certified convex and weakly active items are noted")
    func notes() throws {
        // One judgment, one principle: p0 = 0.5, λ_p = 2, pull from j = 1 exactly reaches p = 1
        // (multiplier 0 at the upper bound): weakly active.
        let problem = Tiny.problem(judgments: [Tiny.judgment("j", 1, confidence: 1, lower: -1, upper: 1)],
                                   principles: [Tiny.principle("p", 0.5, confidence: 2), Tiny.principle("q", 0.5, confidence: 2)],
                                   a: [[1, 0.5]])
        let result = try problem.solve(.activeSet, mode: .bottomUp, options: SolverOptions(tolerance: 1e-12))
        try #require(result.value(of: "p") == 1)
        let q = try problem.attribution(of: "q", at: result)
        #expect(q.notes.contains { $0.contains("near-)zero multiplier") && $0.contains("p") })
        let unchecked = try problem.solve(.activeSet, mode: .bottomUp, options: SolverOptions(tolerance: 1e-12, certify: false))
        #expect(try problem.attribution(of: "q", at: unchecked).notes.contains { $0.contains("not certified convex") })
    }
}

extension DenseModel {
    /// The group of stacked index `i`.
    func group(_ i: Int) -> Group { i < m ? .judgment : (i < m + n ? .principle : .theory) }
}

import Testing
@testable import ReflectiveEquilibrium

/// The active-set solver's reduced path (`ReducedNewton`, judgments eliminated) against its
/// full-space path, and the Gram sum it keeps (sparse-row scatter + `dsyrk`) against `dsyrk` alone.
@Suite("Active set: reduced Newton and the judgment Gram sum")
struct ReducedNewtonTests {
    /// A problem whose judgment rows mix sparse rows (scattered) and dense rows (`dsyrk`).
    static func mixedProblem(seed: UInt64) -> Problem {
        var problem = RandomProblems.convex(ProblemShape(m: 90, n: 30, k: 6, density: 0.08), seed: seed)
        var rng = SplitMix64(seed: seed)
        var a = problem.compatibility.judgmentPrinciple
        for i in stride(from: 0, to: a.rows, by: 3) { for j in 0..<a.columns { a[i, j] = rng.uniform(-1, 1) } }
        problem.compatibility.judgmentPrinciple = a
        // Restore strict diagonal dominance (so H ≻ 0) for the denser rows.
        let (m, n, k) = problem.shape
        let rows = DenseModel.absoluteRowSums(problem.compatibility, weights: problem.blockWeights, m: m, n: n, k: k)
        for i in 0..<m { problem.judgments.confidence[i] = 1.5 * rows[i] + 0.5 }
        for a in 0..<n { problem.principles.confidence[a] = 1.5 * rows[m + a] + 0.5 }
        for c in 0..<k { problem.theories.confidence[c] = 1.5 * rows[m + n + c] + 0.5 }
        return problem
    }

    /// The Gram sum of `rows`, entry by entry (independent of the kernels).
    static func referenceGram(_ o: Objective, rows: [Int]) -> SymmetricMatrix {
        var g = SymmetricMatrix(order: o.reducedCount)
        for i in rows {
            var w = (0..<o.n).map { o.alphaJP * o.a[i, $0] }
            w += (0..<o.k).map { o.alphaJT == 0 ? 0 : o.alphaJT * o.c![i, $0] }
            for a in 0..<w.count { for b in a..<w.count { g[a, b] += w[a] * w[b] / o.lambda[i] } }
        }
        return g
    }

    static func maxUpperDifference(_ a: SymmetricMatrix, _ b: SymmetricMatrix) -> Double {
        var d = 0.0
        for i in 0..<a.order { for j in i..<a.order { d = max(d, abs(a[i, j] - b[i, j])) } }
        return d
    }

    @Test("the Gram sum (scattered sparse rows + dsyrk dense rows) equals the entrywise sum, fresh and after rank-k corrections", arguments: [UInt64(1), 2, 3])
    func gramMatchesSyrk(seed: UInt64) throws {
        let o = Objective(Self.mixedProblem(seed: seed))
        var rng = SplitMix64(seed: seed &+ 99)
        var free = (0..<o.m).map { _ in rng.chance(0.6) }
        var gram = JudgmentGram(objective: o)
        gram.update(free: free)
        let scale = max(1, (0..<o.reducedCount).map { abs(gram.gram[$0, $0]) }.max() ?? 1)
        #expect(Self.maxUpperDifference(gram.gram, Self.referenceGram(o, rows: (0..<o.m).filter { free[$0] })) <= 1e-12 * scale)
        // A few rows change state: corrected, not rebuilt.
        for _ in 0..<5 { let i = rng.below(o.m); free[i].toggle() }
        gram.update(free: free)
        #expect(gram.lastChange > 0 && gram.lastChange <= 5)
        #expect(Self.maxUpperDifference(gram.gram, Self.referenceGram(o, rows: (0..<o.m).filter { free[$0] })) <= 1e-12 * scale)
    }

    @Test("reduced and full-space paths reach the same x* on convex problems", arguments: SeededShape.all(ProblemShape.agreement, seeds: [1, 2]))
    func pathsAgree(_ c: SeededShape) throws {
        let o = Objective(RandomProblems.convex(c.shape, seed: c.seed))
        let options = SolverOptions(tolerance: 1e-11)
        let start = o.startingPoint(nil)
        let reduced = try ActiveSetSolver().run(o, from: start, options: options, deadline: Deadline(seconds: nil))
        let full = try ActiveSetSolver(allowReduced: false).run(o, from: start, options: options, deadline: Deadline(seconds: nil))
        #expect(reduced.status == .converged && full.status == .converged, "\(reduced.status) / \(full.status)")
        #expect(maxAbsDifference(reduced.x, full.x) <= 1e-9, "‖x_reduced − x_full‖∞ = \(maxAbsDifference(reduced.x, full.x))")
        let residual = o.kktResidual(reduced.x, gradient: o.gradient(reduced.x, wx: o.coherenceGradient(reduced.x)))
        #expect(residual <= 1e-11)
    }

    @Test("mixed sparse and dense rows: the reduced path converges to the full path's x*", arguments: [UInt64(4), 5])
    func mixedRows(seed: UInt64) throws {
        let o = Objective(Self.mixedProblem(seed: seed))
        let start = o.startingPoint(nil)
        let reduced = try ActiveSetSolver().run(o, from: start, options: SolverOptions(tolerance: 1e-11), deadline: Deadline(seconds: nil))
        let full = try ActiveSetSolver(allowReduced: false).run(o, from: start, options: SolverOptions(tolerance: 1e-11), deadline: Deadline(seconds: nil))
        #expect(reduced.status == .converged)
        #expect(maxAbsDifference(reduced.x, full.x) <= 1e-9)
    }

    @Test("non-convex problems: the reduced path ends at a KKT point", arguments: NonConvexCase.all)
    func nonConvexKKT(_ c: NonConvexCase) throws {
        let o = Objective(c.problem)
        try #require(ReducedNewton.applies(to: o))
        let raw = try ActiveSetSolver().run(o, from: o.startingPoint(nil), options: SolverOptions(), deadline: Deadline(seconds: nil))
        let residual = o.kktResidual(raw.x, gradient: o.gradient(raw.x, wx: o.coherenceGradient(raw.x)))
        #expect(raw.status == .converged && residual <= 1e-9, "\(raw.status), KKT \(residual)")
    }

    @Test("planted convex instances: a handful of Newton steps, each exact")
    func plantedFewIterations() throws {
        let (problem, _) = try PlantedInstance.generate(PlantedParameters(judgments: 600, principles: 40, theories: 6))
        let r = try problem.solve(.activeSet, options: SolverOptions(tolerance: 1e-10))
        #expect(r.status == .converged)
        #expect(r.iterations <= 5, "\(r.iterations) iterations")
        let pg = try problem.solve(.projectedGradient, options: SolverOptions(tolerance: 1e-10))
        #expect(maxAbsDifference(r.state, pg.state) <= 1e-8)
    }

    @Test("conjugate gradients on the Schur operator give the direct Newton direction, and the solve agrees", arguments: [UInt64(6), 7])
    func iterativeMatchesDirect(seed: UInt64) throws {
        // Large and sparse enough that the CG route is within its budget.
        let problem = RandomProblems.convex(ProblemShape(m: 2000, n: 300, k: 20, density: 0.02), seed: seed)
        let o = Objective(problem)
        let start = o.startingPoint(nil)
        var newton = ReducedNewton(objective: o, start: start)
        let point = newton.reduced.point(at: Array(start[o.m...]))
        let free = newton.freeJudgments(at: point)
        let freeRows = free.filter { $0 }.count
        let directOrNil = newton.directDirection(at: point, freeJudgments: free)
        let direct = try #require(directOrNil)
        for route in [NewtonRoute.gathered, .inPlace] {
            let outcome = newton.iterativeDirection(at: point, freeJudgments: free, freeRows: freeRows, route: route,
                                                    tolerance: 1e-12, directSeconds: .infinity, forcing: 0)
            let iterative = try #require(outcome ?? nil, "CG route \(route) gave no direction")
            #expect(maxAbsDifference(iterative, direct) <= 1e-9 * max(1, direct.map(abs).max()!), "\(route): \(maxAbsDifference(iterative, direct))")
        }
        // The gathered rows are kept between iterations: with another free set (every other free
        // judgment) the gathered and in-place routes still give the same direction.
        var seen = 0
        let fewer = free.map { isFree in
            guard isFree else { return false }
            seen += 1
            return seen % 2 == 0
        }
        let fewerRows = fewer.filter { $0 }.count
        let routes = try [NewtonRoute.gathered, .inPlace].map { route in
            try #require(newton.iterativeDirection(at: point, freeJudgments: fewer, freeRows: fewerRows, route: route,
                                                   tolerance: 1e-12, directSeconds: .infinity, forcing: 0) ?? nil)
        }
        #expect(maxAbsDifference(routes[0], routes[1]) <= 1e-9 * max(1, routes[1].map(abs).max()!))
        let solved = try ActiveSetSolver().run(o, from: start, options: SolverOptions(tolerance: 1e-10), deadline: Deadline(seconds: nil))
        let full = try ActiveSetSolver(allowReduced: false).run(o, from: start, options: SolverOptions(tolerance: 1e-10), deadline: Deadline(seconds: nil))
        #expect(solved.status == .converged && full.status == .converged)
        #expect(maxAbsDifference(solved.x, full.x) <= 1e-8)
    }

    @Test("λ = 0 judgments take the full-space path")
    func unanchoredJudgmentsUseFullSpace() throws {
        var problem = RandomProblems.convex(.tall, seed: 3)
        problem.judgments.confidence[0] = 0
        #expect(!ReducedNewton.applies(to: Objective(problem)))
        #expect(ReducedNewton.applies(to: Objective(RandomProblems.convex(.tall, seed: 3))))
    }
}

/// The batched strongest pulls of a result equal every pull sorted and cut.
@Suite("Strongest pulls")
struct StrongestPullsTests {
    @Test("one pass over the rows gives the same top pulls as each item's full list", arguments: [UInt64(1), 2, 3])
    func matchesFullLists(seed: UInt64) throws {
        for shape in [ProblemShape.squareish, .principlePairs, .tall] {
            var problem = RandomProblems.convex(shape, seed: seed)
            if seed == 3 { problem.compatibility.judgmentPrinciple = problem.compatibility.judgmentPrinciple.converted(to: .sparse) }
            if seed == 2 { problem = problem.withBlocks(.float32) }
            let o = Objective(problem)
            var rng = SplitMix64(seed: seed)
            let x = (0..<o.count).map { _ in rng.uniform(-1, 1) }
            let items = (0..<o.count).filter { _ in rng.chance(0.5) }
            for limit in [1, 3, 50] {
                let batch = o.strongestPulls(on: items, at: x, limit: limit)
                for i in items {
                    let full = o.pulls(on: i, at: x).sorted { abs($0.contribution) > abs($1.contribution) }.prefix(limit)
                    #expect(batch[i]!.map(\.index) == full.map(\.index), "\(shape) item \(i) limit \(limit)")
                    #expect(batch[i]!.map(\.contribution) == full.map(\.contribution))
                }
            }
        }
    }

    @Test("ties keep the first row, also when the rows are split between threads", arguments: [Matrix.Layout.float64, .float32])
    func tiesAcrossThreads(_ layout: Matrix.Layout) throws {
        // Many equal contributions: entries ±0.5 and x ±1, on enough rows for several threads.
        var rng = SplitMix64(seed: 17)
        let m = 3000, n = 60
        var problem = RandomProblems.convex(ProblemShape(m: m, n: n, k: 0, density: 0.5), seed: 9)
        var a = Matrix(rows: m, columns: n)
        for i in 0..<m { for j in 0..<n where rng.chance(0.7) { a[i, j] = rng.chance(0.5) ? 0.5 : -0.5 } }
        problem.compatibility.judgmentPrinciple = a.converted(to: layout)
        let o = Objective(problem)
        let x = (0..<o.count).map { _ in rng.chance(0.5) ? 1.0 : -1.0 }
        let items = Array(o.m..<o.count)
        let batch = o.strongestPulls(on: items, at: x, limit: 5)
        for i in items {
            let full = o.pulls(on: i, at: x).enumerated()
                .sorted { abs($0.element.contribution) > abs($1.element.contribution) || (abs($0.element.contribution) == abs($1.element.contribution) && $0.offset < $1.offset) }
                .prefix(5).map(\.element)
            #expect(batch[i]!.map(\.index) == full.map(\.index), "principle \(i - o.m)")
        }
    }
}

import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// Multiple equilibria (issue 5 item 6): `Problem.solveMultiStart`, basin shares and the
/// `equilibria` member of `wre-result/1`.
@Suite("Multi-start: distinct equilibria and basin shares")
struct MultiStartTests {
    /// Two principles in strong conflict (S = −1), each supported by its own judgment, weakly
    /// anchored: the equilibria are "p1 adopted, p2 rejected" and the mirror image, with the
    /// same objective; the symmetric point between them is a saddle.
    static func twoCamps() throws -> Problem {
        try Problem(
            judgments: [Item(id: "j1", group: .judgment, confidence: 1), Item(id: "j2", group: .judgment, confidence: 1)],
            principles: [Item(id: "p1", group: .principle, initial: 0.6, confidence: 0.1),
                         Item(id: "p2", group: .principle, initial: 0.4, confidence: 0.1)],
            relations: [Relation(from: "j1", to: "p1", weight: 0.6), Relation(from: "j2", to: "p2", weight: 0.6),
                        Relation(from: "p1", to: "p2", weight: -1)])
    }

    @Test("a planted two-equilibria problem: both found, shares sum to 1, best first, not unique", arguments: continuousSolvers)
    func twoEquilibria(_ solver: SolverKind) throws {
        let problem = try Self.twoCamps()
        let result = try problem.solveMultiStart(solver, options: SolverOptions(seed: 7), starts: 24)
        let points = try #require(result.equilibria)
        let dense = DenseModel(problem)
        let corners = points.filter { p in
            let x = p.state
            return abs(x[2] - x[3]) > 0.99
        }
        #expect(corners.count == 2, "\(solver.rawValue): \(points.map(\.state))")
        #expect(Set(corners.map { $0.items[2].class }) == [.adopted, .rejected])
        #expect(corners.allSatisfy { $0.stable == true })
        #expect(abs(points.map(\.share).reduce(0, +) - 1) <= 1e-12)
        #expect(points.map(\.starts).reduce(0, +) == 24)
        #expect(points.map(\.objective) == points.map(\.objective).sorted(by: >))
        #expect(result.objective.total == points[0].objective && result.state == points[0].state)
        for p in points {
            #expect(p.scaledResidual <= 1e-9 && dense.scaledResidual(p.state) <= 1e-9 + recomputeSlack)
        }
        #expect(result.certificate.convex == false && result.certificate.unique == false)
        for (i, p) in points.enumerated() {
            for q in points[(i + 1)...] { #expect(maxAbsDifference(p.state, q.state) > 1e-6) }
        }
    }

    @Test("a symmetric start can end on the saddle between the camps: it is listed, flagged unstable, below the camps")
    func saddleFlagged() throws {
        var problem = try Self.twoCamps()
        problem.principles.initial = [0.5, 0.5]
        let result = try problem.solveMultiStart(.projectedGradient, options: SolverOptions(seed: 0), starts: 12)
        let points = try #require(result.equilibria)
        let saddles = points.filter { $0.stable == false }
        try #require(saddles.count == 1, "projected gradient from the symmetric starts stops on the saddle: \(points.map(\.state))")
        let saddle = saddles[0]
        #expect(abs(saddle.state[2] - saddle.state[3]) <= 1e-9, "the saddle is symmetric")
        let dense = DenseModel(problem)
        #expect(dense.scaledResidual(saddle.state) <= 1e-9 + recomputeSlack, "it is a KKT point")
        #expect(points.filter { $0.stable == true }.allSatisfy { $0.objective > saddle.objective })
        #expect(result.equilibria?.first?.stable == true)
    }

    @Test("a convex problem: every start reaches one equilibrium, share 1, certified unique", arguments: continuousSolvers)
    func convexOne(_ solver: SolverKind) throws {
        let problem = RandomProblems.convex(.principlePairs, seed: 3)
        let single = try problem.solve(solver)
        let result = try problem.solveMultiStart(solver, starts: 10)
        let points = try #require(result.equilibria)
        #expect(points.count == 1)
        #expect(points[0].share == 1 && points[0].starts == 10)
        #expect(result.certificate.unique == true)
        #expect(points[0].stable == true)
        #expect(maxAbsDifference(result.state, single.state) <= 1e-8)
    }

    @Test("starting points: initial, the corners of the mode, then seeded random points in the box")
    func startingPoints() throws {
        let problem = RandomProblems.convex(ProblemShape(m: 5, n: 3, k: 2), seed: 4)
        let dense = DenseModel(problem)
        let points = problem.startingPoints(count: 12, seed: 9)
        #expect(points.map(\.name).prefix(9) == ["initial", "all upper", "all lower", "judgments upper", "judgments lower",
                                                 "principles upper", "principles lower", "theories upper", "theories lower"])
        #expect(points[0].state == dense.project(dense.x0))
        #expect(points[1].state == dense.upper && points[2].state == dense.lower)
        #expect(points[9].name == "random 1")
        for p in points { #expect(dense.isFeasible(p.state)) }
        #expect(problem.startingPoints(count: 12, seed: 9) == points)
        #expect(problem.startingPoints(count: 12, seed: 10)[9] != points[9])
        let topDown = problem.startingPoints(count: 3, mode: .topDown)
        #expect(topDown.map(\.name) == ["initial", "all upper", "all lower"])
        let n = problem.shape.judgments
        #expect(topDown[1].state[n...] == topDown[0].state[n...], "locked groups stay at x0")
    }

    @Test("same seed, same bytes; the equilibria list is written best first and read back")
    func deterministicJSON() throws {
        let problem = try Self.twoCamps()
        let a = try problem.solveMultiStart(.alternating, options: SolverOptions(seed: 3), starts: 12)
        let b = try problem.solveMultiStart(.alternating, options: SolverOptions(seed: 3), starts: 12)
        var (ja, jb) = (a, b)
        ja.seconds = 0; jb.seconds = 0
        ja.timing = SolveTiming(); jb.timing = SolveTiming()
        #expect(try ja.jsonData() == (try jb.jsonData()))
        let doc = try #require(try JSONSerialization.jsonObject(with: a.jsonData()) as? [String: Any])
        let list = try #require(doc["equilibria"] as? [[String: Any]])
        #expect(list.count == a.equilibria?.count)
        #expect(Set(list[0].keys) == ["objective", "share", "starts", "kktResidual", "scaledResidual", "stable", "items"])
        let read = try Equilibrium(jsonData: a.jsonData())
        #expect(read.equilibria == a.equilibria)
        let single = try #require(try JSONSerialization.jsonObject(with: problem.solve().jsonData()) as? [String: Any])
        #expect(single["equilibria"] == nil, "absent when not multi-start")
    }

    @Test("bad multi-start options are refused")
    func badOptions() throws {
        let problem = try Self.twoCamps()
        #expect(throws: ProblemError.self) { try problem.solveMultiStart(starts: 0) }
        #expect(throws: ProblemError.self) { try problem.solveMultiStart(starts: 3, clusterTolerance: .nan) }
    }
}

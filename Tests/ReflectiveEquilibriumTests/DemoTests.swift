import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// The bundled alignment example (`wre demo`): its designed outcome holds with every solver.
@Suite("Bundled alignment example")
struct DemoTests {
    static let problem = Problem.alignmentExample

    /// Ids of the items of `group` in class `itemClass`.
    static func ids(_ result: Equilibrium, _ group: Group, _ itemClass: ItemClass) -> [String] {
        result.items.filter { $0.group == group && $0.class == itemClass }.map(\.id)
    }

    @Test("shape: 12 judgments, 6 principles, 3 theories, with texts")
    func shape() {
        let (m, n, k) = Self.problem.shape
        #expect(m == 12 && n == 6 && k == 3)
        #expect(Self.problem.mode == .wide)
        for group in Group.allCases {
            #expect(Self.problem.items(group).texts.allSatisfy { !($0 ?? "").isEmpty })
        }
    }

    @Test("wide: j2, j6, j8 reversed; p3 rejected; t3 rejected; certified unique", arguments: SolverKind.continuous)
    func wideOutcome(solver: SolverKind) throws {
        let result = try Self.problem.solve(solver, mode: .wide)
        #expect(result.isEquilibrium)
        #expect(result.scaledResidual <= 1e-9)
        #expect(result.certificate.convex == true && result.certificate.unique == true)
        #expect((result.certificate.convexityMargin ?? 0) > 0.4)

        #expect(Self.ids(result, .judgment, .reversed) == ["j2", "j6", "j8"])
        #expect(Self.ids(result, .judgment, .weakened) == ["j11", "j12"])
        #expect(Self.ids(result, .principle, .rejected) == ["p3"])
        #expect(Self.ids(result, .principle, .adopted) == ["p1", "p2", "p4", "p5"])
        #expect(Self.ids(result, .theory, .accepted) == ["t1", "t2"])
        #expect(Self.ids(result, .theory, .rejected) == ["t3"])

        // Margins from the class thresholds, so the outcome is not a knife edge.
        #expect(try #require(result.value(of: "j2")) < -0.3)
        #expect(try #require(result.value(of: "j8")) < -0.3)
        #expect(try #require(result.value(of: "p3")) < 0.15)

        // The revision that reverses j6 is explained by helpfulness and liberalism.
        let j6 = try #require(result.revisions.first { $0.id == "j6" })
        #expect(j6.class == .reversed)
        #expect(j6.pulls.prefix(2).map(\.id) == ["p2", "t2"])
    }

    @Test("the three solvers reach the same equilibrium (to 1e-7)")
    func solversAgree() throws {
        let results = try SolverKind.continuous.map { try Self.problem.solve($0) }
        let reference = results[0].state
        for r in results.dropFirst() {
            let gap = zip(r.state, reference).map { abs($0 - $1) }.max() ?? 0
            #expect(gap <= 1e-7, "\(r.solver.rawValue) differs from \(results[0].solver.rawValue) by \(gap)")
            #expect(abs(r.objective.total - results[0].objective.total) <= 1e-9)
        }
    }

    @Test("top-down keeps the constitution: nothing is reversed, the over-refusals are only weakened",
          arguments: SolverKind.continuous)
    func topDown(solver: SolverKind) throws {
        let wide = try Self.problem.solve(solver, mode: .wide)
        let topDown = try Self.problem.solve(solver, mode: .topDown)
        #expect(topDown.isEquilibrium)
        #expect(topDown.kktResidual <= 1e-9)

        // Principles and theories stay at their initial values.
        for item in topDown.items where item.group != .judgment {
            #expect(item.value == item.initial, "\(item.id) moved in top-down mode")
        }
        #expect(topDown.revisionShare.principles == 0 && topDown.revisionShare.theories == 0)

        #expect(Self.ids(topDown, .judgment, .reversed).isEmpty)
        for id in ["j2", "j6", "j8"] {
            #expect(topDown.item(id)?.class == .weakened)
            #expect(wide.item(id)?.class == .reversed)
        }
        #expect(topDown.item("p3")?.class == .partial)
        #expect(wide.item("p3")?.class == .rejected)

        let differ = zip(wide.items, topDown.items).filter { $0.0.class != $0.1.class }.map(\.0.id)
        #expect(differ == ["j2", "j6", "j8", "j11", "j12", "p2", "p3", "p5", "t1", "t2", "t3"])
    }

    @Test("the exported problem file (wre demo --export) reads back to the same problem")
    func exportRoundTrip() throws {
        let data = try Self.problem.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"format\": \"wre-problem/1\"") || text.contains("\"format\":\"wre-problem/1\""))
        let back = try Problem(jsonData: data, baseDirectory: nil)
        #expect(back == Self.problem)
    }
}

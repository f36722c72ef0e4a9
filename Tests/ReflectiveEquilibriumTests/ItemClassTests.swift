import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// Classes relative to the starting stance (docs/results.md, issue 10 item 1): with σ = sign(x0)
/// (+1 for x0 = 0) and s = σ·x, a judgment is retained (s > 0.5), weakened (0.1 < s ≤ 0.5),
/// suspended (|s| ≤ 0.1) or reversed (s < −0.1); principles and theories by value. Then every
/// user of classes: result items, counts, revisions, compare, update, multi-start, explain, the
/// alternating solver's trajectory and the result reader.
@Suite("Item classes relative to the starting stance")
struct ItemClassTests {
    /// (initial, value, class) for judgments: every sign of both, x0 = 0, and the thresholds.
    static let judgmentTable: [(Double, Double, ItemClass)] = [
        (1, 1, .retained), (1, 0.51, .retained), (1, 0.5, .weakened), (1, 0.11, .weakened), (1, 0.1, .suspended),
        (1, 0, .suspended), (1, -0.1, .suspended), (1, -0.11, .reversed), (1, -1, .reversed),
        (0.3, 0.3, .weakened), (0.3, -0.6, .reversed), (0.05, 0.05, .suspended),
        (-1, -1, .retained), (-1, -0.58, .retained), (-1, -0.51, .retained), (-1, -0.5, .weakened), (-1, -0.3, .weakened),
        (-1, -0.1, .suspended), (-1, 0, .suspended), (-1, 0.1, .suspended), (-1, 0.11, .reversed), (-1, 1, .reversed),
        (-0.4, -0.4, .weakened), (-0.4, 0.4, .reversed), (-0.05, -0.05, .suspended),
        (0, 0, .suspended), (0, 0.6, .retained), (0, 0.3, .weakened), (0, -0.05, .suspended), (0, -0.3, .reversed), (0, -1, .reversed),
    ]

    @Test("the judgment table: every sign of the initial and the final value, x0 = 0, and the thresholds",
          arguments: judgmentTable.indices)
    func judgmentClass(_ row: Int) {
        let (x0, x, expected) = Self.judgmentTable[row]
        #expect(ItemClass(group: .judgment, initial: x0, value: x) == expected, "\(x0) → \(x)")
        // Mirroring the verdict as stated (x0 → −x0, x → −x) keeps the class, for x0 ≠ 0.
        if x0 != 0 { #expect(ItemClass(group: .judgment, initial: -x0, value: -x) == expected, "\(-x0) → \(-x)") }
        #expect(ItemClass.stance(group: .judgment, initial: x0) == (x0 < 0 ? -1 : 1))
    }

    @Test("principles and theories are classed by value, whatever their initial value")
    func byValue() {
        for x0 in [0.0, 0.3, 1] {
            for (x, p, t) in [(1.0, ItemClass.adopted, ItemClass.accepted), (0.75, .adopted, .accepted), (0.74, .partial, .partial),
                              (0.26, .partial, .partial), (0.25, .rejected, .rejected), (0, .rejected, .rejected)] {
                #expect(ItemClass(group: .principle, initial: x0, value: x) == p && ItemClass(group: .theory, initial: x0, value: x) == t)
            }
            #expect(ItemClass.stance(group: .principle, initial: x0) == 1 && ItemClass.stance(group: .theory, initial: x0) == 1)
        }
    }

    /// j0 starts at −1 and nothing bears on it; j1 starts at −1 and is pulled to −0.58 by the
    /// locked principle p (A = 0.42, λ = 1); j2 starts at +1 and is pulled to −0.3 by q (locked
    /// at 1, A = −0.65, λ = 0.5); j3 starts at 0 and goes to −0.4.
    static func stances() -> Problem {
        Tiny.problem(judgments: [Tiny.judgment("j0", -1, confidence: 1), Tiny.judgment("j1", -1, confidence: 1),
                                 Tiny.judgment("j2", 1, confidence: 0.5), Tiny.judgment("j3", 0, confidence: 1)],
                     principles: [Tiny.principle("p", 1, confidence: 1, lower: 1, upper: 1),
                                  Tiny.principle("q", 1, confidence: 1, lower: 1, upper: 1)],
                     a: [[0, 0], [0.42, 0], [0, -0.65], [0, -0.4]])
    }

    @Test("results: items, counts and revisions are classed relative to the initial values (−1 → −1 retained, −1 → −0.58 retained)",
          arguments: [SolverKind.activeSet, .alternating, .projectedGradient])
    func results(_ solver: SolverKind) throws {
        let result = try Self.stances().solve(solver, options: SolverOptions(tolerance: 1e-12))
        try #require(result.isEquilibrium)
        #expect(isClose(result.value(of: "j1")!, -0.58, 1e-9) && isClose(result.value(of: "j2")!, -0.3, 1e-9))
        #expect(result.items.map(\.class) == [.retained, .retained, .reversed, .reversed, .adopted, .adopted])
        #expect(result.counts.count(.retained, in: .judgment) == 2 && result.counts.count(.reversed, in: .judgment) == 2)
        #expect(result.counts.count(.weakened, in: .judgment) == 0 && result.counts.count(.suspended, in: .judgment) == 0)
        #expect(Dictionary(uniqueKeysWithValues: result.revisions.map { ($0.id, $0.class) }) == ["j1": .retained, "j2": .reversed, "j3": .reversed])
    }

    @Test("the alternating trajectory records class changes relative to the stance; the trace chains them")
    func trajectory() throws {
        let problem = Self.stances()
        let result = try problem.solve(.alternating)
        let changes = Set(result.trajectory.flatMap(\.classChanges))
        #expect(changes == ["j2", "j3"], "j0 and j1 stay retained from the start")
        let trace = try result.trace(of: problem)
        let j2 = try #require(trace.steps.flatMap(\.classChanges).first { $0.id == "j2" })
        #expect(j2.from == .retained && j2.to == .reversed && !j2.movedUp && j2.pulls.map(\.id) == ["q"])
        let j3 = try #require(trace.steps.flatMap(\.classChanges).first { $0.id == "j3" })
        #expect(j3.from == .suspended && j3.to == .reversed && !j3.movedUp)
        #expect(Set(trace.netChanges.map(\.id)) == ["j2", "j3"])
    }

    @Test("compare: a judgment that keeps its initial −1 is kept retained, not reversed")
    func compare() throws {
        // j starts at −1; p (x0 0.5) supports it as stated (A = +1). Top-down holds p at 0.5 and
        // weakens j to −0.5; bottom-up holds j at −1 and rejects p.
        let problem = Tiny.problem(judgments: [Tiny.judgment("j", -1, confidence: 1)],
                                   principles: [Tiny.principle("p", 0.5, confidence: 1)], a: [[1]])
        let comparison = try problem.compare(modes: [.topDown, .bottomUp])
        let j = try #require(comparison.differences.first { $0.id == "j" })
        #expect(j.classes == [.weakened, .retained])
        let sentence = try #require(comparison.contrasts.first?.sentence)
        #expect(sentence.contains("top-down") && sentence.contains("weakens j") && sentence.contains("keeps j retained")
                && sentence.contains("rejects p"), "\(sentence)")
    }

    @Test("update: an added judgment with initial −1 that stays −1 is — → retained")
    func update() throws {
        let problem = Self.stances()
        let result = try problem.solve()
        let changes = ProblemChanges(addedItems: [.judgment: [Item(id: "new", group: .judgment, initial: -1)]])
        let report = try result.update(problem, with: changes, coldStart: false)
        let added = try #require(report.changes.first { $0.id == "new" })
        #expect(added.kind == .added && added.classBefore == nil && added.classAfter == .retained && added.after == -1)
        #expect(report.changes.allSatisfy { $0.id == "new" }, "nothing else moves")
    }

    @Test("multi-start points, explain and the attribution report class relative to the stance")
    func otherUsers() throws {
        let problem = Self.stances()
        let multi = try problem.solveMultiStart(starts: 3)
        let point = try #require(multi.equilibria?.first)
        #expect(point.items.map(\.class) == [.retained, .retained, .reversed, .reversed, .adopted, .adopted])
        let explanation = try problem.explain(multi, item: "j1")
        #expect(explanation.items.first?.class == .retained)
        let attribution = try problem.attribution(of: "j1", at: try problem.solve(options: SolverOptions(tolerance: 1e-12)))
        #expect(attribution.itemClass == .retained && attribution.report().contains("j1: -1.00 → -0.58, retained"))
    }

    @Test("the result reader reads back the classes written, and reads a file with value-based classes relative to the stance")
    func reader() throws {
        let problem = Self.stances()
        let result = try problem.solveMultiStart(.alternating, starts: 2)
        let data = try result.jsonData()
        let read = try Equilibrium(jsonData: data)
        #expect(read.items == result.items && read.revisions == result.revisions && read.counts == result.counts)
        #expect(read.equilibria == result.equilibria && read.trajectory == result.trajectory)
        // A file written when judgments were classed by value: j0 (−1 → −1) and j1 (−1 → −0.58) "reversed".
        var text = String(decoding: data, as: UTF8.self)
        for id in ["j0", "j1"] {
            text = text.replacingOccurrences(of: "\"id\": \"\(id)\", \"group\": \"judgment\", \"initial\": -1.0, \"value\": \(result.value(of: id)!), \"class\": \"retained\"",
                                             with: "\"id\": \"\(id)\", \"group\": \"judgment\", \"initial\": -1.0, \"value\": \(result.value(of: id)!), \"class\": \"reversed\"")
        }
        text = text.replacingOccurrences(of: "\"retained\": 2, \"weakened\": 0, \"suspended\": 0, \"reversed\": 2",
                                         with: "\"retained\": 0, \"weakened\": 0, \"suspended\": 0, \"reversed\": 4")
        try #require(text.contains("\"reversed\": 4"))
        try #require(text.components(separatedBy: "\"class\": \"reversed\"").count > String(decoding: data, as: UTF8.self).components(separatedBy: "\"class\": \"reversed\"").count)
        let old = try Equilibrium(jsonData: Data(text.utf8))
        #expect(old.items == result.items && old.counts == result.counts)
        // A class of another group is refused, naming the path.
        let wrong = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"id\": \"j0\", \"group\": \"judgment\", \"initial\": -1.0, \"value\": -1.0, \"class\": \"retained\"",
                                                                             with: "\"id\": \"j0\", \"group\": \"judgment\", \"initial\": -1.0, \"value\": -1.0, \"class\": \"adopted\"")
        #expect(wrong != String(decoding: data, as: UTF8.self))
        #expect {
            _ = try Equilibrium(jsonData: Data(wrong.utf8), file: "r.json")
        } throws: { error in
            String(describing: error).contains("r.json") && String(describing: error).contains("items[0].class")
                && String(describing: error).contains("a class of a judgment")
        }
    }
}

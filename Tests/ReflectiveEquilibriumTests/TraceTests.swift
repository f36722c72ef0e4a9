import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// The audit trail (issue 5 item 5): `Equilibrium.trace(of:)`, its JSON lines and narrative.
@Suite("Trace: audit trail, JSON lines, narrative")
struct TraceTests {
    /// A problem where judgments reverse and principles get rejected along the way.
    static func eventful() -> Problem { RandomProblems.convex(ProblemShape(m: 30, n: 6, k: 3, withS: true), seed: 21) }

    @Test("alternating: one trace step per trajectory step; class changes chain from the start class to the final class")
    func stepsChain() throws {
        let problem = Self.eventful()
        let result = try problem.solve(.alternating)
        let trace = try result.trace(of: problem)
        #expect(trace.steps.count == result.trajectory.count)
        let objective = Objective(problem)
        let start = objective.startingPoint(nil)
        var classes: [String: ItemClass] = [:]
        for (i, item) in result.items.enumerated() { classes[item.id] = ItemClass(group: item.group, value: start[i]) }
        var changed = 0
        for (step, raw) in zip(trace.steps, result.trajectory) {
            #expect(step.round == raw.round && step.group == raw.group && step.objective == raw.objective)
            #expect(step.classChanges.map(\.id) == raw.classChanges)
            for t in step.classChanges {
                #expect(t.from == classes[t.id], "\(t.id) round \(step.round)")
                #expect(t.to != t.from && t.to == ItemClass(group: step.group, value: t.value))
                #expect(result.item(t.id)?.group == step.group)
                classes[t.id] = t.to
                changed += 1
            }
        }
        try #require(changed > 0, "the test problem should change some classes")
        for item in result.items { #expect(classes[item.id] == item.class, "\(item.id)") }
        #expect(Set(trace.netChanges.map(\.id)) == Set(result.items.filter { $0.class != ItemClass(group: $0.group, value: start[result.items.firstIndex(of: $0)!]) }.map(\.id)))
    }

    @Test("the pulls attached to a class change point the way the item moved and are W_ik x*_k at the end state")
    func pullsPointTheWay() throws {
        let problem = Self.eventful()
        let result = try problem.solve(.alternating)
        let trace = try result.trace(of: problem, topPulls: 50)
        let dense = DenseModel(problem)
        let x = result.state
        let ids = result.items.map(\.id)
        for t in trace.steps.flatMap(\.classChanges) + trace.netChanges {
            let i = ids.firstIndex(of: t.id)!
            for pull in t.pulls {
                #expect(t.isDownward ? pull.contribution < 0 : pull.contribution > 0)
                let k = ids.firstIndex(of: pull.id)!
                #expect(isClose(pull.contribution, dense.wEntry(i, k) * x[k], 1e-12))
            }
            let magnitudes = t.pulls.map { abs($0.contribution) }
            #expect(magnitudes == magnitudes.sorted(by: >))
        }
    }

    @Test("JSON lines: start, one step line per step, end; the start objective is the dense objective at x0")
    func jsonLines() throws {
        let problem = Self.eventful()
        let result = try problem.solve(.alternating)
        let trace = try result.trace(of: problem)
        let text = String(decoding: trace.jsonLines(), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == trace.steps.count + 2)
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.first?["event"] as? String == "start")
        #expect(objects.first?["format"] as? String == "wre-trace/1")
        #expect(objects.last?["event"] as? String == "end" && objects.last?["status"] as? String == "converged")
        #expect(objects.dropFirst().dropLast().allSatisfy { $0["event"] as? String == "step" })
        let dense = DenseModel(problem)
        let x0 = dense.project(dense.x0)
        #expect(isClose(try #require(objects.first?["objective"] as? Double), -dense.value(x0) - dense.anchorConstant, 1e-12))
        #expect(isClose(try #require(objects.last?["objective"] as? Double), result.objective.total, 1e-12))
        let changeLists = objects.compactMap { $0["classChanges"] as? [[String: Any]] }
        let firstChange = try #require(changeLists.first { !$0.isEmpty }?.first)
        #expect(Set(firstChange.keys) == ["id", "from", "to", "value", "pulls"])
        #expect(trace.jsonLines() == (try result.trace(of: problem).jsonLines()), "same result, same bytes")
    }

    @Test("other solvers: the trace is the start and the end, with the net class changes", arguments: [SolverKind.activeSet, .projectedGradient])
    func otherSolvers(_ solver: SolverKind) throws {
        let problem = Self.eventful()
        let result = try problem.solve(solver)
        let trace = try result.trace(of: problem)
        #expect(trace.steps.isEmpty)
        let lines = String(decoding: trace.jsonLines(), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        let alternating = try problem.solve(.alternating).trace(of: problem)
        #expect(Set(trace.netChanges.map(\.id)) == Set(alternating.netChanges.map(\.id)), "same equilibrium, same net changes")
        #expect(trace.narrative().contains { $0.hasPrefix("net (") })
    }

    @Test("the narrative tells each eventful round, names the pulls, and respects its cap")
    func narrative() throws {
        let problem = Self.eventful()
        let result = try problem.solve(.alternating)
        let trace = try result.trace(of: problem)
        let eventful = trace.steps.filter { !$0.classChanges.isEmpty }
        let full = trace.narrative(lineLimit: 1000)
        #expect(full.count == eventful.count + 2)
        #expect(full.first!.hasPrefix("start: objective") && full.last!.hasPrefix("end (converged"))
        let step = eventful[0]
        let line = full[1]
        #expect(line.hasPrefix("round \(step.round): \(step.group.plural) revised"))
        let t = step.classChanges[0]
        #expect(line.contains("\(t.id) \(t.to.rawValue)"))
        if let pull = t.pulls.first { #expect(line.contains("pulled \(t.isDownward ? "down" : "up") by \(pull.id)")) }
        let capped = trace.narrative(lineLimit: 1, changesPerLine: 1)
        #expect(capped.count == (eventful.count > 1 ? 4 : 3))
    }

    @Test("a trace of a result against another problem is refused")
    func mismatch() throws {
        let result = try Self.eventful().solve()
        #expect(throws: ProblemError.self) { try result.trace(of: RandomProblems.convex(.tiny, seed: 2)) }
    }
}

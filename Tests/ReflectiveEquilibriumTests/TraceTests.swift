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
        for (i, item) in result.items.enumerated() { classes[item.id] = ItemClass(group: item.group, initial: item.initial, value: start[i]) }
        var changed = 0
        for (step, raw) in zip(trace.steps, result.trajectory) {
            #expect(step.round == raw.round && step.group == raw.group && step.objective == raw.objective)
            #expect(step.classChanges.map(\.id) == raw.classChanges)
            for t in step.classChanges {
                #expect(t.from == classes[t.id], "\(t.id) round \(step.round)")
                #expect(t.to != t.from && t.to == ItemClass(group: step.group, initial: result.item(t.id)!.initial, value: t.value))
                #expect(result.item(t.id)?.group == step.group)
                classes[t.id] = t.to
                changed += 1
            }
        }
        try #require(changed > 0, "the test problem should change some classes")
        for item in result.items { #expect(classes[item.id] == item.class, "\(item.id)") }
        #expect(Set(trace.netChanges.map(\.id)) == Set(result.items.enumerated().filter { i, item in
            item.class != ItemClass(group: item.group, initial: item.initial, value: start[i])
        }.map(\.element.id)))
    }

    /// One step of an independent replay of the alternating process: the group revised, and each
    /// of its items whose class changed, with its value and every pull `W_ik x_k` at the state
    /// after the step that points the way it moved.
    struct ReplayedStep {
        var round: Int
        var group: Group
        var changes: [(index: Int, value: Double, pulls: [(index: Int, contribution: Double)])]
    }

    /// The alternating process replayed through the dense W, for a problem without S with every
    /// λ > 0: each round the judgments, then the principles, then the theories go to their block
    /// optimum `clip(x0 + ((W x)_i − μ_i)/λ_i)` (exact, as no block couples with itself).
    static func replay(_ problem: Problem, rounds: Int) -> [ReplayedStep] {
        let dense = DenseModel(problem)
        let ranges = [0..<dense.m, dense.m..<(dense.m + dense.n), (dense.m + dense.n)..<dense.count]
        func cls(_ i: Int, _ v: Double) -> ItemClass { ItemClass(group: dense.group(i), initial: dense.x0[i], value: v) }
        var x = dense.project(dense.x0)
        var classes = x.indices.map { cls($0, x[$0]) }
        var steps: [ReplayedStep] = []
        for round in 1...max(rounds, 1) {
            for (g, range) in zip(Group.allCases, ranges) where !range.isEmpty {
                let before = x, wx = dense.coherenceGradient(x)
                for i in range { x[i] = clip(dense.x0[i] + (wx[i] - dense.mu[i]) / dense.lambda[i], dense.lower[i], dense.upper[i]) }
                var step = ReplayedStep(round: round, group: g, changes: [])
                for i in range where cls(i, x[i]) != classes[i] {
                    classes[i] = cls(i, x[i])
                    let move = x[i] - before[i]
                    let pulls = (0..<dense.count).map { (index: $0, contribution: dense.wEntry(i, $0) * x[$0]) }
                        .filter { move * $0.contribution > 0 }
                        .sorted { abs($0.contribution) > abs($1.contribution) }
                    step.changes.append((i, x[i], pulls))
                }
                steps.append(step)
            }
        }
        return steps
    }

    @Test("a round's pulls are W_ik x_k at that round's state (an independent dense replay), not at the equilibrium",
          arguments: [UInt64(21), 22, 23])
    func roundPulls(seed: UInt64) throws {
        let problem = RandomProblems.convex(ProblemShape(m: 30, n: 6, k: 3, density: 0.7), seed: seed)
        let top = 4
        let result = try problem.solve(.alternating, options: SolverOptions(tolerance: 1e-12, topPulls: top))
        try #require(result.isEquilibrium)
        let replayed = Self.replay(problem, rounds: result.trajectory.last?.round ?? 1)
        try #require(replayed.count == result.trajectory.count)
        let trace = try result.trace(of: problem, topPulls: top)
        let ids = result.items.map(\.id), dense = DenseModel(problem), end = result.state
        var transitions = 0, differFromEnd = 0
        for ((expected, step), traced) in zip(zip(replayed, result.trajectory), trace.steps) {
            #expect(step.round == expected.round && step.group == expected.group)
            #expect(step.classChanges == expected.changes.map { ids[$0.index] }, "round \(step.round) \(step.group)")
            guard step.classChanges.count == expected.changes.count else { continue }
            for (c, change) in expected.changes.enumerated() {
                #expect(isClose(step.classChangeValues[c], change.value, 1e-12))
                let recorded = step.classChangePulls[c]
                #expect(recorded.map(\.id) == change.pulls.prefix(top).map { ids[$0.index] }, "\(ids[change.index]) round \(step.round)")
                for (pull, want) in zip(recorded, change.pulls) { #expect(isClose(pull.contribution, want.contribution, 1e-12)) }
                // The trace lists exactly these; and they point the way the value moved.
                let t = traced.classChanges[c]
                #expect(t.id == ids[change.index] && t.pulls == recorded)
                #expect(t.pulls.allSatisfy { t.movedUp ? $0.contribution > 0 : $0.contribution < 0 })
                // At the equilibrium the same items pull with other strengths: the record is of the round.
                if zip(recorded, recorded.map { dense.wEntry(change.index, ids.firstIndex(of: $0.id)!) * end[ids.firstIndex(of: $0.id)!] })
                    .contains(where: { abs($0.contribution - $1) > 1e-6 }) { differFromEnd += 1 }
                transitions += 1
            }
        }
        try #require(transitions > 0, "the problem should change some classes")
        #expect(differFromEnd > 0, "the pulls should change between the rounds and the equilibrium")
    }

    @Test("the net changes' pulls point the way the value moved and are W_ik x*_k at the end state")
    func netPullsAtEnd() throws {
        let problem = Self.eventful()
        let result = try problem.solve(.activeSet)
        let trace = try result.trace(of: problem, topPulls: 50)
        let dense = DenseModel(problem)
        let x = result.state, start = dense.project(dense.x0)
        let ids = result.items.map(\.id)
        try #require(!trace.netChanges.isEmpty)
        for t in trace.netChanges {
            let i = ids.firstIndex(of: t.id)!
            #expect(t.movedUp == (x[i] > start[i]))
            let expected = (0..<x.count).map { dense.wEntry(i, $0) * x[$0] }.filter { t.movedUp ? $0 > 0 : $0 < 0 }
            #expect(t.pulls.count == expected.count)
            for pull in t.pulls {
                #expect(t.movedUp ? pull.contribution > 0 : pull.contribution < 0)
                let k = ids.firstIndex(of: pull.id)!
                #expect(isClose(pull.contribution, dense.wEntry(i, k) * x[k], 1e-12))
            }
            let magnitudes = t.pulls.map { abs($0.contribution) }
            #expect(magnitudes == magnitudes.sorted(by: >))
        }
    }

    @Test("the round pulls are written to wre-result/1 and read back; a result without them traces no step pulls")
    func roundPullsRoundTrip() throws {
        let problem = Self.eventful()
        let result = try problem.solve(.alternating)
        try #require(result.trajectory.contains { !$0.classChangePulls.joined().isEmpty })
        let read = try Equilibrium(jsonData: result.jsonData())
        #expect(read.trajectory == result.trajectory)
        #expect(try read.trace(of: problem).jsonLines() == (try result.trace(of: problem).jsonLines()))
        var old = result
        for s in old.trajectory.indices { old.trajectory[s].classChangePulls = [] }
        let trace = try old.trace(of: problem)
        #expect(trace.steps.allSatisfy { $0.classChanges.allSatisfy(\.pulls.isEmpty) }, "never the end state's pulls in a round")
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
        if let pull = t.pulls.first { #expect(line.contains("pulled \(t.movedUp ? "up" : "down") by \(pull.id)")) }
        let capped = trace.narrative(lineLimit: 1, changesPerLine: 1)
        #expect(capped.count == (eventful.count > 1 ? 4 : 3))
    }

    @Test("a trace of a result against another problem is refused")
    func mismatch() throws {
        let result = try Self.eventful().solve()
        #expect(throws: ProblemError.self) { try result.trace(of: RandomProblems.convex(.tiny, seed: 2)) }
    }
}

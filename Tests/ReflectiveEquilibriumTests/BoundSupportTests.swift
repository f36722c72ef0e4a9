import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// `Problem.attribution(of:at:)` for an item at a bound (issue 10, item 3): the supporters are
/// the pulls into the bound, recomputed here through the dense W; each re-solve without a
/// supporter (and without the re-solved ones together) is checked against removing the item
/// from the problem (`ProblemChanges`) and solving that cold; the chain one step back against
/// the dense revision pulls and a cold solve with the driver's bounds set to its initial value.
@Suite("Support at a bound: supporters re-solved, the chain one step back")
struct BoundSupportTests {
    static let precise = SolverOptions(tolerance: 1e-12)

    /// The bundled example (certified convex: cold and warm solves reach the one equilibrium).
    static func base() throws -> (Problem, Equilibrium) {
        let problem = Problem.alignmentExample
        let result = try problem.solve(.activeSet, options: precise)
        try #require(result.isEquilibrium && result.certificate.unique == true)
        return (problem, result)
    }

    /// The ids of the items, in both results and not `excluding`, whose class differs.
    static func classChanges(_ a: Equilibrium, _ b: Equilibrium, excluding: Set<String>) -> Set<String> {
        Set(a.items.compactMap { item in
            guard !excluding.contains(item.id), let other = b.item(item.id), other.class != item.class else { return nil }
            return item.id
        })
    }

    /// Checks a re-solve against `independent` (the same variant, built and solved independently).
    static func expectSame(_ outcome: Counterfactual, _ independent: Equilibrium, target: String, base: Equilibrium,
                           excluding: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(independent.isEquilibrium, sourceLocation: sourceLocation)
        let value = try #require(independent.value(of: target))
        #expect(isClose(outcome.value, value, 1e-8), "\(target): \(outcome.value) vs \(value)", sourceLocation: sourceLocation)
        #expect(outcome.class == independent.item(target)?.class, sourceLocation: sourceLocation)
        let changed = classChanges(base, independent, excluding: excluding.union([target]))
        #expect(outcome.changedCount == changed.count, "\(outcome.changes.map(\.id)) vs \(changed)", sourceLocation: sourceLocation)
        #expect(Set(outcome.changes.map(\.id)) == changed, sourceLocation: sourceLocation)
        for change in outcome.changes {
            #expect(change.classBefore == base.item(change.id)?.class && change.classAfter == independent.item(change.id)?.class,
                    sourceLocation: sourceLocation)
        }
    }

    @Test("the supporters are the pulls into the bound, strongest first; each re-solve matches removing the item and solving cold",
          arguments: ["p1", "p4", "j6", "j5"])
    func supporters(id: String) throws {
        let (problem, base) = try Self.base()
        let attribution = try problem.attribution(of: id, at: base, limit: nil, exact: 3)
        try #require(attribution.standing == .atUpper || attribution.standing == .atLower)
        let dense = DenseModel(problem), x = base.state, ids = base.items.map(\.id)
        let t = ids.firstIndex(of: id)!
        let into: Double = attribution.standing == .atUpper ? 1 : -1
        let pulls = (0..<x.count).filter { $0 != t }.map { (k: $0, c: dense.wEntry(t, $0) * x[$0]) }.filter { $0.c != 0 }
        let holding = pulls.filter { into * $0.c > 0 }
        #expect(Set(attribution.entries.map(\.id)) == Set(holding.map { ids[$0.k] }))
        #expect(attribution.influencers == pulls.count && attribution.opposing == pulls.count - holding.count)
        let sizes = attribution.entries.map { abs($0.pull) }
        #expect(sizes == sizes.sorted(by: >), "strongest first")
        for e in attribution.entries {
            let k = ids.firstIndex(of: e.id)!
            #expect(isClose(e.pull, dense.wEntry(t, k) * x[k], 1e-12) && e.sensitivity == 0 && e.support == 0)
        }
        let resolved = Array(attribution.entries.prefix(3))
        try #require(resolved.count >= 2)
        for e in resolved {
            let without = try #require(e.without, "\(e.id) was not re-solved")
            #expect(without.dropped == [e.id] && without.held.isEmpty)
            let removed = try problem.applying(ProblemChanges(removedItems: [e.id])).solve(.activeSet, options: Self.precise)
            try Self.expectSame(without, removed, target: id, base: base, excluding: [e.id])
            #expect(isClose(try #require(e.exactSupport), x[t] - without.value, 1e-12))
        }
        #expect(attribution.entries.dropFirst(3).allSatisfy { $0.without == nil && $0.exactSupport == nil && $0.chain == nil })
        let joint = try #require(attribution.jointWithout)
        #expect(joint.dropped == resolved.map(\.id))
        let removed = try problem.applying(ProblemChanges(removedItems: joint.dropped)).solve(.activeSet, options: Self.precise)
        try Self.expectSame(joint, removed, target: id, base: base, excluding: Set(joint.dropped))
    }

    @Test("a supporter that changed class is traced one step back to the item whose revision drove it; held at its initial value, the re-solve matches")
    func chain() throws {
        let (problem, base) = try Self.base()
        let attribution = try problem.attribution(of: "j6", at: base, exact: 3)
        #expect(attribution.standing == .atLower && attribution.itemClass == .reversed)
        let dense = DenseModel(problem), x = base.state, ids = base.items.map(\.id)
        let t = ids.firstIndex(of: "j6")!
        var followed = 0
        for e in attribution.entries.prefix(3) {
            let s = ids.firstIndex(of: e.id)!
            let startClass = ItemClass(group: e.group, initial: dense.x0[s], value: dense.x0[s])
            guard e.itemClass != startClass else { #expect(e.chain == nil, "\(e.id) kept its class"); continue }
            let chain = try #require(e.chain, "\(e.id) changed class: the chain should be followed")
            // The driver: the largest revision pull W_sk (x_k − x0_k) the way s moved, k ≠ j6, s.
            let move = x[s] - dense.x0[s]
            let revisionPulls = (0..<x.count).filter { $0 != t && $0 != s }.map { (k: $0, c: dense.wEntry(s, $0) * (x[$0] - dense.x0[$0])) }
            let driver = try #require(revisionPulls.filter { move * $0.c > 0 }.max { abs($0.c) < abs($1.c) })
            #expect(chain.id == ids[driver.k] && isClose(chain.pullChange, driver.c, 1e-12))
            #expect(chain.initial == dense.x0[driver.k] && chain.value == x[driver.k])
            // Held at its initial value: bounds [x0, x0] through ProblemChanges, solved cold.
            let x0 = dense.x0[driver.k]
            let held = try problem.applying(ProblemChanges(itemSettings: [ItemSetting(id: chain.id, lower: x0, upper: x0)]))
                .solve(.activeSet, options: Self.precise)
            let outcome = try #require(chain.held)
            #expect(outcome.held == [chain.id] && outcome.dropped.isEmpty)
            try Self.expectSame(outcome, held, target: "j6", base: base, excluding: [chain.id])
            #expect(isClose(try #require(chain.supporterValue), held.value(of: e.id)!, 1e-8))
            #expect(chain.supporterClass == held.item(e.id)?.class)
            followed += 1
        }
        try #require(followed > 0)
        // t2 holds j6 reversed; it was accepted because p3 was rejected (the driver's rejection).
        let t2 = try #require(attribution.entries.first { $0.id == "t2" }?.chain)
        #expect(t2.id == "p3" && t2.itemClass == .rejected)
    }

    @Test("the report and JSON at a bound name the supporters, the re-solves and the chain; --exact 0 re-solves nothing")
    func reportAndJSON() throws {
        let (problem, base) = try Self.base()
        let attribution = try problem.attribution(of: "j6", at: base, exact: 3)
        let text = attribution.report(source: "demo")
        for fragment in ["j6:  1.00 → -1.00, reversed, at its lower bound", "without i", "Without p2: j6 1.00 (retained",
                         "Without p2 and t2 together", "Chain: t2 is accepted", "p3's revision", "Hold j6 at its lower bound: p2"] {
            #expect(text.contains(fragment), "\(fragment) in\n\(text)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: attribution.jsonData()) as? [String: Any])
        #expect(json["class"] as? String == "reversed" && json["standing"] as? String == "atLower")
        let entries = try #require(json["entries"] as? [[String: Any]])
        let without = try #require(entries[0]["without"] as? [String: Any])
        #expect(Set(without.keys) == ["dropped", "held", "value", "class", "standing", "changedCount", "changes"])
        let change = try #require((without["changes"] as? [[String: Any]])?.first)
        #expect(Set(change.keys) == ["id", "group", "kind", "before", "after", "classBefore", "classAfter"])
        let chain = try #require(entries.compactMap { $0["chain"] as? [String: Any] }.first)
        #expect(Set(chain.keys) == ["id", "group", "initial", "value", "class", "pullChange", "held", "supporterValue", "supporterClass"])
        #expect((json["jointWithout"] as? [String: Any])?["dropped"] as? [String] == ["p2", "t2"])

        let cheap = try problem.attribution(of: "j6", at: base, exact: 0)
        #expect(cheap.entries.map(\.id) == attribution.entries.map(\.id))
        #expect(cheap.entries.allSatisfy { $0.without == nil && $0.chain == nil } && cheap.jointWithout == nil)
        #expect(cheap.report().contains("Hold j6 at its lower bound: p2 (pull -0.400)"))
    }

    @Test("at a bound no factorization is needed: beside a saddle, where H_FF is not positive definite, a bound item is attributed; an item nothing pulls is said so")
    func noFactorization() throws {
        // (j, p): H = [[0.5, −1], [−1, 0.5]] is indefinite; from x0 = (1, 1) both go to their upper
        // bounds. (j2, r): the same pair from x0 = (0, 0), a saddle that stays there (free, H_FF indefinite).
        let problem = Tiny.problem(judgments: [Tiny.judgment("j", 1, confidence: 0.5), Tiny.judgment("j2", 0, confidence: 0.5)],
                                   principles: [Tiny.principle("p", 1, confidence: 0.5, lower: -1, upper: 1),
                                                Tiny.principle("q", 1, confidence: 1),
                                                Tiny.principle("r", 0, confidence: 0.5, lower: -1, upper: 1)],
                                   a: [[1, 0, 0], [0, 0, 1]])
        let result = try problem.solve(.activeSet)
        try #require(result.isEquilibrium && result.value(of: "p") == 1 && result.value(of: "j") == 1 && result.value(of: "r") == 0)
        #expect(throws: ExplanationError.freeHessianNotPositiveDefinite(freeItems: 2)) { try problem.sensitivity(of: "r", at: result) }
        let p = try problem.attribution(of: "p", at: result)
        #expect(p.standing == .atUpper && p.entries.map(\.id) == ["j"] && p.entries[0].pull == 1)
        #expect(p.notes.contains { $0.contains("not certified convex") })
        let q = try problem.attribution(of: "q", at: result)
        #expect(q.entries.isEmpty && q.notes.contains { $0.contains("no item pulls q up") })
    }
}

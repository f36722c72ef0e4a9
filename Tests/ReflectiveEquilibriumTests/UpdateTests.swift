import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// Dynamic revisability (issue 5 item 4): `wre-changes/1`, `Problem.applying(_:)`,
/// `Equilibrium.update(_:with:)` and the `wre-result/1` reader used by `--from`.
@Suite("Update: changes, warm-started re-solve, diff")
struct UpdateTests {
    /// A small named problem with every block: j1…j4, p1…p3, t1, t2.
    static func named() throws -> Problem {
        let judgments = (1...4).map { Item(id: "j\($0)", group: .judgment, initial: $0 == 4 ? -0.5 : 1, confidence: 2) }
        let principles = (1...3).map { Item(id: "p\($0)", group: .principle, confidence: 3, parsimony: $0 == 3 ? 0.1 : 0) }
        let theories = (1...2).map { Item(id: "t\($0)", group: .theory, confidence: 3) }
        let relations = [
            Relation(from: "p1", to: "j1", weight: 0.8), Relation(from: "p1", to: "j2", weight: 0.5),
            Relation(from: "p2", to: "j3", weight: -0.6), Relation(from: "p3", to: "j4", weight: 0.4),
            Relation(from: "p1", to: "t1", weight: 0.5), Relation(from: "j2", to: "t2", weight: -0.3),
            Relation(from: "p1", to: "p2", weight: -0.2),
        ]
        return try Problem(judgments: judgments, principles: principles, theories: theories, relations: relations)
    }

    /// The records of a group.
    static func records(_ g: ItemGroup) -> [Item] { (0..<g.count).map { g[$0] } }

    // MARK: Every change kind, against a problem built directly

    @Test("adding items and relations equals building the problem with them")
    func addItemsAndRelations() throws {
        let p = try Self.named()
        var changes = ProblemChanges()
        changes.addedItems[.judgment] = [Item(id: "j5", group: .judgment, initial: -1, confidence: 1.5)]
        changes.addedItems[.theory] = [Item(id: "t3", group: .theory, initial: 0.2)]
        changes.addedRelations = [Relation(from: "j5", to: "p2", weight: 0.7), Relation(from: "t3", to: "p3", weight: -0.5),
                                  Relation(from: "j1", to: "t1", weight: 0.25)]
        let changed = try p.applying(changes)
        let expected = try Problem(
            judgments: Self.records(p.judgments) + changes.addedItems[.judgment]!, principles: Self.records(p.principles),
            theories: Self.records(p.theories) + changes.addedItems[.theory]!, relations: p.relations + changes.addedRelations)
        expectSameProblem(changed, expected)
    }

    @Test("removing an item drops it and its relations; removing a relation zeroes it")
    func removeItemsAndRelations() throws {
        let p = try Self.named()
        let changes = ProblemChanges(removedItems: ["p1", "j4"], removedRelations: [RelationPair(from: "j3", to: "p2")])
        let changed = try p.applying(changes)
        let relations = p.relations.filter { r in
            ![r.from, r.to].contains("p1") && ![r.from, r.to].contains("j4") && Set([r.from, r.to]) != ["j3", "p2"]
        }
        let expected = try Problem(judgments: Self.records(p.judgments).filter { $0.id != "j4" },
                                   principles: Self.records(p.principles).filter { $0.id != "p1" },
                                   theories: Self.records(p.theories), relations: relations)
        expectSameProblem(changed, expected)
        #expect(changed.compatibility.principlePrinciple == nil && changed.compatibility.principleTheory == nil, "blocks left without relations are dropped")
    }

    @Test("setting item fields, relation weights, block weights and the mode")
    func setEverything() throws {
        let p = try Self.named()
        let changes = ProblemChanges(
            itemSettings: [ItemSetting(id: "p3", text: "new text", initial: 0.9, confidence: 0.5, lower: 0.1, upper: 0.95, parsimony: 0.2),
                           ItemSetting(id: "j2", confidence: 7)],
            relationWeights: [Relation(from: "j1", to: "p1", weight: -0.1), Relation(from: "p2", to: "p1", weight: 0.3),
                              Relation(from: "t2", to: "j2", weight: 0)],
            blockWeights: BlockWeightSetting(principleTheory: 0.5), mode: .narrow)
        let changed = try p.applying(changes)
        var judgments = Self.records(p.judgments), principles = Self.records(p.principles)
        judgments[1].confidence = 7
        principles[2] = Item(id: "p3", group: .principle, text: "new text", initial: 0.9, confidence: 0.5, lower: 0.1, upper: 0.95, parsimony: 0.2)
        var relations = p.relations.map { r -> Relation in
            var r = r
            if Set([r.from, r.to]) == ["j1", "p1"] { r.weight = -0.1 }
            if Set([r.from, r.to]) == ["p1", "p2"] { r.weight = 0.3 }
            return r
        }
        relations.removeAll { Set([$0.from, $0.to]) == ["j2", "t2"] }
        let expected = try Problem(judgments: judgments, principles: principles, theories: Self.records(p.theories), relations: relations,
                                   blockWeights: BlockWeights(principleTheory: 0.5), mode: .narrow)
        expectSameProblem(changed, expected)
        #expect(changed.compatibility.judgmentTheory == nil, "weight 0 on the only J–T relation drops block C")
        #expect(changed.principlePrincipleEntry("p1", "p2") == 0.3 && changed.principlePrincipleEntry("p2", "p1") == 0.3)
    }

    @Test("changes keep each block's storage (CSR stays CSR, float32 stays float32) and give the same entries",
          arguments: [Matrix.Layout.sparse, .float32])
    func layoutsKept(_ layout: Matrix.Layout) throws {
        let p = try Self.named()
        var q = p
        for name in BlockName.allCases {
            if let block = q.compatibility[name] { q.compatibility.set(name, block.converted(to: layout)) }
        }
        let changes = ProblemChanges(addedItems: [.judgment: [Item(id: "j5", group: .judgment)]],
                                     addedRelations: [Relation(from: "j5", to: "p2", weight: 0.5)], removedItems: ["j2"],
                                     relationWeights: [Relation(from: "p1", to: "j1", weight: -0.25), Relation(from: "p2", to: "p1", weight: 0.5)])
        let a = try p.applying(changes), b = try q.applying(changes)
        expectSameProblem(a, b, tolerance: layout == .float32 ? 1e-7 : 0)
        #expect(b.compatibility.judgmentPrinciple.layout == layout)
        #expect(b.compatibility.principlePrinciple?.layout == layout)
        #expect(b.compatibility.principleTheory?.layout == layout)
    }

    @Test("changes apply to a problem read from a .npy manifest (default ids j0…)")
    func manifestProblem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wre-update-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = RandomProblems.convex(ProblemShape(m: 12, n: 4, k: 2), seed: 3)
        try original.writeManifest(to: dir)
        let problem = try Problem(contentsOf: dir.appendingPathComponent("problem.json"))
        #expect(problem.judgments.ids.first == "j0")
        let changes = try ProblemChanges(jsonData: Data("""
            {"format": "wre-changes/1", "remove": {"items": ["j3"]},
             "add": {"judgments": [{"id": "extra", "initial": -1, "confidence": 9}], "relations": [{"from": "extra", "to": "p1", "weight": 0.1}]},
             "set": {"items": [{"id": "p0", "confidence": 12}]}}
            """.utf8))
        let previous = try problem.solve()
        let report = try previous.update(problem, with: changes)
        #expect(report.problem.judgments.ids.count == 12)
        #expect(report.problem.judgments.ids.last == "extra")
        #expect(report.changes.contains { $0.id == "extra" && $0.kind == .added })
        #expect(report.changes.contains { $0.id == "j3" && $0.kind == .removed })
        #expect(report.result.isEquilibrium)
        #expect(maxAbsDifference(report.result.state, try #require(report.cold).state) <= 1e-8)
    }

    // MARK: Warm start

    static let smallChanges: [(String, ProblemChanges)] = [
        ("confidence", ProblemChanges(itemSettings: [ItemSetting(id: "p2", confidence: 40)])),
        ("initial", ProblemChanges(itemSettings: [ItemSetting(id: "j7", initial: -1)])),
        ("relation weight", ProblemChanges(relationWeights: [Relation(from: "j0", to: "p0", weight: 0.05)])),
        ("added judgment", ProblemChanges(addedItems: [.judgment: [Item(id: "new", group: .judgment, initial: -1, confidence: 5)]],
                                          addedRelations: [Relation(from: "new", to: "p3", weight: 0.2)])),
        ("removed judgment", ProblemChanges(removedItems: ["j11"])),
    ]

    @Test("warm-started update equals a cold solve of the changed problem to 1e-8 (KKT checked densely)",
          arguments: continuousSolvers, smallChanges.indices)
    func warmEqualsCold(_ solver: SolverKind, _ index: Int) throws {
        let problem = RandomProblems.convex(ProblemShape(m: 40, n: 8, k: 3, withS: true), seed: 11)
        let previous = try problem.solve(solver)
        try #require(previous.isEquilibrium)
        var changes = Self.smallChanges[index].1
        if !changes.relationWeights.isEmpty {
            // Re-weight the first relation the random problem has.
            let first = try #require(problem.relations.first)
            changes.relationWeights = [Relation(from: first.from, to: first.to, weight: first.weight / 2)]
        }
        let report = try previous.update(problem, with: changes, solver: solver)
        let cold = try #require(report.cold)
        expectConvergedKKT(report.result, DenseModel(report.problem), Self.smallChanges[index].0)
        expectConvergedKKT(cold, DenseModel(report.problem))
        #expect(maxAbsDifference(report.result.state, cold.state) <= 1e-8, "\(Self.smallChanges[index].0)")
        #expect(isClose(report.objectiveChange, report.result.objective.total - previous.objective.total, 1e-12))
        #expect(report.result.iterations <= cold.iterations,
                "\(solver.rawValue) \(Self.smallChanges[index].0): warm \(report.result.iterations), cold \(cold.iterations)")
    }

    @Test("a small change takes fewer iterations warm than cold (alternating, projected gradient)",
          arguments: [SolverKind.alternating, .projectedGradient])
    func warmSavesIterations(_ solver: SolverKind) throws {
        let problem = RandomProblems.convex(ProblemShape(m: 60, n: 10, k: 3, withS: true), seed: 5)
        let previous = try problem.solve(solver)
        let report = try previous.update(problem, with: ProblemChanges(itemSettings: [ItemSetting(id: "j4", initial: 0.2)]), solver: solver)
        let saved = try #require(report.iterationsSaved)
        #expect(saved > 0, "\(solver.rawValue): warm \(report.result.iterations), cold \(report.cold!.iterations)")
    }

    @Test("the diff lists added, removed and moved items with their classes; an empty change set moves nothing")
    func diffContents() throws {
        let problem = try Self.named()
        let previous = try problem.solve()
        let none = try previous.update(problem, with: ProblemChanges(), coldStart: false)
        #expect(none.changes.isEmpty && none.cold == nil && none.iterationsSaved == nil)
        #expect(abs(none.objectiveChange) <= 1e-12)
        let changes = ProblemChanges(addedItems: [.judgment: [Item(id: "j9", group: .judgment, initial: -1)]],
                                     addedRelations: [Relation(from: "j9", to: "p1", weight: 1)],
                                     removedItems: ["t2"], itemSettings: [ItemSetting(id: "p3", parsimony: 2)])
        let report = try previous.update(problem, with: changes)
        #expect(report.changes.first?.id == "j9" && report.changes.first?.kind == .added && report.changes.first?.before == nil)
        let removed = try #require(report.changes.first { $0.kind == .removed })
        #expect(removed.id == "t2" && removed.after == nil && removed.before == previous.value(of: "t2"))
        let p3 = try #require(report.changes.first { $0.id == "p3" })
        #expect(p3.kind == .changed && p3.after == report.result.value(of: "p3") && p3.classAfter == .rejected)
        for c in report.changes where c.kind == .changed {
            let moved = abs(c.delta!) > 1e-6 || c.classBefore != c.classAfter
            #expect(moved, "\(c.id)")
        }
        let unlisted = report.result.items.filter { item in !report.changes.contains { $0.id == item.id } }
        for item in unlisted { #expect(abs(item.value - previous.value(of: item.id)!) <= 1e-6) }
        let json = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        #expect(json["format"] as? String == "wre-update/1")
        #expect((json["changes"] as? [Any])?.count == report.changes.count)
        #expect((json["result"] as? [String: Any])?["format"] as? String == "wre-result/1")
    }

    // MARK: Errors

    static let badChanges: [(ProblemChanges, String)] = [
        (ProblemChanges(removedItems: ["j9"]), "remove.items[0]: unknown id 'j9'"),
        (ProblemChanges(removedItems: ["j1", "j1"]), "remove.items[1]: unknown id 'j1'"),
        (ProblemChanges(removedRelations: [RelationPair(from: "j1", to: "p2")]), "remove.relations[0]: 'j1' – 'p2' are not related"),
        (ProblemChanges(addedItems: [.principle: [Item(id: "j2", group: .principle)]]), "add.principles[0]: id 'j2' is already taken"),
        (ProblemChanges(addedRelations: [Relation(from: "j1", to: "p1", weight: 0.3)]), "add.relations[0]: 'j1' – 'p1' are already related"),
        (ProblemChanges(addedRelations: [Relation(from: "j1", to: "j2", weight: 0.3)]), "add.relations[0]: relation 0 ('j1' – 'j2'): no block"),
        (ProblemChanges(addedRelations: [Relation(from: "j1", to: "p3", weight: 1.5)]), "add.relations[0]: relation 'j1' – 'p3': weight 1.5"),
        (ProblemChanges(addedRelations: [Relation(from: "j1", to: "nope", weight: 0.5)]), "add.relations[0]: unknown id 'nope'"),
        (ProblemChanges(itemSettings: [ItemSetting(id: "zz", confidence: 1)]), "set.items[0]: unknown id 'zz'"),
        (ProblemChanges(itemSettings: [ItemSetting(id: "p2", lower: 0.9, upper: 0.1)]), "set.items[0] ('p2'): 'p2': lower bound 0.9 exceeds"),
        (ProblemChanges(itemSettings: [ItemSetting(id: "j2", parsimony: 0.1)]), "set.items[0] ('j2'): 'j2': only principles"),
        (ProblemChanges(addedItems: [.theory: [Item(id: "t9", group: .theory, confidence: -1)]]), "add.theories[0] ('t9'): 't9': confidence -1.0 is negative"),
        (ProblemChanges(relationWeights: [Relation(from: "p3", to: "j1", weight: 0.2)]), "set.relations[0]: 'p3' – 'j1' are not related"),
        (ProblemChanges(blockWeights: BlockWeightSetting(judgmentTheory: -2)), "set.blockWeights: blockWeights.judgmentTheory"),
        (ProblemChanges(removedItems: ["p1"], relationWeights: [Relation(from: "p1", to: "j1", weight: 0.2)]), "set.relations[0]: unknown id 'p1'"),
    ]

    @Test("bad changes give errors naming the change and the item", arguments: badChanges.indices)
    func badChange(_ index: Int) throws {
        let (changes, fragment) = Self.badChanges[index]
        do {
            _ = try Self.named().applying(changes)
            Issue.record("no error; expected \(fragment)")
        } catch let error as ProblemChangesError {
            #expect(error.description.contains(fragment), "\(error.description)")
        }
    }

    static let badFiles: [(String, String)] = [
        (#"{"add": {}}"#, "format: missing"),
        (#"{"format": "wre-changes/2"}"#, #""wre-changes/2" is not supported"#),
        (#"{"format": "wre-changes/1", "added": {}}"#, "added: unknown field"),
        (#"{"format": "wre-changes/1", "add": {"judgments": [{"id": "j", "confidance": 1}]}}"#, "add.judgments[0].confidance: unknown field"),
        (#"{"format": "wre-changes/1", "remove": {"items": [3]}}"#, "remove.items[0]: expected a string"),
        (#"{"format": "wre-changes/1", "remove": {"relations": [{"from": "a"}]}}"#, "remove.relations[0].to: required field is missing"),
        (#"{"format": "wre-changes/1", "set": {"items": [{"confidence": 2}]}}"#, "set.items[0].id: required field is missing"),
        (#"{"format": "wre-changes/1", "set": {"relations": [{"from": "a", "to": "b"}]}}"#, "set.relations[0].weight: required field is missing"),
        (#"{"format": "wre-changes/1", "set": {"blockWeights": {"jp": 1}}}"#, "set.blockWeights.jp: unknown field"),
        (#"{"format": "wre-changes/1", "set": {"mode": "sideways"}}"#, "mode: 'sideways' is not a mode"),
        (#"{"format": "wre-changes/1", "set": {"items": [{"id": "a", "initial": "x"}]}}"#, "set.items[0].initial: expected a number"),
        (#"{"format": "wre-changes/1", "add": [1]}"#, "add: expected an object"),
        (#"{"format": "wre-changes/1", "#, "not valid JSON"),
    ]

    @Test("bad change files give errors naming the file and the JSON path", arguments: badFiles.indices)
    func badFile(_ index: Int) throws {
        let (text, fragment) = Self.badFiles[index]
        do {
            _ = try ProblemChanges(jsonData: Data(text.utf8), file: "edit.json")
            Issue.record("no error; expected \(fragment)")
        } catch {
            let message = String(describing: error)
            #expect(message.hasPrefix("edit.json: ") && message.contains(fragment), "\(message)")
        }
    }

    @Test("changes → wre-changes/1 → changes is exact")
    func changesRoundTrip() throws {
        let changes = ProblemChanges(
            addedItems: [.judgment: [Item(id: "j9", group: .judgment, text: "a \"quoted\" case", initial: -0.25, confidence: 0.1)],
                         .principle: [Item(id: "p9", group: .principle, parsimony: 0.3)]],
            addedRelations: [Relation(from: "j9", to: "p9", weight: -0.125)], removedItems: ["j1"],
            removedRelations: [RelationPair(from: "p1", to: "t1")],
            itemSettings: [ItemSetting(id: "p2", initial: 0.1), ItemSetting(id: "t2", text: "x", upper: 0.5)],
            relationWeights: [Relation(from: "p1", to: "j2", weight: 0.3)],
            blockWeights: BlockWeightSetting(judgmentPrinciple: 2, principlePrinciple: 0), mode: .bottomUp)
        let read = try ProblemChanges(jsonData: changes.jsonData())
        #expect(read == changes)
        #expect(read.jsonData() == changes.jsonData())
        #expect(ProblemChanges().isEmpty && !changes.isEmpty)
    }

    // MARK: Result files (--from)

    @Test("wre-result/1 → Equilibrium reads back what was written, and warm-starts the same update")
    func resultRoundTrip() throws {
        let problem = try Self.named()
        let result = try problem.solve(.alternating)
        let read = try Equilibrium(jsonData: try result.jsonData())
        #expect(read.items == result.items && read.revisions == result.revisions && read.trajectory == result.trajectory)
        #expect(read.status == result.status && read.solver == result.solver && read.mode == result.mode)
        #expect(read.iterations == result.iterations && read.kktResidual == result.kktResidual && read.objective == result.objective)
        #expect(read.certificate == result.certificate && read.counts == result.counts && read.revisionShare == result.revisionShare)
        #expect(read.equilibria == nil)
        #expect(try read.jsonData() == (try result.jsonData()))
        let changes = ProblemChanges(itemSettings: [ItemSetting(id: "j4", initial: 1)])
        let a = try result.update(problem, with: changes, coldStart: false)
        let b = try read.update(problem, with: changes, coldStart: false)
        #expect(a.result.state == b.result.state && a.changes == b.changes)
    }

    @Test("a result of another problem, or a broken result file, is refused with a named error")
    func badResults() throws {
        let problem = try Self.named()
        let other = try RandomProblems.convex(.tiny, seed: 1).solve()
        #expect(throws: ProblemChangesError.self) { try other.update(problem, with: ProblemChanges()) }
        var renamed = try problem.solve()
        renamed.items[2].id = "zz"
        do {
            _ = try renamed.update(problem, with: ProblemChanges())
            Issue.record("no error")
        } catch let error as ProblemChangesError {
            #expect(error.description.contains("'zz'") && error.description.contains("'j3'"))
        }
        let text = String(decoding: try problem.solve().jsonData(), as: UTF8.self)
        for (broken, fragment) in [(text.replacingOccurrences(of: "\"iterations\"", with: "\"iters\""), "iters: unknown field"),
                                   (text.replacingOccurrences(of: "wre-result/1", with: "wre-result/9"), "format"),
                                   (text.replacingOccurrences(of: "\"status\": \"converged\"", with: "\"status\": \"fine\""), "status: expected one of")] {
            do {
                _ = try Equilibrium(jsonData: Data(broken.utf8), file: "r.json")
                Issue.record("no error for \(fragment)")
            } catch {
                #expect(String(describing: error).contains(fragment), "\(error)")
            }
        }
    }
}

/// Two problems with the same items, weights, mode and block entries (an absent block equals a
/// zero one; storage layouts may differ).
func expectSameProblem(_ a: Problem, _ b: Problem, tolerance: Double = 0, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.judgments == b.judgments && a.principles == b.principles && a.theories == b.theories, sourceLocation: sourceLocation)
    #expect(a.blockWeights == b.blockWeights && a.mode == b.mode, sourceLocation: sourceLocation)
    for name in BlockName.allCases {
        let (rows, columns) = name.groups
        let r = a.items(rows).count, c = a.items(columns).count
        for i in 0..<r {
            for j in 0..<c {
                let x = a.compatibility[name]?[i, j] ?? 0, y = b.compatibility[name]?[i, j] ?? 0
                #expect(abs(x - y) <= tolerance, "\(name.rawValue)[\(i), \(j)]: \(x) vs \(y)", sourceLocation: sourceLocation)
            }
        }
    }
}

extension Problem {
    /// `S[a, b]` by principle ids (tests).
    func principlePrincipleEntry(_ a: String, _ b: String) -> Double? {
        guard let i = principles.ids.firstIndex(of: a), let j = principles.ids.firstIndex(of: b) else { return nil }
        return compatibility.principlePrinciple?[i, j]
    }
}

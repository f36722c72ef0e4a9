import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// An `initial` outside the item's own bounds and an empty id are errors naming the item (and
/// the file it was read from) — docs/formats.md, issue 10 item 4 — in the Swift API, the JSON
/// relations form, the manifest's item arrays and inline item objects, and `wre-changes/1`.
@Suite("Input validation: initial inside the bounds, non-empty ids")
struct InputValidationTests {
    static let principles = [Item(id: "p1", group: .principle), Item(id: "p2", group: .principle)]

    @Test("Swift API: an initial outside the default or overridden bounds is named, with the bounds")
    func initialOutsideBounds() throws {
        let judgments = [Item(id: "j1", group: .judgment, initial: 2.0), Item(id: "j2", group: .judgment)]
        #expect(throws: ProblemError.initialOutOfBounds(item: "j1", initial: 2, lower: -1, upper: 1)) {
            try Problem(judgments: judgments, principles: Self.principles, relations: [])
        }
        do {
            _ = try Problem(judgments: judgments, principles: Self.principles, relations: [])
        } catch {
            #expect(String(describing: error) == "'j1': initial 2.0 is outside its bounds [-1.0, 1.0]")
        }
        // Overridden bounds: a principle limited to [0.2, 0.8] starting at 0.9; a theory locked at 0.4 starting at 0.5.
        let narrow = [Item(id: "p1", group: .principle, initial: 0.9, lower: 0.2, upper: 0.8), Item(id: "p2", group: .principle)]
        #expect(throws: ProblemError.initialOutOfBounds(item: "p1", initial: 0.9, lower: 0.2, upper: 0.8)) {
            try Problem(judgments: [Item(id: "j", group: .judgment)], principles: narrow, relations: [])
        }
        let locked = [Item(id: "t", group: .theory, lower: 0.4, upper: 0.4)]
        #expect(throws: ProblemError.initialOutOfBounds(item: "t", initial: 0.5, lower: 0.4, upper: 0.4)) {
            try Problem(judgments: [Item(id: "j", group: .judgment)], principles: Self.principles, theories: locked, relations: [])
        }
        // On a bound is inside; a problem built from its parts fails at validate() and at solve.
        let onBounds = [Item(id: "j1", group: .judgment, initial: -1), Item(id: "j2", group: .judgment, initial: 0.3, lower: 0.3, upper: 0.3)]
        _ = try Problem(judgments: onBounds, principles: Self.principles, relations: [])
        var parts = Problem(judgments: ItemGroup(.judgment, items: onBounds), principles: ItemGroup(.principle, items: Self.principles),
                            compatibility: Compatibility(judgmentPrinciple: Matrix(rows: 2, columns: 2)))
        parts.principles.initial[1] = -0.25
        #expect(throws: ProblemError.initialOutOfBounds(item: "p2", initial: -0.25, lower: 0, upper: 1)) { try parts.validate() }
        #expect(throws: ProblemError.initialOutOfBounds(item: "p2", initial: -0.25, lower: 0, upper: 1)) { try parts.solve() }
    }

    @Test("Swift API: an empty id is named by its group and position, before any relation uses it")
    func emptyID() throws {
        let principles = [Item(id: "p1", group: .principle), Item(id: "", group: .principle)]
        #expect(throws: ProblemError.emptyID(group: .principle, index: 1)) {
            try Problem(judgments: [Item(id: "j", group: .judgment)], principles: principles,
                        relations: [Relation(from: "", to: "j", weight: 0.5)])
        }
        #expect(ProblemError.emptyID(group: .principle, index: 1).description == "principles[1]: the id is empty (every item needs a non-empty id)")
        var parts = Problem(judgments: ItemGroup(.judgment, count: 2), principles: ItemGroup(.principle, count: 1),
                            compatibility: Compatibility(judgmentPrinciple: Matrix(rows: 2, columns: 1)))
        parts.judgments.ids[1] = ""
        #expect(throws: ProblemError.emptyID(group: .judgment, index: 1)) { try parts.validate() }
    }

    @Test("JSON relations form: the error names the file and the item",
          arguments: [
              (#"[{"id": "j1", "initial": 2.0}, {"id": "j2"}]"#, IOTests.principles, ["'j1'", "initial 2.0", "outside its bounds [-1.0, 1.0]"]),
              (IOTests.judgments, #"[{"id": "p1", "initial": 0.9, "upper": 0.8}, {"id": "p2"}]"#, ["'p1'", "initial 0.9", "[0.0, 0.8]"]),
              (IOTests.judgments, #"[{"id": "p1", "initial": -0.5}, {"id": "p2"}]"#, ["'p1'", "initial -0.5", "[0.0, 1.0]"]),
              (#"[{"id": "j1"}, {"id": ""}]"#, IOTests.principles, ["judgments[1]", "id is empty"]),
          ])
    func relationsFile(judgments: String, principles: String, fragments: [String]) throws {
        try IOTests.expectFailure(IOTests.json(judgments: judgments, principles: principles, relations: "[]"), fragments, case: fragments[0])
    }

    @Test("manifest: an initial outside the bounds in an item array names the array file and the item; an empty inline id the problem file")
    func manifest() throws {
        let blocks = IOTests.manifestBlocks
        var files = IOTests.manifestItems.merging(blocks) { a, _ in a }
        // j1's initial 2 (bounds [-1, 1]); then p0's 0.5 outside its overridden [0.6, 1].
        files["j.npy"] = IOTests.npy([[1, 1, -1, 1], [2, 2, -1, 1], [-1, 0.5, -1, 0.5]])
        let manifest = IOTests.manifest(IOTests.itemsMember, IOTests.matricesMember)
        try IOTests.expectFailure(manifest, files: files, ["'j1'", "initial 2.0", "outside its bounds [-1.0, 1.0]"], file: "j.npy", case: "j.npy")
        files["j.npy"] = IOTests.manifestItems["j.npy"]
        files["p.npy"] = IOTests.npy([[0.5, 1, 0.6, 1, 0.1], [0.25, 3, 0, 1, 0]])
        try IOTests.expectFailure(manifest, files: files, ["'p0'", "initial 0.5", "[0.6, 1.0]"], file: "p.npy", case: "p.npy")
        // The manifest's theories as inline objects, one with an empty id.
        files["p.npy"] = IOTests.manifestItems["p.npy"]
        let inline = IOTests.manifest(#""items": {"judgments": "j.npy", "principles": "p.npy"}"#, #""theories": [{"id": ""}]"#,
                                      IOTests.matricesMember)
        try IOTests.expectFailure(inline, files: files, ["theories[0]", "id is empty"], case: "inline empty id")
    }

    @Test("wre-changes/1: setting an initial outside the bounds names the change and the item")
    func changes() throws {
        let problem = try Problem(judgments: [Item(id: "j", group: .judgment)], principles: Self.principles, relations: [])
        do {
            _ = try problem.applying(ProblemChanges(itemSettings: [ItemSetting(id: "p2", initial: 1.5)]))
            Issue.record("no error")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("set.items[0]") && text.contains("'p2'") && text.contains("initial 1.5"), "\(text)")
        }
        #expect {
            try problem.applying(ProblemChanges(addedItems: [.theory: [Item(id: "", group: .theory)]]))
        } throws: { error in
            String(describing: error) == "add.theories[0]: theories[0]: the id is empty (every item needs a non-empty id)"
        }
    }
}

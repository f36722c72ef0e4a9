import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// Problem files (`wre-problem/1`, relations and manifest forms) and result files
/// (`wre-result/1`) against docs/formats.md.
@Suite("Problem and result files")
struct IOTests {
    // MARK: - Helpers

    /// A scratch directory holding `problem.json` and any `.npy` files, removed by `cleanUp`.
    struct Scratch {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("io-tests-\(UUID().uuidString)")

        init(files: [String: Data] = [:]) throws {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for (name, data) in files {
                let file = url.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: file)
            }
        }

        func load(_ json: String) throws -> Problem {
            let file = url.appendingPathComponent("problem.json")
            try Data(json.utf8).write(to: file)
            return try Problem(contentsOf: file)
        }

        func cleanUp() { try? FileManager.default.removeItem(at: url) }
    }

    /// Loads `json` (as `problem.json`, beside `files`) and checks that it fails with a message
    /// containing every fragment and the name of the file at fault (`problem.json` by default).
    static func expectFailure(_ json: String, files: [String: Data] = [:], _ fragments: [String], file: String = "problem.json",
                              case what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scratch = try Scratch(files: files)
        defer { scratch.cleanUp() }
        do {
            _ = try scratch.load(json)
            Issue.record("\(what): expected an error mentioning \(fragments)", sourceLocation: sourceLocation)
        } catch {
            let message = String(describing: error)
            for fragment in fragments + [file] {
                #expect(message.contains(fragment), "\(what): \(message) lacks \(fragment)", sourceLocation: sourceLocation)
            }
            #expect(error is ProblemFileError || error is NPYError, "\(what): \(type(of: error))", sourceLocation: sourceLocation)
        }
    }

    static let judgments = #"[{"id": "j1", "text": "Refusing to write malware for a stranger is right.", "initial": 0.9, "confidence": 2, "lower": -0.5, "upper": 1}, {"id": "j2"}]"#
    static let principles = #"[{"id": "p1", "text": "Do not facilitate serious harm."}, {"id": "p2", "parsimony": 0.1, "confidence": 0}]"#
    static let theories = #"[{"id": "t1", "initial": 0.25}]"#
    static let relations = #"[{"from": "p1", "to": "j1", "weight": 0.8}, {"from": "j2", "to": "p1", "weight": -0.5}, {"from": "p2", "to": "t1", "weight": 0.3}, {"from": "t1", "to": "j1", "weight": 0.2}, {"from": "p1", "to": "p2", "weight": -0.4}]"#

    /// A problem file with the given parts (the sample above by default); `extra` adds members.
    static func json(format: String? = #""wre-problem/1""#, judgments: String = judgments, principles: String = principles,
                     theories: String = theories, relations: String = relations, extra: String = "") -> String {
        var members = ["\"judgments\": \(judgments)", "\"principles\": \(principles)", "\"theories\": \(theories)",
                       "\"relations\": \(relations)"]
        if let format { members.insert("\"format\": \(format)", at: 0) }
        if !extra.isEmpty { members.append(extra) }
        return "{\n" + members.joined(separator: ",\n") + "\n}\n"
    }

    /// `.npy` bytes of a matrix given by rows.
    static func npy(_ rows: [[Double]], dtype: NPYDType = .float64) -> Data {
        NPYArray(Matrix(rows)).data(dtype: dtype)
    }

    // MARK: - Reading the relations form

    @Test("items take the defaults of docs/formats.md; relations fill A, B, C and S in either order")
    func readsSample() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let p = try scratch.load(Self.json(extra: #""blockWeights": {"judgmentPrinciple": 2, "principlePrinciple": 0.5}"#))
        #expect(p.judgments.ids == ["j1", "j2"] && p.principles.ids == ["p1", "p2"] && p.theories.ids == ["t1"])
        #expect(p.judgments[0] == Item(id: "j1", group: .judgment, text: "Refusing to write malware for a stranger is right.",
                                       initial: 0.9, confidence: 2, lower: -0.5, upper: 1))
        let j2 = p.judgments[1]
        #expect((j2.initial, j2.confidence, j2.lower, j2.upper, j2.parsimony, j2.text) == (1, 1, -1, 1, 0, nil))
        let p1 = p.principles[0], p2 = p.principles[1]
        #expect((p1.initial, p1.confidence, p1.lower, p1.upper, p1.parsimony) == (0.5, 1, 0, 1, 0))
        #expect((p2.parsimony, p2.confidence) == (0.1, 0))
        let t1 = p.theories[0]
        #expect((t1.initial, t1.confidence, t1.lower, t1.upper) == (0.25, 1, 0, 1))
        let c = p.compatibility
        #expect(c.judgmentPrinciple == Matrix([[0.8, 0], [-0.5, 0]]))
        #expect(c.principleTheory == Matrix([[0], [0.3]]))
        #expect(c.judgmentTheory == Matrix([[0.2], [0]]))
        #expect(c.principlePrinciple == Matrix([[0, -0.4], [-0.4, 0]]))
        #expect(p.blockWeights == BlockWeights(judgmentPrinciple: 2, principleTheory: 1, judgmentTheory: 1, principlePrinciple: 0.5))
        #expect(p.mode == .wide)
    }

    @Test("every mode name is read", arguments: Mode.allCases)
    func readsModes(mode: Mode) throws {
        let p = try Problem(jsonData: Data(Self.json(extra: "\"mode\": \"\(mode.rawValue)\"").utf8))
        #expect(p.mode == mode)
    }

    @Test("a file without theories, relations or principles' block entries is valid")
    func minimalFile() throws {
        let p = try Problem(jsonData: Data(#"{"format": "wre-problem/1", "judgments": [{"id": "a"}], "principles": [{"id": "b"}]}"#.utf8))
        #expect(p.shape == (1, 1, 0))
        #expect(p.compatibility.judgmentPrinciple == Matrix([[0]]))
        #expect(p.compatibility.principleTheory == nil && p.compatibility.principlePrinciple == nil)
    }

    // MARK: - Bad input, each with its named error (docs/formats.md)

    /// (description, file text, fragments the message must contain)
    static let badRelationsFiles: [(String, String, [String])] = [
        ("judgment–judgment pair", json(relations: #"[{"from": "j1", "to": "j2", "weight": 0.5}]"#), ["relation 0", "'j1'", "'j2'"]),
        ("theory–theory pair", json(theories: #"[{"id": "t1"}, {"id": "t2"}]"#, relations: #"[{"from": "p1", "to": "j1", "weight": 0.1}, {"from": "t2", "to": "t1", "weight": 0.5}]"#),
         ["relation 1", "'t2'", "'t1'"]),
        ("self relation", json(relations: #"[{"from": "p1", "to": "p1", "weight": 0.5}]"#), ["'p1'"]),
        ("unknown id", json(relations: #"[{"from": "p1", "to": "j1", "weight": 0.5}, {"from": "p1", "to": "j9", "weight": 0.5}]"#),
         ["relation 1", "unknown id 'j9'"]),
        ("duplicate id in a group", json(judgments: #"[{"id": "j1"}, {"id": "j1"}]"#, relations: "[]"), ["duplicate id 'j1'"]),
        ("duplicate id across groups", json(theories: #"[{"id": "p2"}]"#, relations: "[]"), ["duplicate id 'p2'"]),
        ("repeated pair", json(relations: #"[{"from": "p1", "to": "j1", "weight": 0.5}, {"from": "p1", "to": "j1", "weight": 0.2}]"#),
         ["relation 1", "'p1'", "'j1'", "more than once"]),
        ("repeated pair, reversed", json(relations: #"[{"from": "p1", "to": "j1", "weight": 0.5}, {"from": "j1", "to": "p1", "weight": 0.5}]"#),
         ["relation 1", "'j1'", "'p1'", "more than once"]),
        ("weight above 1", json(relations: #"[{"from": "p1", "to": "j1", "weight": 1.5}]"#), ["'p1'", "'j1'", "1.5", "[-1, 1]"]),
        ("weight below -1", json(relations: #"[{"from": "t1", "to": "p2", "weight": -1.0001}]"#), ["'t1'", "'p2'", "-1.0001"]),
        ("lower > upper", json(principles: #"[{"id": "p1", "lower": 0.8, "upper": 0.2}, {"id": "p2"}]"#), ["'p1'", "lower bound 0.8", "upper bound 0.2"]),
        ("negative confidence", json(judgments: #"[{"id": "j1", "confidence": -0.5}, {"id": "j2"}]"#), ["'j1'", "confidence -0.5"]),
        ("negative parsimony", json(principles: #"[{"id": "p1"}, {"id": "p2", "parsimony": -1}]"#), ["'p2'", "parsimony -1"]),
        ("parsimony on a judgment", json(judgments: #"[{"id": "j1"}, {"id": "j2", "parsimony": 0.5}]"#), ["'j2'", "parsimony"]),
        ("overflowing number", json(judgments: #"[{"id": "j1", "initial": 1e999}, {"id": "j2"}]"#), ["judgments[0].initial", "not a finite number"]),
        ("overflowing weight", json(relations: #"[{"from": "p1", "to": "j1", "weight": -2e308}]"#), ["relations[0].weight", "not a finite number"]),
        ("NaN literal", json(judgments: #"[{"id": "j1", "confidence": NaN}, {"id": "j2"}]"#), ["NaN", "line 3"]),
        ("-Infinity literal", json(relations: #"[{"from": "p1", "to": "j1", "weight": -Infinity}]"#), ["Infinity", "line 6"]),
        ("wrong format", json(format: #""wre-problem/2""#), ["format", "\"wre-problem/2\" is not supported", "wre-problem/1"]),
        ("missing format", json(format: nil), ["format", "missing", "wre-problem/1"]),
        ("format not a string", json(format: "1"), ["format", "expected a string"]),
        ("bad mode", json(extra: #""mode": "sideways""#), ["mode", "'sideways'", "wide, narrow, top-down, bottom-up"]),
        ("string for a number", json(judgments: #"[{"id": "j1"}, {"id": "j2", "confidence": "high"}]"#), ["judgments[1].confidence", "expected a number"]),
        ("boolean for a number", json(principles: #"[{"id": "p1", "initial": true}, {"id": "p2"}]"#), ["principles[0].initial", "expected a number"]),
        ("missing id", json(principles: #"[{"id": "p1"}, {"text": "no id"}]"#), ["principles[1].id", "missing"]),
        ("numeric id", json(theories: #"[{"id": 7}]"#), ["theories[0].id", "expected a string"]),
        ("non-object item", json(judgments: #"["j1", {"id": "j2"}]"#), ["judgments[0]", "expected an object"]),
        ("group not an array", json(theories: #"{"id": "t1"}"#), ["theories", "expected an array"]),
        ("misspelt field", json(judgments: #"[{"id": "j1", "confidnce": 2}, {"id": "j2"}]"#), ["judgments[0].confidnce", "unknown field", "confidence"]),
        ("unknown top-level field", json(extra: #""relation": []"#), ["relation", "unknown field"]),
        ("field given twice", json(judgments: #"[{"id": "j1", "initial": 1, "initial": 0}, {"id": "j2"}]"#), ["judgments[0].initial", "more than once"]),
        ("relation without weight", json(relations: #"[{"from": "p1", "to": "j1"}]"#), ["relations[0].weight", "missing"]),
        ("relation end not a string", json(relations: #"[{"from": "p1", "to": 3, "weight": 1}]"#), ["relations[0].to", "expected a string"]),
        ("block weight not a number", json(extra: #""blockWeights": {"judgmentTheory": "1"}"#), ["blockWeights.judgmentTheory", "expected a number"]),
        ("negative block weight", json(extra: #""blockWeights": {"principleTheory": -1}"#), ["blockWeights.principleTheory"]),
        ("unknown block weight", json(extra: #""blockWeights": {"jp": 1}"#), ["blockWeights.jp", "unknown field"]),
        ("trailing comma", json(relations: #"[{"from": "p1", "to": "j1", "weight": 0.5},]"#), ["not valid JSON", "line 6"]),
        ("not JSON", "format: wre-problem/1", ["not valid JSON", "line 1, column 1"]),
        ("top level not an object", "[1, 2]", ["(top level)", "expected an object"]),
    ]

    @Test("bad relations-form files give errors naming the file and the offender",
          arguments: badRelationsFiles.indices)
    func badRelationsFile(index: Int) throws {
        let (what, text, fragments) = Self.badRelationsFiles[index]
        try Self.expectFailure(text, fragments, case: what)
    }

    @Test("model errors keep the ProblemError underneath")
    func problemErrorUnderneath() throws {
        let text = Self.json(relations: #"[{"from": "j1", "to": "j2", "weight": 0.5}]"#)
        do {
            _ = try Problem(jsonData: Data(text.utf8))
            Issue.record("expected an error")
        } catch let error as ProblemFileError {
            #expect(error.problemError == .unsupportedRelation(from: "j1", to: "j2", relation: 0))
        }
    }

    @Test("an unreadable problem file is named")
    func missingProblemFile() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        #expect {
            _ = try Problem(contentsOf: scratch.url.appendingPathComponent("absent.json"))
        } throws: { error in
            (error as? ProblemFileError).map { String(describing: $0).contains("absent.json") } ?? false
        }
    }

    // MARK: - Manifest form

    static let manifestItems = [
        "j.npy": npy([[1, 1, -1, 1], [0.5, 2, -1, 1], [-1, 0.5, -1, 0.5]]),
        "p.npy": npy([[0.5, 1, 0, 1, 0.1], [0.25, 3, 0, 1, 0]]),
        "data/t.npy": npy([[0.5, 1, 0, 1]], dtype: .float32),
    ]
    static let manifestBlocks = [
        "A.npy": npy([[0.5, -0.5], [1, 0], [0, -1]]),
        "B.npy": npy([[0.25], [-0.75]], dtype: .float32),
        "C.npy": npy([[0], [1], [-0.125]]),
        "S.npy": npy([[0, 0.5], [0.5, 0]]),
    ]
    static let itemsMember = #""items": {"judgments": "j.npy", "principles": "p.npy", "theories": "data/t.npy"}"#
    static let matricesMember = #""matrices": {"judgmentPrinciple": "A.npy", "principleTheory": "B.npy", "judgmentTheory": "C.npy", "principlePrinciple": "S.npy"}"#

    static func manifest(_ members: String...) -> String {
        "{\"format\": \"wre-problem/1\", " + members.joined(separator: ", ") + "}"
    }

    @Test("a manifest reads items and blocks from .npy files relative to the problem file")
    func readsManifest() throws {
        let scratch = try Scratch(files: Self.manifestItems.merging(Self.manifestBlocks) { a, _ in a })
        defer { scratch.cleanUp() }
        let p = try scratch.load(Self.manifest(Self.itemsMember, Self.matricesMember, #""mode": "narrow""#))
        #expect(p.judgments.ids == ["j0", "j1", "j2"] && p.principles.ids == ["p0", "p1"] && p.theories.ids == ["t0"])
        #expect(p.judgments.initial == [1, 0.5, -1] && p.judgments.confidence == [1, 2, 0.5])
        #expect(p.judgments.upper == [1, 1, 0.5] && p.judgments.parsimony == [0, 0, 0])
        #expect(p.principles.parsimony == [0.1, 0] && p.principles.confidence == [1, 3])
        #expect(p.theories.initial == [0.5] && p.theories.texts == [nil])
        #expect(p.compatibility.judgmentPrinciple == Matrix([[0.5, -0.5], [1, 0], [0, -1]]))
        #expect(p.compatibility.principleTheory == Matrix([[0.25], [-0.75]]))
        #expect(p.compatibility.judgmentTheory == Matrix([[0], [1], [-0.125]]))
        #expect(p.compatibility.principlePrinciple == Matrix([[0, 0.5], [0.5, 0]]))
        #expect(p.mode == .narrow)
        // The same data in the relations form give the same problem.
        let relations = try Problem(judgments: (0..<3).map { p.judgments[$0] }, principles: (0..<2).map { p.principles[$0] },
                                    theories: [p.theories[0]], relations: p.relations, mode: .narrow)
        #expect(relations == p)
    }

    @Test("a manifest may mix item objects, .npy items, relations for one block and matrices for another")
    func mixedManifest() throws {
        let scratch = try Scratch(files: ["A.npy": Self.npy([[0.5], [1]]), "p.npy": Self.npy([[0.5, 1, 0, 1]])])
        defer { scratch.cleanUp() }
        let p = try scratch.load(Self.manifest(#""judgments": [{"id": "x"}, {"id": "y", "initial": -1}]"#,
                                               #""items": {"principles": "p.npy"}"#, #""theories": [{"id": "T"}]"#,
                                               #""matrices": {"judgmentPrinciple": "A.npy"}"#,
                                               #""relations": [{"from": "T", "to": "p0", "weight": -0.5}]"#))
        #expect(p.judgments.ids == ["x", "y"] && p.principles.ids == ["p0"] && p.theories.ids == ["T"])
        #expect(p.compatibility.judgmentPrinciple == Matrix([[0.5], [1]]))
        #expect(p.compatibility.principleTheory == Matrix([[-0.5]]))
    }

    /// (description, files replacing or removing (nil) the good ones, manifest members, fragments, file at fault)
    static let badManifests: [(String, [String: Data?], [String], [String], String)] = [
        ("shape mismatch of A", ["A.npy": npy([[0.5, -0.5, 0], [1, 0, 0]])], [], ["matrices.judgmentPrinciple", "(2, 3)", "expected (3, 2)", "judgments × principles"], "A.npy"),
        ("shape mismatch of S", ["S.npy": npy([[0]])], [], ["(1, 1)", "expected (2, 2)", "principles × principles"], "S.npy"),
        ("shape mismatch of B vs theories", ["data/t.npy": npy([[0.5, 1, 0, 1], [0.5, 1, 0, 1]])], [], ["(2, 1)", "expected (2, 2)", "principles × theories"], "B.npy"),
        ("1-D block", ["C.npy": NPYArray(shape: [3], values: [0, 1, 0]).data(dtype: .float64)], [], ["(3,)", "expected (3, 1)"], "C.npy"),
        ("truncated block", ["A.npy": manifestBlocks["A.npy"]!.dropLast(8)], [], ["truncated", "48 bytes", "found 40"], "A.npy"),
        ("extra bytes after items", ["p.npy": manifestItems["p.npy"]! + Data([0, 0, 0, 0])], [], ["extra bytes"], "p.npy"),
        ("missing block file", ["B.npy": nil], [], ["no such file"], "B.npy"),
        ("missing item file", ["data/t.npy": nil], [], ["no such file"], "data/t.npy"),
        ("bad magic", ["j.npy": Data("not numpy at all".utf8)], [], ["\\x93NUMPY"], "j.npy"),
        ("unsupported dtype", ["C.npy": NPYTests.file(version: 1, header: "{'descr': '>i8', 'fortran_order': False, 'shape': (3, 1), }", payload: [UInt8](repeating: 0, count: 24))],
         [], ["dtype '>i8' is not supported"], "C.npy"),
        ("Fortran order", ["A.npy": NPYTests.file(version: 2, header: "{'descr': '<f8', 'fortran_order': True, 'shape': (3, 2), }", payload: [UInt8](repeating: 0, count: 48))],
         [], ["Fortran order"], "A.npy"),
        ("items with 6 columns", ["j.npy": npy([[1, 1, -1, 1, 0, 0], [1, 1, -1, 1, 0, 0], [1, 1, -1, 1, 0, 0]])], [], ["items.judgments", "1 to 5", "(3, 6)"], "j.npy"),
        ("items as 3-D", ["p.npy": NPYArray(shape: [2, 2, 1], values: [0.5, 1, 0, 1]).data(dtype: .float64)], [], ["items.principles", "(2, 2, 1)"], "p.npy"),
        ("NaN in items", ["j.npy": npy([[1, 1, -1, 1], [.nan, 1, -1, 1], [1, 1, -1, 1]])], [], ["'j1'", "initial", "not a finite number"], "j.npy"),
        ("lower > upper in items", ["p.npy": npy([[0.5, 1, 0, 1, 0], [0.5, 1, 0.9, 0.1, 0]])], [], ["'p1'", "lower bound 0.9"], "p.npy"),
        ("negative confidence in items", ["data/t.npy": npy([[0.5, -2, 0, 1]])], [], ["'t0'", "confidence -2"], "data/t.npy"),
        ("negative parsimony in items", ["p.npy": npy([[0.5, 1, 0, 1, -0.1], [0.5, 1, 0, 1, 0]])], [], ["'p0'", "parsimony -0.1"], "p.npy"),
        ("entry outside [-1, 1]", ["A.npy": npy([[0.5, -0.5], [1, 0], [0, -1.5]])], [], ["entry (2, 1)", "-1.5"], "A.npy"),
        ("infinite entry", ["C.npy": npy([[0], [.infinity], [0]])], [], ["entry (1, 0)", "inf"], "C.npy"),
        ("S not symmetric", ["S.npy": npy([[0, 0.5], [0.25, 0]])], [], ["entry (0, 1)", "symmetry"], "S.npy"),
        ("relations and a matrix for the same block", [:], [#""relations": [{"from": "p0", "to": "p1", "weight": 0.5}]"#],
         ["relations[0]", "'p0'", "'p1'", "matrices.principlePrinciple"], "problem.json"),
        ("a group both inline and as an array", [:], [#""judgments": [{"id": "a"}]"#], ["items.judgments", "also by judgments"], "problem.json"),
        ("unknown matrix name", [:], [#""matrices": {"A": "A.npy"}"#], ["matrices.A", "unknown field", "judgmentPrinciple"], "problem.json"),
        ("matrix path not a string", [:], [#""matrices": {"judgmentPrinciple": 1}"#], ["matrices.judgmentPrinciple", "expected a string"], "problem.json"),
    ]

    @Test("bad manifests give errors naming the file at fault", arguments: badManifests.indices)
    func badManifest(index: Int) throws {
        let (what, changes, members, fragments, file) = Self.badManifests[index]
        var files = Self.manifestItems.merging(Self.manifestBlocks) { a, _ in a }
        for (name, data) in changes { files[name] = data }
        let replacesMatrices = members.contains { $0.hasPrefix("\"matrices\"") }
        let manifest = Self.manifest(([Self.itemsMember] + (replacesMatrices ? [] : [Self.matricesMember]) + members).joined(separator: ", "))
        try Self.expectFailure(manifest, files: files, fragments, file: file, case: what)
    }

    // MARK: - Round trips

    /// A random valid problem in the relations form: random items (some locked, some texts with
    /// characters JSON must escape), random non-zero weights on random pairs of every block.
    static func randomProblem(seed: UInt64, m: Int = 6, n: Int = 4, k: Int = 3, ids: Bool = true) throws -> Problem {
        var state = seed
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53
        }
        let texts = ["Line one\nline \"two\"\t\\ end", "Ünïcödé – ≥ 🙂", "control \u{1} char", "/slash/"]
        func items(_ g: Group, _ count: Int) -> [Item] {
            (0..<count).map { i in
                let (l, u) = g.defaultBounds
                let lower = l + (u - l) * uniform() * 0.5
                let upper = i % 3 == 2 ? lower : u - (u - lower) * uniform() * 0.5
                return Item(id: ids ? "\(g.rawValue)-\(i)·\(seed)" : "\(g == .judgment ? "j" : g == .principle ? "p" : "t")\(i)", group: g,
                            text: ids && i % 2 == 0 ? texts[(i / 2) % texts.count] : nil,
                            initial: lower + (upper - lower) * uniform(), confidence: i == 1 ? 0 : 10 * uniform(), lower: lower, upper: upper,
                            parsimony: g == .principle ? uniform() / 3 : 0)
            }
        }
        let j = items(.judgment, m), p = items(.principle, n), t = items(.theory, k)
        var relations: [Relation] = []
        for (a, b) in [(j, p), (p, t), (j, t), (p, p)] {
            for x in a.indices { for y in b.indices where uniform() < 0.5 && (a[0].id != b[0].id || x < y) {
                relations.append(uniform() < 0.5 ? Relation(from: a[x].id, to: b[y].id, weight: 2 * uniform() - 1)
                                                 : Relation(from: b[y].id, to: a[x].id, weight: 2 * uniform() - 1))
            } }
        }
        let modes = Mode.allCases
        return try Problem(judgments: j, principles: p, theories: t, relations: relations,
                           blockWeights: BlockWeights(judgmentPrinciple: uniform(), principleTheory: 1, judgmentTheory: 3 * uniform(), principlePrinciple: 0),
                           mode: modes[Int(seed) % modes.count])
    }

    @Test("Problem → JSON → Problem is exact, and the bytes are stable", arguments: [UInt64(1), 2, 3, 4, 5])
    func jsonRoundTrip(seed: UInt64) throws {
        let problem = try Self.randomProblem(seed: seed)
        let data = try problem.jsonData()
        #expect(try Problem(jsonData: data) == problem)
        #expect(try problem.jsonData() == data)
        // The output is strict JSON for other parsers too, with the format first.
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"format\": \"wre-problem/1\",\n  \"judgments\": [\n    {\"id\": "))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["format", "judgments", "principles", "theories", "relations", "blockWeights", "mode"])
        let first = try #require((object["judgments"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["id", "text", "initial", "confidence", "lower", "upper", "parsimony"])
        #expect((object["relations"] as? [Any])?.count == problem.relations.count)
    }

    @Test("awkward numbers survive the JSON round trip bit for bit")
    func awkwardNumbers() throws {
        let values: [Double] = [0.1 + 0.2, 1.0 / 3, 1e-17, .leastNonzeroMagnitude, 0.8216181435011584, 1.0067243576049805, -0.0, 123456789.123456789, 1e300]
        let judgments = values.enumerated().map { Item(id: "j\($0)", group: .judgment, confidence: $1 >= 0 ? $1 : 0, lower: -1e301) }
        let problem = try Problem(judgments: judgments, principles: [Item(id: "p", group: .principle)],
                                  relations: [Relation(from: "p", to: "j0", weight: -(0.1 + 0.2))])
        let back = try Problem(jsonData: problem.jsonData())
        #expect(back.judgments.confidence.map(\.bitPattern) == problem.judgments.confidence.map(\.bitPattern))
        #expect(back == problem)
    }

    @Test("a manifest written as float64 reads back equal", arguments: [UInt64(11), 12, 13])
    func manifestRoundTrip64(seed: UInt64) throws {
        let problem = try Self.randomProblem(seed: seed, ids: false)
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try problem.writeManifest(to: scratch.url.appendingPathComponent("out"), name: "m.json")
        let written = try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("out").path).sorted()
        let blocks = BlockName.allCases.filter { problem.compatibility[$0] != nil }.map(\.fileName)
        #expect(written == (blocks + ["j.npy", "m.json", "p.npy", "t.npy"]).sorted())
        let back = try Problem(contentsOf: scratch.url.appendingPathComponent("out/m.json"))
        #expect(back == problem)
    }

    @Test("a manifest written as float32 reads back within float rounding")
    func manifestRoundTrip32() throws {
        let problem = try Self.randomProblem(seed: 21, ids: false)
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try problem.writeManifest(to: scratch.url, dtype: .float32)
        let back = try Problem(contentsOf: scratch.url.appendingPathComponent("problem.json"))
        func close(_ a: [Double], _ b: [Double]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-7 * max(1, abs($0)) }
        }
        for g in Group.allCases {
            let (x, y) = (problem.items(g), back.items(g))
            #expect(x.ids == y.ids)
            for (u, v) in [(x.initial, y.initial), (x.confidence, y.confidence), (x.lower, y.lower), (x.upper, y.upper), (x.parsimony, y.parsimony)] {
                #expect(close(u, v))
                #expect(v == u.map { Double(Float($0)) })
            }
        }
        for block in BlockName.allCases {
            #expect((problem.compatibility[block] == nil) == (back.compatibility[block] == nil))
            if let a = problem.compatibility[block], let b = back.compatibility[block] { #expect(close(a.storage, b.storage)) }
        }
        #expect(back.blockWeights == problem.blockWeights && back.mode == problem.mode)
    }

    @Test("groups with their own ids or texts are written inline in the manifest")
    func manifestInlineGroups() throws {
        let problem = try Self.randomProblem(seed: 31)
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try problem.writeManifest(to: scratch.url)
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("j.npy").path))
        #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("A.npy").path))
        #expect(try Problem(contentsOf: scratch.url.appendingPathComponent("problem.json")) == problem)
    }

    @Test("writing an invalid problem fails instead of producing an unreadable file")
    func writeInvalid() throws {
        var problem = try Self.randomProblem(seed: 41)
        problem.judgments.initial[0] = .nan
        #expect(throws: ProblemError.nonFinite(item: problem.judgments.ids[0], field: "initial")) { try problem.jsonData() }
    }

    // MARK: - Result files

    static func isBool(_ x: Any?) -> Bool { (x as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false }
    static func isNumber(_ x: Any?) -> Bool { x is NSNumber && !isBool(x) }

    @Test("the result document has every docs/formats.md field with the right JSON type, items in input order",
          arguments: [true, false])
    func resultJSON(certify: Bool) throws {
        let problem = try Self.randomProblem(seed: 51)
        let result = try problem.solve(.activeSet, options: SolverOptions(certify: certify, revisionThreshold: 0))
        let data = try result.jsonData()
        #expect(try result.jsonData() == data)
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(doc["format"] as? String == "wre-result/1")
        #expect((doc["status"] as? String).flatMap(SolverStatus.init(rawValue:)) == result.status)
        #expect(doc["solver"] as? String == "active-set")
        #expect(doc["mode"] as? String == problem.mode.rawValue)
        #expect(Self.isNumber(doc["iterations"]) && (doc["iterations"] as? Int) == result.iterations)
        for key in ["seconds", "kktResidual", "scaledResidual", "tolerance"] { #expect(Self.isNumber(doc[key]), "\(key)") }
        if certify {
            #expect(Self.isBool(doc["convex"]))
            #expect(Self.isBool(doc["unique"]) || doc["unique"] is NSNull)
            #expect((doc["convex"] as? Bool) == result.certificate.convex && (doc["unique"] as? Bool) == result.certificate.unique)
            #expect(Self.isNumber(doc["convexityMargin"]) || doc["convexityMargin"] is NSNull)
            #expect(Self.isNumber(doc["certifyingScale"]) || doc["certifyingScale"] is NSNull)
            #expect((doc["certificateMethod"] as? String).flatMap(Certificate.Method.init(rawValue:)) == result.certificate.method)
        } else {
            #expect(doc["convex"] is NSNull && doc["unique"] is NSNull && doc["convexityMargin"] is NSNull && doc["certificateMethod"] is NSNull)
        }
        let timing = try #require(doc["timing"] as? [String: Any])
        #expect(Set(timing.keys) == ["validate", "solve", "certify", "analysis"] && timing.values.allSatisfy(Self.isNumber))
        #expect(doc["certificateNote"] is String)
        let objective = try #require(doc["objective"] as? [String: Any])
        #expect(Set(objective.keys) == ["total", "coherence", "revisionCost", "parsimonyCost"])
        #expect(objective.values.allSatisfy(Self.isNumber))
        let shares = try #require(doc["revisionShare"] as? [String: Any])
        #expect(Set(shares.keys) == ["judgments", "principles", "theories"] && shares.values.allSatisfy(Self.isNumber))
        let counts = try #require(doc["counts"] as? [String: [String: Int]])
        #expect(counts["judgments"]?.values.reduce(0, +) == problem.judgments.count)

        let items = try #require(doc["items"] as? [[String: Any]])
        let ids = problem.judgments.ids + problem.principles.ids + problem.theories.ids
        #expect(items.map { $0["id"] as? String } == ids)
        for (i, item) in items.enumerated() {
            #expect(Set(item.keys) == ["id", "group", "initial", "value", "class"])
            let group = try #require((item["group"] as? String).flatMap(Group.init(rawValue:)))
            #expect(group == (i < problem.judgments.count ? .judgment : i < problem.judgments.count + problem.principles.count ? .principle : .theory))
            let cls = try #require((item["class"] as? String).flatMap(ItemClass.init(rawValue:)))
            #expect(ItemClass.classes(of: group).contains(cls))
            #expect(Self.isNumber(item["initial"]) && Self.isNumber(item["value"]))
        }
        let revisions = try #require(doc["revisions"] as? [[String: Any]])
        #expect(revisions.count == result.revisions.count)
        for revision in revisions {
            #expect(Set(revision.keys) == ["id", "from", "to", "class", "pulls"])
            #expect(revision["id"] is String && Self.isNumber(revision["from"]) && Self.isNumber(revision["to"]))
            let pulls = try #require(revision["pulls"] as? [[String: Any]])
            for pull in pulls { #expect(pull["id"] is String && Self.isNumber(pull["contribution"]) && pull.count == 2) }
        }
        #expect(doc["trajectory"] is [Any])

        // Numbers are written exactly: the values read back bit for bit.
        guard case let .object(members) = try JSONParser.parse([UInt8](data)),
              case let .array(parsedItems)? = members.first(where: { $0.0 == "items" })?.1 else {
            Issue.record("no items array"); return
        }
        let values: [Double] = parsedItems.compactMap {
            guard case let .object(fields) = $0, case let .number(v)? = fields.first(where: { $0.0 == "value" })?.1 else { return nil }
            return v
        }
        #expect(values.map(\.bitPattern) == result.items.map(\.value).map(\.bitPattern))
    }

    @Test("non-finite numbers in a failed result are written as null")
    func resultNonFinite() throws {
        var result = try Self.randomProblem(seed: 61).solve(.activeSet, options: SolverOptions(maxIterations: 1))
        result.kktResidual = .nan
        result.seconds = .infinity
        result.objective = ObjectiveSplit(coherence: -.infinity, revisionCost: 1, parsimonyCost: 0)
        result.certificate = .unchecked
        result.trajectory = [TrajectoryStep(round: 1, group: .principle, objective: .nan, moved: 2, largestChange: 0.5, classChanges: ["p"])]
        let doc = try #require(try JSONSerialization.jsonObject(with: result.jsonData()) as? [String: Any])
        #expect(doc["kktResidual"] is NSNull && doc["seconds"] is NSNull && doc["unique"] is NSNull)
        let objective = try #require(doc["objective"] as? [String: Any])
        #expect(objective["total"] is NSNull && objective["coherence"] is NSNull && Self.isNumber(objective["revisionCost"]))
        let step = try #require((doc["trajectory"] as? [[String: Any]])?.first)
        #expect(step["objective"] is NSNull && step["round"] as? Int == 1 && step["group"] as? String == "principle")
        #expect(step["classChanges"] as? [String] == ["p"])
    }
}

import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// The manifest forms of docs/formats.md that research scripts write without ceremony: item counts
/// from the block shapes, item arrays of 1 to 5 columns, integer and boolean blocks; and the
/// errors that go with them, an empty problem, and the array names a written manifest uses.
@Suite("Manifest forms")
struct ManifestFormTests {
    typealias Scratch = IOTests.Scratch

    static let a: [[Double]] = [[1, 0, -1], [0, 1, 0], [-1, -1, 1], [0, 0, 1]]
    static let b: [[Double]] = [[0.5, 0], [0, -0.5], [0.25, 0.25]]
    static let c: [[Double]] = [[1, 0], [0, 0], [0, -1], [0.5, 0]]

    /// A `.npy` file of `rows` with type string `descr` (an integer or boolean type), laid out as
    /// `numpy.save` writes it.
    static func integers(_ rows: [[Double]], descr: String) -> Data {
        let shape = [rows.count, rows.first?.count ?? 0]
        var bytes = NPYHeader(descr: descr, fortranOrder: false, shape: shape).encodedVersion1
        let size = Int(descr.dropFirst(2))!
        for v in rows.flatMap({ $0 }) {
            let x = Int64(v)
            switch size {
            case 1: bytes.append(UInt8(truncatingIfNeeded: x))
            case 2: withUnsafeBytes(of: Int16(x).littleEndian) { bytes += $0 }
            case 4: withUnsafeBytes(of: Int32(x).littleEndian) { bytes += $0 }
            default: withUnsafeBytes(of: x.littleEndian) { bytes += $0 }
            }
        }
        return Data(bytes)
    }

    static func vector(_ values: [Double]) -> Data { NPYArray(shape: [values.count], values: values).data(dtype: .float64) }

    static let blocks = ["A.npy": IOTests.npy(a), "B.npy": IOTests.npy(b), "C.npy": IOTests.npy(c)]
    static let matrices = #""matrices": {"judgmentPrinciple": "A.npy", "principleTheory": "B.npy", "judgmentTheory": "C.npy"}"#

    // MARK: - Counts from the block shapes

    @Test("without \"items\", each group has as many default items as its blocks' shapes say")
    func countsFromShapes() throws {
        let scratch = try Scratch(files: Self.blocks)
        defer { scratch.cleanUp() }
        let p = try scratch.load(IOTests.manifest(Self.matrices))
        #expect(p.shape == (4, 3, 2))
        #expect(p.judgments == ItemGroup(.judgment, count: 4))
        #expect(p.principles == ItemGroup(.principle, count: 3))
        #expect(p.theories == ItemGroup(.theory, count: 2))
        #expect(p.judgments.initial == [1, 1, 1, 1] && p.principles.initial == [0.5, 0.5, 0.5])
        #expect(p.judgments.lower == [-1, -1, -1, -1] && p.theories.lower == [0, 0])
        #expect(p.compatibility.judgmentPrinciple == Matrix(Self.a))
        #expect(p.compatibility.judgmentTheory == Matrix(Self.c))
        // Only A: no theories.
        let onlyA = try scratch.load(IOTests.manifest(#""matrices": {"judgmentPrinciple": "A.npy"}"#))
        #expect(onlyA.shape == (4, 3, 0))
    }

    @Test("a group absent from \"items\" is counted while the others come from their arrays or objects")
    func someGroupsCounted() throws {
        let scratch = try Scratch(files: Self.blocks.merging(["j.npy": Self.vector([1, -1, 1, -1])]) { a, _ in a })
        defer { scratch.cleanUp() }
        let p = try scratch.load(IOTests.manifest(#""items": {"judgments": "j.npy"}"#, #""principles": [{"id": "x"}, {"id": "y"}, {"id": "z"}]"#,
                                                  Self.matrices))
        #expect(p.judgments.initial == [1, -1, 1, -1])
        #expect(p.principles.ids == ["x", "y", "z"])
        #expect(p.theories.ids == ["t0", "t1"])
    }

    @Test("principles are counted from B or S when A is a CSR triple; S alone gives them too")
    func countsBesideSparse() throws {
        let triple = SparseTests.files()  // 3 × 4
        let s = IOTests.npy([[0, 0.5, 0, 0], [0.5, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]])
        let scratch = try Scratch(files: triple.merging(["S.npy": s]) { a, _ in a })
        defer { scratch.cleanUp() }
        let p = try scratch.load(IOTests.manifest(
            #""sparse": {"judgmentPrinciple": {"indptr": "A_indptr.npy", "indices": "A_indices.npy", "data": "A_data.npy"}}"#,
            #""matrices": {"principlePrinciple": "S.npy"}"#))
        #expect(p.shape == (3, 4, 0))
        #expect(p.compatibility.judgmentPrinciple == SparseTests.dense)
    }

    @Test("a group indexed only by the columns of a CSR triple cannot be counted: the error says what to give")
    func sparseColumnsUncounted() throws {
        try IOTests.expectFailure(IOTests.manifest(
            #""sparse": {"judgmentPrinciple": {"indptr": "A_indptr.npy", "indices": "A_indices.npy", "data": "A_data.npy"}}"#),
            files: SparseTests.files(), ["cannot tell how many principles", "sparse.judgmentPrinciple", "\"items\""], case: "sparse only")
    }

    @Test("blocks whose shapes disagree name the block and where the counts came from")
    func countsDisagree() throws {
        var files = Self.blocks
        files["C.npy"] = IOTests.npy([[1, 0], [0, 1]])  // 2 rows, A has 4
        try IOTests.expectFailure(IOTests.manifest(Self.matrices), files: files,
                                  ["matrices.judgmentTheory", "(2, 2)", "expected (4, 2)", "4 judgments counted from the rows of A.npy",
                                   "2 theories counted from the columns of B.npy"], file: "C.npy", case: "C against A")
    }

    @Test("the shape is read from the header alone, so a counted block's data need not be read twice")
    func headerOnly() throws {
        let scratch = try Scratch(files: ["A.npy": IOTests.npy(Self.a).dropLast(8)])  // data truncated
        defer { scratch.cleanUp() }
        let header = try NPYArray.header(of: scratch.url.appendingPathComponent("A.npy"), name: "A.npy")
        #expect(header.shape == [4, 3] && header.descr == "<f8")
        #expect(throws: NPYError.self) { try NPYArray.header(of: scratch.url.appendingPathComponent("none.npy"), name: "none.npy") }
    }

    // MARK: - Item arrays of 1 to 5 columns

    /// A judgment array with `width` of the columns (initial, confidence, lower, upper,
    /// parsimony); width 0 means 1-D (initial values only).
    static func judgmentArray(width: Int) -> Data {
        let rows: [[Double]] = [[-0.5, 2, -0.5, 0.5, 0], [0.25, 3, -1, 0.75, 0], [1, 0, 0, 1, 0], [0, 1, -1, 1, 0]]
        if width == 0 { return vector(rows.map { $0[0] }) }
        return IOTests.npy(rows.map { Array($0.prefix(width)) })
    }

    @Test("item arrays may be 1-D or have 1 to 5 columns; the columns not given take the defaults", arguments: 0...5)
    func itemColumns(width: Int) throws {
        let scratch = try Scratch(files: Self.blocks.merging(["j.npy": Self.judgmentArray(width: width)]) { a, _ in a })
        defer { scratch.cleanUp() }
        let p = try scratch.load(IOTests.manifest(#""items": {"judgments": "j.npy"}"#, Self.matrices))
        let columns = max(width, 1)
        let defaults = ItemGroup(.judgment, count: 4)
        #expect(p.judgments.initial == [-0.5, 0.25, 1, 0])
        #expect(p.judgments.confidence == (columns >= 2 ? [2, 3, 0, 1] : defaults.confidence))
        #expect(p.judgments.lower == (columns >= 3 ? [-0.5, -1, 0, -1] : defaults.lower))
        #expect(p.judgments.upper == (columns >= 4 ? [0.5, 0.75, 1, 1] : defaults.upper))
        #expect(p.judgments.parsimony == defaults.parsimony)
        #expect(p.judgments.ids == defaults.ids)
    }

    @Test("item arrays of 0 or 6 columns, or 3-D, are errors naming the array")
    func badItemColumns() throws {
        for (what, data) in [("6 columns", IOTests.npy([[1, 1, -1, 1, 0, 0]])),
                             ("0 columns", NPYArray(shape: [1, 0], values: []).data(dtype: .float64)),
                             ("3-D", NPYArray(shape: [1, 1, 1], values: [1]).data(dtype: .float64))] {
            try IOTests.expectFailure(IOTests.manifest(#""items": {"judgments": "j.npy"}"#, #""principles": [{"id": "p"}]"#),
                                      files: ["j.npy": data], ["items.judgments", "1 to 5", "1-D"], file: "j.npy", case: what)
        }
    }

    // MARK: - Integer and boolean blocks

    static let integerTypes = ["<i1", "|i1", "<i2", "<i4", "<i8", "|u1", "|b1", "<u2", "<u4", "<u8"]

    @Test("integer and boolean blocks are read, widened to float32 (exact for −1, 0, 1)", arguments: integerTypes)
    func integerBlock(descr: String) throws {
        let signed = descr.contains("i")
        // Unsigned and boolean types hold no −1: use the 0/1 pattern of A.
        let rows = signed ? Self.a : Self.a.map { $0.map { $0 > 0 ? 1 : 0 } }
        let scratch = try Scratch(files: ["A.npy": Self.integers(rows, descr: descr), "C.npy": Self.integers([[1], [0], [0], [1]], descr: descr)])
        defer { scratch.cleanUp() }
        let p = try scratch.load(IOTests.manifest(#""matrices": {"judgmentPrinciple": "A.npy", "judgmentTheory": "C.npy"}"#))
        #expect(p.shape == (4, 3, 1))
        #expect(p.compatibility.judgmentPrinciple == Matrix(rows))
        #expect(p.compatibility.judgmentPrinciple.layout == .float32)
        #expect(p.compatibility.judgmentTheory == Matrix([[1], [0], [0], [1]]))
        // The same problem as the float64 block: the same equilibrium.
        var reference = p
        reference.compatibility.judgmentPrinciple = Matrix(rows)
        reference.compatibility.judgmentTheory = Matrix([[1], [0], [0], [1]])
        let (x, y) = (try p.solve().state, try reference.solve().state)
        #expect(zip(x, y).allSatisfy { abs($0 - $1) <= 1e-12 })
    }

    @Test("an integer entry outside [-1, 1] is named like a float one: file, block, entry, value",
          arguments: ["<i1", "<i2", "<i4", "<i8", "|u1"])
    func badIntegerEntry(descr: String) throws {
        var rows = Self.a.map { $0.map { max($0, 0) } }
        rows[2][1] = 2
        try IOTests.expectFailure(IOTests.manifest(#""matrices": {"judgmentPrinciple": "A.npy"}"#),
                                  files: ["A.npy": Self.integers(rows, descr: descr)],
                                  ["judgmentPrinciple", "entry (2, 1) = 2.0", "[-1, 1]", "'j2' and 'p1'"], file: "A.npy", case: descr)
        rows[2][1] = -7
        if descr != "|u1" {
            try IOTests.expectFailure(IOTests.manifest(#""matrices": {"judgmentPrinciple": "A.npy"}"#),
                                      files: ["A.npy": Self.integers(rows, descr: descr)],
                                      ["entry (2, 1) = -7.0"], file: "A.npy", case: descr)
        }
    }

    @Test("integer item arrays are widened to float64")
    func integerItems() throws {
        let scratch = try Scratch(files: Self.blocks.merging(["j.npy": Self.integers([[1, 2], [-1, 1], [1, 0], [0, 3]], descr: "<i8")]) { a, _ in a })
        defer { scratch.cleanUp() }
        let p = try scratch.load(IOTests.manifest(#""items": {"judgments": "j.npy"}"#, Self.matrices))
        #expect(p.judgments.initial == [1, -1, 1, 0] && p.judgments.confidence == [2, 1, 0, 3])
    }

    @Test("other dtypes are still errors that say which are accepted", arguments: [">i4", "<f2", "<c16", "<U3", ">u2"])
    func otherDTypes(descr: String) throws {
        let data = NPYTests.file(version: 1, header: "{'descr': '\(descr)', 'fortran_order': False, 'shape': (4, 3), }",
                                 payload: [UInt8](repeating: 0, count: 96))
        try IOTests.expectFailure(IOTests.manifest(#""matrices": {"judgmentPrinciple": "A.npy"}"#), files: ["A.npy": data],
                                  ["dtype '\(descr)' is not supported", "'<i1'…'<i8'", "'|b1'"], file: "A.npy", case: descr)
    }

    // MARK: - An empty problem

    @Test("a problem without judgments and principles is an error, in either form")
    func emptyProblem() throws {
        try IOTests.expectFailure(#"{"format": "wre-problem/1"}"#, ["no judgments and no principles"], case: "nothing")
        try IOTests.expectFailure(#"{"format": "wre-problem/1", "judgments": [], "theories": [{"id": "t"}]}"#,
                                  ["no judgments and no principles", "only 1 theory"], case: "a theory")
        try IOTests.expectFailure(IOTests.manifest(#""matrices": {}"#), ["no judgments and no principles"], case: "empty matrices")
        // One judgment, or one principle, is a problem.
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        #expect(try scratch.load(#"{"format": "wre-problem/1", "judgments": [{"id": "j"}]}"#).shape == (1, 0, 0))
        #expect(try scratch.load(#"{"format": "wre-problem/1", "principles": [{"id": "p"}]}"#).shape == (0, 1, 0))
    }

    // MARK: - The files of a manifest

    @Test("arrayFiles lists the arrays a manifest points to, resolved against its directory; none for JSON")
    func arrayFiles() throws {
        let base = URL(fileURLWithPath: "/data/run", isDirectory: true)
        let json = IOTests.manifest(#""items": {"judgments": "j.npy"}"#, #""matrices": {"judgmentPrinciple": "sub/A.npy"}"#,
                                    #""sparse": {"judgmentTheory": {"indptr": "C_p.npy", "indices": "C_i.npy", "data": "C_d.npy"}}"#)
        let files = try Problem.arrayFiles(inJSON: Data(json.utf8), baseDirectory: base)
        #expect(files.map(\.path) == ["/data/run/j.npy", "/data/run/sub/A.npy", "/data/run/C_p.npy", "/data/run/C_i.npy", "/data/run/C_d.npy"])
        #expect(try Problem.arrayFiles(inJSON: Data(IOTests.json().utf8)).isEmpty)
        #expect(throws: ProblemFileError.self) { try Problem.arrayFiles(inJSON: Data(#"{"items": 3}"#.utf8)) }
    }

    @Test("writeManifest with a prefix names every array after it, all among manifestArrayNames, and reads back")
    func prefixedManifest() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        var problem = RandomProblems.convex(ProblemShape(m: 6, n: 3, k: 2, withS: true), seed: 5)
        problem.compatibility.judgmentTheory = problem.compatibility.judgmentTheory?.converted(to: .sparse)
        let dir = scratch.url.appendingPathComponent("out")
        try problem.writeManifest(to: dir, name: "changed.json", arrayPrefix: "changed_")
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)).subtracting(["changed.json"])
        #expect(written.contains("changed_A.npy") && written.contains("changed_C_indptr.npy") && written.contains("changed_j.npy"))
        #expect(written.isSubset(of: Problem.manifestArrayNames(arrayPrefix: "changed_")))
        #expect(try Problem.arrayFiles(inJSON: Data(contentsOf: dir.appendingPathComponent("changed.json"))).count == written.count)
        #expect(try Problem(contentsOf: dir.appendingPathComponent("changed.json")) == problem)
    }
}

/// Files that cannot be written or read say why in plain words.
@Suite("File errors")
struct FileErrorTests {
    @Test("writing into a missing directory or over a directory names the path and the reason")
    func writeErrors() throws {
        let dir = try NPYTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("nope/out.json")
        for atomic in [true, false] {
            #expect(throws: FileWriteError(path: missing.relativePath, reason: "no such directory: \(dir.appendingPathComponent("nope").relativePath)")) {
                try FileWriteError.write(Data("x".utf8), to: missing, atomic: atomic)
            }
            #expect(throws: FileWriteError(path: dir.relativePath, reason: "is a directory")) {
                try FileWriteError.write(Data("x".utf8), to: dir, atomic: atomic)
            }
        }
        #expect(throws: FileWriteError(path: missing.relativePath, reason: "no such directory: \(dir.appendingPathComponent("nope").relativePath)")) {
            try FileWriteError.check(missing)
        }
        #expect(throws: FileWriteError(path: dir.relativePath, reason: "is a directory")) { try FileWriteError.check(dir) }
        try FileWriteError.check(dir.appendingPathComponent("fine.json"))
        let message = String(describing: FileWriteError(path: "out/r.txt", reason: "permission denied"))
        #expect(message == "cannot write out/r.txt: permission denied")
    }

    @Test("Foundation's errors become plain reasons, never NSCocoaErrorDomain codes")
    func reasons() {
        let url = URL(fileURLWithPath: "/tmp/x.json")
        let denied = CocoaError(.fileWriteNoPermission, userInfo: [NSUnderlyingErrorKey: POSIXError(.EACCES)])
        #expect(FileFailure.reason(denied, url: url) == "permission denied")
        #expect(FileFailure.reason(CocoaError(.fileWriteNoPermission), url: url) == "permission denied")
        #expect(FileFailure.reason(CocoaError(.fileWriteOutOfSpace), url: url) == "no space left on device")
        #expect(FileFailure.reason(CocoaError(.fileWriteVolumeReadOnly), url: url) == "read-only file system")
        #expect(FileFailure.reason(POSIXError(.EISDIR), url: url) == "is a directory")
        #expect(FileFailure.reason(CocoaError(.fileNoSuchFile), url: URL(fileURLWithPath: "/no/such/dir/x")) == "no such directory: /no/such/dir")
        #expect(FileFailure.reason(CocoaError(.fileReadNoSuchFile), url: url) == "no such file")
        #expect(!FileFailure.reason(CocoaError(.fileWriteUnknown), url: url).contains("NSCocoaErrorDomain"))
    }

    @Test("generating into a missing parent that cannot be created names the directory")
    func generateErrors() throws {
        let dir = try NPYTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("file")
        try Data().write(to: file)
        do {
            _ = try PlantedInstance.write(PlantedParameters(judgments: 4, principles: 2, theories: 1), to: file.appendingPathComponent("out"))
            Issue.record("expected an error")
        } catch let error as FileWriteError {
            #expect(error.isDirectory && error.path.hasSuffix("file/out"))
            #expect(error.description.hasPrefix("cannot create the directory"))
            #expect(!error.reason.contains("operation could not be completed"))
        }
    }
}

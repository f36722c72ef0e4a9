import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// CSR blocks: the C kernels against dense BLAS, equilibria against dense storage, the density
/// rule for relations, and the `sparse` triples of a manifest with their named errors.
@Suite("CSR blocks")
struct SparseTests {
    @Test("CSR products (W x, αAx + βy both ways, fused pass, sparse Gram) equal dense BLAS to 1e-12",
          arguments: [(1, 1, 0), (7, 3, 2), (33, 17, 5), (300, 41, 0), (10_000, 40, 3)], [0.0, 0.05, 0.5])
    func products(_ shape: (Int, Int, Int), density: Double) {
        let (m, n, k) = shape
        let p = kernelProblem(m: m, n: n, k: k, density: density, seed: UInt64(m + 3 * n) + UInt64(density * 100))
        let csr = p.withBlocks(.sparse)
        #expect(csr.compatibility.judgmentPrinciple.layout == .sparse)
        expectSameProducts(p, csr)
    }

    @Test("mixed storages (A in CSR, C dense or float32, and the reverse) give the dense products")
    func mixedStorages() {
        let p = kernelProblem(m: 500, n: 20, k: 4, density: 0.2, seed: 8).floatRepresentable
        for (la, lc) in [(Matrix.Layout.sparse, Matrix.Layout.float64), (.sparse, .float32), (.float64, .sparse), (.float32, .float64)] {
            var q = p
            q.compatibility.judgmentPrinciple = p.compatibility.judgmentPrinciple.converted(to: la)
            q.compatibility.judgmentTheory = p.compatibility.judgmentTheory!.converted(to: lc)
            expectSameProducts(p, q)
        }
    }

    @Test("CSR and dense storage give the same equilibrium to 1e-10, for every solver", arguments: SolverKind.allCases)
    func sameEquilibrium(_ solver: SolverKind) throws {
        let shape = solver == .exhaustive ? ProblemShape(m: 12, n: 4, k: 2, withS: true, density: 0.3)
            : ProblemShape(m: 120, n: 15, k: 4, withS: true, density: 0.1)
        let p = RandomProblems.convex(shape, seed: 31)
        let a = try p.solve(solver), b = try p.withBlocks(.sparse).solve(solver)
        #expect(a.status == b.status)
        #expect(maxAbsDifference(a.state, b.state) <= 1e-10, "\(solver.rawValue): \(maxAbsDifference(a.state, b.state))")
        if solver != .exhaustive && solver != .connectionist { #expect(b.status == .converged && b.scaledResidual <= 1e-9) }
    }

    @Test("relations give a CSR block at density ≤ 10 % and a dense one above")
    func densityRule() throws {
        func problem(judgments m: Int, relations r: Int) throws -> Problem {
            let js = (0..<m).map { Tiny.judgment("j\($0)", 1, confidence: 1) }
            let ps = (0..<10).map { Tiny.principle("p\($0)", 0.5, confidence: 1) }
            let rels = (0..<r).map { Relation(from: "p\($0 % 10)", to: "j\($0 / 10)", weight: 0.5) }
            return try Problem(judgments: js, principles: ps, relations: rels)
        }
        #expect(try problem(judgments: 10, relations: 10).compatibility.judgmentPrinciple.layout == .sparse)
        #expect(try problem(judgments: 10, relations: 11).compatibility.judgmentPrinciple.layout == .float64)
        let sparse = try problem(judgments: 10, relations: 10)
        #expect(sparse.relations.count == 10 && sparse.compatibility.judgmentPrinciple[0, 3] == 0.5)
    }

    @Test("a problem with CSR blocks is written as sparse triples and reads back in CSR, equal")
    func manifestRoundTrip() throws {
        let scratch = try StorageScratch()
        defer { scratch.cleanUp() }
        let p = RandomProblems.convex(ProblemShape(m: 50, n: 8, k: 3, withS: true, density: 0.1), seed: 5).withBlocks(.sparse)
        try p.writeManifest(to: scratch.url)
        #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("A_indptr.npy").path))
        let back = try Problem(contentsOf: scratch.url.appendingPathComponent("problem.json"))
        for block in BlockName.allCases {
            #expect(back.compatibility[block]?.layout == .sparse)
            #expect(back.compatibility[block] == p.compatibility[block])
        }
    }

    // MARK: - Manifest triples

    static func ints(_ values: [Int], descr: String = "<i8") -> Data {
        var bytes = NPYHeader(descr: descr, fortranOrder: false, shape: [values.count]).encodedVersion1
        for v in values {
            if descr == "<i4" { withUnsafeBytes(of: Int32(v).littleEndian) { bytes += $0 } }
            else { withUnsafeBytes(of: Int64(v).littleEndian) { bytes += $0 } }
        }
        return Data(bytes)
    }

    static func floats(_ values: [Double], dtype: NPYDType = .float64) -> Data {
        NPYArray(shape: [values.count], values: values).data(dtype: dtype)
    }

    /// A (3 × 4) A in CSR: row 0 has columns 1, 3; row 1 none; row 2 columns 0, 2, 3.
    static let indptr = [0, 2, 2, 5], indices = [1, 3, 0, 2, 3], data = [0.5, -0.25, 1, -1, 0.75]
    static let dense = Matrix([[0, 0.5, 0, -0.25], [0, 0, 0, 0], [1, 0, -1, 0.75]])

    static func manifest(_ extra: String = "") -> String {
        """
        {"format": "wre-problem/1",
         "judgments": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
         "principles": [{"id": "p"}, {"id": "q"}, {"id": "r"}, {"id": "s"}],
         "sparse": {"judgmentPrinciple": {"indptr": "A_indptr.npy", "indices": "A_indices.npy", "data": "A_data.npy"}}\(extra)}
        """
    }

    static func files(indptr: Data = ints(SparseTests.indptr), indices: Data = ints(SparseTests.indices),
                      data: Data = floats(SparseTests.data)) -> [String: Data] {
        ["A_indptr.npy": indptr, "A_indices.npy": indices, "A_data.npy": data]
    }

    @Test("a manifest's CSR triple (int32 or int64 indices, float64 or float32 data) reads as the dense block",
          arguments: ["<i4", "<i8"], NPYDType.allCases)
    func readsTriple(_ descr: String, _ dtype: NPYDType) throws {
        let scratch = try StorageScratch()
        defer { scratch.cleanUp() }
        for (name, data) in Self.files(indptr: Self.ints(Self.indptr, descr: descr), indices: Self.ints(Self.indices, descr: descr),
                                       data: Self.floats(Self.data, dtype: dtype)) { try scratch.write(name, data) }
        let p = try scratch.load(Self.manifest())
        #expect(p.compatibility.judgmentPrinciple.layout == .sparse)
        #expect(p.compatibility.judgmentPrinciple == Self.dense)
        let r = try p.solve(.activeSet)
        var q = p
        q.compatibility.judgmentPrinciple = Self.dense
        #expect(maxAbsDifference(r.state, try q.solve(.activeSet).state) <= 1e-12)
    }

    struct BadTriple: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var files: [String: Data]
        var extra = ""
        /// The file and the fragments its error must name.
        var file: String
        var fragments: [String]
    }

    static let badTriples: [BadTriple] = [
        BadTriple(testDescription: "indptr too short", files: files(indptr: ints([0, 2, 5])), file: "A_indptr.npy",
                  fragments: ["sparse.judgmentPrinciple.indptr", "3 entries", "rows + 1 = 4"]),
        BadTriple(testDescription: "indptr not starting at 0", files: files(indptr: ints([1, 2, 2, 5])), file: "A_indptr.npy",
                  fragments: ["sparse.judgmentPrinciple.indptr", "starts at 1"]),
        BadTriple(testDescription: "indptr decreasing", files: files(indptr: ints([0, 3, 2, 5])), file: "A_indptr.npy",
                  fragments: ["sparse.judgmentPrinciple.indptr", "decreases at row 1"]),
        BadTriple(testDescription: "indptr not ending at nnz", files: files(indptr: ints([0, 2, 2, 4])), file: "A_indptr.npy",
                  fragments: ["sparse.judgmentPrinciple.indptr", "ends at 4", "5"]),
        BadTriple(testDescription: "data shorter than indices", files: files(data: floats([0.5, -0.25, 1, -1])), file: "A_data.npy",
                  fragments: ["sparse.judgmentPrinciple.data", "4 entries", "indices has 5"]),
        BadTriple(testDescription: "index out of range", files: files(indices: ints([1, 4, 0, 2, 3])), file: "A_indices.npy",
                  fragments: ["sparse.judgmentPrinciple.indices", "column 4", "0..<4"]),
        BadTriple(testDescription: "negative index", files: files(indices: ints([1, -3, 0, 2, 3], descr: "<i4")), file: "A_indices.npy",
                  fragments: ["sparse.judgmentPrinciple.indices", "column -3"]),
        BadTriple(testDescription: "unsorted row", files: files(indices: ints([3, 1, 0, 2, 3])), file: "A_indices.npy",
                  fragments: ["sparse.judgmentPrinciple.indices", "row 0", "not strictly increasing"]),
        BadTriple(testDescription: "duplicate column", files: files(indices: ints([1, 3, 0, 2, 2])), file: "A_indices.npy",
                  fragments: ["sparse.judgmentPrinciple.indices", "row 2", "(2 then 2)"]),
        BadTriple(testDescription: "value above 1", files: files(data: floats([0.5, -0.25, 1.5, -1, 0.75])), file: "A_data.npy",
                  fragments: ["sparse.judgmentPrinciple.data", "entry 2 is 1.5"]),
        BadTriple(testDescription: "NaN value", files: files(data: floats([0.5, .nan, 1, -1, 0.75])), file: "A_data.npy",
                  fragments: ["sparse.judgmentPrinciple.data", "entry 1 is nan"]),
        BadTriple(testDescription: "truncated data file", files: files(data: floats(data).dropLast(3)), file: "A_data.npy",
                  fragments: ["sparse.judgmentPrinciple.data", "A_data.npy"]),
        BadTriple(testDescription: "float indices", files: files(indices: floats([1, 3, 0, 2, 3])), file: "A_indices.npy",
                  fragments: ["sparse.judgmentPrinciple.indices", "<f8"]),
        BadTriple(testDescription: "2-D indptr",
                  files: files(indptr: Data(NPYHeader(descr: "<i8", fortranOrder: false, shape: [2, 2]).encodedVersion1 + [UInt8](repeating: 0, count: 32))),
                  file: "A_indptr.npy", fragments: ["sparse.judgmentPrinciple.indptr", "1-D", "(2, 2)"]),
        BadTriple(testDescription: "missing file", files: ["A_indptr.npy": ints(indptr), "A_indices.npy": ints(indices)], file: "A_data.npy",
                  fragments: ["sparse.judgmentPrinciple.data", "no such file"]),
    ]

    @Test("truncated or inconsistent triples are rejected by a ProblemFileError naming the file and field", arguments: badTriples)
    func rejectsBadTriples(_ c: BadTriple) throws {
        let scratch = try StorageScratch()
        defer { scratch.cleanUp() }
        for (name, data) in c.files { try scratch.write(name, data) }
        do {
            _ = try scratch.load(Self.manifest(c.extra))
            Issue.record("\(c.testDescription): accepted")
        } catch let error as ProblemFileError {
            guard case let .sparseTriple(file, _, _) = error else { Issue.record("\(c.testDescription): \(error)"); return }
            #expect(file == c.file)
            for fragment in c.fragments { #expect(error.description.contains(fragment), "\(error.description) lacks \(fragment)") }
        }
    }

    @Test("a sparse triple missing an array, or a block given both dense and sparse, is a named error")
    func manifestShape() throws {
        let scratch = try StorageScratch()
        defer { scratch.cleanUp() }
        for (name, data) in Self.files() { try scratch.write(name, data) }
        try scratch.write("A.npy", NPYArray(Self.dense).data(dtype: .float64))
        let missing = Self.manifest().replacingOccurrences(of: #", "data": "A_data.npy""#, with: "")
        #expect(throws: ProblemFileError.missingField(file: "problem.json", path: "sparse.judgmentPrinciple.data")) { try scratch.load(missing) }
        #expect(throws: ProblemFileError.conflictingSources(file: "problem.json", path: "sparse.judgmentPrinciple", other: "matrices.judgmentPrinciple")) {
            try scratch.load(Self.manifest(#", "matrices": {"judgmentPrinciple": "A.npy"}"#))
        }
    }
}

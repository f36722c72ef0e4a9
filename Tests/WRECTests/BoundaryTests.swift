import CWRE
import Foundation
import Testing
@testable import WREC

/// Every check at the C boundary (docs/python.md, Borrowing): bad shapes, strides, dtypes,
/// lengths, indices and pointers come back as `WRE_ERROR_INPUT` with a message naming the
/// field — never a trap, which would end the host process.
@Suite("C ABI boundary checks")
struct BoundaryTests {
    /// A spec edit and a fragment of the message it must produce.
    typealias Case = (String, @Sendable (Arena, inout wre_problem_spec) -> Void, String)

    static let blockCases: [Case] = [
        ("unknown format", { _, s in s.judgment_principle.format = 7 }, "block judgmentPrinciple (A): format 7 is not a block format"),
        ("negative rows", { _, s in s.judgment_principle.rows = -3 }, "block judgmentPrinciple (A).rows: -3 is negative"),
        ("negative columns", { _, s in s.principle_theory.columns = -1 }, "block principleTheory (B).columns: -1 is negative"),
        ("stride below columns", { _, s in s.judgment_principle.row_stride = 1 }, "block judgmentPrinciple (A).row_stride: 1 is less than the number of columns (2)"),
        ("negative stride", { _, s in s.judgment_principle.row_stride = -2 }, "block judgmentPrinciple (A).row_stride: -2 is negative"),
        ("NULL data", { _, s in s.judgment_principle.data.data = nil }, "block judgmentPrinciple (A).data: missing (NULL data)"),
        ("integer data", { _, s in s.judgment_principle.data.dtype = WRE_INT32 }, "block judgmentPrinciple (A).data: dtype int32 where float64 or float32 is expected"),
        ("unknown dtype", { _, s in s.judgment_principle.data.dtype = 9 }, "dtype 9 (not a dtype"),
        ("data too short", { _, s in s.judgment_principle.data.length = 5 }, "block judgmentPrinciple (A).data: 5 values, but 3 rows of 2 columns 2 apart need 6"),
        ("strided data too short", { _, s in s.judgment_principle.row_stride = 3 }, "3 rows of 2 columns 3 apart need 8"),
        ("negative length", { _, s in s.judgment_principle.data.length = -1 }, "block judgmentPrinciple (A).data: -1 is negative"),
        ("misaligned data", { _, s in s.judgment_principle.data.data = s.judgment_principle.data.data! + 1 }, "is not aligned to 8 bytes (float64)"),
        ("overflowing shape", { _, s in s.judgment_principle.rows = Int64.max / 2; s.judgment_principle.columns = 4 }, "is too large"),
        ("missing A", { _, s in s.judgment_principle.format = WRE_BLOCK_ABSENT }, "block judgmentPrinciple (A): missing"),
        ("shape against items", { a, s in s.judgment_principle = a.dense([[0.1, 0.2], [0.3, 0.4]]) }, "block judgmentPrinciple: shape 2×2 does not match the items (3×2)"),
        ("entry out of range", { a, s in s.judgment_principle = a.dense([[0.9, 0.3], [0, -1.5], [-0.4, 0.4]]) },
         "block judgmentPrinciple: entry (1, 1) = -1.5 is not a finite number in [-1, 1] (the entry of 'j2' and 'p2')"),
        ("NaN entry", { a, s in s.principle_theory = a.dense([[.nan], [-0.8]]) }, "block principleTheory: entry (0, 0) = nan"),
    ]

    static let csrCases: [Case] = [
        ("indptr length", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [0, 1, 2], indices: [0, 1], data: [0.5, 0.5]) },
         "block judgmentPrinciple (A).indptr: expected 4 values, found 3"),
        ("int32 indptr", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [0, 1, 2, 2], indices: [0, 1], data: [0.5, 0.5]); s.judgment_principle.indptr = a.array([Int32(0), 1, 2, 2], dtype: WRE_INT32) },
         "block judgmentPrinciple (A).indptr: dtype int32 where int64 is expected"),
        ("float indices", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [0, 1, 2, 2], indices: [0, 1], data: [0.5, 0.5]); s.judgment_principle.indices.dtype = WRE_FLOAT64 },
         "block judgmentPrinciple (A).indices: dtype float64 where int32 or int64 is expected"),
        ("index out of range", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [0, 1, 2, 2], indices: [0, 5], data: [0.5, 0.5]) },
         "block judgmentPrinciple (A).indices: row 1: column 5 outside 0..<2"),
        ("negative index", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [0, 1, 2, 2], indices: [0, -1], data: [0.5, 0.5]) },
         "block judgmentPrinciple (A).indices: row 1: column -1 outside 0..<2"),
        ("int64 index out of range", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [0, 1, 2, 2], indices: [0, 1 << 40], data: [0.5, 0.5], int64Indices: true) },
         "block judgmentPrinciple (A).indices: entry 1 is column 1099511627776, outside 0..<2"),
        ("unsorted", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [0, 2, 2, 2], indices: [1, 0], data: [0.5, 0.5]) },
         "block judgmentPrinciple (A).indices: row 0: columns not strictly increasing (1 then 0)"),
        ("duplicate", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [0, 2, 2, 2], indices: [1, 1], data: [0.5, 0.5]) },
         "columns not strictly increasing (1 then 1)"),
        ("indptr decreases", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [0, 2, 1, 2], indices: [0, 1], data: [0.5, 0.5]) },
         "block judgmentPrinciple (A).indptr: decreases at row 1 (2 then 1)"),
        ("indptr start", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [1, 1, 2, 2], indices: [0, 1], data: [0.5, 0.5]) },
         "block judgmentPrinciple (A).indptr: starts at 1, expected 0"),
        ("indptr end", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [0, 1, 2, 9], indices: [0, 1], data: [0.5, 0.5]) },
         "block judgmentPrinciple (A).indptr: ends at 9, expected the number of stored entries 2"),
        ("data length", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [0, 1, 2, 2], indices: [0, 1], data: [0.5]) },
         "block judgmentPrinciple (A).data: expected 2 values, found 1"),
        ("value out of range", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [0, 1, 2, 2], indices: [0, 1], data: [0.5, 2]) },
         "block judgmentPrinciple (A).data: entry 1 is 2.0, expected a finite number in [-1, 1]"),
        ("too many columns", { a, s in s.judgment_principle = a.csr(rows: 3, columns: 2, indptr: [0, 1, 2, 2], indices: [0, 1], data: [0.5, 0.5]); s.judgment_principle.columns = 1 << 33 },
         "columns do not fit the int32 column indices"),
    ]

    static let itemCases: [Case] = [
        ("negative count", { _, s in s.judgments.count = -1 }, "judgments.count: -1 is negative"),
        ("count beyond memory", { _, s in s.judgments.count = 1 << 50 }, "judgments.count: 1125899906842624 items need more memory than this machine has"),
        ("short initial", { a, s in s.judgments.initial = a.float64([1, 1]) }, "judgments.initial: expected 3 values, found 2"),
        ("float32 confidence", { a, s in s.principles.confidence = a.array([Float(1), 1], dtype: WRE_FLOAT32) }, "principles.confidence: dtype float32 where float64 is expected"),
        ("misaligned lower", { a, s in s.theories.lower = a.float64([0, 0]); s.theories.lower.data! += 4; s.theories.lower.length = 1 }, "theories.lower: address"),
        ("ids count", { a, s in s.judgments.ids = a.strings(["j1", "j2"]) }, "judgments.ids: expected 3 values, found 2"),
        ("NULL id", { a, s in s.judgments.ids = a.strings(["j1", nil, "j3"]) }, "judgments.ids[1]: NULL"),
        ("invalid UTF-8 id", { a, s in
            let bad = a.buffer([CChar(bitPattern: 0xFF), 0])
            s.principles.ids = wre_strings(items: UnsafePointer(a.buffer([UnsafePointer(bad), a.cString("p2")])), length: 2)
        }, "principles.ids[0]: not valid UTF-8"),
        ("texts count", { a, s in s.theories.texts = a.strings([]) }, "theories.texts: expected 1 values, found 0"),
        ("duplicate id", { a, s in s.principles.ids = a.strings(["p1", "j1"]) }, "duplicate id 'j1'"),
        ("empty id", { a, s in s.principles.ids = a.strings(["p1", ""]) }, "principles[1]: the id is empty"),
        ("negative confidence", { a, s in s.judgments.confidence = a.float64([1, -2, 1]) }, "'j2': confidence -2.0 is negative"),
        ("initial out of bounds", { a, s in s.theories.initial = a.float64([1.5]) }, "'t1': initial 1.5 is outside its bounds [0.0, 1.0]"),
        ("NaN upper", { a, s in s.judgments.upper = a.float64([1, .nan, 1]) }, "'j2': field 'upper' is not a finite number"),
        ("parsimony on a judgment", { a, s in s.judgments.parsimony = a.float64([0, 0.2, 0]) }, "'j2': only principles carry a parsimony cost"),
        ("block weights length", { a, s in s.block_weights = a.float64([1, 1, 1]) }, "blockWeights: expected 4 values, found 3"),
        ("negative block weight", { a, s in s.block_weights = a.float64([1, -1, 1, 1]) }, "blockWeights.principleTheory: -1.0 is not a finite non-negative number"),
        ("unknown mode", { a, s in s.mode = a.cString("sideways") }, "mode: 'sideways' is not a mode (valid: wide, narrow, top-down, bottom-up)"),
    ]

    @Test("bad blocks are named errors", arguments: blockCases.indices)
    func badBlock(_ i: Int) { check(Self.blockCases[i]) }

    @Test("bad CSR arrays are named errors", arguments: csrCases.indices)
    func badCSR(_ i: Int) { check(Self.csrCases[i]) }

    @Test("bad items, weights and modes are named errors", arguments: itemCases.indices)
    func badItems(_ i: Int) { check(Self.itemCases[i]) }

    private func check(_ c: Case) {
        let arena = Arena()
        var spec = arena.firstProblem()
        c.1(arena, &spec)
        let message = C.createFailure(spec)
        #expect(message.contains(c.2), "\(c.0): \(message)")
    }

    @Test("the unedited spec is valid (the cases above fail for their edit only)")
    func validSpec() {
        let arena = Arena()
        let (handle, code, message) = C.create(arena.firstProblem())
        #expect(code == WRE_OK, "\(message)")
        CWRE.wre_problem_free(handle)
    }

    @Test("NULL arguments are argument errors, not crashes")
    func nullArguments() {
        let arena = Arena()
        var spec = arena.firstProblem()
        var handle: OpaquePointer?
        #expect(C.run { CWRE.wre_problem_create(nil, &handle, $0) } == (WRE_ERROR_ARGUMENT, "spec: NULL"))
        #expect(C.run { CWRE.wre_problem_create(&spec, nil, $0) } == (WRE_ERROR_ARGUMENT, "problem: NULL output pointer"))
        #expect(C.run { CWRE.wre_problem_load(nil, &handle, $0) } == (WRE_ERROR_ARGUMENT, "path: NULL"))
        #expect(C.solve(nil).code == WRE_ERROR_ARGUMENT)
        #expect(C.solve(nil).message == "problem: NULL handle")
        var json: UnsafeMutablePointer<CChar>?
        #expect(C.run { CWRE.wre_result_json(nil, &json, $0) } == (WRE_ERROR_ARGUMENT, "result: NULL handle"))
        #expect(C.run { CWRE.wre_problem_update(nil, nil, nil, nil, 1, 0, &json, nil, nil, $0) }.code == WRE_ERROR_ARGUMENT)
        // A NULL error struct is allowed: the code alone reports the failure.
        #expect(CWRE.wre_problem_create(nil, &handle, nil) == WRE_ERROR_ARGUMENT)
        CWRE.wre_problem_free(nil)
        CWRE.wre_result_free(nil)
        CWRE.wre_string_free(nil)
    }

    /// (edit of the default options, fragment of the message)
    static let optionCases: [(String, @Sendable (Arena, inout wre_solve_options) -> Void, String)] = [
        ("unknown solver", { a, o in o.solver = a.cString("newton") }, "solver: 'newton' is not a solver (valid: auto, alternating, projected-gradient"),
        ("unknown mode", { a, o in o.mode = a.cString("wider") }, "mode: 'wider' is not a mode"),
        ("zero tolerance", { _, o in o.tolerance = 0 }, "option tolerance: 0.0 is out of range"),
        ("negative iterations", { _, o in o.max_iterations = -5 }, "option maxIterations: -5 is out of range"),
        ("NaN time limit", { _, o in o.time_limit = .nan }, "option timeLimit: nan is out of range"),
        ("negative time limit", { _, o in o.time_limit = -1 }, "option timeLimit: -1.0 is out of range"),
        ("warm start length", { a, o in o.warm_start = a.float64([0, 0]) }, "warmStart: expected 6 values, found 2"),
        ("warm start dtype", { a, o in o.warm_start = a.array([Int64(0)], dtype: WRE_INT64) }, "warmStart: dtype int64 where float64 is expected"),
        ("NaN warm start", { a, o in o.warm_start = a.float64([0, .nan, 0, 0, 0, 0]) }, "'warmStart[1]': field 'value' is not a finite number"),
        ("negative threshold", { _, o in o.revision_threshold = -1 }, "option revisionThreshold/topPulls"),
    ]

    @Test("bad solve options are named errors", arguments: optionCases.indices)
    func badOptions(_ i: Int) throws {
        let arena = Arena()
        let (handle, _, _) = C.create(arena.firstProblem())
        defer { CWRE.wre_problem_free(handle) }
        var options = C.defaults
        optionCasesEdit(i)(arena, &options)
        let solved = C.solve(handle, options)
        #expect(solved.code == WRE_ERROR_INPUT)
        #expect(solved.message.contains(Self.optionCases[i].2), "\(Self.optionCases[i].0): \(solved.message)")
    }

    private func optionCasesEdit(_ i: Int) -> (Arena, inout wre_solve_options) -> Void { Self.optionCases[i].1 }

    @Test("an x buffer of the wrong length is refused before solving")
    func xLength() {
        let arena = Arena()
        let (handle, _, _) = C.create(arena.firstProblem())
        defer { CWRE.wre_problem_free(handle) }
        var x = [Double](repeating: 0, count: 4)
        let r = C.run { error in x.withUnsafeMutableBufferPointer { CWRE.wre_problem_solve(handle, nil, $0.baseAddress, 4, nil, nil, error) } }
        #expect(r == (WRE_ERROR_INPUT, "x: expected 6 values, found 4"))
    }

    @Test("analysis arguments: unknown ids, counts, change sets and thresholds")
    func analysisArguments() {
        let arena = Arena()
        let (handle, _, _) = C.create(arena.firstProblem())
        defer { CWRE.wre_problem_free(handle) }
        var json: UnsafeMutablePointer<CChar>?
        var items = arena.strings(["j1", "nope"])
        #expect(C.run { CWRE.wre_problem_explain(handle, nil, &items, 3, nil, &json, nil, $0) } == (WRE_ERROR_INPUT, "no item has the id 'nope'"))
        #expect(C.run { CWRE.wre_problem_explain(handle, nil, nil, 0, nil, &json, nil, $0) } == (WRE_ERROR_INPUT, "top: 0 must be at least 1"))
        #expect(C.run { CWRE.wre_problem_support(handle, nil, arena.cString("p1"), 3, -1, nil, &json, $0) } == (WRE_ERROR_INPUT, "exact: -1 must be at least 0"))
        #expect(C.run { CWRE.wre_problem_support(handle, nil, arena.cString("zz"), 3, 1, nil, &json, $0) } == (WRE_ERROR_INPUT, "no item has the id 'zz'"))
        var modes = arena.strings(["wide", "deep"])
        #expect(C.run { CWRE.wre_problem_compare(handle, &modes, nil, nil, &json, $0) } == (WRE_ERROR_INPUT, "modes[1]: 'deep' is not one of wide, narrow, top-down, bottom-up"))
        var none = arena.strings([])
        #expect(C.run { CWRE.wre_problem_compare(handle, nil, &none, nil, &json, $0) } == (WRE_ERROR_INPUT, "solvers: give at least one"))
        let notJSON = C.run { CWRE.wre_problem_update(handle, arena.cString("{"), nil, nil, 1, 0, &json, nil, nil, $0) }
        #expect(notJSON.code == WRE_ERROR_INPUT && notJSON.message.hasPrefix("changes: "), "\(notJSON.message)")
        let unknown = C.run { CWRE.wre_problem_update(handle, arena.cString(#"{"format": "wre-changes/1", "remove": {"items": ["q"]}}"#), nil, nil, 1, 0, &json, nil, nil, $0) }
        #expect(unknown.code == WRE_ERROR_INPUT && unknown.message.contains("'q'"), "\(unknown.message)")
        let threshold = C.run { CWRE.wre_problem_update(handle, arena.cString(#"{"format": "wre-changes/1"}"#), nil, nil, 1, .nan, &json, nil, nil, $0) }
        #expect(threshold == (WRE_ERROR_INPUT, "threshold: nan is not a non-negative number"))
        #expect(json == nil, "no output on failure")
        var result: OpaquePointer?
        let badResult = C.run { CWRE.wre_result_read(arena.cString(#"{"format": "wre-result/1"}"#), &result, $0) }
        #expect(badResult.code == WRE_ERROR_INPUT && result == nil, "\(badResult.message)")
    }

    @Test("a support at a non-equilibrium is WRE_ERROR_NOT_EQUILIBRIUM")
    func supportNeedsEquilibrium() {
        let arena = Arena()
        let (handle, _, _) = C.create(arena.firstProblem())
        defer { CWRE.wre_problem_free(handle) }
        var options = C.oneRound(arena)
        var json: UnsafeMutablePointer<CChar>?
        let r = C.run { CWRE.wre_problem_support(handle, nil, arena.cString("p2"), 3, 0, &options, &json, $0) }
        #expect(r.code == WRE_ERROR_NOT_EQUILIBRIUM, "\(r.message)")
        #expect(r.message.contains("maxIterations"), "\(r.message)")
    }

    @Test("load errors name the file as the command line does")
    func loadErrors() throws {
        let arena = Arena()
        var handle: OpaquePointer?
        #expect(C.run { CWRE.wre_problem_load(arena.cString("/nonexistent/p.json"), &handle, $0) } == (WRE_ERROR_INPUT, "/nonexistent/p.json: no such file"))
        #expect(C.run { CWRE.wre_problem_load(arena.cString("/tmp"), &handle, $0) } == (WRE_ERROR_INPUT, "/tmp: is a directory, not a problem file"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wrec-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.json")
        try Data(#"{"format": "wre-problem/1", "judgments": [{"id": "j1", "confidence": -1}], "principles": [{"id": "p1"}]}"#.utf8).write(to: file)
        let r = C.run { CWRE.wre_problem_load(arena.cString(file.path), &handle, $0) }
        #expect(r == (WRE_ERROR_INPUT, "\(file.path): 'j1': confidence -1.0 is negative"))
    }

    @Test("messages are cut at a UTF-8 boundary to fit, NUL-terminated")
    func truncation() {
        var buffer = [UInt8](repeating: 0xAA, count: 6)
        buffer.withUnsafeMutableBytes { CString.copy("ab→cd", into: $0) }  // "→" is 3 bytes: a b [e2 86 92] c d
        #expect(Array(buffer.prefix(6)) == [0x61, 0x62, 0xE2, 0x86, 0x92, 0])
        buffer = [UInt8](repeating: 0xAA, count: 5)
        buffer.withUnsafeMutableBytes { CString.copy("ab→cd", into: $0) }
        #expect(Array(buffer.prefix(3)) == [0x61, 0x62, 0])
        let long = String(repeating: "é", count: 3000)
        let failure = ABIFailure.input(long)
        var error = wre_error()
        failure.write(to: &error)
        let message = withUnsafeBytes(of: &error.message) { String(validatingCString: $0.bindMemory(to: CChar.self).baseAddress!) }
        #expect(message?.count == (Int(WRE_ERROR_MESSAGE_SIZE) - 1) / 2)
    }
}

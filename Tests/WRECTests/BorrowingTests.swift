import CWRE
import Foundation
@testable @_spi(Borrowing) import ReflectiveEquilibrium
import Testing
@testable import WREC

/// Borrowed arrays are never copied (docs/python.md, Borrowing): the library reads the
/// caller's memory, the borrow lives as long as the blocks that read it, and borrowed blocks
/// give the same equilibrium as owned ones.
@Suite("C ABI borrowing")
struct BorrowingTests {
    /// The address the library reads `block`'s `array` from.
    static func address(_ handle: OpaquePointer?, _ block: Int32, _ array: Int32 = 0) -> UnsafeRawPointer? {
        var address: UnsafeRawPointer?
        _ = C.run { CWRE.wre_problem_block_address(handle, block, array, &address, $0) }
        return address
    }

    @Test("dense float64 and float32 blocks and CSR arrays are read in place")
    func inPlace() {
        let arena = Arena()
        var spec = arena.firstProblem()
        spec.principle_theory.data = arena.array([Float(0.8), -0.8], dtype: WRE_FLOAT32)
        spec.judgment_principle = arena.csr(rows: 3, columns: 2, indptr: [0, 2, 3, 5], indices: [0, 1, 1, 0, 1], data: [0.9, 0.3, -0.8, -0.4, 0.4])
        let (handle, code, message) = C.create(spec)
        #expect(code == WRE_OK, "\(message)")
        defer { CWRE.wre_problem_free(handle) }
        #expect(Self.address(handle, 0, 0) == spec.judgment_principle.data.data)
        #expect(Self.address(handle, 0, 1) == spec.judgment_principle.indptr.data)
        #expect(Self.address(handle, 0, 2) == spec.judgment_principle.indices.data)
        #expect(Self.address(handle, 1, 0) == spec.principle_theory.data.data)
        #expect(Self.address(handle, 1, 1) == nil)
        #expect(Self.address(handle, 2, 0) == nil, "C is absent")
        var json: UnsafeMutablePointer<CChar>?
        _ = C.run { CWRE.wre_problem_describe(handle, &json, $0) }
        let summary = C.take(json)
        #expect(summary.contains(#""judgmentPrinciple":{"borrowed":true,"columns":2,"layout":"sparse","rows":3}"#), "\(summary)")
        #expect(summary.contains(#""principleTheory":{"borrowed":true,"columns":1,"layout":"float32","rows":2}"#), "\(summary)")
    }

    @Test("strided rows are packed once; int64 indices narrowed, the values still read in place")
    func copies() {
        let arena = Arena()
        var spec = arena.firstProblem()
        // A as the first 2 columns of a 3 × 3 array (row stride 3).
        spec.judgment_principle.data = arena.float64([0.9, 0.3, 9, 0, -0.8, 9, -0.4, 0.4])
        spec.judgment_principle.row_stride = 3
        spec.principle_theory = arena.csr(rows: 2, columns: 1, indptr: [0, 1, 2], indices: [0, 0], data: [0.8, -0.8], int64Indices: true)
        let (handle, code, message) = C.create(spec)
        #expect(code == WRE_OK, "\(message)")
        defer { CWRE.wre_problem_free(handle) }
        #expect(Self.address(handle, 0) != spec.judgment_principle.data.data, "strided: packed")
        #expect(Self.address(handle, 1, 0) == spec.principle_theory.data.data)
        #expect(Self.address(handle, 1, 1) == spec.principle_theory.indptr.data)
        #expect(Self.address(handle, 1, 2) != spec.principle_theory.indices.data, "int64 indices: narrowed")
        // The same equilibrium as the contiguous dense problem.
        let reference = C.create(arena.firstProblem())
        defer { CWRE.wre_problem_free(reference.handle) }
        let (a, b) = (C.solve(handle), C.solve(reference.handle))
        #expect(a.code == WRE_OK && b.code == WRE_OK)
        #expect(zip(a.x, b.x).allSatisfy { abs($0 - $1) <= 1e-12 }, "\(a.x) vs \(b.x)")
    }

    @Test("borrowed, float32 and CSR blocks give the Swift API's equilibrium of owned blocks")
    func agreement() throws {
        let arena = Arena()
        // A random 40 × 8 × 3 instance with float32-representable entries.
        var random = PlantedRandom(seed: 12345)
        func next() -> Double { Double(Float(random.unit() - 0.5)) }
        let (m, n, k) = (40, 8, 3)
        let aRows = (0..<m).map { _ in (0..<n).map { _ in abs(next()) < 0.2 ? 0 : next() } }
        let cRows = (0..<m).map { _ in (0..<k).map { _ in next() } }
        let bRows = (0..<n).map { _ in (0..<k).map { _ in next() } }
        var owned = Problem(judgments: ItemGroup(.judgment, count: m), principles: ItemGroup(.principle, count: n),
                            theories: ItemGroup(.theory, count: k),
                            compatibility: Compatibility(judgmentPrinciple: Matrix(aRows), principleTheory: Matrix(bRows), judgmentTheory: Matrix(cRows)))
        owned.principles.confidence = [Double](repeating: 3, count: n)
        owned.theories.confidence = [Double](repeating: 3, count: k)
        let expected = try owned.solve(.activeSet, options: SolverOptions(tolerance: 1e-12)).state

        func spec(_ a: wre_block, _ c: wre_block) -> wre_problem_spec {
            var s = wre_problem_spec()
            s.judgments = arena.items(m)
            s.principles = arena.items(n)
            s.principles.confidence = arena.float64([Double](repeating: 3, count: n))
            s.theories = arena.items(k)
            s.theories.confidence = arena.float64([Double](repeating: 3, count: k))
            s.judgment_principle = a
            s.judgment_theory = c
            s.principle_theory = arena.dense(bRows)
            return s
        }
        var indptr: [Int64] = [0], indices: [Int] = [], data: [Double] = []
        for row in aRows {
            for (j, v) in row.enumerated() where v != 0 { indices.append(j); data.append(v) }
            indptr.append(Int64(indices.count))
        }
        var float32A = arena.dense(aRows)
        float32A.data = arena.array(aRows.flatMap { $0 }.map(Float.init), dtype: WRE_FLOAT32)
        let variants: [(String, wre_problem_spec)] = [
            ("dense float64", spec(arena.dense(aRows), arena.dense(cRows))),
            ("dense float32", spec(float32A, arena.dense(cRows))),
            ("CSR int32", spec(arena.csr(rows: m, columns: n, indptr: indptr, indices: indices, data: data), arena.dense(cRows))),
            ("CSR int64", spec(arena.csr(rows: m, columns: n, indptr: indptr, indices: indices, data: data, int64Indices: true), arena.dense(cRows))),
        ]
        var options = C.defaults
        options.solver = arena.cString("active-set")
        options.tolerance = 1e-12
        for (name, s) in variants {
            let (handle, code, message) = C.create(s)
            #expect(code == WRE_OK, "\(name): \(message)")
            let solved = C.solve(handle, options)
            CWRE.wre_problem_free(handle)
            #expect(solved.info.success == 1, "\(name): \(solved.message)")
            let gap = zip(solved.x, expected).map { abs($0 - $1) }.max() ?? .nan
            #expect(gap <= 1e-10, "\(name): ‖x − x_swift‖∞ = \(gap)")
        }
    }

    @Test("the borrow lives as long as any block reading it: the changed problem of an update outlives its parent")
    func lifetime() throws {
        let arena = Arena()
        let (handle, _, _) = C.create(arena.firstProblem())
        weak var token: BorrowToken?
        do {
            let problem = try Handle.problem(handle)
            guard case let .float64(.borrowed(_, _, owner)) = problem.compatibility.judgmentPrinciple.entries else {
                Issue.record("A is not borrowed")
                return
            }
            token = owner as? BorrowToken
        }
        #expect(token != nil)
        var json: UnsafeMutablePointer<CChar>?
        var changed: OpaquePointer?, result: OpaquePointer?
        let changes = arena.cString(#"{"format": "wre-changes/1", "set": {"items": [{"id": "j3", "confidence": 4}]}}"#)
        let r = C.run { CWRE.wre_problem_update(handle, changes, nil, nil, 1, 1e-6, &json, &changed, &result, $0) }
        #expect(r.code == WRE_OK, "\(r.message)")
        #expect(C.take(json).contains(#""format": "wre-update/1""#))
        CWRE.wre_problem_free(handle)
        #expect(token != nil, "the changed problem still reads the arrays")
        #expect(C.solve(changed).info.success == 1)
        CWRE.wre_problem_free(changed)
        CWRE.wre_result_free(result)
        #expect(token == nil, "the last block reading the arrays is gone")
    }
}

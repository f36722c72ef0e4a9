import CWRE
@testable import ReflectiveEquilibrium
import Testing

/// Nothing at the boundary traps (docs/python.md): thousands of random specs — random shapes,
/// strides, dtypes, lengths, formats, counts and CSR contents over buffers large enough for
/// any length they claim — each come back as `WRE_OK` or `WRE_ERROR_INPUT`, and every problem
/// that is accepted also solves without trapping. A trap would end this test process.
@Suite("C ABI boundary fuzzing")
struct BoundaryFuzzTests {
    /// A seeded, reproducible stream (the generator's `PlantedRandom`).
    struct Stream {
        var random: PlantedRandom
        init(state: UInt64) { random = PlantedRandom(seed: state) }
        mutating func next() -> UInt64 { random.next() }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
        /// `valid`, or now and then (one time in `odds`) one of `invalid`.
        mutating func mostly<T>(_ valid: T, else invalid: [T], odds: Int = 12) -> T { below(odds) == 0 ? pick(invalid) : valid }
    }

    /// Elements of the largest dtype (8 bytes) each buffer holds: lengths never exceed it.
    static let capacity = 512

    @Test("random specs are accepted or refused with a message, never a trap", arguments: [1, 2, 3, 4])
    func randomSpecs(seed: UInt64) {
        var rng = Stream(state: seed)
        let arena = Arena()
        var accepted = 0
        for _ in 0..<600 {
            var spec = wre_problem_spec()
            let m = rng.pick([0, 1, 2, 3, 5, 8]), n = rng.pick([0, 1, 2, 3, 4]), k = rng.pick([0, 1, 2])
            spec.judgments = items(&rng, arena, count: rng.mostly(m, else: [-1, m + 1, Int(Int64.max / 2)]))
            spec.principles = items(&rng, arena, count: n)
            spec.theories = items(&rng, arena, count: k)
            spec.judgment_principle = block(&rng, arena, m, n)
            if rng.below(2) == 0 { spec.principle_theory = block(&rng, arena, n, k) }
            if rng.below(2) == 0 { spec.judgment_theory = block(&rng, arena, m, k) }
            if rng.below(4) == 0 { spec.principle_principle = block(&rng, arena, n, n) }
            if rng.below(5) == 0 { spec.block_weights = arena.float64((0..<rng.mostly(4, else: [3, 5])).map { _ in rng.mostly(0.5, else: [-1, .nan]) }) }
            if rng.below(8) == 0 { spec.mode = arena.cString(rng.mostly(rng.pick(["wide", "narrow", "top-down", "bottom-up"]), else: ["x"])) }
            let (handle, code, message) = C.create(spec)
            #expect(code == WRE_OK || (code == WRE_ERROR_INPUT && !message.isEmpty), "code \(code): \(message)")
            guard let handle else { continue }
            accepted += 1
            let solved = C.solve(handle)
            #expect(solved.code == WRE_OK, "\(solved.message)")
            CWRE.wre_problem_free(handle)
        }
        #expect(accepted > 20, "the fuzzing also reaches valid problems (\(accepted))")
    }

    /// Items of `count` with random absent or present arrays of random lengths.
    private func items(_ rng: inout Stream, _ arena: Arena, count: Int) -> wre_items {
        var items = wre_items()
        items.count = Int64(count)
        func column(_ rng: inout Stream, _ valid: Double, _ invalid: [Double]) -> wre_array {
            guard rng.below(3) == 0 else { return wre_array() }
            let length = rng.mostly(max(count, 0), else: [0, count + 1, 3])
            return arena.array((0..<Self.capacity).map { _ in rng.mostly(valid, else: invalid, odds: 40) }, dtype: rng.mostly(WRE_FLOAT64, else: [WRE_FLOAT32, 5]))
                .withLength(min(max(length, 0), Self.capacity))
        }
        items.initial = column(&rng, 0.5, [2, -1, .nan])
        items.confidence = column(&rng, 1, [0, -1, .infinity])
        items.lower = column(&rng, 0, [0.5, -.infinity])
        items.upper = column(&rng, 1, [0.5, 0])
        items.parsimony = column(&rng, 0, [0.1, -0.1])
        if rng.below(4) == 0 {
            let length = rng.mostly(max(count, 0), else: [0, count + 1])
            let tag = rng.next()
            items.ids = arena.strings((0..<min(max(length, 0), 64)).map { i in rng.mostly("x\(tag)-\(i)", else: [nil, "", "dup"], odds: 40) })
        }
        return items
    }

    /// A dense or CSR block of random claims over a buffer of `capacity` elements.
    private func block(_ rng: inout Stream, _ arena: Arena, _ rows: Int, _ columns: Int) -> wre_block {
        var b = wre_block()
        b.format = rng.mostly(rng.pick([WRE_BLOCK_DENSE, WRE_BLOCK_CSR]), else: [WRE_BLOCK_ABSENT, 7])
        b.rows = Int64(rng.mostly(rows, else: [-1, rows + 1, Int(Int64.max / 3)]))
        b.columns = Int64(rng.mostly(columns, else: [-2, columns + 1, Int(Int64.max / 3)]))
        let dtypes = [WRE_FLOAT64, WRE_FLOAT32, WRE_INT32, WRE_INT64, 0, 99]
        let values = (0..<Self.capacity).map { _ in rng.mostly(rng.pick([0.0, 0.5, -0.25, 0.75]), else: [1.5, .nan, -.infinity], odds: 60) }
        if b.format == WRE_BLOCK_DENSE {
            b.row_stride = Int64(rng.mostly(0, else: [-1, columns, columns + 2, Int(Int64.max / 5)]))
            let needed = rows * columns + (b.row_stride > columns ? 2 * rows : 0)
            b.data = arena.array(values, dtype: rng.mostly(rng.pick([WRE_FLOAT64, WRE_FLOAT32]), else: dtypes))
                .withLength(min(rng.mostly(needed, else: [0, max(needed - 1, 0), needed + 4]), Self.capacity))
            if rng.below(30) == 0 { b.data.data = nil }
        } else {
            let nnz = rng.below(min(rows * columns, 24) + 1)
            var indptr = [Int64](repeating: 0, count: Self.capacity)
            for i in 0...rows where i < Self.capacity { indptr[i] = Int64(rows == 0 ? 0 : nnz * i / rows) }
            if rng.below(10) == 0 { indptr[rng.below(rows + 1)] = rng.pick([-3, Int64(nnz + 5), Int64.max]) }
            // Strictly increasing columns per row where the row has room, else anything.
            var indices = [Int64](repeating: 0, count: Self.capacity)
            for i in 0..<rows {
                let (start, end) = (Int(indptr[i]), Int(indptr[i + 1]))
                guard start >= 0, end <= Self.capacity, start <= end else { continue }
                for (offset, r) in (start..<end).enumerated() { indices[r] = Int64(columns >= end - start ? offset : rng.below(max(columns, 1))) }
            }
            if rng.below(10) == 0 { indices[rng.below(max(nnz, 1))] = rng.pick([-1, Int64(columns), Int64(Int32.max), Int64.min]) }
            b.indptr = arena.array(indptr, dtype: rng.mostly(WRE_INT64, else: [WRE_INT32, WRE_FLOAT64])).withLength(rng.mostly(rows + 1, else: [0, rows, rows + 2]))
            b.indices = rng.below(2) == 0 ? arena.array(indices, dtype: WRE_INT64) : arena.array(indices.map { Int32(truncatingIfNeeded: $0) }, dtype: WRE_INT32)
            b.indices.length = Int64(rng.mostly(nnz, else: [0, nnz + 1, max(nnz - 1, 0)]))
            b.data = arena.array(values, dtype: rng.mostly(WRE_FLOAT64, else: dtypes)).withLength(rng.mostly(nnz, else: [0, nnz + 2]))
        }
        return b
    }
}

extension wre_array {
    /// The same array claiming `length` elements.
    func withLength(_ length: Int) -> wre_array { wre_array(data: data, length: Int64(length), dtype: dtype) }
}

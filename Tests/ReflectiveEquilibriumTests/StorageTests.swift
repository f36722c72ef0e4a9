import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// Test-only conversions between block storages.
extension Problem {
    /// The same problem with every block stored as `layout` (float32 rounds the entries).
    func withBlocks(_ layout: Matrix.Layout) -> Problem {
        var p = self
        p.compatibility.judgmentPrinciple = compatibility.judgmentPrinciple.converted(to: layout)
        p.compatibility.principleTheory = compatibility.principleTheory?.converted(to: layout)
        p.compatibility.judgmentTheory = compatibility.judgmentTheory?.converted(to: layout)
        p.compatibility.principlePrinciple = compatibility.principlePrinciple?.converted(to: layout)
        return p
    }

    /// The problem with every block entry rounded to `Float` (stored as float64).
    var floatRepresentable: Problem { withBlocks(.float32).withBlocks(.float64) }
}

/// A random block with about `density` of its entries non-zero.
func randomBlock(_ rows: Int, _ columns: Int, density: Double, _ rng: inout SplitMix64) -> Matrix {
    Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in rng.chance(density) ? rng.uniform(-1, 1) : 0 })
}

/// A problem for kernel tests: blocks of the given density; judgments a mix of free,
/// locked (`locked`) and unanchored (`unanchored`) rows.
func kernelProblem(m: Int, n: Int, k: Int, density: Double, seed: UInt64, locked: Double = 0.2, unanchored: Double = 0.2) -> Problem {
    var rng = SplitMix64(seed: seed)
    var j = ItemGroup(.judgment, count: m)
    for i in 0..<m {
        j.initial[i] = rng.uniform(-1, 1)
        let u = rng.uniform(0, 1)
        if u < locked { j.lower[i] = j.initial[i]; j.upper[i] = j.initial[i] }
        else if u < locked + unanchored { j.confidence[i] = 0 }
        else { j.confidence[i] = rng.uniform(0.1, 2) }
    }
    var p = ItemGroup(.principle, count: n)
    for a in 0..<n { p.initial[a] = rng.uniform(0, 1) }
    return Problem(judgments: j, principles: p, theories: ItemGroup(.theory, count: k),
                   compatibility: Compatibility(judgmentPrinciple: randomBlock(m, n, density: density, &rng),
                                                principleTheory: k > 0 ? randomBlock(n, k, density: density, &rng) : nil,
                                                judgmentTheory: k > 0 ? randomBlock(m, k, density: density, &rng) : nil,
                                                principlePrinciple: nil),
                   blockWeights: BlockWeights(judgmentPrinciple: 0.3, principleTheory: 0.7, judgmentTheory: 0.2))
}

/// Checks that every product of the objective on `other` (the same values in other storages)
/// equals the dense float64 one on `problem` to `tolerance` (relative to the size of the result):
/// `W x` (both product directions of every block), `y ← αAx + βy`, the fused judgment pass and
/// the Schur Gram sum.
func expectSameProducts(_ problem: Problem, _ other: Problem, tolerance: Double = 1e-12, seed: UInt64 = 1,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    let ref = Objective(problem), o = Objective(other)
    let (m, q) = (ref.m, ref.reducedCount)
    var rng = SplitMix64(seed: seed)
    let x = ref.project((0..<ref.count).map { i in i < m ? rng.uniform(-1, 1) : rng.uniform(-0.5, 1.5) })
    func close(_ a: [Double], _ b: [Double], _ what: String) {
        let scale = 1 + (b.map(abs).max() ?? 0)
        let gap = maxAbsDifference(a, b)
        #expect(gap <= tolerance * scale, "\(what): gap \(gap)", sourceLocation: sourceLocation)
    }
    close(o.coherenceGradient(x), ref.coherenceGradient(x), "W x")
    // y ← α A x + β y and its transpose, β ≠ 0.
    for transpose in [false, true] {
        let a = problem.compatibility.judgmentPrinciple, b = other.compatibility.judgmentPrinciple
        let inCount = transpose ? a.rows : a.columns, outCount = transpose ? a.columns : a.rows
        let v = (0..<inCount).map { _ in rng.uniform(-1, 1) }, y0 = (0..<outCount).map { _ in rng.uniform(-1, 1) }
        var y1 = y0, y2 = y0
        v.withUnsafeBufferPointer { vb in
            y1.withUnsafeMutableBufferPointer { BLAS.gemv(a, transpose: transpose, alpha: 0.7, x: vb.baseAddress!, beta: -0.4, y: $0.baseAddress!) }
            y2.withUnsafeMutableBufferPointer { b.multiply(transpose: transpose, alpha: 0.7, x: vb.baseAddress!, beta: -0.4, y: $0.baseAddress!) }
        }
        close(y2, y1, transpose ? "αAᵀx + βy" : "αAx + βy")
    }
    var x1 = x, x2 = x
    var pull1 = [Double](repeating: .nan, count: m), pull2 = pull1
    let fallback = Array(x[..<m])
    let y1 = pull1.withUnsafeMutableBufferPointer { ref.fusedJudgmentPass(&x1, fallback: fallback, pull: $0.baseAddress) }
    let y2 = pull2.withUnsafeMutableBufferPointer { o.fusedJudgmentPass(&x2, fallback: fallback, pull: $0.baseAddress) }
    close(x2, x1, "fused pass: judgments")
    close(pull2, pull1, "fused pass: pull")
    close(y2, y1, "fused pass: (W x)_Y")
    let rows = (0..<m).filter { ref.lambda[$0] > 0 && !ref.isLocked($0) }
    for sign in [-1.0, 1.0] {
        var g1 = SymmetricMatrix(order: q), g2 = SymmetricMatrix(order: q)
        ref.accumulateJudgmentGram(rows: rows, sign: sign, into: &g1)
        o.accumulateJudgmentGram(rows: rows, sign: sign, into: &g2)
        let upper1 = (0..<q).flatMap { i in (i..<q).map { g1[i, $0] } }, upper2 = (0..<q).flatMap { i in (i..<q).map { g2[i, $0] } }
        close(upper2, upper1, "Gram sum, sign \(sign)")
    }
}

/// A scratch directory under the temporary directory, removed by `cleanUp`.
struct StorageScratch {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("storage-tests-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    func write(_ name: String, _ data: Data) throws { try data.write(to: url.appendingPathComponent(name)) }
    func load(_ json: String) throws -> Problem {
        try write("problem.json", Data(json.utf8))
        return try Problem(contentsOf: url.appendingPathComponent("problem.json"))
    }
    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// Dense float64, float32 and CSR storage are one abstraction: equal values, value semantics,
/// and `.npy` blocks memory-mapped in place.
@Suite("Block storage")
struct StorageTests {
    @Test("every storage holds the same values: ==, entries, non-zeros, rows and transposes agree")
    func sameValues() {
        var rng = SplitMix64(seed: 5)
        let dense = randomBlock(13, 7, density: 0.3, &rng).converted(to: .float32).converted(to: .float64)
        for layout in Matrix.Layout.allCases {
            let m = dense.converted(to: layout)
            #expect(m.layout == layout)
            #expect(m == dense && dense == m)
            #expect(m.storage == dense.storage)
            #expect(m.nonzeroCount == dense.storage.filter { $0 != 0 }.count)
            #expect(m.transposed() == dense.transposed())
            for i in 0..<13 { for j in 0..<7 { #expect(m[i, j] == dense[i, j]) } }
            var seen: [Double] = []
            m.forEachNonzero { i, j, v in seen.append(v); #expect(dense[i, j] == v) }
            #expect(seen.count == m.nonzeroCount)
        }
        var other = dense
        other[3, 4] += 0.25
        for layout in Matrix.Layout.allCases { #expect(dense.converted(to: layout) != other.converted(to: layout)) }
        #expect(Matrix(rows: 0, columns: 3).converted(to: .sparse) == Matrix(rows: 0, columns: 3))
    }

    @Test("setting an entry of a float32, CSR or mapped block gives an owned float64 copy; the original is unchanged")
    func valueSemantics() throws {
        let scratch = try StorageScratch()
        defer { scratch.cleanUp() }
        var rng = SplitMix64(seed: 9)
        let problem = RandomProblems.convex(ProblemShape(m: 20, n: 5, k: 2), seed: 3)
        try problem.writeManifest(to: scratch.url)
        let mapped = try Problem(contentsOf: scratch.url.appendingPathComponent("problem.json")).compatibility.judgmentPrinciple
        let base = randomBlock(6, 4, density: 0.5, &rng)
        for original in [base.converted(to: .float32), base.converted(to: .sparse), mapped] {
            var copy = original
            copy[1, 2] = 0.125
            #expect(copy.layout == .float64 && copy[1, 2] == 0.125)
            #expect(original[1, 2] != 0.125)
            #expect(copy != original)
        }
        let reread = try Problem(contentsOf: scratch.url.appendingPathComponent("problem.json")).compatibility.judgmentPrinciple
        #expect(reread == problem.compatibility.judgmentPrinciple)
    }

    @Test("manifest blocks are memory-mapped in their element type and solve like the in-memory problem",
          arguments: NPYDType.allCases)
    func mappedBlocks(_ dtype: NPYDType) throws {
        let scratch = try StorageScratch()
        defer { scratch.cleanUp() }
        let problem = RandomProblems.convex(ProblemShape(m: 40, n: 6, k: 3, withS: true), seed: 4).floatRepresentable
        try problem.writeManifest(to: scratch.url, dtype: dtype)
        let loaded = try Problem(contentsOf: scratch.url.appendingPathComponent("problem.json"))
        for block in BlockName.allCases {
            let m = try #require(loaded.compatibility[block])
            switch (m.entries, dtype) {
            case (.float64(.mapped), .float64), (.float32(.mapped), .float32): break
            default: Issue.record("\(block) is \(m.layout), not mapped \(dtype)")
            }
            #expect(m == problem.compatibility[block])
        }
        // The item arrays are written in `dtype` too, so compare with the loaded items in float64 blocks.
        let a = try loaded.solve(.activeSet), b = try loaded.withBlocks(.float64).solve(.activeSet)
        #expect(a.status == .converged && maxAbsDifference(a.state, b.state) <= 1e-10)
    }

    @Test("a .npy whose data is not aligned to its element size is read into an owned block")
    func unalignedData() throws {
        let scratch = try StorageScratch()
        defer { scratch.cleanUp() }
        let values: [Double] = [0.5, -0.25, 1, 0, -1, 0.125]
        // A version 1.0 header of odd length: the data starts at an offset that is not a multiple of 8.
        var text = Array("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }".utf8)
        while (10 + text.count + 1) % 8 != 3 { text.append(0x20) }
        text.append(0x0a)
        var bytes = NPYHeader.magic + [1, 0, UInt8(text.count & 0xff), UInt8(text.count >> 8)] + text
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        try scratch.write("A.npy", Data(bytes))
        let m = try NPYArray.matrix(mapping: scratch.url.appendingPathComponent("A.npy"), name: "A.npy")
        guard case .float64(.owned) = m.entries else { Issue.record("expected an owned copy, got \(m.layout)"); return }
        #expect(m == Matrix(rows: 3, columns: 2, storage: values))
    }
}

/// Compressed sparse rows (CSR), the layout of SciPy's `csr_array` in canonical form: the
/// non-zeros of row `i` are `values[r]` at column `indices[r]` for `r` in
/// `indptr[i] ..< indptr[i + 1]`, with the column indices of a row strictly increasing.
///
/// Invariants (checked by `problem(_:)` when read from files, assumed by the C kernels):
/// `indptr.count == rows + 1`, `indptr[0] == 0`, `indptr` non-decreasing, `indptr[rows] ==
/// indices.count == values.count`, every index in `0 ..< columns`, sorted and unique per row.
///
/// Each array is owned, or borrowed from the caller (`ElementBuffer.borrowed`: SciPy's arrays
/// read in place through the C ABI).
struct SparseRows: Sendable, Equatable {
    let rows: Int, columns: Int
    /// Row offsets (`rows + 1` entries).
    var indptr: ElementBuffer<Int>
    /// Column of each stored entry.
    var indices: ElementBuffer<Int32>
    /// Value of each stored entry.
    var values: ElementBuffer<Double>

    var nonzeroCount: Int { indices.count }

    /// The problem with the arrays, if any: a description of the first broken invariant and
    /// which array it concerns (`indptr`, `indices` or `data`). Reads the arrays in place, so
    /// it is safe on borrowed arrays of any content: nothing is indexed before it is checked.
    func problem() -> (array: String, reason: String)? {
        guard indptr.count == rows + 1 else { return ("indptr", "has \(indptr.count) entries, expected rows + 1 = \(rows + 1)") }
        guard indices.count == values.count else {
            return ("data", "has \(values.count) entries but indices has \(indices.count)")
        }
        return indptr.withUnsafeBufferPointer { p in
            indices.withUnsafeBufferPointer { idx in
                values.withUnsafeBufferPointer { v in Self.problem(rows: rows, columns: columns, indptr: p, indices: idx, values: v) }
            }
        }
    }

    private static func problem(rows: Int, columns: Int, indptr: UnsafeBufferPointer<Int>, indices: UnsafeBufferPointer<Int32>,
                                values: UnsafeBufferPointer<Double>) -> (array: String, reason: String)? {
        guard indptr[0] == 0 else { return ("indptr", "starts at \(indptr[0]), expected 0") }
        guard indptr[rows] == indices.count else {
            return ("indptr", "ends at \(indptr[rows]), expected the number of stored entries \(indices.count)")
        }
        for i in 0..<rows where indptr[i + 1] < indptr[i] {
            return ("indptr", "decreases at row \(i) (\(indptr[i]) then \(indptr[i + 1]))")
        }
        for i in 0..<rows {
            var previous = -1
            for r in indptr[i]..<indptr[i + 1] {
                let col = Int(indices[r])
                guard col >= 0 && col < columns else { return ("indices", "row \(i): column \(col) outside 0..<\(columns)") }
                guard col > previous else { return ("indices", "row \(i): columns not strictly increasing (\(previous) then \(col))") }
                previous = col
            }
        }
        for (r, v) in values.enumerated() where !(v.isFinite && abs(v) <= 1) {
            return ("data", "entry \(r) is \(v), expected a finite number in [-1, 1]")
        }
        return nil
    }

    /// Entry `(i, j)` (binary search in row `i`).
    subscript(i: Int, j: Int) -> Double {
        var lo = indptr[i], hi = indptr[i + 1]
        let target = Int32(j)
        while lo < hi {
            let mid = (lo + hi) / 2
            if indices[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < indptr[i + 1] && indices[lo] == target ? values[lo] : 0
    }

    /// The non-zero entries of a row-major dense array, as CSR.
    init(rows: Int, columns: Int, dense: UnsafeBufferPointer<Double>) {
        var indptr = [0], indices: [Int32] = [], values: [Double] = []
        indptr.reserveCapacity(rows + 1)
        for i in 0..<rows {
            for j in 0..<columns where dense[i * columns + j] != 0 {
                indices.append(Int32(j))
                values.append(dense[i * columns + j])
            }
            indptr.append(indices.count)
        }
        self.init(rows: rows, columns: columns, indptr: indptr, indices: indices, values: values)
    }

    init(rows: Int, columns: Int, indptr: [Int], indices: [Int32], values: [Double]) {
        self.init(rows: rows, columns: columns, indptr: .owned(indptr), indices: .owned(indices), values: .owned(values))
    }

    init(rows: Int, columns: Int, indptr: ElementBuffer<Int>, indices: ElementBuffer<Int32>, values: ElementBuffer<Double>) {
        self.rows = rows
        self.columns = columns
        self.indptr = indptr
        self.indices = indices
        self.values = values
    }

    /// CSR from (row, column, value) triplets with distinct positions, in any order.
    init(rows: Int, columns: Int, triplets: [(row: Int, column: Int, value: Double)]) {
        let sorted = triplets.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        var indptr = [Int](repeating: 0, count: rows + 1)
        for t in sorted { indptr[t.row + 1] += 1 }
        for i in 0..<rows { indptr[i + 1] += indptr[i] }
        self.init(rows: rows, columns: columns, indptr: indptr,
                  indices: sorted.map { Int32($0.column) }, values: sorted.map(\.value))
    }
}

extension Matrix {
    /// The density (non-zeros / entries) at or below which a block assembled from relations is
    /// stored in CSR: 10 %. At that density a CSR pass moves 12 bytes per non-zero against 8 per
    /// entry for dense float64, i.e. 15 % of the dense traffic, and measured passes are several
    /// times faster (README); above it the irregular gathers of CSR lose their edge.
    public static let sparseDensity = 0.1

    /// A block from (row, column, value) entries at distinct positions: CSR when at most
    /// `sparseDensity` of its entries are given, else dense float64.
    init(rows: Int, columns: Int, entries: [(row: Int, column: Int, value: Double)]) {
        if Double(entries.count) <= Self.sparseDensity * Double(rows * columns) {
            self.init(sparse: SparseRows(rows: rows, columns: columns, triplets: entries))
        } else {
            var dense = [Double](repeating: 0, count: rows * columns)
            for e in entries { dense[e.row * columns + e.column] = e.value }
            self.init(rows: rows, columns: columns, storage: dense)
        }
    }
}

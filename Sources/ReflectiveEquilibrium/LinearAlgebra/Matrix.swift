/// One compatibility block: a `rows × columns` matrix whose entries are stored densely in
/// float64 or float32 (row-major, the C order of a NumPy array, so `.npy` files map onto it
/// without transposition or copy), or as compressed sparse rows (CSR).
///
/// The storage is a choice of memory and speed, never of meaning: every storage holds exactly
/// the `Double` values its entries denote (a float32 entry denotes `Double(Float)`), equality
/// compares those values, and every product reads the block in place and accumulates in
/// float64 (`Matrix+Products.swift`). Dense float64 products go through BLAS; float32 and CSR
/// products through the C kernels in `CSupport/CKernels`.
public struct Matrix: Sendable, Equatable {
    /// How a block's entries are held in memory.
    public enum Layout: String, Sendable, CaseIterable {
        /// Dense row-major `Double` (`<f8`).
        case float64
        /// Dense row-major `Float` (`<f4`): half the memory traffic; products accumulate in `Double`.
        case float32
        /// Compressed sparse rows: `Double` values with `Int32` column indices, sorted per row.
        case sparse
    }

    /// The stored entries (internal: the products and kernels switch on it).
    enum Entries: Sendable {
        case float64(ElementBuffer<Double>)
        case float32(ElementBuffer<Float>)
        case sparse(SparseRows)
    }

    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries in their storage.
    var entries: Entries

    /// How the entries are stored.
    public var layout: Layout {
        switch entries {
        case .float64: return .float64
        case .float32: return .float32
        case .sparse: return .sparse
        }
    }

    /// A dense float64 matrix of zeros.
    public init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, storage: [Double](repeating: 0, count: rows * columns))
    }

    /// A dense float64 matrix over existing row-major storage.
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        precondition(storage.count == rows * columns, "storage has \(storage.count) entries, expected \(rows * columns)")
        self.init(rows: rows, columns: columns, entries: .float64(.owned(storage)))
    }

    /// A dense float32 matrix over existing row-major storage.
    public init(rows: Int, columns: Int, float32 storage: [Float]) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        precondition(storage.count == rows * columns, "storage has \(storage.count) entries, expected \(rows * columns)")
        self.init(rows: rows, columns: columns, entries: .float32(.owned(storage)))
    }

    /// A matrix from nested rows (convenient in tests and examples).
    public init(_ rowArrays: [[Double]]) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == c }, "rows must have equal length")
        self.init(rows: r, columns: c, storage: rowArrays.flatMap { $0 })
    }

    init(rows: Int, columns: Int, entries: Entries) {
        self.rows = rows
        self.columns = columns
        self.entries = entries
    }

    /// A CSR matrix from its three arrays (SciPy's `indptr`, `indices`, `data`).
    init(sparse: SparseRows) {
        self.init(rows: sparse.rows, columns: sparse.columns, entries: .sparse(sparse))
    }

    /// The same values in another storage (a copy; float32 rounds each entry to `Float`).
    public func converted(to layout: Layout) -> Matrix {
        guard layout != self.layout else { return self }
        switch layout {
        case .float64: return Matrix(rows: rows, columns: columns, storage: storage)
        case .float32: return Matrix(rows: rows, columns: columns, float32: storage.map { Float($0) })
        case .sparse:
            return storage.withUnsafeBufferPointer { Matrix(sparse: SparseRows(rows: rows, columns: columns, dense: $0)) }
        }
    }

    /// The entries as a dense row-major `Double` array. For a float32, CSR or memory-mapped
    /// block this builds a copy of `rows × columns` values: solvers never use it (they go through
    /// the products); setting it makes the block an owned dense float64 block.
    public internal(set) var storage: [Double] {
        get {
            switch entries {
            case let .float64(values): return values.array
            case let .float32(values): return values.withUnsafeBufferPointer { $0.map(Double.init) }
            case let .sparse(csr):
                var out = [Double](repeating: 0, count: rows * columns)
                for i in 0..<rows { for r in csr.indptr[i]..<csr.indptr[i + 1] { out[i * columns + Int(csr.indices[r])] = csr.values[r] } }
                return out
            }
        }
        set {
            precondition(newValue.count == rows * columns, "storage has \(newValue.count) entries, expected \(rows * columns)")
            entries = .float64(.owned(newValue))
        }
    }

    /// Entry `(i, j)`. Setting an entry of a float32, CSR or mapped block first makes it an owned
    /// dense float64 block (value semantics; only small blocks are ever edited entry by entry).
    public subscript(i: Int, j: Int) -> Double {
        get {
            switch entries {
            case let .float64(values): return values[i * columns + j]
            case let .float32(values): return Double(values[i * columns + j])
            case let .sparse(csr): return csr[i, j]
            }
        }
        set {
            var values: [Double]
            if case let .float64(.owned(owned)) = entries {
                values = owned
                entries = .float64(.owned([]))  // drop the second reference: the write below is in place
            } else {
                values = storage
            }
            values[i * columns + j] = newValue
            entries = .float64(.owned(values))
        }
    }

    /// The number of non-zero entries.
    public var nonzeroCount: Int {
        switch entries {
        case let .float64(values): return values.withUnsafeBufferPointer { s in var count = 0; for v in s { count &+= v != 0 ? 1 : 0 }; return count }
        case let .float32(values): return values.withUnsafeBufferPointer { s in var count = 0; for v in s { count &+= v != 0 ? 1 : 0 }; return count }
        case let .sparse(csr): return csr.values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        }
    }

    /// Whether every entry is zero (an absent block).
    var isZero: Bool { nonzeroCount == 0 }

    /// Calls `body(i, row)` for every row with its entries widened to `Double` (a scratch buffer
    /// of `columns` values, valid during the call). Reads the block once, in place.
    func forEachRow(_ body: (Int, UnsafeBufferPointer<Double>) throws -> Void) rethrows {
        guard columns > 0 else {
            for i in 0..<rows { try body(i, UnsafeBufferPointer(start: nil, count: 0)) }
            return
        }
        var scratch = [Double](repeating: 0, count: columns)
        try scratch.withUnsafeMutableBufferPointer { row in
            for i in 0..<rows {
                fillRow(i, scale: 1, into: row.baseAddress!)
                try body(i, UnsafeBufferPointer(row))
            }
        }
    }

    /// Writes `scale ·` row `i` (all `columns` entries, zeros included) to `out`.
    func fillRow(_ i: Int, scale: Double, into out: UnsafeMutablePointer<Double>) {
        switch entries {
        case let .float64(values):
            values.withUnsafeBufferPointer { v in for j in 0..<columns { out[j] = scale * v[i * columns + j] } }
        case let .float32(values):
            values.withUnsafeBufferPointer { v in for j in 0..<columns { out[j] = scale * Double(v[i * columns + j]) } }
        case let .sparse(csr):
            out.update(repeating: 0, count: columns)
            for r in csr.indptr[i]..<csr.indptr[i + 1] { out[Int(csr.indices[r])] = scale * csr.values[r] }
        }
    }

    /// Calls `body(i, j, value)` for every stored non-zero entry, row by row.
    func forEachNonzero(_ body: (Int, Int, Double) throws -> Void) rethrows {
        if case let .sparse(csr) = entries {
            for i in 0..<rows { for r in csr.indptr[i]..<csr.indptr[i + 1] where csr.values[r] != 0 { try body(i, Int(csr.indices[r]), csr.values[r]) } }
            return
        }
        try forEachRow { i, row in for j in 0..<columns where row[j] != 0 { try body(i, j, row[j]) } }
    }

    /// Equal shapes and equal values, whatever the storages.
    public static func == (a: Matrix, b: Matrix) -> Bool {
        guard a.rows == b.rows, a.columns == b.columns else { return false }
        guard a.columns > 0 else { return true }
        if case let .float64(x) = a.entries, case let .float64(y) = b.entries {
            return x.withUnsafeBufferPointer { xb in y.withUnsafeBufferPointer { yb in xb.elementsEqual(yb) } }
        }
        var x = [Double](repeating: 0, count: a.columns), y = x
        return x.withUnsafeMutableBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                (0..<a.rows).allSatisfy { i in
                    a.fillRow(i, scale: 1, into: xb.baseAddress!)
                    b.fillRow(i, scale: 1, into: yb.baseAddress!)
                    return xb.elementsEqual(yb)
                }
            }
        }
    }

    /// The transpose, as a new dense float64 matrix (used by tests and small dense helpers only).
    func transposed() -> Matrix {
        var t = [Double](repeating: 0, count: rows * columns)
        forEachRow { i, row in for j in 0..<columns { t[j * rows + i] = row[j] } }
        return Matrix(rows: columns, columns: rows, storage: t)
    }
}

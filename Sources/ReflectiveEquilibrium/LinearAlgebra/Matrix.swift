/// A dense, row-major matrix of `Double`: the storage of one compatibility block.
///
/// Entry `(i, j)` lives at `storage[i * columns + j]`, which is the C order of a NumPy array,
/// so `.npy` files map onto it without transposition. Products never loop by hand: they go
/// through BLAS (see `Matrix+BLAS.swift`).
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries in row-major order; `storage.count == rows * columns`.
    public internal(set) var storage: [Double]

    /// A matrix of zeros.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = [Double](repeating: 0, count: rows * columns)
    }

    /// A matrix over existing row-major storage.
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        precondition(storage.count == rows * columns, "storage has \(storage.count) entries, expected \(rows * columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from nested rows (convenient in tests and examples).
    public init(_ rowArrays: [[Double]]) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == c }, "rows must have equal length")
        self.init(rows: r, columns: c, storage: rowArrays.flatMap { $0 })
    }

    /// Entry `(i, j)`.
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i * columns + j] }
        set { storage[i * columns + j] = newValue }
    }

    /// Whether every entry is zero (an absent block).
    var isZero: Bool { storage.allSatisfy { $0 == 0 } }

    /// The transpose, as a new matrix (used by tests and small dense helpers only).
    func transposed() -> Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { t.storage[j * rows + i] = storage[i * columns + j] } }
        return t
    }
}

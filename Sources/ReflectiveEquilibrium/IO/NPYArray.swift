/// An array of floating-point numbers in C (row-major) order, as stored in a NumPy `.npy`
/// file (docs/formats.md). Values are held as `Double` whatever the file's element type.
struct NPYArray: Equatable, Sendable {
    /// The dimensions, outermost first.
    var shape: [Int]
    /// The elements in C order; `values.count` is the product of `shape`.
    var values: [Double]
    /// The element type the array was read with (or is meant to be written with).
    var dtype: NPYDType

    init(shape: [Int], values: [Double], dtype: NPYDType = .float64) {
        precondition(shape.allSatisfy { $0 >= 0 } && values.count == shape.reduce(1, *),
                     "\(values.count) values do not fill shape \(shape)")
        self.shape = shape
        self.values = values
        self.dtype = dtype
    }

    /// A 2-D array holding `matrix`.
    init(_ matrix: Matrix, dtype: NPYDType = .float64) {
        self.init(shape: [matrix.rows, matrix.columns], values: matrix.storage, dtype: dtype)
    }

    /// A 2-D array whose columns are `columns` (all of one length `rows`).
    init(rows: Int, columns: [[Double]], dtype: NPYDType = .float64) {
        precondition(columns.allSatisfy { $0.count == rows }, "columns must have \(rows) entries")
        var values = [Double](repeating: 0, count: rows * columns.count)
        for (c, column) in columns.enumerated() {
            for r in 0..<rows { values[r * columns.count + c] = column[r] }
        }
        self.init(shape: [rows, columns.count], values: values, dtype: dtype)
    }

    /// The array as a matrix; throws `NPYError.dimensions` (naming `file`) unless it is 2-D.
    func matrix(file: String) throws -> Matrix {
        guard shape.count == 2 else { throw NPYError.dimensions(file: file, expected: 2, shape: shape) }
        return Matrix(rows: shape[0], columns: shape[1], storage: values)
    }
}

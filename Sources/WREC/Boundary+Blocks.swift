import CWRE
@_spi(Borrowing) import ReflectiveEquilibrium

/// What every borrowed buffer of one problem holds (`ElementBuffer.borrowed`'s owner): alive
/// while any block that reads the caller's arrays exists, the problem handle's and those of
/// the problems made from it (`wre_problem_update`).
final class BorrowToken: Sendable {}

extension Boundary {
    /// The name of a block in messages: `block judgmentPrinciple (A)`.
    static func blockField(_ name: BlockName) -> String { "block \(name.rawValue) (\(name.letter))" }

    /// The block `spec` (named `name`) as a `Matrix` over the caller's memory, or `nil` when
    /// absent. Checks the format, the shape, the stride and every array (dtype, length,
    /// alignment) and, for CSR, every entry of `indptr` and `indices` before the block is
    /// built (docs/python.md, Borrowing).
    static func block(_ spec: wre_block, _ name: BlockName, owner: BorrowToken) throws -> Matrix? {
        let field = blockField(name)
        switch spec.format {
        case WRE_BLOCK_ABSENT: return nil
        case WRE_BLOCK_DENSE: return try dense(spec, field, owner: owner)
        case WRE_BLOCK_CSR: return try csr(spec, field, owner: owner)
        default:
            throw ABIFailure.input("\(field): format \(spec.format) is not a block format (\(WRE_BLOCK_ABSENT) absent, \(WRE_BLOCK_DENSE) dense, \(WRE_BLOCK_CSR) CSR)")
        }
    }

    /// The rows and columns of `spec`, non-negative.
    private static func shape(_ spec: wre_block, _ field: String) throws -> (rows: Int, columns: Int) {
        (try count(spec.rows, "\(field).rows"), try count(spec.columns, "\(field).columns"))
    }

    /// A dense block: read in place when its rows are back to back, else packed once.
    private static func dense(_ spec: wre_block, _ field: String, owner: BorrowToken) throws -> Matrix {
        let (rows, columns) = try shape(spec, field)
        let stride = spec.row_stride == 0 ? columns : try count(spec.row_stride, "\(field).row_stride")
        guard stride >= columns else {
            throw ABIFailure.input("\(field).row_stride: \(stride) is less than the number of columns (\(columns))")
        }
        let entries = try product(rows, columns, "\(field)")
        // Row i starts at i · stride: the last row ends at (rows − 1) · stride + columns.
        let needed = rows == 0 ? 0 : try product(rows - 1, stride, plus: columns, "\(field)")
        try checkDtype(spec.data, "\(field).data", [WRE_FLOAT64, WRE_FLOAT32])
        switch spec.data.dtype {
        case WRE_FLOAT32:
            let data = try required(spec.data, "\(field).data", as: Float.self)
            try checkLength(data.count, needed, rows, columns, stride, field)
            if stride == columns { return Matrix(rows: rows, columns: columns, borrowing: UnsafeBufferPointer(rebasing: data[0..<entries]), owner: owner) }
            return Matrix(rows: rows, columns: columns, float32: packed(data, rows, columns, stride))
        default:
            let data = try required(spec.data, "\(field).data", as: Double.self)
            try checkLength(data.count, needed, rows, columns, stride, field)
            if stride == columns { return Matrix(rows: rows, columns: columns, borrowing: UnsafeBufferPointer(rebasing: data[0..<entries]), owner: owner) }
            return Matrix(rows: rows, columns: columns, storage: packed(data, rows, columns, stride))
        }
    }

    private static func checkLength(_ length: Int, _ needed: Int, _ rows: Int, _ columns: Int, _ stride: Int, _ field: String) throws {
        guard length >= needed else {
            throw ABIFailure.input("\(field).data: \(length) values, but \(rows) rows of \(columns) columns \(stride) apart need \(needed)")
        }
    }

    /// The rows of a strided array, back to back.
    private static func packed<T>(_ data: UnsafeBufferPointer<T>, _ rows: Int, _ columns: Int, _ stride: Int) -> [T] {
        var out: [T] = []
        out.reserveCapacity(rows * columns)
        for i in 0..<rows { out.append(contentsOf: UnsafeBufferPointer(rebasing: data[(i * stride)..<(i * stride + columns)])) }
        return out
    }

    /// A CSR block: `indptr`, int32 indices and float64 values read in place; int64 indices
    /// checked and narrowed into a copy, float32 values widened into one.
    private static func csr(_ spec: wre_block, _ field: String, owner: BorrowToken) throws -> Matrix {
        let (rows, columns) = try shape(spec, field)
        guard columns <= Int(Int32.max) else {
            throw ABIFailure.input("\(field).columns: \(columns) columns do not fit the int32 column indices of CSR blocks")
        }
        let indptr = try required(spec.indptr, "\(field).indptr", as: Int.self, length: try product(rows, 1, plus: 1, "\(field)"))
        try checkDtype(spec.indices, "\(field).indices", [WRE_INT32, WRE_INT64])
        try checkDtype(spec.data, "\(field).data", [WRE_FLOAT64, WRE_FLOAT32])
        let indices: ArraySource<Int32>
        if spec.indices.dtype == WRE_INT64 {
            let wide = try required(spec.indices, "\(field).indices", as: Int64.self)
            var narrow = [Int32](repeating: 0, count: wide.count)
            for (r, c) in wide.enumerated() {
                guard c >= 0 && c < columns else { throw ABIFailure.input("\(field).indices: entry \(r) is column \(c), outside 0..<\(columns)") }
                narrow[r] = Int32(truncatingIfNeeded: c)
            }
            indices = .owned(narrow)
        } else {
            indices = .borrowed(try required(spec.indices, "\(field).indices", as: Int32.self))
        }
        let nnz = indices.count
        let values: ArraySource<Double>
        if spec.data.dtype == WRE_FLOAT32 {
            values = .owned(try required(spec.data, "\(field).data", as: Float.self, length: nnz).map(Double.init))
        } else {
            values = .borrowed(try required(spec.data, "\(field).data", as: Double.self, length: nnz))
        }
        let matrix = Matrix(rows: rows, columns: columns, indptr: .borrowed(indptr), indices: indices, values: values, owner: owner)
        if let (array, reason) = matrix.csrDefect { throw ABIFailure.input("\(field).\(array): \(reason)") }
        return matrix
    }
}

extension ArraySource {
    /// The number of elements.
    var count: Int {
        switch self {
        case let .borrowed(b): return b.count
        case let .owned(o): return o.count
        }
    }
}

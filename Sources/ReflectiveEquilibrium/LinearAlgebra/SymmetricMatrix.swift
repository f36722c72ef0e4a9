import COpenBLAS

/// A dense symmetric `n × n` matrix in full storage (both triangles filled, so row- and
/// column-major coincide). Used for the (n + k) Schur complement, never for an N × N matrix.
struct SymmetricMatrix: Sendable {
    let order: Int
    var storage: [Double]

    init(order: Int) {
        self.order = order
        self.storage = [Double](repeating: 0, count: order * order)
    }

    subscript(i: Int, j: Int) -> Double {
        get { storage[i * order + j] }
        set { storage[i * order + j] = newValue }
    }

    /// Copies the upper triangle (row-major) into the lower one.
    mutating func symmetrizeFromUpper() {
        let n = order
        storage.withUnsafeMutableBufferPointer { s in
            for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { s[j * n + i] = s[i * n + j] } }
        }
    }

    /// The principal submatrix on `indices` (in the given order).
    func submatrix(_ indices: [Int]) -> SymmetricMatrix {
        var out = SymmetricMatrix(order: indices.count)
        let n = order
        storage.withUnsafeBufferPointer { s in
            out.storage.withUnsafeMutableBufferPointer { o in
                for (a, i) in indices.enumerated() {
                    for (b, j) in indices.enumerated() { o[a * indices.count + b] = s[i * n + j] }
                }
            }
        }
        return out
    }

    /// `A x` for a vector of length `order` (`dsymv`).
    func multiply(_ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: order)
        guard order > 0 else { return y }
        storage.withUnsafeBufferPointer { a in
            cblas_dsymv(CblasRowMajor, CblasUpper, blasint(order), 1, a.baseAddress, blasint(order), x, 1, 0, &y, 1)
        }
        return y
    }

    /// The smallest (`largest == false`) or largest eigenvalue, by LAPACK `dsyevr`.
    func extremeEigenvalue(largest: Bool) throws -> Double {
        precondition(order > 0)
        var a = storage
        let n = Int32(order)
        var m: Int32 = 0
        var w = [Double](repeating: 0, count: order)
        var z = [Double](repeating: 0, count: 1)
        var isuppz = [Int32](repeating: 0, count: 2 * order)
        let index = largest ? n : 1
        let info = LAPACKE_dsyevr(
            LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "I")), CChar(UInt8(ascii: "L")),
            n, &a, n, 0, 0, index, index, 0, &m, &w, &z, 1, &isuppz)
        try LAPACKError.check(info, routine: "syevr")
        return w[0]
    }
}

/// A Cholesky factorization `A = L Lᵀ` of a symmetric positive definite matrix (LAPACK
/// `dpotrf`), with solves by `dpotrs`.
struct Cholesky: Sendable {
    let order: Int
    private var factor: [Double]

    /// Factors `a`; throws `LAPACKError.notPositiveDefinite` when `a` is not positive definite.
    init(_ a: SymmetricMatrix) throws {
        order = a.order
        factor = a.storage
        guard order > 0 else { return }
        let n = Int32(order)
        let info = factor.withUnsafeMutableBufferPointer { f in
            LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), n, f.baseAddress, n)
        }
        try LAPACKError.check(info, routine: "potrf")
    }

    /// Solves `A x = b`.
    func solve(_ b: [Double]) throws -> [Double] {
        precondition(b.count == order)
        guard order > 0 else { return [] }
        var x = b
        let n = Int32(order)
        let info = factor.withUnsafeBufferPointer { f in
            x.withUnsafeMutableBufferPointer { xb in
                LAPACKE_dpotrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), n, 1, f.baseAddress, n, xb.baseAddress, n)
            }
        }
        try LAPACKError.check(info, routine: "potrs")
        return x
    }
}

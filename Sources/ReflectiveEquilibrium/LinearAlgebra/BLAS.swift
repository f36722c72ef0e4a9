import COpenBLAS

/// Thin, typed wrappers over the CBLAS routines this package uses. Every dense product in the
/// package goes through here; the blocks are row-major, so all calls use `CblasRowMajor`.
enum BLAS {
    /// `y ← alpha · op(A) · x + beta · y`, with `op(A) = A` or `Aᵀ` (`dgemv`; a float32 or
    /// CSR block goes to `Matrix.multiply`, the C kernels, so every caller works on any storage).
    ///
    /// `x` has `A.columns` entries (`A.rows` when transposed) and `y` the other dimension.
    static func gemv(
        _ a: Matrix, transpose: Bool = false, alpha: Double = 1,
        x: UnsafePointer<Double>, beta: Double = 0, y: UnsafeMutablePointer<Double>
    ) {
        let outCount = transpose ? a.columns : a.rows
        if a.rows == 0 || a.columns == 0 {
            if beta == 0 { y.update(repeating: 0, count: outCount) } else if beta != 1 {
                for i in 0..<outCount { y[i] *= beta }
            }
            return
        }
        guard case let .float64(values) = a.entries else {
            a.multiply(transpose: transpose, alpha: alpha, x: x, beta: beta, y: y)
            return
        }
        values.withUnsafeBufferPointer { ap in
            cblas_dgemv(
                CblasRowMajor, transpose ? CblasTrans : CblasNoTrans,
                blasint(a.rows), blasint(a.columns), alpha, ap.baseAddress, blasint(a.columns),
                x, 1, beta, y, 1)
        }
    }

    /// Symmetric rank-`r` update `C ← alpha · Rᵀ R + beta · C` of the upper triangle of the
    /// row-major `q × q` matrix `C` (in column-major terms: the lower triangle), where `R` is
    /// row-major `r × q` (`dsyrk`).
    static func syrkTransposed(
        rows r: Int, columns q: Int, alpha: Double, _ rMatrix: UnsafePointer<Double>,
        beta: Double, _ c: UnsafeMutablePointer<Double>
    ) {
        guard q > 0 else { return }
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, blasint(q), blasint(r), alpha, rMatrix, blasint(q), beta, c, blasint(q))
    }

    /// `y ← alpha · x + y` (`daxpy`).
    static func axpy(_ count: Int, alpha: Double, x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>) {
        guard count > 0 else { return }
        cblas_daxpy(blasint(count), alpha, x, 1, y, 1)
    }

    /// `xᵀ y` (`ddot`).
    static func dot(_ count: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        guard count > 0 else { return 0 }
        return cblas_ddot(blasint(count), x, 1, y, 1)
    }
}

/// The OpenBLAS build and configuration the process runs with (for reports and benchmarks).
public enum BLASConfiguration {
    /// The kernel family OpenBLAS selected for this CPU, e.g. `"Prescott"` or `"SkylakeX"`.
    public static var coreName: String {
        guard let p = openblas_get_corename() else { return "unknown" }
        return String(cString: p)
    }
    /// The number of threads OpenBLAS uses.
    public static var threads: Int { Int(openblas_get_num_threads()) }
    /// OpenBLAS's build configuration string (version and options).
    public static var configuration: String {
        guard let p = openblas_get_config() else { return "unknown" }
        return String(cString: p)
    }
}

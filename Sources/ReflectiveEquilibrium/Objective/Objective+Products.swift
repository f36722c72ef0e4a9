/// Products with W through its blocks (BLAS `gemv`), never forming W:
///
///     (Wx)_J = α_JP A p + α_JT C t
///     (Wx)_P = α_JP Aᵀ j + α_PP S p + α_PT B t
///     (Wx)_T = α_PT Bᵀ p + α_JT Cᵀ j
extension Objective {
    /// `W x` for a full state `x = (j, p, t)`.
    func coherenceGradient(_ x: [Double]) -> [Double] {
        var wx = [Double](repeating: 0, count: count)
        x.withUnsafeBufferPointer { xb in
            wx.withUnsafeMutableBufferPointer { yb in
                judgmentPull(xb.baseAddress!, into: yb.baseAddress!)
                reducedPull(xb.baseAddress!, into: yb.baseAddress! + m)
            }
        }
        return wx
    }

    /// `(Wx)_J = α_JP A p + α_JT C t`: the pull of principles and theories on every judgment.
    /// Reads `x[m...]`; writes `m` entries. One pass over A (and C).
    func judgmentPull(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        BLAS.gemv(a, alpha: alphaJP, x: x + m, beta: 0, y: y)
        if alphaJT != 0, let c { BLAS.gemv(c, alpha: alphaJT, x: x + m + n, beta: 1, y: y) }
    }

    /// `(Wx)_{P,T}`: the pull on principles and theories, `n + k` entries. One pass over A (and C).
    func reducedPull(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        let p = x + m, t = x + m + n
        BLAS.gemv(a, transpose: true, alpha: alphaJP, x: x, beta: 0, y: y)
        if alphaPP != 0, let s { BLAS.gemv(s, alpha: alphaPP, x: p, beta: 1, y: y) }
        if k > 0 {
            (y + n).update(repeating: 0, count: k)
            if alphaPT != 0, let b {
                BLAS.gemv(b, alpha: alphaPT, x: t, beta: 1, y: y)
                BLAS.gemv(b, transpose: true, alpha: alphaPT, x: p, beta: 1, y: y + n)
            }
            if alphaJT != 0, let c { BLAS.gemv(c, transpose: true, alpha: alphaJT, x: x, beta: 1, y: y + n) }
        }
    }

    /// The pull of the principle–theory block on itself, `W_YY y`, for `y = (p, t)` (`n + k` entries).
    func principleTheoryProduct(_ y: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        out.update(repeating: 0, count: n + k)
        if alphaPP != 0, let s { BLAS.gemv(s, alpha: alphaPP, x: y, beta: 1, y: out) }
        if alphaPT != 0, let b, k > 0 {
            BLAS.gemv(b, alpha: alphaPT, x: y + n, beta: 1, y: out)
            BLAS.gemv(b, transpose: true, alpha: alphaPT, x: y, beta: 1, y: out + n)
        }
    }
}

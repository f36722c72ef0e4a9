/// The diagonal of the Schur complement of the free judgments,
///
///     diag(Σ)_a = λ_a − Σ_{i ∈ F} w_ia² / λ_i      (W_YY has a zero diagonal),
///
/// the Jacobi preconditioner of the in-place conjugate gradients, kept between Newton
/// iterations. It starts from the sum over every anchored judgment that the problem's statistics
/// hold (no pass over A) and takes out the rows that are not free; later free sets change it by
/// the rows that changed. Each row costs `n + k` reads, so bringing it to a new free set costs
/// at most half a pass over A.
struct FreeDiagonal {
    let objective: Objective
    /// `Σ_{i counted} w_ia² / λ_i` per item of y.
    private var gram: [Double]
    /// The judgments whose rows `gram` counts.
    private var counted: [Bool]
    private var updates = 0

    init(objective o: Objective) {
        objective = o
        let s = o.statistics
        gram = s.gramDiagonalA.map { o.alphaJP * o.alphaJP * $0 } + s.gramDiagonalC.map { o.alphaJT * o.alphaJT * $0 }
        counted = (0..<o.m).map { o.lambda[$0] > 0 }
    }

    /// `diag(Σ)` for the free judgments `free` (every free judgment has λ > 0).
    mutating func values(free: [Bool]) -> [Double] {
        let o = objective
        var added: [Int] = [], removed: [Int] = []
        var freeCount = 0
        for i in 0..<o.m {
            if free[i] { freeCount += 1 }
            if free[i] && !counted[i] { added.append(i) } else if !free[i] && counted[i] { removed.append(i) }
        }
        if added.count + removed.count > max(freeCount, 1) || updates >= 50 {
            // Fewer rows to read from scratch (and no drift from long chains of updates).
            gram = [Double](repeating: 0, count: o.reducedCount)
            add(rows: (0..<o.m).filter { free[$0] }, sign: 1)
            updates = 0
        } else if !added.isEmpty || !removed.isEmpty {
            add(rows: added, sign: 1)
            add(rows: removed, sign: -1)
            updates += 1
        }
        counted = free
        return (0..<o.reducedCount).map { o.lambda[o.m + $0] - gram[$0] }
    }

    /// `gram += sign · Σ_{i ∈ rows} w_i² / λ_i` (entrywise squares), row by row in place.
    private mutating func add(rows: [Int], sign: Double) {
        let o = objective, n = o.n, q = o.reducedCount
        guard !rows.isEmpty, q > 0 else { return }
        let cUsed = o.alphaJT != 0 && o.k > 0 ? o.c : nil
        var row = [Double](repeating: 0, count: q)
        row.withUnsafeMutableBufferPointer { r in
            for i in rows {
                let scale = 1 / o.lambda[i].squareRoot()
                o.a.fillRow(i, scale: scale * o.alphaJP, into: r.baseAddress!)
                if let cUsed { cUsed.fillRow(i, scale: scale * o.alphaJT, into: r.baseAddress! + n) }
                for j in 0..<(cUsed == nil ? n : q) { gram[j] += sign * r[j] * r[j] }
            }
        }
    }
}

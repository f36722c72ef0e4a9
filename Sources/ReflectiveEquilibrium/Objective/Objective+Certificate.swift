import Foundation

/// The certificate of strict convexity (`Certificate`, docs/model.md).
///
/// With F_J the revisable judgments (all anchored), F_Y the revisable principles and theories
/// and `M̃ = |W_YY| + |W_YJ| Λ_J⁻¹ |W_JY|` (entrywise absolute values, the judgments F_J),
/// Gershgorin's theorem on `X⁻¹ Σ X` for any positive `x` gives
///
///     λ_min(Σ) ≥ min_{a ∈ F_Y} (λ_a − (M̃ x)_a / x_a),
///
/// because `|Σ_ab| ≤ M̃_ab` off the diagonal and `Σ_aa ≥ λ_a − M̃_aa`. The bound is best near
/// the Perron vector of `Λ_Y⁻¹ M̃` (Collatz–Wielandt), which power steps approach: the first
/// weights `x = 1` cost nothing (the problem's statistics hold `M̃ 1`), each further step is one
/// pass over the rows of A (`BlockStatisticsPass`). It certifies in one or two passes whenever
/// the signs of W do not cancel much (e.g. W = S|W|S for a signature S, as in planted instances).
/// When it does not, the Schur complement is accumulated (completing a Gram sum the solver
/// already holds) and factored: Cholesky of `Σ − τI` certifies, of `Σ + τI` failing refutes,
/// with `τ` the rounding level of Σ; in between the answer is left open.
extension Objective {
    /// Power steps of the diagonal-dominance bound after the free first one.
    static let dominanceSteps = 2

    /// Certifies or refutes `H ≻ 0` on the revisable items. `gram`: a Gram sum of judgment rows
    /// that the solver holds (and which rows), completed instead of accumulated afresh.
    func certify(gram held: (gram: SymmetricMatrix, rows: [Bool])? = nil, ids: [String]? = nil) -> Certificate {
        let freeJ = (0..<m).filter { !isLocked($0) }
        let freeY = (0..<reducedCount).filter { !isLocked(m + $0) }
        if let i = (freeJ + freeY.map { m + $0 }).first(where: { lambda[$0] <= 0 }) {
            return Certificate(convex: false, unique: nil, convexityMargin: nil, method: .unanchored,
                               note: "\(group(of: i).rawValue) \(ids?[i] ?? itemLabel(i)) is revisable but not anchored (confidence 0), so H is not positive definite, and no common factor on the confidences changes that")
        }
        if freeY.isEmpty {
            let margin = freeJ.map { lambda[$0] }.min()
            return Certificate(convex: true, unique: true, convexityMargin: margin, method: .diagonal,
                               note: "only judgments are revisable and all are anchored: H is diagonal and positive")
        }
        // The exact route first when it costs less than the passes of the bound (small problems,
        // or a Gram sum the solver nearly completed): its margin is λ_min(Σ) itself.
        if choleskyIsCheaper(freeJudgments: freeJ, held: held) {
            return choleskyCertificate(freeJudgments: freeJ, freeY: freeY, held: held)
        }
        if let margin = dominanceMargin(freeJudgments: freeJ, freeY: freeY) {
            return Certificate(convex: true, unique: true, convexityMargin: margin, method: .diagonalDominance,
                               note: "the Schur complement of the judgments is strictly diagonally dominant after diagonal scaling (Gershgorin with Collatz–Wielandt weights): H ≻ 0, the equilibrium is unique")
        }
        return choleskyCertificate(freeJudgments: freeJ, freeY: freeY, held: held)
    }

    /// The stacked item `i` as "index k of its group" (objectives carry no ids; callers with a
    /// problem name items by id).
    private func itemLabel(_ i: Int) -> String { "#\(i < m ? i : (i < m + n ? i - m : i - m - n))" }

    /// Whether accumulating (or completing) the Gram sum and factoring Σ is modelled to cost
    /// less than the diagonal-dominance bound's passes over A (two, at 8 GB/s): `dsyrk` rows at
    /// `(n + k)²` flops (sparse rows `nnz²/2` scattered updates) and `(n + k)³/3` for Cholesky.
    func choleskyIsCheaper(freeJudgments freeJ: [Int], held: (gram: SymmetricMatrix, rows: [Bool])?) -> Bool {
        let q = Double(reducedCount)
        var missing = freeJ.count
        if let held, held.rows.count == m {
            missing = freeJ.reduce(0) { $0 + (held.rows[$1] ? 0 : 1) } + held.rows.indices.reduce(0) { $0 + (held.rows[$1] && isLocked($1) ? 1 : 0) }
        }
        let cUsed = alphaJT != 0 && k > 0 ? c : nil
        let stored = Double(statistics.nonZeros[.judgmentPrinciple] ?? a.storedCount) + Double(cUsed == nil ? 0 : statistics.nonZeros[.judgmentTheory] ?? 0)
        let density = stored / max(Double(m) * q, 1)
        let rowUpdates = density <= Self.sparseRowShare ? (density * q) * (density * q) / 2 : q * q
        let updates = Double(missing) * rowUpdates + q * q * q / 3
        if updates <= 1e7 { return true }
        let rate = density <= Self.sparseRowShare ? MachineRates.scatterUpdatesPerSecond : MachineRates.syrkFlopsPerSecond
        let bytes = Double(a.storedCount) * Self.bytesPerEntry(a) + Double(cUsed?.storedCount ?? 0) * (cUsed.map(Self.bytesPerEntry) ?? 0)
        return updates / rate <= Double(Self.dominanceSteps) * bytes / 8e9
    }

    private static func bytesPerEntry(_ matrix: Matrix) -> Double {
        switch matrix.layout {
        case .float64: return 8
        case .float32: return 4
        case .sparse: return 12
        }
    }

    // MARK: Diagonal dominance

    /// A positive lower bound on `λ_min(Σ)` from the diagonal-dominance bound, or `nil` when it
    /// does not certify within `dominanceSteps` passes.
    func dominanceMargin(freeJudgments freeJ: [Int], freeY: [Int]) -> Double? {
        // x = 1 restricted to F_Y: M̃ 1 from the statistics is an upper bound for every mode
        // (it counts every anchored judgment and every block), so the bound holds with it.
        let q = reducedCount
        var x = [Double](repeating: 0, count: q)
        for a in freeY { x[a] = 1 }
        var product = statistics.couplingProduct
        // Rounding: every sum above adds non-negative terms; widen by more than their error.
        let widen = 1 + Double(m + q + 16) * 4e-16
        func margin(_ x: [Double], _ product: [Double]) -> Double {
            var margin = Double.infinity
            for a in freeY { margin = min(margin, lambda[m + a] - widen * product[a] / x[a]) }
            return margin
        }
        var best = margin(x, product)
        if best > 0 { return best }
        for _ in 0..<Self.dominanceSteps {
            // A power step on Λ_Y⁻¹ M̃ (normalized), then M̃ x for this mode in one pass.
            var next = [Double](repeating: 0, count: q)
            var top = 0.0
            for a in freeY { next[a] = max(product[a], 0) / lambda[m + a]; top = max(top, next[a]) }
            guard top > 0, top.isFinite else { break }
            for a in freeY { next[a] = max(next[a] / top, 1e-12) }
            let nextProduct = couplingProduct(next, freeJudgments: freeJ)
            // M̃ is linear: x(θ) = next + θ x has the product nextProduct + θ product (an upper
            // bound on M̃ x(θ), since product ≥ M̃ x). The bound is quasi-concave in θ (a minimum
            // of linear-fractional terms), so a golden search on log θ finds the best mix free.
            func mixed(_ theta: Double) -> Double {
                var margin = Double.infinity
                for a in freeY {
                    margin = min(margin, lambda[m + a] - widen * (nextProduct[a] + theta * product[a]) / (next[a] + theta * x[a]))
                }
                return margin
            }
            var (lo, hi) = (-30.0, 30.0)
            let golden = (5.0.squareRoot() - 1) / 2
            for _ in 0..<60 {
                let t1 = hi - golden * (hi - lo), t2 = lo + golden * (hi - lo)
                if mixed(exp(t1)) < mixed(exp(t2)) { lo = t1 } else { hi = t2 }
            }
            let theta = exp(0.5 * (lo + hi))
            let candidates = [(0.0, mixed(0)), (theta, mixed(theta))]
            let (chosen, value) = candidates.max { $0.1 < $1.1 }!
            best = max(best, value)
            if best > 0 { return best }
            for a in freeY { next[a] += chosen * x[a] }
            let combined = (0..<q).map { nextProduct[$0] + chosen * product[$0] }
            (x, product) = (next, combined)
        }
        return nil
    }

    /// `M̃ x = |W_YY| x + |W_YJ| Λ_J⁻¹ |W_JY| x` over the judgments `freeJ` under this mode's
    /// block weights: one pass over the rows of A and C (none when no judgment is revisable).
    func couplingProduct(_ x: [Double], freeJudgments freeJ: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: reducedCount)
        if !freeJ.isEmpty {
            var weight = [Double](repeating: 0, count: m)
            for i in freeJ { weight[i] = 1 / lambda[i] }
            let cUsed = alphaJT != 0 && k > 0 ? c : nil
            let pass = BlockStatisticsPass.run(a, cUsed, alphaJP: alphaJP, alphaJT: cUsed == nil ? 0 : alphaJT,
                                               x: x, weight: weight, outputs: .gram)
            for a in 0..<pass.gram.count { out[a] = pass.gram[a] }
        }
        // |W_YY| x: α_PP |S| p-part and α_PT |B| between principles and theories.
        if alphaPP != 0, let s {
            s.forEachNonzero { a, b, v in out[a] += alphaPP * abs(v) * x[b] }
        }
        if alphaPT != 0, let b {
            b.forEachNonzero { a, c, v in
                out[a] += alphaPT * abs(v) * x[n + c]
                out[n + c] += alphaPT * abs(v) * x[a]
            }
        }
        return out
    }

    // MARK: Cholesky

    /// The Cholesky route: Σ over F_Y from the Gram sum over F_J (the solver's, completed by the
    /// rows it lacks, or accumulated here).
    func choleskyCertificate(freeJudgments freeJ: [Int], freeY: [Int], held: (gram: SymmetricMatrix, rows: [Bool])?) -> Certificate {
        let gram = completeGram(freeJudgments: freeJ, held: held)
        let sigma = schurComplement(gram: gram).submatrix(freeY)
        let tau = roundingLevel(sigma)
        let smallest = try? sigma.extremeEigenvalue(largest: false)
        if Self.factors(sigma, shift: -tau) {
            return Certificate(convex: true, unique: true, convexityMargin: smallest.map { max($0, 0) }, method: .cholesky,
                               note: "the Schur complement of the judgments is positive definite: H ≻ 0, the equilibrium is unique")
        }
        if Self.factors(sigma, shift: tau) {
            return Certificate(convex: nil, unique: nil, convexityMargin: smallest, method: .cholesky,
                               note: "the Schur complement of the judgments is singular to within rounding: convexity is undecided")
        }
        let scale = certifyingScale(gram: gram, freeY: freeY)
        let scaleNote = scale.map { " (multiplying every confidence by \(Self.format($0)) or more would certify it)" } ?? ""
        return Certificate(convex: false, unique: nil, convexityMargin: smallest, certifyingScale: scale, method: .cholesky,
                           note: "the Schur complement of the judgments is not positive definite: H is not, the problem is not convex and several equilibria may exist\(scaleNote)")
    }

    /// The Gram sum `Σ_{i ∈ freeJ} w_i w_iᵀ / λ_i` (upper triangle), from `held` when given.
    private func completeGram(freeJudgments freeJ: [Int], held: (gram: SymmetricMatrix, rows: [Bool])?) -> SymmetricMatrix {
        guard let held, held.rows.count == m else {
            var g = SymmetricMatrix(order: reducedCount)
            accumulateJudgmentGram(rows: freeJ, sign: 1, into: &g)
            return g
        }
        var g = held.gram
        var wanted = [Bool](repeating: false, count: m)
        for i in freeJ { wanted[i] = true }
        accumulateJudgmentGram(rows: (0..<m).filter { wanted[$0] && !held.rows[$0] }, sign: 1, into: &g)
        accumulateJudgmentGram(rows: (0..<m).filter { !wanted[$0] && held.rows[$0] }, sign: -1, into: &g)
        return g
    }

    /// `τ`: the rounding level of a computed Schur complement, `64 u (q + √m) max_a |Σ_aa|` with
    /// the Gershgorin row sums as the scale.
    private func roundingLevel(_ sigma: SymmetricMatrix) -> Double {
        let q = sigma.order
        var size = 0.0
        for a in 0..<q {
            var row = 0.0
            for b in 0..<q { row += abs(sigma[a, b]) }
            size = max(size, row)
        }
        return 64 * (Double.ulpOfOne / 2) * (Double(q) + Double(m).squareRoot()) * size
    }

    /// Whether `a + shift · I` has a Cholesky factorization.
    private static func factors(_ a: SymmetricMatrix, shift: Double) -> Bool {
        var shifted = a
        for i in 0..<a.order { shifted[i, i] += shift }
        return (try? Cholesky(shifted)) != nil
    }

    /// The smallest common factor `s` on the confidences with `s Λ − W ≻ 0`, i.e. with
    /// `Σ(s) = s Λ_Y − W_YY − G / s` positive definite (`G` the Gram sum with the unscaled λ_J):
    /// `Σ(s)` increases with s, so bisection between a refuted and a certified factor (each
    /// decided by Cholesky, with the rounding margin) brackets it; the certified end is returned,
    /// to 10⁻⁹ relative. `nil` when no factor up to 10¹² certifies.
    func certifyingScale(gram: SymmetricMatrix, freeY: [Int]) -> Double? {
        let base = schurComplement(gram: SymmetricMatrix(order: reducedCount)).submatrix(freeY)   // Λ_Y − W_YY
        var g = gram
        g.symmetrizeFromUpper()
        let gY = g.submatrix(freeY)
        let lambdaY = freeY.map { lambda[m + $0] }
        func certified(_ s: Double) -> Bool {
            var sigma = base
            for a in 0..<freeY.count {
                for b in 0..<freeY.count { sigma[a, b] -= gY[a, b] / s }
                sigma[a, a] += (s - 1) * lambdaY[a]
            }
            return Self.factors(sigma, shift: -roundingLevel(sigma))
        }
        var lo = 1.0, hi = 2.0
        while !certified(hi) {
            lo = hi
            hi *= 2
            if hi > 1e12 { return nil }
        }
        while (hi - lo) > 1e-9 * hi {
            let mid = 0.5 * (lo + hi)
            if certified(mid) { hi = mid } else { lo = mid }
        }
        return hi
    }

    private static func format(_ x: Double) -> String { String(format: "%.6g", x) }
}

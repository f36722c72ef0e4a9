/// Sets the anchoring of principles and theories from a certified bound on the coupling
/// (docs/model.md), so that the regime holds by construction, not by luck.
///
/// With `y = (p, t)`, `D = diag(principleAnchoring…, theoryAnchoring…)` and the principles and
/// theories anchored at `κ D`, the Schur complement of the judgments is
///
///     Σ = κ D − M,   M = W_YY + W_YJ Λ_J⁻¹ W_JY.
///
/// Because every entry of W has the sign `s_x s_y` (see `PlantedDesign`), `M = S M̃ S` with the
/// non-negative `M̃ = |W_YY| + |W_YJ| Λ_J⁻¹ |W_JY|`, so `λ_max(D^-½ M D^-½) = ρ(D⁻¹ M̃)`, and for
/// any positive `x` (Collatz–Wielandt)
///
///     xᵀ M̃ x / xᵀ D x  ≤  ρ(D⁻¹ M̃)  ≤  max_a (M̃ x)_a / (D x)_a.
///
/// `M̃ x` costs one pass over the rows (`|W_JY|ᵀ (|W_JY| x) / λ`), never the (n+k)² Gram matrix.
/// The first pass, while the rows are written, applies `M̃` to the indicators of the four classes
/// (true/false principles, true/false theories), whose Perron vector gives a class-wise `x₀`; a
/// second pass replays the rows and applies `M̃` to the power-iterated `x₁ = D⁻¹ M̃ x₀`, which
/// brings the upper bound within a few per cent of `ρ` (under 1 % at 20 000 judgments).
///
/// - convex: `κ = (1 + margin) · upper`, so `λ_min(Σ) ≥ (κ − upper) · min D > 0`, the bound
///   recorded in the truth;
/// - non-convex: `κ = lower / 2`, so `yᵀ Σ y < 0` for `y = S x` and the certificate refutes convexity.
struct PlantedCalibration {
    /// `κ`: principles are anchored at `κ · principleAnchoring`, theories at `κ · theoryAnchoring`
    /// (each rounded up to a `Float`, so float32 files hold the same values).
    let scale: Double
    /// The certified upper bound on `ρ(D⁻¹ M̃)`.
    let upper: Double
    /// The certified lower bound on it.
    let lower: Double
    /// Convex regime: the certified lower bound on `λ_min(Σ)`; `nil` otherwise.
    let convexityBound: Double?

    /// The principle and theory anchoring above the coupling bound, as a share of the bound.
    static let margin = 0.1

    /// Runs the two passes over the rows of `design`; `emit` sees every row of the first pass.
    init(_ design: PlantedDesign, emit: (Int, PlantedRow) throws -> Void) throws {
        let coupling = Coupling(design)
        var rows = design.rows()
        var row = PlantedRow()
        if design.parameters.signs == .random {
            // Independent signs: |W| bounds are far from the spectrum, so calibrate on the exact
            // λ_max(D^-½ M D^-½) of M = W_YY + W_YJ Λ_J⁻¹ W_JY, its Gram sum accumulated while the
            // rows are written (dsyrk on chunks of rows; O(m (n + k)²) flops).
            var gram = ExactGram(coupling)
            for i in 0..<design.m {
                rows.next(i, into: &row)
                gram.add(row)
                try emit(i, row)
            }
            let top = try gram.largestEigenvalue()
            (upper, lower) = (top * (1 + 1e-12) + Double.leastNormalMagnitude, top)
            let minimum = coupling.relative.min() ?? 1
            switch design.parameters.regime {
            case .convex:
                scale = max((1 + Self.margin) * upper, 0.01 * design.judgmentAnchoringFloor)
                convexityBound = (scale - upper) * minimum * (1 - 1e-12)
            case .nonconvex:
                guard lower > 0 else {
                    throw PlantedError.invalidParameter(name: "regime", value: "nonconvex",
                                                        requirement: "the blocks drawn have no coupling to make non-convex: raise a density")
                }
                scale = lower / 2
                convexityBound = nil
            }
            return
        }
        var classGram = ClassGram(count: coupling.count)
        for i in 0..<design.m {
            rows.next(i, into: &row)
            classGram.add(row)
            try emit(i, row)
        }
        let start = coupling.classVector(classGram)
        var (upper, lower) = coupling.bounds(start.x, start.y)
        if let refined = coupling.refinement(start.x, start.y) {
            rows = design.rows()
            var gram = VectorGram(refined)
            for i in 0..<design.m {
                rows.next(i, into: &row)
                gram.add(row)
            }
            let (u, l) = coupling.bounds(refined, coupling.product(refined, gram: gram.sums))
            upper = min(upper, u)
            lower = max(lower, l)
        }
        // Every sum above adds non-negative terms: its relative rounding error is below
        // (terms + a few) · 2⁻⁵³; widen the upper bound by more than that.
        upper *= 1 + Double(design.m + coupling.count + 16) * 1e-15
        self.upper = upper
        self.lower = lower
        let minimum = coupling.relative.min() ?? 1
        switch design.parameters.regime {
        case .convex:
            scale = max((1 + Self.margin) * upper, 0.01 * design.judgmentAnchoringFloor)
            convexityBound = (scale - upper) * minimum * (1 - 1e-12)
        case .nonconvex:
            guard lower > 0 else {
                throw PlantedError.invalidParameter(name: "regime", value: "nonconvex",
                                                    requirement: "the blocks drawn have no coupling to make non-convex: raise a density")
            }
            scale = lower / 2
            convexityBound = nil
        }
    }

    /// `x` rounded up to the nearest `Float` (so float32 files anchor at least as much).
    static func roundedUp(_ x: Double) -> Double {
        let f = Float(x)
        return Double(f) >= x ? Double(f) : Double(f.nextUp)
    }
}

/// `M̃ = |W_YY| + |W_YJ| Λ_J⁻¹ |W_JY|` of a design, applied to vectors (see `PlantedCalibration`).
private struct Coupling {
    let design: PlantedDesign
    /// `n + k`.
    let count: Int
    /// `D`: the relative anchoring of each principle and theory.
    let relative: [Double]
    /// The class (0 true principle, 1 false principle, 2 true theory, 3 false theory) of each of `y`.
    let classOf: [Int]
    /// `α² / λ_J`, with the smallest `λ_J` a file can hold.
    let gramScale: Double

    init(_ d: PlantedDesign) {
        design = d
        count = d.n + d.k
        relative = [Double](repeating: d.parameters.principleAnchoring, count: d.n)
            + [Double](repeating: d.parameters.theoryAnchoring, count: d.k)
        var classOf = [Int](repeating: 1, count: d.n) + [Int](repeating: 3, count: d.k)
        for a in d.truePrinciples { classOf[a] = 0 }
        for c in d.trueTheories { classOf[d.n + c] = 2 }
        self.classOf = classOf
        gramScale = d.coupling * d.coupling / d.judgmentAnchoringFloor
    }

    /// `M̃ x` given the row sums `Σᵢ |aᵢ| (|aᵢ| · x)` of the pass.
    func product(_ x: [Double], gram: [Double]) -> [Double] {
        var y = gram.map { gramScale * $0 }
        guard let b = design.b else { return y }
        let (n, k, alpha) = (design.n, design.k, design.coupling)
        for a in 0..<n {
            for c in 0..<k {
                let w = alpha * abs(b[a, c])
                y[a] += w * x[n + c]
                y[n + c] += w * x[a]
            }
        }
        return y
    }

    /// The class-wise start `x₀` (the Perron vector of the class-averaged `D⁻¹ M̃`) and `M̃ x₀`.
    func classVector(_ gram: ClassGram) -> (x: [Double], y: [Double]) {
        let products = (0..<4).map { c in
            product((0..<count).map { classOf[$0] == c ? 1 : 0 }, gram: (0..<count).map { gram.sums[$0 * 4 + c] })
        }
        var members = [Int](repeating: 0, count: 4)
        var average = [[Double]](repeating: [Double](repeating: 0, count: 4), count: 4)
        var anchoring = [Double](repeating: 1, count: 4)
        for a in 0..<count {
            members[classOf[a]] += 1
            anchoring[classOf[a]] = relative[a]
            for c in 0..<4 { average[classOf[a]][c] += products[c][a] }
        }
        var weights = [Double](repeating: 1, count: 4)
        for _ in 0..<200 {
            var next = (0..<4).map { a in
                members[a] == 0 ? 0 : (0..<4).reduce(0) { $0 + average[a][$1] * weights[$1] } / (Double(members[a]) * anchoring[a])
            }
            let top = next.max() ?? 0
            guard top > 0 else { break }
            for c in 0..<4 { next[c] = max(next[c] / top, 1e-6) }
            weights = next
        }
        let x = classOf.map { weights[$0] }
        var y = [Double](repeating: 0, count: count)
        for c in 0..<4 { for a in 0..<count { y[a] += weights[c] * products[c][a] } }
        return (x, y)
    }

    /// `x₁ = D⁻¹ y`, scaled to a largest entry of 1 and kept positive; `nil` when `y` is zero.
    func refinement(_ x: [Double], _ y: [Double]) -> [Double]? {
        let next = (0..<count).map { y[$0] / relative[$0] }
        guard let top = next.max(), top > 0 else { return nil }
        return next.map { max($0 / top, 1e-6) }
    }

    /// The Collatz–Wielandt upper bound `max (M̃x)_a / (Dx)_a` and the Rayleigh lower bound
    /// `xᵀM̃x / xᵀDx` on `ρ(D⁻¹ M̃)`, for a positive `x` and `y = M̃ x`.
    func bounds(_ x: [Double], _ y: [Double]) -> (upper: Double, lower: Double) {
        var upper = 0.0, numerator = 0.0, denominator = 0.0
        for a in 0..<count {
            upper = max(upper, y[a] / (relative[a] * x[a]))
            numerator += x[a] * y[a]
            denominator += relative[a] * x[a] * x[a]
        }
        return (upper, denominator > 0 ? numerator / denominator : 0)
    }
}

/// `Σᵢ |aᵢ| (|aᵢ| · e_c)` over the rows for the indicator `e_c` of each of the four classes,
/// stored `[a * 4 + c]`.
private struct ClassGram {
    var sums: [Double]

    init(count: Int) { sums = [Double](repeating: 0, count: count * 4) }

    mutating func add(_ row: PlantedRow) {
        var classSum = (0.0, 0.0, 0.0, 0.0)
        var e = 0
        while e < row.classEnd[0] { classSum.0 += row.magnitude[e]; e += 1 }
        while e < row.classEnd[1] { classSum.1 += row.magnitude[e]; e += 1 }
        while e < row.classEnd[2] { classSum.2 += row.magnitude[e]; e += 1 }
        while e < row.classEnd[3] { classSum.3 += row.magnitude[e]; e += 1 }
        for e in 0..<row.classEnd[3] {
            let w = row.magnitude[e], base = row.index[e] * 4
            sums[base] += w * classSum.0
            sums[base + 1] += w * classSum.1
            sums[base + 2] += w * classSum.2
            sums[base + 3] += w * classSum.3
        }
    }
}

/// `Σᵢ |aᵢ| (|aᵢ| · x)` over the rows for one vector `x`.
private struct VectorGram {
    let x: [Double]
    var sums: [Double]

    init(_ x: [Double]) {
        self.x = x
        sums = [Double](repeating: 0, count: x.count)
    }

    mutating func add(_ row: PlantedRow) {
        var dot = 0.0
        for e in 0..<row.classEnd[3] { dot += row.magnitude[e] * x[row.index[e]] }
        for e in 0..<row.classEnd[3] { sums[row.index[e]] += row.magnitude[e] * dot }
    }
}

/// The exact coupling matrix of a design with independent signs, `D^-½ (W_YY + W_YJ Λ_J⁻¹ W_JY) D^-½`
/// (signed, α included), accumulated over the rows by `dsyrk` on dense chunks.
private struct ExactGram {
    let coupling: Coupling
    private var gram: SymmetricMatrix
    private var chunk: [Double]
    private var filled = 0
    static let chunkRows = 256

    init(_ coupling: Coupling) {
        self.coupling = coupling
        gram = SymmetricMatrix(order: coupling.count)
        chunk = [Double](repeating: 0, count: Self.chunkRows * coupling.count)
    }

    /// Adds row `w_i / √λ_J` (signed, with α) to the current chunk; flushes full chunks.
    mutating func add(_ row: PlantedRow) {
        let q = coupling.count, base = filled * q, scale = coupling.gramScale.squareRoot()
        for j in 0..<q { chunk[base + j] = 0 }
        row.forEachEntry(offset: coupling.design.n) { index, value in chunk[base + index] = scale * value }
        filled += 1
        if filled == Self.chunkRows { flush() }
    }

    private mutating func flush() {
        guard filled > 0 else { return }
        let q = coupling.count, rows = filled
        chunk.withUnsafeBufferPointer { c in gram.storage.withUnsafeMutableBufferPointer { g in
            BLAS.syrkTransposed(rows: rows, columns: q, alpha: 1, c.baseAddress!, beta: 1, g.baseAddress!)
        }}
        filled = 0
    }

    /// `λ_max(D^-½ (W_YY + G) D^-½)` by LAPACK `dsyevr`.
    mutating func largestEigenvalue() throws -> Double {
        flush()
        let q = coupling.count, d = coupling.design
        var m = gram
        m.symmetrizeFromUpper()
        if let b = d.b {
            for a in 0..<d.n {
                for c in 0..<d.k {
                    let w = d.coupling * b[a, c]
                    m[a, d.n + c] += w
                    m[d.n + c, a] += w
                }
            }
        }
        let root = coupling.relative.map { 1 / $0.squareRoot() }
        for a in 0..<q { for b in 0..<q { m[a, b] *= root[a] * root[b] } }
        guard q > 0 else { return 0 }
        return try m.extremeEigenvalue(largest: true)
    }
}

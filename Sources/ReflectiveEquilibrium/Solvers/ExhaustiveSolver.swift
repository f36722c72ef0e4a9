/// Exhaustive search over the corners of the box (docs/solvers.md): every revisable item at its lower
/// or upper bound (reject/accept, reverse/affirm), locked items fixed, minimizing
///
///     f(x) = ½ xᵀHx − cᵀx,   H = Λ − W,   c = Λ x0 − μ̃,
///
/// over all `2^r` corners, `r` the number of revisable items. The best corner is the optimum of
/// the discrete accept/reject problem: ground truth for it, not in general a KKT point of the
/// continuous problem (status `bestCorner`; `converged` only when the best corner happens to be
/// a KKT point to the tolerance). Only for `r ≤ 25` (`SolverError.tooManyItemsForExhaustive`).
///
/// The corners are visited in Gray-code order (consecutive corners differ in one item), and f is
/// updated incrementally rather than evaluated: flipping item i by `d = ±(u_i − l_i)` changes
///
///     f by g_i d + ½ H_ii d²,      g = ∇f = Hx − c  by  d · H e_i,
///
/// with g kept on the revisable items only. The columns `H e_i = λ_i e_i − W e_i` restricted to
/// the revisable rows form an `r × r` matrix read entry by entry from the blocks
/// (`Objective.coherenceWeight`): no N × N matrix is formed, so any number of locked items is
/// cheap. `CornerWalk` splits the items into the first `b ≤ 10` and the rest so that a corner
/// costs O(1) (a table of the low items' quadratic part) and only a block change of `2^b`
/// corners costs O(r): the search is `O(2^r + 2^(r−b) r)` plus one product through the blocks
/// (about 0.05 s for r = 25 in a release build; the plain O(r)-per-corner walk took 0.36 s in
/// Swift and 0.28 s as a C kernel, and the blocked loop in C was no faster than in Swift, so
/// there is no C kernel). Every `CornerWalk.chunk` corners f and g are recomputed from their
/// closed form, so rounding cannot drift over 3·10⁷ updates, and the deadline is checked.
///
/// Ties keep the first corner in Gray order (strict improvement only), so the result is
/// deterministic (values that tie in exact arithmetic may differ by rounding). `iterations`
/// counts the corners evaluated; `maxIterations`, when given, caps them (status
/// `maxIterations`, best corner so far); past the deadline the best corner so far is returned
/// with status `timeLimit` (the first chunk always runs).
struct ExhaustiveSolver: SolverAlgorithm {
    var kind: SolverKind { .exhaustive }
    /// All corners of the largest admissible problem.
    var defaultMaxIterations: Int { 1 << Self.limit }
    /// The largest number of revisable items accepted (`2^25 ≈ 3.4·10⁷` corners).
    static let limit = 25
    /// Corners between exact recomputations of f and g and deadline checks: a power of two of at
    /// least `2^CornerWalk.maxLowCount` (tests make it small to cross many chunk boundaries).
    var chunk: UInt64 = CornerWalk.chunk

    func run(_ objective: Objective, from start: [Double], options: SolverOptions, deadline: Deadline) throws -> RawSolution {
        let o = objective
        let free = (0..<o.count).filter { !o.isLocked($0) }
        guard free.count <= Self.limit else {
            throw SolverError.tooManyItemsForExhaustive(revisable: free.count, limit: Self.limit)
        }
        let total = UInt64(1) << UInt64(free.count)
        let budget = min(total, UInt64(max(options.maxIterations ?? defaultMaxIterations, 0)))
        guard budget > 0 else { return RawSolution(x: start, status: .maxIterations, iterations: 0) }

        var walk = CornerWalk(objective: o, free: free)
        var step: UInt64 = 0
        var interrupted = false
        var progress = ProgressReporter(options: options, solver: kind, iterationLimit: Int(budget), deadline: deadline)
        while step < budget {
            if step > 0 && deadline.expired { interrupted = true; break }
            let end = min(step + chunk, budget)
            walk.advance(from: step, to: end)
            step = end
            walk.refresh()
            progress.report(iteration: Int(step), measure: Double(step) / Double(total), kind: .fractionSearched)
        }
        let x = walk.corner(at: walk.bestStep)
        let status: SolverStatus
        if interrupted {
            status = .timeLimit
        } else if budget < total {
            status = .maxIterations
        } else {
            let r = o.scaledResidual(x, gradient: o.gradient(x, wx: o.coherenceGradient(x)))
            status = r <= options.tolerance ? .converged : .bestCorner
        }
        return RawSolution(x: x, status: status, iterations: Int(step))
    }
}

/// The Gray-code walk over the corners of the revisable items' box (see `ExhaustiveSolver`).
///
/// Step `s` visits the corner with code `s ^ (s >> 1)`: bit `j` set puts revisable item `free[j]`
/// at its upper bound (`δ_j = span_j`), clear at its lower bound (`δ_j = 0`). With `δ` split into
/// the first `b` items ("low", L) and the rest ("high", U), the reflected Gray code visits the
/// corners in blocks of `2^b` steps: in block `h` the high code is `h ^ (h >> 1)` and the low
/// code runs through the `b`-bit Gray code, reflected when `h` is odd. Inside a block
///
///     f(δ) = F + γᵀ δ_L + Q(δ_L),   F = f(0, δ_U),  γ = g_L(0, δ_U),  Q(δ_L) = ½ δ_Lᵀ H_LL δ_L,
///
/// so with the table Q (`2^b` entries, built once) and `γᵀδ_L` updated by one addition per step,
/// a corner costs O(1). Between blocks one high item flips by `d`, and the block's base corner
/// is updated incrementally, `F ← F + g_u d + ½ H_uu d²`, `g ← g + d · H e_u`: O(r) per block.
struct CornerWalk {
    /// The default steps per chunk: after each, F and g are recomputed in closed form (no drift
    /// over 3·10⁷ steps) and the deadline is checked. A multiple of every block size.
    static let chunk: UInt64 = 1 << 16
    /// The most low items (`b`): the table Q has `2^b` entries.
    static let maxLowCount = 10

    let objective: Objective
    /// Stacked indices of the revisable items.
    let free: [Int]
    /// `u_j − l_j` per revisable item.
    let span: [Double]
    /// `H_RR`, column-major: `h[j * r + i] = H[free[i], free[j]]`.
    let h: [Double]
    /// `f` and `g_R` at the first corner (every revisable item at its lower bound).
    let f0: Double
    let g0: [Double]
    /// `b`, the number of low items.
    let lowCount: Int
    /// `Q[p] = ½ δ(p)ᵀ H_LL δ(p)` for every low pattern `p`.
    let lowQuadratic: [Double]

    /// The block whose base corner (low items at their lower bounds) `f` and `g` describe.
    var block: UInt64 = 0
    /// F and the revisable gradient at the base corner of `block`.
    var f: Double
    var g: [Double]
    /// The best value so far and the step where it was first reached.
    var best = Double.infinity
    var bestStep: UInt64 = 0

    init(objective o: Objective, free: [Int]) {
        objective = o
        self.free = free
        let r = free.count
        let span = free.map { o.upper[$0] - o.lower[$0] }
        self.span = span
        var h = [Double](repeating: 0, count: r * r)
        for (j, q) in free.enumerated() {
            for (i, p) in free.enumerated() { h[j * r + i] = (p == q ? o.lambda[p] : 0) - o.coherenceWeight(p, q) }
        }
        self.h = h
        let b = min(r, Self.maxLowCount)
        lowCount = b
        // Q[p | 1 << j] = Q[p] + δ_j (H δ(p))_j + ½ H_jj δ_j², j the highest bit of the new pattern.
        var q = [Double](repeating: 0, count: 1 << b)
        for pattern in 1..<max(1, 1 << b) {
            let j = Int.bitWidth - 1 - pattern.leadingZeroBitCount
            let rest = pattern ^ (1 << j)
            var hd = 0.0
            for i in 0..<j where (rest >> i) & 1 == 1 { hd += h[j * r + i] * span[i] }
            q[pattern] = q[rest] + span[j] * (hd + 0.5 * h[j * r + j] * span[j])
        }
        lowQuadratic = q
        let x = o.lower
        let wx = o.coherenceGradient(x)
        let gradient = o.gradient(x, wx: wx)
        f0 = o.value(x, wx: wx)
        g0 = free.map { gradient[$0] }
        f = f0
        g = g0
    }

    /// The Gray code of step `s`.
    @inline(__always) static func code(_ s: UInt64) -> UInt64 { s ^ (s >> 1) }

    /// The full state at the corner of step `s`.
    func corner(at s: UInt64) -> [Double] {
        var x = objective.lower
        let c = Self.code(s)
        for (j, i) in free.enumerated() where (c >> UInt64(j)) & 1 == 1 { x[i] = objective.upper[i] }
        return x
    }

    /// Visits steps `first..<last`; `first` is the first step of block `block + 1` (or 0).
    mutating func advance(from first: UInt64, to last: UInt64) {
        let b = UInt64(lowCount), size = UInt64(1) << b
        var s = first
        while s < last {
            let hi = s >> b
            if hi != block { moveBase(to: hi) }
            scan(count: Int(min(size, last - s)), firstStep: s)
            s += size
        }
    }

    /// Moves the base corner from `block` to `block + 1 == next`: flips high item `b + ctz(next)`.
    mutating func moveBase(to next: UInt64) {
        precondition(next == block + 1, "the walk moves one block at a time")
        let r = free.count
        let u = lowCount + next.trailingZeroBitCount
        let set = (Self.code(next) >> UInt64(next.trailingZeroBitCount)) & 1 == 1
        let d = set ? span[u] : -span[u]
        f += g[u] * d + 0.5 * h[u * r + u] * d * d
        h.withUnsafeBufferPointer { h in
            g.withUnsafeMutableBufferPointer { g in
                let column = h.baseAddress! + u * r
                for i in 0..<r { g[i] += d * column[i] }
            }
        }
        block = next
    }

    /// Visits the first `count` corners of the current block, starting at step `firstStep`.
    mutating func scan(count: Int, firstStep: UInt64) {
        let b = lowCount
        var best = self.best, bestStep = self.bestStep
        let base = f
        // The low code starts at the reflection bit when the block is odd.
        var low = b > 0 ? Int(block & 1) << (b - 1) : 0
        let weighted = (0..<b).map { g[$0] * span[$0] }
        var linear = low == 0 ? 0 : weighted[b - 1]
        lowQuadratic.withUnsafeBufferPointer { q in
            weighted.withUnsafeBufferPointer { w in
                for lo in 0..<count {
                    if lo > 0 {
                        let j = lo.trailingZeroBitCount
                        low ^= 1 << j
                        linear += (low >> j) & 1 == 1 ? w[j] : -w[j]
                    }
                    let v = base + linear + q[low]
                    if v < best { best = v; bestStep = firstStep + UInt64(lo) }
                }
            }
        }
        self.best = best
        self.bestStep = bestStep
    }

    /// Recomputes F and g at the base corner of `block` in closed form: with `δ_j = span_j` for
    /// the high items at their upper bound (0 otherwise), `g = g0 + H_RR δ`, `F = f0 + g0ᵀδ + ½ δᵀ H_RR δ`.
    mutating func refresh() {
        let r = free.count, c = Self.code(block) << UInt64(lowCount)
        var g = g0, f = f0
        for j in 0..<r where (c >> UInt64(j)) & 1 == 1 {
            let d = span[j]
            var hd = 0.0
            for i in 0..<r { g[i] += d * h[j * r + i] }
            for i in 0..<r where (c >> UInt64(i)) & 1 == 1 { hd += h[j * r + i] * span[i] }
            f += d * (g0[j] + 0.5 * hd)
        }
        self.g = g
        self.f = f
    }
}

extension Objective {
    /// The coherence weight `W_ij` between items `i` and `j` (stacked order), read from the blocks:
    ///
    ///     W = [ 0        α_JP A    α_JT C ]
    ///         [ α_JP Aᵀ  α_PP S    α_PT B ]
    ///         [ α_JT Cᵀ  α_PT Bᵀ   0      ]
    func coherenceWeight(_ i: Int, _ j: Int) -> Double {
        let (gi, gj) = (group(of: i), group(of: j))
        let t = m + n
        switch (gi, gj) {
        case (.judgment, .principle): return alphaJP * a[i, j - m]
        case (.principle, .judgment): return alphaJP * a[j, i - m]
        case (.judgment, .theory): return c.map { alphaJT * $0[i, j - t] } ?? 0
        case (.theory, .judgment): return c.map { alphaJT * $0[j, i - t] } ?? 0
        case (.principle, .theory): return b.map { alphaPT * $0[i - m, j - t] } ?? 0
        case (.theory, .principle): return b.map { alphaPT * $0[j - m, i - t] } ?? 0
        case (.principle, .principle): return s.map { alphaPP * $0[i - m, j - m] } ?? 0
        default: return 0
        }
    }
}

/// Thagard's ECHO activation dynamics (Thagard 1989, 1992; Thagard & Verbeurgt 1998): the
/// classic connectionist coherence baseline (docs/solvers.md).
///
/// Every revisable item is a unit whose activation `a_i` lives in its bounds `[l_i, u_i]`
/// (ECHO's `[min, max]`); locked items are clamped. Each cycle updates all units at once
/// (synchronously) by ECHO's rule
///
///     net_i  = (Σ_k W_ik a_k + λ_i (x0_i − a_i) − μ_i) / σ  =  −∇f(a)_i / σ
///     rate_i = −θ a_i + net_i (u_i − a_i)   if net_i > 0
///     rate_i = −θ a_i + net_i (a_i − l_i)   otherwise,          θ = 0.05,
///     a_i   ← clip(a_i + γ_i rate_i, l_i, u_i),
///
/// which with `γ_i = 1` is the literal `a_i (1 − θ) + net_i (max − a_i)`. `σ` is the problem's
/// unit of confidence (the mean of the positive λ_i; of the coupling sizes when no item is
/// anchored; 1 when neither exists), so the dynamics do not depend on the units of λ, μ and α
/// (multiplying them all by one number gives the same cycles). The coherence input
/// `Σ_k W_ik a_k` is one product through the blocks (`Objective.coherenceGradient`), never an
/// N × N matrix.
///
/// - Evidence: the anchoring input `λ_i (x0_i − a_i) − μ_i` plays the part of ECHO's special
///   evidence unit. In ECHO, data units are linked to a unit clamped at 1, a standing pull
///   towards acceptance; here each item is pulled towards its initial value with its confidence
///   as the link weight, and principles are pushed down by their parsimony cost. The net input is
///   then exactly the negative gradient of the model's objective, so ECHO's rest points are close
///   to the model's equilibria: without decay (`θ = 0`) the interior rest points are exactly the
///   interior KKT points. With the decay they are not, in general.
/// - Step: ECHO's weights are small (excitation 0.04, inhibition −0.06), so one cycle moves a
///   unit a little. The model's weights are up to 1 and `λ` may be large; with `γ_i = 1` the
///   synchronous rule then swings units from bound to bound every cycle and never settles (on
///   the bundled example and on every random test problem). `γ_i = min(1, 1/L_i)`, a bound on the
///   unit's stiffness (`steps(_:free:)`), keeps the dynamics smooth; it is 1 for networks in
///   ECHO's own range and does not move the rest points (`rate = 0` there whatever γ).
///
/// The dynamics stop when no unit's rate (its change `|Δa_i| / γ_i`, i.e. the change of the
/// literal rule) reaches `1e-3` in a cycle ("settled"), or at the cycle limit (`maxIterations`,
/// default 200), or at the deadline. ECHO is a baseline and may not reach the tolerance: because
/// of the decay its rest point is in general not a KKT point (residuals of about 0.05–0.2 on
/// the test problems). The status is `converged` only when the KKT residual at the returned
/// state is within the tolerance, `settled` when the rates fell below the threshold but the
/// residual did not, else `maxIterations` / `timeLimit`. `iterations` counts cycles.
struct ConnectionistSolver: SolverAlgorithm {
    var kind: SolverKind { .connectionist }
    var defaultMaxIterations: Int { 200 }
    /// ECHO's decay θ.
    static let decay = 0.05
    /// The dynamics have settled when every rate (change of the literal rule) is below this.
    static let settleThreshold = 1e-3

    func run(_ objective: Objective, from start: [Double], options: SolverOptions, deadline: Deadline) throws -> RawSolution {
        let o = objective
        let maxCycles = options.maxIterations ?? defaultMaxIterations
        let free = (0..<o.count).filter { !o.isLocked($0) }
        let unit = Self.unit(o)
        let steps = Self.steps(o, free: free, unit: unit)
        var x = start
        var cycle = 0
        var progress = ProgressReporter(options: options, solver: kind, iterationLimit: maxCycles, deadline: deadline)
        while true {
            let g = o.gradient(x, wx: o.coherenceGradient(x))
            let residual = o.scaledResidual(x, gradient: g)
            progress.report(iteration: cycle, measure: residual, kind: .scaledResidual)
            if !residual.isFinite { return RawSolution(x: x, status: .numericalError, iterations: cycle) }
            if residual <= options.tolerance { return RawSolution(x: x, status: .converged, iterations: cycle) }
            if cycle >= maxCycles { return RawSolution(x: x, status: .maxIterations, iterations: cycle) }
            if deadline.expired { return RawSolution(x: x, status: .timeLimit, iterations: cycle) }
            var largest = 0.0
            var next = x
            for (slot, i) in free.enumerated() {
                let v = Self.activation(x[i], net: -g[i] / unit, lower: o.lower[i], upper: o.upper[i], step: steps[slot])
                largest = max(largest, abs(v - x[i]) / steps[slot])
                next[i] = v
            }
            x = next
            cycle += 1
            if largest < Self.settleThreshold {
                let r = o.scaledResidual(x, gradient: o.gradient(x, wx: o.coherenceGradient(x)))
                return RawSolution(x: x, status: r <= options.tolerance ? .converged : .settled, iterations: cycle)
            }
        }
    }

    /// The step of each revisable unit, `γ_i = min(1, 1/L_i)` with
    /// `L_i = θ + R_i (u_i − l_i + M) + |c_i|`, `R_i = λ_i + Σ_k |W_ik|` (absolute row sum of H)
    /// and `M` the largest bound in magnitude. `L_i` bounds row i of the Jacobian of the rate,
    /// `−θI − diag(|net|) − D H` (`D` the distances to the bounds), so by Gershgorin the
    /// damped update never overshoots a rest point.
    static func steps(_ o: Objective, free: [Int], unit: Double) -> [Double] {
        let rows = o.couplingSize
        let bound = zip(o.lower, o.upper).reduce(0.0) { max($0, abs($1.0), abs($1.1)) }
        return free.map { i in
            let r = (o.lambda[i] + rows[i]) / unit
            return min(1, 1 / (decay + r * (o.upper[i] - o.lower[i] + bound) + abs(o.linearTerm(i)) / unit))
        }
    }

    /// `σ`: the mean positive confidence, else the mean positive coupling size, else 1.
    static func unit(_ o: Objective) -> Double {
        func mean(_ v: [Double]) -> Double? {
            let positive = v.filter { $0 > 0 }
            return positive.isEmpty ? nil : positive.reduce(0, +) / Double(positive.count)
        }
        return mean(o.lambda) ?? mean(o.couplingSize) ?? 1
    }

    /// ECHO's update of one unit with activation `a` in `[lower, upper]` given its net input and
    /// its step γ (1 for the literal rule).
    @inline(__always)
    static func activation(_ a: Double, net: Double, lower: Double, upper: Double, step: Double) -> Double {
        let rate = -decay * a + (net > 0 ? net * (upper - a) : net * (a - lower))
        return min(max(a + step * rate, lower), upper)
    }
}

extension Objective {
    /// `Σ_k |W_ik|` for every item, one pass over each block (the kept `couplingSize` holds the
    /// same numbers; tests check the two against each other).
    func absoluteRowSums() -> [Double] {
        var r = [Double](repeating: 0, count: count)
        /// Adds `|α M|` to the rows of M's items, and (`mirrored`: Mᵀ is the other block) to its columns'.
        func add(_ mat: Matrix?, _ alpha: Double, rowOffset: Int, columnOffset: Int, mirrored: Bool) {
            guard let mat, alpha != 0 else { return }
            // In place, whatever the storage (a dense copy of a mapped block would double the memory).
            mat.forEachNonzero { i, j, entry in
                let v = abs(alpha * entry)
                r[rowOffset + i] += v
                if mirrored { r[columnOffset + j] += v }
            }
        }
        add(a, alphaJP, rowOffset: 0, columnOffset: m, mirrored: true)
        add(c, alphaJT, rowOffset: 0, columnOffset: m + n, mirrored: true)
        add(b, alphaPT, rowOffset: m, columnOffset: m + n, mirrored: true)
        add(s, alphaPP, rowOffset: m, columnOffset: m, mirrored: false)
        return r
    }
}

/// Mutual adjustment, the literal reflective-equilibrium process (docs/solvers.md): each round
/// revises the judgments given the principles and theories, then the principles given the
/// judgments and theories, then the theories given both, each block to its exact optimum.
///
/// - J and T blocks have diagonal Hessians: `x_B = clip(x0_B + Λ_B⁻¹ (pull_B − μ_B))`
///   (λ = 0: the bound the pull's sign picks).
/// - The P block couples through S when present; it is then minimized by exact coordinate
///   sweeps until its own KKT residual is below a tenth of the tolerance.
///
/// Every step can only raise the objective (monotone ascent). Each step is recorded: the group,
/// the objective after it, how many items moved and which changed class. Per round it reads A
/// (and C) once: the fused row pass (C kernel, `Objective.fusedJudgmentPass`) gives the pull
/// `W_J x` for the convergence check together with the judgments' block optimum and `Aᵀ j`,
/// `Cᵀ j` for it, where BLAS needs `A p` and `Aᵀ j` (two reads; still used when every judgment
/// is locked).
struct AlternatingSolver: SolverAlgorithm {
    var kind: SolverKind { .alternating }
    var defaultMaxIterations: Int { 100_000 }

    func run(_ objective: Objective, from start: [Double], options: SolverOptions, deadline: Deadline) throws -> RawSolution {
        let o = objective, m = o.m, n = o.n, k = o.k
        let maxRounds = options.maxIterations ?? defaultMaxIterations
        var x = start
        var trajectory: [RawStep] = []
        var classes = (0..<o.count).map { ItemClass(group: o.group(of: $0), initial: o.x0[$0], value: x[$0]) }
        var blocks = BlockPulls(objective: o)
        blocks.refreshJudgmentSums(x)
        var round = 0
        var stalledRounds = 0
        // Rounds since the scaled residual last fell (at the rounding floor it stops falling).
        var best = Double.infinity, sinceBest = 0
        var progress = ProgressReporter(options: options, solver: kind, iterationLimit: maxRounds, deadline: deadline)
        let judgmentsFree = (0..<m).contains(where: { !o.isLocked($0) })
        while true {
            // The pull W_J x; with free judgments also their next block optimum (one pass over A).
            let step = judgmentsFree ? blocks.fusedJudgmentStep(x) : nil
            if step == nil { blocks.refreshJudgmentPull(x) }
            let eval = o.evaluate(x, wx: blocks.assembled(x))
            progress.report(iteration: round, measure: eval.scaledResidual, kind: .scaledResidual, objective: eval.split.total)
            func end(_ status: SolverStatus) -> RawSolution {
                RawSolution(x: x, status: status, iterations: round, trajectory: trajectory, evaluation: eval)
            }
            if eval.scaledResidual <= options.tolerance { return end(.converged) }
            if !eval.scaledResidual.isFinite { return end(.numericalError) }
            if round >= maxRounds { return end(.maxIterations) }
            if deadline.expired { return end(.timeLimit) }
            if stalledRounds >= 3 { return end(.stalled) }
            if eval.scaledResidual < best { best = eval.scaledResidual; sinceBest = 0 } else { sinceBest += 1 }
            if sinceBest >= 20 && eval.scaledResidual <= o.roundingFloor(x) { return end(.stalled) }
            round += 1
            var movedThisRound = false

            func record(_ group: Group, _ range: Range<Int>, before: [Double]) {
                var moved = 0, largest = 0.0, changes: [Int] = [], changedValues: [Double] = []
                for i in range {
                    let d = abs(x[i] - before[i - range.lowerBound])
                    if d > 0 { movedThisRound = true }
                    if d > 1e-9 { moved += 1 }
                    largest = max(largest, d)
                    let c = ItemClass(group: group, initial: o.x0[i], value: x[i])
                    if c != classes[i] { changes.append(i); changedValues.append(x[i]); classes[i] = c }
                }
                let value = blocks.total(x)
                // The pulls that moved the (few) class-changing items, at this step's state: a row
                // of A and C per judgment, one pass over the columns of A and C for principles and theories.
                let strongest = changes.isEmpty ? [:] : o.strongestPulls(on: changes, at: x, limit: options.topPulls,
                                                                         towards: changes.map { x[$0] - before[$0 - range.lowerBound] })
                trajectory.append(RawStep(round: round, group: group, objective: value, moved: moved, largestChange: largest, classChanges: changes,
                                          classChangeValues: changedValues, classChangePulls: changes.map { strongest[$0] ?? [] }))
            }

            // Judgments, given (p, t): their block optimum and sums, from the fused pass above.
            if let step {
                let before = Array(x[0..<m])
                x.replaceSubrange(0..<m, with: step.judgments)
                blocks.aTj = step.aTj
                blocks.cTj = step.cTj
                record(.judgment, 0..<m, before: before)
            }
            // Principles, given (j, t).
            if (m..<(m + n)).contains(where: { !o.isLocked($0) }) {
                let before = Array(x[m..<(m + n)])
                blocks.updatePrinciples(&x, tolerance: options.tolerance * 0.1)
                record(.principle, m..<(m + n), before: before)
            }
            // Theories, given (j, p).
            if ((m + n)..<(m + n + k)).contains(where: { !o.isLocked($0) }) {
                let before = Array(x[(m + n)...])
                let pull = blocks.theoryPull(x)
                for c in 0..<k { x[m + n + c] = o.blockOptimum(m + n + c, pull: pull[c], current: x[m + n + c]) }
                record(.theory, (m + n)..<(m + n + k), before: before)
            }
            stalledRounds = movedThisRound ? 0 : stalledRounds + 1
        }
    }
}

extension Objective {
    /// The exact minimizer of f over coordinate `i` alone, given the coherence pull on it:
    /// `clip(x0 + (pull − μ)/λ)`, or for λ = 0 the bound the sign of `pull − μ` picks.
    func blockOptimum(_ i: Int, pull: Double, current: Double) -> Double {
        if isLocked(i) { return lower[i] }
        let drive = pull - mu[i]
        let target: Double
        if lambda[i] > 0 { target = x0[i] + drive / lambda[i] }
        else if drive > 0 { target = upper[i] }
        else if drive < 0 { target = lower[i] }
        else { target = current }
        return min(max(target, lower[i]), upper[i])
    }
}

/// The block products the alternating solver keeps between steps, so that W x is assembled
/// without extra passes over A: `W_J x` (pull on judgments), `α_JP Aᵀ j` and `α_JT Cᵀ j`.
private struct BlockPulls {
    let o: Objective
    var judgmentPull: [Double]
    var aTj: [Double]
    var cTj: [Double]

    init(objective: Objective) {
        o = objective
        judgmentPull = [Double](repeating: 0, count: objective.m)
        aTj = [Double](repeating: 0, count: objective.n)
        cTj = [Double](repeating: 0, count: objective.k)
    }

    /// `W_J x = α_JP A p + α_JT C t`.
    mutating func refreshJudgmentPull(_ x: [Double]) {
        x.withUnsafeBufferPointer { xb in judgmentPull.withUnsafeMutableBufferPointer { o.judgmentPull(xb.baseAddress!, into: $0.baseAddress!) } }
    }

    /// One fused row pass (C kernel; one read of A and C): sets `judgmentPull = W_J x` and returns
    /// the judgments' block optimum given it, `j⁺_i = blockOptimum(i, pull_i, x_i)` (judgments have
    /// μ = 0, so this is the kernel's closed form with the current values as fallback), with
    /// `α_JP Aᵀ j⁺` and `α_JT Cᵀ j⁺` — the work of `refreshJudgmentPull`, the judgment step and
    /// `refreshJudgmentSums`. The pass returns `(W x⁺)_Y`; the principle–theory blocks' own
    /// pull (y is unchanged) is subtracted to leave the judgment sums.
    mutating func fusedJudgmentStep(_ x: [Double]) -> (judgments: [Double], aTj: [Double], cTj: [Double]) {
        let m = o.m, n = o.n
        var next = x
        let reduced = judgmentPull.withUnsafeMutableBufferPointer {
            o.fusedJudgmentPass(&next, fallback: Array(x[0..<m]), pull: $0.baseAddress)
        }
        var small = [Double](repeating: 0, count: o.reducedCount)
        x.withUnsafeBufferPointer { xb in small.withUnsafeMutableBufferPointer { o.principleTheoryProduct(xb.baseAddress! + m, into: $0.baseAddress!) } }
        return (Array(next[0..<m]), (0..<n).map { reduced[$0] - small[$0] }, (0..<o.k).map { reduced[n + $0] - small[n + $0] })
    }

    /// `α_JP Aᵀ j` and `α_JT Cᵀ j` for the current judgments.
    mutating func refreshJudgmentSums(_ x: [Double]) {
        x.withUnsafeBufferPointer { xb in
            aTj.withUnsafeMutableBufferPointer { BLAS.gemv(o.a, transpose: true, alpha: o.alphaJP, x: xb.baseAddress!, beta: 0, y: $0.baseAddress!) }
            if o.alphaJT != 0, let c = o.c {
                cTj.withUnsafeMutableBufferPointer { BLAS.gemv(c, transpose: true, alpha: o.alphaJT, x: xb.baseAddress!, beta: 0, y: $0.baseAddress!) }
            }
        }
    }

    /// `W x` from the cached sums plus the small blocks (B, S). `judgmentPull` must be current.
    func assembled(_ x: [Double]) -> [Double] {
        var wx = [Double](repeating: 0, count: o.count)
        let m = o.m, n = o.n
        for i in 0..<m { wx[i] = judgmentPull[i] }
        var small = [Double](repeating: 0, count: o.reducedCount)
        x.withUnsafeBufferPointer { xb in small.withUnsafeMutableBufferPointer { o.principleTheoryProduct(xb.baseAddress! + m, into: $0.baseAddress!) } }
        for a in 0..<n { wx[m + a] = aTj[a] + small[a] }
        for c in 0..<o.k { wx[m + n + c] = cTj[c] + small[n + c] }
        return wx
    }

    /// The objective `Coh − revision − parsimony`, with `Coh = pᵀ(α Aᵀj) + tᵀ(α Cᵀj) + ½ yᵀ W_YY y`,
    /// valid whenever the judgment sums are current (they are after every step).
    func total(_ x: [Double]) -> Double {
        let m = o.m, n = o.n
        var small = [Double](repeating: 0, count: o.reducedCount)
        x.withUnsafeBufferPointer { xb in small.withUnsafeMutableBufferPointer { o.principleTheoryProduct(xb.baseAddress! + m, into: $0.baseAddress!) } }
        var coherence = 0.0
        for a in 0..<n { coherence += x[m + a] * (aTj[a] + 0.5 * small[a]) }
        for c in 0..<o.k { coherence += x[m + n + c] * (cTj[c] + 0.5 * small[n + c]) }
        var revision = 0.0, parsimony = 0.0
        for i in 0..<o.count {
            let d = x[i] - o.x0[i]
            revision += 0.5 * o.lambda[i] * d * d
            parsimony += o.mu[i] * x[i]
        }
        return coherence - revision - parsimony
    }

    /// The pull on theories `α_PT Bᵀ p + α_JT Cᵀ j`.
    func theoryPull(_ x: [Double]) -> [Double] {
        var small = [Double](repeating: 0, count: o.reducedCount)
        x.withUnsafeBufferPointer { xb in small.withUnsafeMutableBufferPointer { o.principleTheoryProduct(xb.baseAddress! + o.m, into: $0.baseAddress!) } }
        return (0..<o.k).map { cTj[$0] + small[o.n + $0] }
    }

    /// Minimizes f over p exactly: closed form without S, coordinate sweeps with S. After it,
    /// `judgmentPull` is stale (p moved); the next round refreshes it.
    mutating func updatePrinciples(_ x: inout [Double], tolerance: Double) {
        let m = o.m, n = o.n
        // Pull from outside the P block: α_JP Aᵀ j + α_PT B t.
        var external = aTj
        if o.alphaPT != 0, let b = o.b, o.k > 0 {
            x.withUnsafeBufferPointer { xb in external.withUnsafeMutableBufferPointer { BLAS.gemv(b, alpha: o.alphaPT, x: xb.baseAddress! + m + n, beta: 1, y: $0.baseAddress!) } }
        }
        guard o.alphaPP != 0, let s = o.s else {
            for a in 0..<n { x[m + a] = o.blockOptimum(m + a, pull: external[a], current: x[m + a]) }
            return
        }
        // S p, kept current through the sweeps.
        var sp = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { xb in sp.withUnsafeMutableBufferPointer { BLAS.gemv(s, x: xb.baseAddress! + m, beta: 0, y: $0.baseAddress!) } }
        for _ in 0..<10_000 {
            var largest = 0.0
            for a in 0..<n {
                let old = x[m + a]
                let new = o.blockOptimum(m + a, pull: external[a] + o.alphaPP * sp[a], current: old)
                let d = new - old
                if d != 0 {
                    x[m + a] = new
                    for b in 0..<n { sp[b] += s[b, a] * d }
                    largest = max(largest, abs(d))
                }
            }
            if largest <= tolerance { break }
        }
    }
}

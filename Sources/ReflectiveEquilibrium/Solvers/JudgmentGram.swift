/// The Gram sum of the free judgments, `G = Σ_{i free} w_i w_iᵀ / λ_i` with `w_i` row i of
/// `W_JY = [α_JP A | α_JT C]` (docs/model.md), kept between Newton iterations: when few judgments
/// change state it is corrected by rank-k updates (`O(changed · (n + k)²)`), otherwise
/// accumulated afresh (and every 50 corrections, to bound rounding drift). The Schur complement
/// of the free judgments is then `Σ = (Λ_Y − W_YY) − G`.
struct JudgmentGram {
    let objective: Objective
    /// Judgments whose rows are in `gram`.
    private var inGram: [Bool]
    /// The upper triangle of `G`.
    private(set) var gram: SymmetricMatrix
    private var updatesSinceRebuild = 0
    /// Rows added or removed by the last `update` (for diagnostics and tests).
    private(set) var lastChange = 0

    init(objective: Objective) {
        self.objective = objective
        inGram = [Bool](repeating: false, count: objective.m)
        gram = SymmetricMatrix(order: objective.reducedCount)
    }

    /// Brings `gram` to the free set `free[0..<m]` (judgments only; every free judgment must have λ > 0).
    mutating func update(free: [Bool]) {
        let m = objective.m
        var added: [Int] = [], removed: [Int] = [], total = 0
        for i in 0..<m {
            if free[i] { total += 1 }
            if free[i] && !inGram[i] { added.append(i) } else if !free[i] && inGram[i] { removed.append(i) }
        }
        lastChange = added.count + removed.count
        if added.isEmpty && removed.isEmpty { return }
        if added.count + removed.count < total / 2 && updatesSinceRebuild < 50 {
            objective.accumulateJudgmentGram(rows: added, sign: 1, into: &gram)
            objective.accumulateJudgmentGram(rows: removed, sign: -1, into: &gram)
            updatesSinceRebuild += 1
        } else {
            gram = SymmetricMatrix(order: objective.reducedCount)
            objective.accumulateJudgmentGram(rows: (0..<m).filter { free[$0] }, sign: 1, into: &gram)
            updatesSinceRebuild = 0
        }
        for i in 0..<m { inGram[i] = free[i] }
    }

    /// How many rows `update(free:)` would add or remove (all free rows when it would rebuild).
    func changedRows(free: [Bool]) -> Int {
        var changed = 0, total = 0
        for i in 0..<objective.m {
            if free[i] { total += 1 }
            if free[i] != inGram[i] { changed += 1 }
        }
        if changed == 0 { return 0 }
        return changed < total / 2 && updatesSinceRebuild < 50 ? changed : total
    }

    /// The Gram sum and the judgments it holds.
    var current: (gram: SymmetricMatrix, rows: [Bool]) { (gram, inGram) }

    /// The Schur complement `Σ` on all of `y` for the current free set.
    var schurComplement: SymmetricMatrix { objective.schurComplement(gram: gram) }
}

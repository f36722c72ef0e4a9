extension Problem {
    /// Checks every rule of docs/formats.md that does not depend on the file form: non-empty unique
    /// ids, finite values, `lower ≤ upper`, an initial value inside the item's own bounds,
    /// non-negative confidence and parsimony (principles only), block shapes, block entries in
    /// [-1, 1], `S` symmetric with a zero diagonal, and non-negative finite block weights. Throws
    /// a `ProblemError` naming the offender.
    public func validate() throws {
        try itemsChecked.ensure { try Self.validateItems(orderedGroups) }
        let (m, n, k) = shape
        try Self.checkShape(compatibility.judgmentPrinciple, .judgmentPrinciple, m, n)
        if let b = compatibility.principleTheory { try Self.checkShape(b, .principleTheory, n, k) }
        if let c = compatibility.judgmentTheory { try Self.checkShape(c, .judgmentTheory, m, k) }
        if let s = compatibility.principlePrinciple { try Self.checkShape(s, .principlePrinciple, n, n) }
        // The entries: one pass over the blocks, kept with the statistics it also yields.
        if let bad = statistics.invalidEntry {
            throw ProblemError.blockEntry(block: bad.block.rawValue, row: bad.row, column: bad.column, value: bad.value)
        }
        if let s = compatibility.principlePrinciple {
            for i in 0..<n {
                if s[i, i] != 0 { throw ProblemError.principlePrincipleNotSymmetric(row: i, column: i) }
                for j in (i + 1)..<max(i + 1, n) where s[i, j] != s[j, i] {
                    throw ProblemError.principlePrincipleNotSymmetric(row: i, column: j)
                }
            }
        }
        let w = blockWeights
        for (name, v) in [("judgmentPrinciple", w.judgmentPrinciple), ("principleTheory", w.principleTheory),
                          ("judgmentTheory", w.judgmentTheory), ("principlePrinciple", w.principlePrinciple)]
        where !(v.isFinite && v >= 0) {
            throw ProblemError.invalidBlockWeight(name: name, value: v)
        }
    }

    /// The per-item rules of `validate()`, for groups in stacked order (j, p, t): a non-empty id,
    /// unique across the groups; finite fields; `lower ≤ upper`; `lower ≤ initial ≤ upper`;
    /// confidence ≥ 0; parsimony ≥ 0 and on principles only.
    static func validateItems(_ groups: [ItemGroup]) throws {
        var ids = Set<String>()
        for g in groups {
            for i in 0..<g.count {
                let id = g.ids[i]
                guard !id.isEmpty else { throw ProblemError.emptyID(group: g.group, index: i) }
                guard ids.insert(id).inserted else { throw ProblemError.duplicateID(id) }
                for (field, v) in [("initial", g.initial[i]), ("confidence", g.confidence[i]),
                                   ("lower", g.lower[i]), ("upper", g.upper[i]), ("parsimony", g.parsimony[i])] where !v.isFinite {
                    throw ProblemError.nonFinite(item: id, field: field)
                }
                if g.lower[i] > g.upper[i] { throw ProblemError.invertedBounds(item: id, lower: g.lower[i], upper: g.upper[i]) }
                if !(g.lower[i] <= g.initial[i] && g.initial[i] <= g.upper[i]) {
                    throw ProblemError.initialOutOfBounds(item: id, initial: g.initial[i], lower: g.lower[i], upper: g.upper[i])
                }
                if g.confidence[i] < 0 { throw ProblemError.negativeConfidence(item: id, value: g.confidence[i]) }
                if g.parsimony[i] < 0 { throw ProblemError.negativeParsimony(item: id, value: g.parsimony[i]) }
                if g.parsimony[i] != 0 && g.group != .principle { throw ProblemError.parsimonyOutsidePrinciples(item: id) }
            }
        }
    }

    private static func checkShape(_ mat: Matrix, _ name: BlockName, _ rows: Int, _ cols: Int) throws {
        guard mat.rows == rows && mat.columns == cols else {
            throw ProblemError.blockShape(block: name.rawValue, expected: (rows, cols), found: (mat.rows, mat.columns))
        }
    }
}

extension Matrix {
    /// The first entry (row-major) that is not in [-1, 1] (NaN included), or `nil`. One pass in
    /// place, whatever the storage.
    func firstOutOfRange() -> (row: Int, column: Int, value: Double)? {
        let cols = max(columns, 1)
        switch entries {
        case let .float64(values):
            return values.withUnsafeBufferPointer { s in firstOutOfRangeIndex(s).map { ($0 / cols, $0 % cols, s[$0]) } }
        case let .float32(values):
            return values.withUnsafeBufferPointer { s in firstOutOfRangeIndex(s).map { ($0 / cols, $0 % cols, Double(s[$0])) } }
        case let .sparse(csr):
            for i in 0..<csr.rows {
                for r in csr.indptr[i]..<csr.indptr[i + 1] where !(abs(csr.values[r]) <= 1) { return (i, Int(csr.indices[r]), csr.values[r]) }
            }
            return nil
        }
    }
}

/// The index of the first entry that is not in [-1, 1] (NaN included), or `nil`. Counts the good
/// entries of each chunk without branching (so the loop vectorizes) and searches only a chunk
/// that has a bad one.
private func firstOutOfRangeIndex<T: BinaryFloatingPoint>(_ s: UnsafeBufferPointer<T>) -> Int? {
    let chunk = 4096
    var start = 0
    while start < s.count {
        let end = min(start + chunk, s.count)
        var good = 0
        for idx in start..<end { good &+= abs(s[idx]) <= 1 ? 1 : 0 }
        if good != end - start { return (start..<end).first { !(abs(s[$0]) <= 1) } }
        start = end
    }
    return nil
}

extension Problem {
    /// The ids of the two items a bad block entry relates (its row's and its column's) when
    /// `error` is `ProblemError.blockEntry` or `.principlePrincipleNotSymmetric`, so that a
    /// message can name items, not only indices (as problem files do).
    public func entryIDs(of error: ProblemError) -> (row: String, column: String)? {
        ProblemFile.entryIDs(error, groups: orderedGroups).map { (row: $0.0, column: $0.1) }
    }
}

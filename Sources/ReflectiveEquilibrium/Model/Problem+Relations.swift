extension Problem {
    /// Builds a problem from item records and sparse relations (the JSON form of docs/formats.md),
    /// assembling each block in CSR when at most `Matrix.sparseDensity` of its entries are
    /// non-zero, else dense float64. Validates everything and throws a `ProblemError` that names the
    /// offending item or relation.
    public init(judgments: [Item], principles: [Item], theories: [Item] = [], relations: [Relation],
                blockWeights: BlockWeights = BlockWeights(), mode: Mode = .wide) throws {
        let groups = [ItemGroup(.judgment, items: judgments), ItemGroup(.principle, items: principles),
                      ItemGroup(.theory, items: theories)]
        // The items first, so that an empty or repeated id is named before any relation uses it.
        try Self.validateItems(groups)
        var index: [String: (Group, Int)] = [:]
        for g in groups {
            for (i, id) in g.ids.enumerated() { index[id] = (g.group, i) }
        }
        let m = judgments.count, n = principles.count, k = theories.count
        // Entries per block (row, column, weight); a block appears once it has a non-silent relation.
        var entries: [BlockName: [(row: Int, column: Int, value: Double)]] = [.judgmentPrinciple: []]
        var seen = Set<[String]>()
        for (r, rel) in relations.enumerated() {
            guard let (g1, i1) = index[rel.from] else { throw ProblemError.unknownID(rel.from, relation: r) }
            guard let (g2, i2) = index[rel.to] else { throw ProblemError.unknownID(rel.to, relation: r) }
            guard rel.weight.isFinite else { throw ProblemError.nonFinite(item: "relation \(r) ('\(rel.from)' – '\(rel.to)')", field: "weight") }
            guard abs(rel.weight) <= 1 else { throw ProblemError.weightOutOfRange(from: rel.from, to: rel.to, weight: rel.weight) }
            guard rel.from != rel.to else { throw ProblemError.unsupportedRelation(from: rel.from, to: rel.to, relation: r) }
            let key = [rel.from, rel.to].sorted()
            guard seen.insert(key).inserted else { throw ProblemError.repeatedRelation(from: rel.from, to: rel.to, relation: r) }
            guard let block = BlockName(relating: g1, g2) else {
                throw ProblemError.unsupportedRelation(from: rel.from, to: rel.to, relation: r)
            }
            // A weight-0 relation states silence: checked like any other, it creates no block (A always exists).
            if rel.weight == 0 { continue }
            let (row, column) = block.groups.rows == g1 ? (i1, i2) : (i2, i1)
            entries[block, default: []].append((row, column, rel.weight))
            if block == .principlePrinciple { entries[block, default: []].append((column, row, rel.weight)) }
        }
        func matrix(_ block: BlockName) -> Matrix? {
            guard let e = entries[block] else { return nil }
            let (r, c) = block.groups
            return Matrix(rows: [m, n, k][r.index], columns: [m, n, k][c.index], entries: e)
        }
        let a = matrix(.judgmentPrinciple)!, b = matrix(.principleTheory), c = matrix(.judgmentTheory), s = matrix(.principlePrinciple)
        self.init(judgments: groups[0], principles: groups[1], theories: groups[2],
                  compatibility: Compatibility(judgmentPrinciple: a, principleTheory: b, judgmentTheory: c, principlePrinciple: s),
                  blockWeights: blockWeights, mode: mode)
        try validate()
    }

    /// The relations implied by the blocks (non-zero entries), in the order A, B, C, S (upper).
    public var relations: [Relation] {
        var out: [Relation] = []
        let cp = compatibility
        func add(_ mat: Matrix?, _ rowIDs: [String], _ colIDs: [String], upperOnly: Bool = false) {
            mat?.forEachNonzero { i, j, v in
                if !upperOnly || j > i { out.append(Relation(from: colIDs[j], to: rowIDs[i], weight: v)) }
            }
        }
        add(cp.judgmentPrinciple, judgments.ids, principles.ids)
        add(cp.principleTheory, principles.ids, theories.ids)
        add(cp.judgmentTheory, judgments.ids, theories.ids)
        add(cp.principlePrinciple, principles.ids, principles.ids, upperOnly: true)
        return out
    }
}

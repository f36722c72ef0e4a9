extension Problem {
    /// Builds a problem from item records and sparse relations (the JSON form of DESIGN §6a),
    /// assembling dense blocks. Validates everything and throws a `ProblemError` that names the
    /// offending item or relation.
    public init(judgments: [Item], principles: [Item], theories: [Item] = [], relations: [Relation],
                blockWeights: BlockWeights = BlockWeights(), mode: Mode = .wide) throws {
        let groups = [ItemGroup(.judgment, items: judgments), ItemGroup(.principle, items: principles),
                      ItemGroup(.theory, items: theories)]
        var index: [String: (Group, Int)] = [:]
        for g in groups {
            for (i, id) in g.ids.enumerated() {
                if index[id] != nil { throw ProblemError.duplicateID(id) }
                index[id] = (g.group, i)
            }
        }
        let m = judgments.count, n = principles.count, k = theories.count
        var a = Matrix(rows: m, columns: n)
        var b: Matrix? = nil, c: Matrix? = nil, s: Matrix? = nil
        var seen = Set<[String]>()
        for (r, rel) in relations.enumerated() {
            guard let (g1, i1) = index[rel.from] else { throw ProblemError.unknownID(rel.from, relation: r) }
            guard let (g2, i2) = index[rel.to] else { throw ProblemError.unknownID(rel.to, relation: r) }
            guard rel.weight.isFinite else { throw ProblemError.nonFinite(item: "relation \(r) ('\(rel.from)' – '\(rel.to)')", field: "weight") }
            guard abs(rel.weight) <= 1 else { throw ProblemError.weightOutOfRange(from: rel.from, to: rel.to, weight: rel.weight) }
            guard rel.from != rel.to else { throw ProblemError.unsupportedRelation(from: rel.from, to: rel.to, relation: r) }
            let key = [rel.from, rel.to].sorted()
            guard seen.insert(key).inserted else { throw ProblemError.repeatedRelation(from: rel.from, to: rel.to, relation: r) }
            // A weight-0 relation states silence: checked like any other, it creates no block.
            let isSilent = rel.weight == 0
            switch (g1, g2) {
            case (.judgment, .principle): a[i1, i2] = rel.weight
            case (.principle, .judgment): a[i2, i1] = rel.weight
            case (.principle, .theory):
                if isSilent { continue }
                if b == nil { b = Matrix(rows: n, columns: k) }
                b![i1, i2] = rel.weight
            case (.theory, .principle):
                if isSilent { continue }
                if b == nil { b = Matrix(rows: n, columns: k) }
                b![i2, i1] = rel.weight
            case (.judgment, .theory):
                if isSilent { continue }
                if c == nil { c = Matrix(rows: m, columns: k) }
                c![i1, i2] = rel.weight
            case (.theory, .judgment):
                if isSilent { continue }
                if c == nil { c = Matrix(rows: m, columns: k) }
                c![i2, i1] = rel.weight
            case (.principle, .principle):
                if isSilent { continue }
                if s == nil { s = Matrix(rows: n, columns: n) }
                s![i1, i2] = rel.weight
                s![i2, i1] = rel.weight
            default:
                throw ProblemError.unsupportedRelation(from: rel.from, to: rel.to, relation: r)
            }
        }
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
            guard let mat else { return }
            for i in 0..<mat.rows {
                for j in (upperOnly ? i + 1 : 0)..<max(upperOnly ? i + 1 : 0, mat.columns) where mat[i, j] != 0 {
                    out.append(Relation(from: colIDs[j], to: rowIDs[i], weight: mat[i, j]))
                }
            }
        }
        add(cp.judgmentPrinciple, judgments.ids, principles.ids)
        add(cp.principleTheory, principles.ids, theories.ids)
        add(cp.judgmentTheory, judgments.ids, theories.ids)
        add(cp.principlePrinciple, principles.ids, principles.ids, upperOnly: true)
        return out
    }
}

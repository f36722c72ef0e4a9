extension Problem {
    /// The problem with `changes` applied (see `ProblemChanges` for the order and the checks).
    /// Works on the in-memory blocks, so problems read from `.npy` manifests change the same
    /// way as JSON ones; a removed item's rows and columns are dropped, an added item gets zero
    /// rows and columns, and an absent block (B, C or S) is created by its first relation.
    ///
    /// - Throws: `ProblemChangesError` naming the change and the item; `ProblemError` (wrapped
    ///   as `.invalidChange`) when the changed problem breaks a rule of the model.
    public func applying(_ changes: ProblemChanges) throws -> Problem {
        var editor = ProblemEditor(self)
        for (r, pair) in changes.removedRelations.enumerated() {
            try editor.setRelation(pair.from, pair.to, weight: 0, change: "remove.relations[\(r)]", requireExisting: true)
        }
        editor.flushRelations()  // before positions change
        for (r, id) in changes.removedItems.enumerated() {
            guard editor.locate(id) != nil else { throw ProblemChangesError.unknownItem(change: "remove.items[\(r)]", id: id) }
            editor.remove(id)
        }
        editor.compactRemovals()
        for group in Group.allCases {
            for (r, item) in (changes.addedItems[group] ?? []).enumerated() {
                let change = "add.\(group.plural)[\(r)]"
                guard editor.locate(item.id) == nil else { throw ProblemChangesError.itemExists(change: change, id: item.id) }
                editor.append(item, to: group, change: change)
            }
        }
        editor.growBlocks()
        for (r, relation) in changes.addedRelations.enumerated() {
            try editor.setRelation(relation.from, relation.to, weight: relation.weight, change: "add.relations[\(r)]", requireExisting: false)
        }
        for (r, setting) in changes.itemSettings.enumerated() {
            try editor.apply(setting, change: "set.items[\(r)]")
        }
        for (r, relation) in changes.relationWeights.enumerated() {
            try editor.setRelation(relation.from, relation.to, weight: relation.weight, change: "set.relations[\(r)]", requireExisting: true)
        }
        editor.flushRelations()
        var problem = editor.problem
        // A weight-0 relation states silence (docs/formats.md): an optional block the changes left
        // without any relation is dropped, as a problem file would never create it.
        for name in editor.editedBlocks where name != .judgmentPrinciple {
            if let block = problem.compatibility[name], block.isZero { problem.compatibility.remove(name) }
        }
        let w = changes.blockWeights
        problem.blockWeights = BlockWeights(
            judgmentPrinciple: w.judgmentPrinciple ?? problem.blockWeights.judgmentPrinciple,
            principleTheory: w.principleTheory ?? problem.blockWeights.principleTheory,
            judgmentTheory: w.judgmentTheory ?? problem.blockWeights.judgmentTheory,
            principlePrinciple: w.principlePrinciple ?? problem.blockWeights.principlePrinciple)
        if let mode = changes.mode { problem.mode = mode }
        do {
            try problem.validate()
        } catch let error as ProblemError {
            throw ProblemChangesError.invalidChange(change: editor.change(responsibleFor: error), error)
        }
        return problem
    }
}

/// The mutable state of `Problem.applying(_:)`: the groups, the blocks and an index of ids,
/// with the path of the last change that touched each item (to name it in errors).
private struct ProblemEditor {
    var groups: [ItemGroup]
    var blocks: [BlockName: Matrix]
    let blockWeights: BlockWeights
    let mode: Mode
    /// id → (group, index in the group); `nil` entries are items removed but not yet compacted.
    private var index: [String: (group: Group, position: Int)] = [:]
    private var removed: [Group: Set<Int>] = [:]
    private var touchedBy: [String: String] = [:]
    /// The blocks a relation change wrote to, or that lost rows or columns.
    private(set) var editedBlocks: Set<BlockName> = []
    /// Relation edits not yet written into the blocks (written once by `flushRelations`).
    private var pending: [BlockName: [Position: Double]] = [:]

    struct Position: Hashable {
        var row: Int
        var column: Int
    }

    init(_ problem: Problem) {
        groups = problem.orderedGroups
        blocks = [:]
        for name in BlockName.allCases { if let b = problem.compatibility[name] { blocks[name] = b } }
        blockWeights = problem.blockWeights
        mode = problem.mode
        reindex()
    }

    var problem: Problem {
        Problem(judgments: groups[0], principles: groups[1], theories: groups[2],
                compatibility: Compatibility(judgmentPrinciple: blocks[.judgmentPrinciple]!,
                                             principleTheory: blocks[.principleTheory],
                                             judgmentTheory: blocks[.judgmentTheory],
                                             principlePrinciple: blocks[.principlePrinciple]),
                blockWeights: blockWeights, mode: mode)
    }

    private mutating func reindex() {
        index = [:]
        for g in groups { for (i, id) in g.ids.enumerated() { index[id] = (g.group, i) } }
    }

    func locate(_ id: String) -> (group: Group, position: Int)? { index[id] }

    mutating func remove(_ id: String) {
        guard let (g, i) = index.removeValue(forKey: id) else { return }
        removed[g, default: []].insert(i)
    }

    /// Drops the removed items from their groups and their rows and columns from the blocks.
    mutating func compactRemovals() {
        guard !removed.isEmpty else { return }
        let keep = Group.allCases.map { g in (0..<groups[g.index].count).filter { !(removed[g]?.contains($0) ?? false) } }
        // Old position → new position (−1: removed), per group.
        let maps = Group.allCases.map { g -> [Int] in
            var map = [Int](repeating: -1, count: groups[g.index].count)
            for (new, old) in keep[g.index].enumerated() { map[old] = new }
            return map
        }
        for g in Group.allCases { groups[g.index] = groups[g.index].selecting(keep[g.index]) }
        for (name, matrix) in blocks {
            let (rows, columns) = name.groups
            blocks[name] = matrix.remapped(rows: keep[rows.index].count, columns: keep[columns.index].count,
                                           rowMap: maps[rows.index], columnMap: maps[columns.index])
        }
        removed = [:]
        editedBlocks.formUnion(blocks.keys)
        reindex()
    }

    mutating func append(_ item: Item, to group: Group, change: String) {
        groups[group.index].append(item)
        index[item.id] = (group, groups[group.index].count - 1)
        touchedBy[item.id] = change
    }

    /// Pads every block with zero rows and columns for the added items.
    mutating func growBlocks() {
        for (name, matrix) in blocks {
            let (rows, columns) = name.groups
            let newRows = groups[rows.index].count, newColumns = groups[columns.index].count
            guard newRows != matrix.rows || newColumns != matrix.columns else { continue }
            blocks[name] = matrix.remapped(rows: newRows, columns: newColumns, rowMap: Array(0..<matrix.rows),
                                           columnMap: Array(0..<matrix.columns))
        }
    }

    /// Sets the block entry of the pair (both entries of S). `requireExisting`: the pair must be
    /// related (remove, re-weight); otherwise it must not be (add).
    mutating func setRelation(_ from: String, _ to: String, weight: Double, change: String, requireExisting: Bool) throws {
        guard let a = index[from] else { throw ProblemChangesError.unknownItem(change: change, id: from) }
        guard let b = index[to] else { throw ProblemChangesError.unknownItem(change: change, id: to) }
        guard from != to, let name = BlockName(relating: a.group, b.group) else {
            if requireExisting { throw ProblemChangesError.notRelated(change: change, from: from, to: to) }
            throw ProblemChangesError.invalidChange(change: change, .unsupportedRelation(from: from, to: to, relation: 0))
        }
        guard weight.isFinite else { throw ProblemChangesError.invalidChange(change: change, .nonFinite(item: "'\(from)' – '\(to)'", field: "weight")) }
        guard abs(weight) <= 1 else { throw ProblemChangesError.invalidChange(change: change, .weightOutOfRange(from: from, to: to, weight: weight)) }
        let (row, column) = name.groups.rows == a.group ? (a.position, b.position) : (b.position, a.position)
        let key = Position(row: row, column: column)
        let current = pending[name]?[key] ?? blocks[name]?[row, column] ?? 0
        if requireExisting && current == 0 { throw ProblemChangesError.notRelated(change: change, from: from, to: to) }
        if !requireExisting && current != 0 { throw ProblemChangesError.alreadyRelated(change: change, from: from, to: to) }
        editedBlocks.insert(name)
        pending[name, default: [:]][key] = weight
        if name == .principlePrinciple { pending[name, default: [:]][Position(row: column, column: row)] = weight }
    }

    /// Writes the pending relation edits into the blocks, each block once, in its own layout;
    /// a new block is CSR or dense by the density rule of relations (`Matrix.sparseDensity`).
    mutating func flushRelations() {
        for (name, edits) in pending {
            let entries = edits.map { (row: $0.key.row, column: $0.key.column, value: $0.value) }
            if let block = blocks[name] {
                blocks[name] = block.setting(entries)
            } else {
                let (rows, columns) = name.groups
                blocks[name] = Matrix(rows: groups[rows.index].count, columns: groups[columns.index].count,
                                      entries: entries.filter { $0.value != 0 })
            }
        }
        pending = [:]
    }

    mutating func apply(_ s: ItemSetting, change: String) throws {
        guard let (g, i) = index[s.id] else { throw ProblemChangesError.unknownItem(change: change, id: s.id) }
        var group = groups[g.index]
        if let v = s.text { group.texts[i] = v }
        if let v = s.initial { group.initial[i] = v }
        if let v = s.confidence { group.confidence[i] = v }
        if let v = s.lower { group.lower[i] = v }
        if let v = s.upper { group.upper[i] = v }
        if let v = s.parsimony { group.parsimony[i] = v }
        groups[g.index] = group
        touchedBy[s.id] = change
    }

    /// The change to blame for a model error: the last change that touched the item it names.
    func change(responsibleFor error: ProblemError) -> String {
        switch error {
        case let .nonFinite(item, _), let .invertedBounds(item, _, _), let .initialOutOfBounds(item, _, _, _),
             let .negativeConfidence(item, _), let .negativeParsimony(item, _), let .parsimonyOutsidePrinciples(item):
            return touchedBy[item].map { "\($0) ('\(item)')" } ?? "'\(item)'"
        case .emptyID:
            return touchedBy[""] ?? "changes"
        case .invalidBlockWeight:
            return "set.blockWeights"
        default:
            return "changes"
        }
    }
}

extension Compatibility {
    /// Drops the optional block `name` (B, C or S).
    mutating func remove(_ name: BlockName) {
        switch name {
        case .judgmentPrinciple: break
        case .principleTheory: principleTheory = nil
        case .judgmentTheory: judgmentTheory = nil
        case .principlePrinciple: principlePrinciple = nil
        }
    }
}

extension ItemGroup {
    /// The items at `indices`, in that order.
    func selecting(_ indices: [Int]) -> ItemGroup {
        var out = ItemGroup(group)
        out.ids = indices.map { ids[$0] }
        out.texts = indices.map { texts[$0] }
        out.initial = indices.map { initial[$0] }
        out.confidence = indices.map { confidence[$0] }
        out.lower = indices.map { lower[$0] }
        out.upper = indices.map { upper[$0] }
        out.parsimony = indices.map { parsimony[$0] }
        return out
    }
}

extension Matrix {
    /// The block renumbered: entry `(i, j)` moves to `(rowMap[i], columnMap[j])` in a
    /// `rows × columns` block, and is dropped when either is −1. Keeps the layout (CSR stays
    /// CSR, float32 stays float32), so a large sparse block is never densified.
    func remapped(rows newRows: Int, columns newColumns: Int, rowMap: [Int], columnMap: [Int]) -> Matrix {
        if case let .sparse(csr) = entries {
            var triplets: [(row: Int, column: Int, value: Double)] = []
            for i in 0..<rows where rowMap[i] >= 0 {
                for r in csr.indptr[i]..<csr.indptr[i + 1] {
                    let j = columnMap[Int(csr.indices[r])]
                    if j >= 0 { triplets.append((rowMap[i], j, csr.values[r])) }
                }
            }
            return Matrix(sparse: SparseRows(rows: newRows, columns: newColumns, triplets: triplets))
        }
        let source = storage
        var values = [Double](repeating: 0, count: newRows * newColumns)
        for i in 0..<rows where rowMap[i] >= 0 {
            let target = rowMap[i] * newColumns
            for j in 0..<columns where columnMap[j] >= 0 { values[target + columnMap[j]] = source[i * columns + j] }
        }
        return Matrix(rows: newRows, columns: newColumns, storage: values).converted(to: layout)
    }

    /// The block with the given entries set (0 clears), in the same layout.
    func setting(_ changes: [(row: Int, column: Int, value: Double)]) -> Matrix {
        if case let .sparse(csr) = entries {
            var byPosition: [Int: (row: Int, column: Int, value: Double)] = [:]
            for i in 0..<rows {
                for r in csr.indptr[i]..<csr.indptr[i + 1] {
                    let j = Int(csr.indices[r])
                    byPosition[i * columns + j] = (i, j, csr.values[r])
                }
            }
            for c in changes { byPosition[c.row * columns + c.column] = c }
            return Matrix(sparse: SparseRows(rows: rows, columns: columns, triplets: byPosition.values.filter { $0.value != 0 }))
        }
        var values = storage
        for c in changes { values[c.row * columns + c.column] = c.value }
        return Matrix(rows: rows, columns: columns, storage: values).converted(to: layout)
    }
}

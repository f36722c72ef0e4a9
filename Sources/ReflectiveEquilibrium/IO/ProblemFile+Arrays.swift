import Foundation

extension ProblemFile {
    /// The three item groups, each from a JSON array of item objects (`"judgments": [...]`), a
    /// `.npy` array of columns (`"items": {"judgments": "j.npy"}`), or empty when absent.
    func itemGroups(_ top: [String: JSONNode], sources: inout Sources) throws -> [ItemGroup] {
        let arrays = try top["items"]?.members(allowed: Group.allCases.map(\.plural)) ?? [:]
        return try Group.allCases.map { g in
            switch (top[g.plural], arrays[g.plural]) {
            case let (inline?, array?):
                throw ProblemFileError.conflictingSources(file: file, path: array.path, other: inline.path)
            case let (nil, array?):
                let path = try array.string()
                sources.groups[g] = path
                return try itemGroup(g, npy: path, field: array.path)
            case let (inline?, nil):
                return ItemGroup(g, items: try inline.elements().map { try item(g, $0) })
            case (nil, nil):
                return ItemGroup(g)
            }
        }
    }

    /// One item object; omitted fields take the group's defaults (docs/formats.md).
    func item(_ group: Group, _ node: JSONNode) throws -> Item {
        let f = try node.members(allowed: Self.itemFields)
        let text = try f["text"].flatMap { $0.isNull ? nil : try $0.string() }
        return Item(id: try f["id"].requiredString(path: "\(node.path).id", file: file), group: group, text: text,
                    initial: try f["initial"]?.number(), confidence: try f["confidence"].number(default: 1),
                    lower: try f["lower"]?.number(), upper: try f["upper"]?.number(),
                    parsimony: try f["parsimony"].number(default: 0))
    }

    /// A group from a 2-D array of columns (initial, confidence, lower, upper[, parsimony]), ids
    /// `j0…`, `p0…`, `t0…`.
    private func itemGroup(_ group: Group, npy path: String, field: String) throws -> ItemGroup {
        let array = try NPYArray.read(from: resolve(path), name: path)
        guard array.shape.count == 2, (4...5).contains(array.shape[1]) else {
            throw ProblemFileError.itemColumns(file: path, field: field, found: array.shape)
        }
        let rows = array.shape[0], width = array.shape[1]
        func column(_ c: Int) -> [Double] { (0..<rows).map { array.values[$0 * width + c] } }
        var items = ItemGroup(group, count: rows)
        items.initial = column(0)
        items.confidence = column(1)
        items.lower = column(2)
        items.upper = column(3)
        if width == 5 { items.parsimony = column(4) }
        return items
    }

    /// The blocks given as `.npy` files under `matrices`, checked against the item counts;
    /// memory-mapped in their element type (`NPYArray.matrix(mapping:name:)`), never copied.
    func matrices(_ node: JSONNode, groups: [ItemGroup], sources: inout Sources) throws -> [BlockName: Matrix] {
        var out: [BlockName: Matrix] = [:]
        let entries = try node.members(allowed: BlockName.allCases.map(\.rawValue))
        for name in BlockName.allCases {
            guard let entry = entries[name.rawValue] else { continue }
            let path = try entry.string()
            let (rows, columns) = name.groups
            let expected = [groups[rows.index].count, groups[columns.index].count]
            out[name] = try NPYArray.matrix(mapping: resolve(path), name: path) { shape in
                guard shape == expected else {
                    throw ProblemFileError.shapeMismatch(file: path, field: entry.path, expected: expected, found: shape,
                                                         meaning: "\(rows.plural) × \(columns.plural)")
                }
            }
            sources.blocks[name] = path
        }
        return out
    }
}

extension Group {
    /// The position of the group in the state `x = (j, p, t)`.
    var index: Int { Group.allCases.firstIndex(of: self)! }
}

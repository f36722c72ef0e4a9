import Foundation

extension ProblemFile {
    /// The three item groups, each from a JSON array of item objects (`"judgments": [...]`), a
    /// `.npy` array of columns (`"items": {"judgments": "j.npy"}`), or, when given neither way,
    /// `counts[group]` items (read from the block shapes, `counts(_:)`) with default ids and values.
    func itemGroups(_ top: [String: JSONNode], counts: [Group: CountedItems], sources: inout Sources) throws -> [ItemGroup] {
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
                return ItemGroup(g, count: counts[g]?.count ?? 0)
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

    /// A group from an array of columns (initial, confidence, lower, upper, parsimony): 1-D
    /// (the initial values), or 2-D with 1 to 5 of the columns in that order, the rest taking
    /// the group's defaults; ids `j0…`, `p0…`, `t0…`.
    private func itemGroup(_ group: Group, npy path: String, field: String) throws -> ItemGroup {
        let array = try NPYArray.read(from: resolve(path), name: path)
        guard array.shape.count == 1 || (array.shape.count == 2 && (1...Self.itemColumns.count).contains(array.shape[1])) else {
            throw ProblemFileError.itemColumns(file: path, field: field, found: array.shape)
        }
        let rows = array.shape[0], width = array.shape.count == 1 ? 1 : array.shape[1]
        func column(_ c: Int) -> [Double] { (0..<rows).map { array.values[$0 * width + c] } }
        var items = ItemGroup(group, count: rows)
        let columns: [WritableKeyPath<ItemGroup, [Double]>] = [\.initial, \.confidence, \.lower, \.upper, \.parsimony]
        for (c, keyPath) in columns.prefix(width).enumerated() { items[keyPath: keyPath] = column(c) }
        return items
    }

    /// The item count of each group given neither as item objects nor as an array, from the
    /// shapes of the blocks it indexes (only the headers of their `.npy` files are read): the
    /// rows of A or C for judgments, the columns of A, the rows of B or S for principles, the
    /// columns of B or C for theories, the first given in that order. A CSR triple gives its
    /// rows (`indptr` has rows + 1 entries) but not its columns. A group that no block indexes
    /// has no items.
    ///
    /// - Throws: `ProblemFileError.unknownItemCount` when only CSR triples index the group as
    ///   columns; errors of the `.npy` headers.
    func counts(_ top: [String: JSONNode]) throws -> [Group: CountedItems] {
        let arrays = try top["items"]?.members(allowed: Group.allCases.map(\.plural)) ?? [:]
        let absent = Group.allCases.filter { top[$0.plural] == nil && arrays[$0.plural] == nil }
        guard !absent.isEmpty else { return [:] }
        /// Per block: its rows and (dense only) columns, and the file they come from.
        var shapes: [BlockName: (rows: Int, columns: Int?, file: String)] = [:]
        let dense = try top["matrices"]?.members(allowed: BlockName.allCases.map(\.rawValue)) ?? [:]
        let sparse = try top["sparse"]?.members(allowed: BlockName.allCases.map(\.rawValue)) ?? [:]
        for block in BlockName.allCases {
            guard let entry = dense[block.rawValue] else { continue }
            let path = try entry.string()
            let shape = try NPYArray.header(of: resolve(path), name: path).shape
            // Another shape is reported when the block is read.
            if shape.count == 2 { shapes[block] = (shape[0], shape[1], path) }
        }
        for block in BlockName.allCases {
            guard shapes[block] == nil, let entry = sparse[block.rawValue],
                  let indptr = try entry.members(allowed: Problem.sparseArrays)["indptr"] else { continue }
            let path = try indptr.string()
            let shape = try NPYArray.header(of: resolve(path), name: path).shape
            if shape.count == 1, shape[0] >= 1 { shapes[block] = (shape[0] - 1, nil, path) }
        }
        var out: [Group: CountedItems] = [:]
        for group in absent {
            var unknown: BlockName? = nil
            for block in BlockName.allCases {
                guard let shape = shapes[block] else { continue }
                if block.groups.rows == group {
                    out[group] = CountedItems(count: shape.rows, origin: "the rows of \(shape.file)")
                } else if block.groups.columns == group {
                    guard let columns = shape.columns else { unknown = unknown ?? block; continue }
                    out[group] = CountedItems(count: columns, origin: "the columns of \(shape.file)")
                }
                if out[group] != nil { break }
            }
            if out[group] == nil, let unknown {
                throw ProblemFileError.unknownItemCount(file: file, group: group, field: "sparse.\(unknown.rawValue)")
            }
        }
        return out
    }

    /// The blocks given as `.npy` files under `matrices`, checked against the item counts;
    /// memory-mapped in their element type (`NPYArray.matrix(mapping:name:)`), never copied.
    func matrices(_ node: JSONNode, groups: [ItemGroup], counts: [Group: CountedItems], sources: inout Sources) throws -> [BlockName: Matrix] {
        var out: [BlockName: Matrix] = [:]
        let entries = try node.members(allowed: BlockName.allCases.map(\.rawValue))
        for name in BlockName.allCases {
            guard let entry = entries[name.rawValue] else { continue }
            let path = try entry.string()
            let (rows, columns) = name.groups
            let expected = [groups[rows.index].count, groups[columns.index].count]
            out[name] = try NPYArray.matrix(mapping: resolve(path), name: path) { shape in
                guard shape == expected else {
                    let origins = Set([rows, columns]).sorted { $0.index < $1.index }.compactMap { g in
                        counts[g].map { "\(Plural.count($0.count, g.rawValue, g.plural)) counted from \($0.origin)" }
                    }
                    throw ProblemFileError.shapeMismatch(file: path, field: entry.path, expected: expected, found: shape,
                                                         meaning: ([rows.plural + " × " + columns.plural] + origins).joined(separator: "; "))
                }
            }
            sources.blocks[name] = path
        }
        return out
    }
}

/// How many items a group given neither as item objects nor as an array has, and which block
/// shape told (`the rows of A.npy`).
struct CountedItems: Equatable {
    var count: Int
    var origin: String
}

extension Group {
    /// The position of the group in the state `x = (j, p, t)`.
    var index: Int { Group.allCases.firstIndex(of: self)! }
}

import Foundation

/// A reader of the problem file format `wre-problem/1` (docs/formats.md): named items and sparse
/// relations, or a manifest whose `matrices` and `items` point to `.npy` arrays (and whose
/// `sparse` gives blocks as CSR triples of `.npy` arrays, `ProblemFile+Sparse.swift`).
///
/// Errors are `ProblemFileError` (naming the file and JSON path), `NPYError` (naming the array
/// file) or `ProblemFileError.invalidProblem` wrapping the model's `ProblemError`, attributed to
/// the file the offending value came from.
struct ProblemFile {
    static let topLevelFields = ["format", "judgments", "principles", "theories", "relations",
                                 "blockWeights", "mode", "matrices", "items", "sparse"]
    static let itemFields = ["id", "text", "initial", "confidence", "lower", "upper", "parsimony"]
    static let relationFields = ["from", "to", "weight"]
    /// The columns of an item array, in order; an array may give the first 1 to 5 of them.
    static let itemColumns = ["initial", "confidence", "lower", "upper", "parsimony"]

    /// The problem file's name in errors.
    let file: String
    /// The directory that relative `.npy` paths are resolved against (the working directory when `nil`).
    let baseDirectory: URL?

    /// Which `.npy` file each group or block came from, to attribute model errors.
    struct Sources {
        var groups: [Group: String] = [:]
        var blocks: [BlockName: String] = [:]
    }

    func problem(from data: Data) throws -> Problem {
        let top = try JSONNode.parse(data, file: file).members(allowed: Self.topLevelFields)
        try checkFormat(top["format"])
        var sources = Sources()
        let counts = try counts(top)
        let groups = try itemGroups(top, counts: counts, sources: &sources)
        guard groups[0].count > 0 || groups[1].count > 0 else {
            throw ProblemFileError.emptyProblem(file: file, theories: groups[2].count)
        }
        let relations = try top["relations"].map(relations) ?? []
        let weights = try top["blockWeights"].map(blockWeights) ?? BlockWeights()
        let mode = try top["mode"].map(mode) ?? .wide
        var matrices = try top["matrices"].map { try self.matrices($0, groups: groups, counts: counts, sources: &sources) } ?? [:]
        let sparse: [BlockName: Matrix] = try top["sparse"].map { try sparseBlocks($0, groups: groups, sources: &sources) } ?? [:]
        for name in BlockName.allCases {
            guard let block = sparse[name] else { continue }
            guard matrices[name] == nil else {
                throw ProblemFileError.conflictingSources(file: file, path: "sparse.\(name.rawValue)", other: "matrices.\(name.rawValue)")
            }
            matrices[name] = block
        }
        return try assemble(groups: groups, relations: relations, matrices: matrices,
                            blockWeights: weights, mode: mode, sources: sources)
    }

    private func checkFormat(_ node: JSONNode?) throws {
        guard let node else { throw ProblemFileError.unsupportedFormat(file: file, found: nil) }
        let format = try node.string()
        guard format == Problem.fileFormat else { throw ProblemFileError.unsupportedFormat(file: file, found: format) }
    }

    func relations(_ node: JSONNode) throws -> [Relation] {
        try node.elements().map { element in
            let fields = try element.members(allowed: Self.relationFields)
            func id(_ key: String) throws -> String {
                try fields[key].requiredString(path: "\(element.path).\(key)", file: file)
            }
            guard let weight = fields["weight"] else { throw ProblemFileError.missingField(file: file, path: "\(element.path).weight") }
            return Relation(from: try id("from"), to: try id("to"), weight: try weight.number())
        }
    }

    private func blockWeights(_ node: JSONNode) throws -> BlockWeights {
        let fields = try node.members(allowed: BlockName.allCases.map(\.rawValue))
        func weight(_ name: BlockName) throws -> Double { try fields[name.rawValue].number(default: 1) }
        return BlockWeights(judgmentPrinciple: try weight(.judgmentPrinciple), principleTheory: try weight(.principleTheory),
                            judgmentTheory: try weight(.judgmentTheory), principlePrinciple: try weight(.principlePrinciple))
    }

    func mode(_ node: JSONNode) throws -> Mode {
        let name = try node.string()
        guard let mode = Mode(rawValue: name) else { throw ProblemFileError.invalidMode(file: file, found: name) }
        return mode
    }

    /// The absolute location of a path written in the file.
    func resolve(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: baseDirectory).standardizedFileURL
    }

    /// Builds and validates the problem: blocks from relations, then from matrices (a block given
    /// both ways is an error).
    private func assemble(groups: [ItemGroup], relations: [Relation], matrices: [BlockName: Matrix],
                          blockWeights: BlockWeights, mode: Mode, sources: Sources) throws -> Problem {
        do {
            var problem: Problem
            if relations.isEmpty {
                // An empty CSR placeholder: a dense zero A would allocate (and touch) m × n doubles
                // before the mapped block from `matrices` replaces it.
                let a = Matrix(sparse: SparseRows(rows: groups[0].count, columns: groups[1].count, triplets: []))
                problem = Problem(judgments: groups[0], principles: groups[1], theories: groups[2],
                                  compatibility: Compatibility(judgmentPrinciple: a), blockWeights: blockWeights, mode: mode)
            } else {
                func records(_ g: ItemGroup) -> [Item] { (0..<g.count).map { g[$0] } }
                problem = try Problem(judgments: records(groups[0]), principles: records(groups[1]), theories: records(groups[2]),
                                      relations: relations, blockWeights: blockWeights, mode: mode)
                try checkConflicts(relations, matrices: matrices, problem: problem)
            }
            for (name, matrix) in matrices { problem.compatibility.set(name, matrix) }
            try problem.validate()
            return problem
        } catch let error as ProblemError {
            let file = attribute(error, groups: groups, sources: sources)
            if let (row, column) = Self.entryIDs(error, groups: groups) {
                throw ProblemFileError.invalidEntry(file: file, error, rowID: row, columnID: column)
            }
            throw ProblemFileError.invalidProblem(file: file, error)
        }
    }

    /// The ids of the two items a bad block entry relates (its row's and its column's), so the
    /// error names items, not only indices.
    static func entryIDs(_ error: ProblemError, groups: [ItemGroup]) -> (String, String)? {
        let block: BlockName, row: Int, column: Int
        switch error {
        case let .blockEntry(name, r, c, _):
            guard let b = BlockName(rawValue: name) else { return nil }
            (block, row, column) = (b, r, c)
        case let .principlePrincipleNotSymmetric(r, c): (block, row, column) = (.principlePrinciple, r, c)
        default: return nil
        }
        let (rows, columns) = (groups[block.groups.rows.index].ids, groups[block.groups.columns.index].ids)
        guard rows.indices.contains(row), columns.indices.contains(column) else { return nil }
        return (rows[row], columns[column])
    }

    private func checkConflicts(_ relations: [Relation], matrices: [BlockName: Matrix], problem: Problem) throws {
        guard !matrices.isEmpty else { return }
        var groupOf: [String: Group] = [:]
        for g in Group.allCases { for id in problem.items(g).ids { groupOf[id] = g } }
        for (r, relation) in relations.enumerated() {
            guard let a = groupOf[relation.from], let b = groupOf[relation.to], let block = BlockName(relating: a, b),
                  matrices[block] != nil else { continue }
            throw ProblemFileError.conflictingSources(file: file, path: "relations[\(r)] ('\(relation.from)' – '\(relation.to)')",
                                                      other: "matrices.\(block.rawValue)")
        }
    }

    /// The file a model error stems from: the `.npy` file of the block or item group involved,
    /// else the problem file.
    private func attribute(_ error: ProblemError, groups: [ItemGroup], sources: Sources) -> String {
        func itemFile(_ id: String) -> String {
            guard let g = groups.first(where: { $0.ids.contains(id) }) else { return file }
            return sources.groups[g.group] ?? file
        }
        switch error {
        case let .blockEntry(block, _, _, _), let .blockShape(block, _, _):
            return BlockName(rawValue: block).flatMap { sources.blocks[$0] } ?? file
        case .principlePrincipleNotSymmetric:
            return sources.blocks[.principlePrinciple] ?? file
        case let .nonFinite(item, _), let .invertedBounds(item, _, _), let .initialOutOfBounds(item, _, _, _),
             let .negativeConfidence(item, _), let .negativeParsimony(item, _), let .parsimonyOutsidePrinciples(item):
            return itemFile(item)
        case let .emptyID(group, _):
            return sources.groups[group] ?? file
        default:
            return file
        }
    }
}

import Foundation

extension Problem {
    /// Writes the problem in the manifest form of docs/formats.md: the blocks as `A.npy`, `B.npy`,
    /// `C.npy`, `S.npy` (absent blocks are not written; a CSR block as the triple
    /// `A_indptr.npy`, `A_indices.npy`, `A_data.npy` under `sparse`) and the items as `j.npy`, `p.npy`, `t.npy`
    /// (columns initial, confidence, lower, upper, plus parsimony for principles), with a JSON
    /// manifest `name` that points to them, all in `directory` (created if needed). Every array
    /// file name starts with `arrayPrefix` (`changed_A.npy` for `"changed_"`), so that several
    /// manifests can share a directory.
    ///
    /// A group whose ids are not the defaults (`j0`, `j1`, …) or that has texts cannot be
    /// described by an array, so it is written as item objects in the manifest instead.
    ///
    /// - Throws: `ProblemError` for an invalid problem; `FileWriteError` when a file cannot be
    ///   written or the directory created.
    public func writeManifest(to directory: URL, name: String = "problem.json", dtype: NPYDType = .float64,
                              arrayPrefix: String = "") throws {
        try validate()
        try FileWriteError.createDirectory(directory)
        var members: [(String, JSONValue)] = [("format", .string(Self.fileFormat))]
        var arrays: [(String, JSONValue)] = []
        for g in orderedGroups {
            guard g.ids == ItemGroup(g.group, count: g.count).ids, g.texts.allSatisfy({ $0 == nil }) else {
                members.append((g.group.plural, g.jsonObjects))
                continue
            }
            let file = Self.arrayName(g.group, prefix: arrayPrefix)
            var columns = [g.initial, g.confidence, g.lower, g.upper]
            if g.group == .principle { columns.append(g.parsimony) }
            try NPYArray(rows: g.count, columns: columns).write(to: directory.appendingPathComponent(file), dtype: dtype)
            arrays.append((g.group.plural, .string(file)))
        }
        if !arrays.isEmpty { members.append(("items", .object(arrays))) }
        var matrices: [(String, JSONValue)] = [], sparse: [(String, JSONValue)] = []
        for block in BlockName.allCases {
            guard let matrix = compatibility[block] else { continue }
            if case let .sparse(csr) = matrix.entries {
                // A CSR block as its triple (`A_indptr.npy`, `A_indices.npy`, `A_data.npy`).
                let names = Self.arrayNames(sparse: block, prefix: arrayPrefix)
                try NPYArray.writeIntegers(csr.indptr.array, to: directory.appendingPathComponent(names[0]))
                try NPYArray.writeIntegers(csr.indices.map(Int.init), to: directory.appendingPathComponent(names[1]))
                try NPYArray(shape: [csr.values.count], values: csr.values.array).write(to: directory.appendingPathComponent(names[2]), dtype: dtype)
                sparse.append((block.rawValue, .object(zip(Self.sparseArrays, names).map { ($0, .string($1)) })))
                continue
            }
            let file = Self.arrayName(block, prefix: arrayPrefix)
            try NPYArray(matrix).write(to: directory.appendingPathComponent(file), dtype: dtype)
            matrices.append((block.rawValue, .string(file)))
        }
        members.append(("matrices", .object(matrices)))
        if !sparse.isEmpty { members.append(("sparse", .object(sparse))) }
        members += settingsJSON
        let url = directory.appendingPathComponent(name)
        try FileWriteError.write(JSONValue.object(members).prettyData, to: url)
    }

    /// The arrays of a CSR triple, in SciPy's names and the manifest's order.
    static let sparseArrays = ["indptr", "indices", "data"]

    /// Every file name `writeManifest(to:name:dtype:arrayPrefix:)` may give an array (which it
    /// writes depends on the problem): `j.npy`, `p.npy`, `t.npy`, `A.npy` … `S.npy` and the CSR
    /// triples `A_indptr.npy` …, each after `arrayPrefix`.
    public static func manifestArrayNames(arrayPrefix: String = "") -> [String] {
        Group.allCases.map { arrayName($0, prefix: arrayPrefix) } + BlockName.allCases.map { arrayName($0, prefix: arrayPrefix) }
            + BlockName.allCases.flatMap { arrayNames(sparse: $0, prefix: arrayPrefix) }
    }

    static func arrayName(_ group: Group, prefix: String) -> String { prefix + "\(group.idPrefix).npy" }

    static func arrayName(_ block: BlockName, prefix: String) -> String { prefix + block.fileName }

    static func arrayNames(sparse block: BlockName, prefix: String) -> [String] {
        sparseArrays.map { prefix + "\(block.letter)_\($0).npy" }
    }
}

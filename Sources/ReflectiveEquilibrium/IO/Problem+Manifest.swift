import Foundation

extension Problem {
    /// Writes the problem in the manifest form of docs/formats.md: the blocks as `A.npy`, `B.npy`,
    /// `C.npy`, `S.npy` (absent blocks are not written; a CSR block as the triple
    /// `A_indptr.npy`, `A_indices.npy`, `A_data.npy` under `sparse`) and the items as `j.npy`, `p.npy`, `t.npy`
    /// (columns initial, confidence, lower, upper, plus parsimony for principles), with a JSON
    /// manifest `name` that points to them, all in `directory` (created if needed).
    ///
    /// A group whose ids are not the defaults (`j0`, `j1`, …) or that has texts cannot be
    /// described by an array, so it is written as item objects in the manifest instead.
    ///
    /// - Throws: `ProblemError` for an invalid problem; `NPYError` or
    ///   `ProblemFileError.fileAccess` when a file cannot be written.
    public func writeManifest(to directory: URL, name: String = "problem.json", dtype: NPYDType = .float64) throws {
        try validate()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ProblemFileError.fileAccess(file: directory.lastPathComponent, reason: "cannot create the directory (\(error.localizedDescription))")
        }
        var members: [(String, JSONValue)] = [("format", .string(Self.fileFormat))]
        var arrays: [(String, JSONValue)] = []
        for g in orderedGroups {
            guard g.ids == ItemGroup(g.group, count: g.count).ids, g.texts.allSatisfy({ $0 == nil }) else {
                members.append((g.group.plural, g.jsonObjects))
                continue
            }
            let file = "\(g.group.idPrefix).npy"
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
                let names = Self.sparseArrays.map { "\(block.letter)_\($0).npy" }
                try NPYArray.writeIntegers(csr.indptr, to: directory.appendingPathComponent(names[0]))
                try NPYArray.writeIntegers(csr.indices.map(Int.init), to: directory.appendingPathComponent(names[1]))
                try NPYArray(shape: [csr.values.count], values: csr.values).write(to: directory.appendingPathComponent(names[2]), dtype: dtype)
                sparse.append((block.rawValue, .object(zip(Self.sparseArrays, names).map { ($0, .string($1)) })))
                continue
            }
            try NPYArray(matrix).write(to: directory.appendingPathComponent(block.fileName), dtype: dtype)
            matrices.append((block.rawValue, .string(block.fileName)))
        }
        members.append(("matrices", .object(matrices)))
        if !sparse.isEmpty { members.append(("sparse", .object(sparse))) }
        members += settingsJSON
        let url = directory.appendingPathComponent(name)
        do {
            try JSONValue.object(members).prettyData.write(to: url, options: .atomic)
        } catch {
            throw ProblemFileError.fileAccess(file: name, reason: "cannot write the file (\(error.localizedDescription))")
        }
    }

    /// The arrays of a CSR triple, in SciPy's names and the manifest's order.
    static let sparseArrays = ["indptr", "indices", "data"]
}

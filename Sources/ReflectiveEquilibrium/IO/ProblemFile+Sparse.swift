import Foundation

extension ProblemFile {
    /// The blocks given as CSR triples under `sparse` (the manifest's `sparse` member, docs/formats.md):
    ///
    ///     "sparse": {"judgmentPrinciple": {"indptr": "A_indptr.npy", "indices": "A_indices.npy",
    ///                                      "data": "A_data.npy"}}
    ///
    /// `indptr` and `indices` are 1-D `<i4` or `<i8`, `data` 1-D `<f8` or `<f4` (widened to
    /// float64): SciPy's `csr_array` in canonical form (`A.sort_indices()`; `A.has_canonical_format`).
    /// Checked: `indptr` has rows + 1 entries, starts at 0, never decreases and ends at nnz
    /// (= the lengths of `indices` and `data`); every index lies in `0 ..< columns` and the
    /// indices of a row strictly increase (sorted, no duplicates); every value is finite and in
    /// [-1, 1]. A violation, or an unreadable or truncated file, is a
    /// `ProblemFileError.sparseTriple` naming the file and the field (`sparse.judgmentPrinciple.indptr`).
    func sparseBlocks(_ node: JSONNode, groups: [ItemGroup], sources: inout Sources) throws -> [BlockName: Matrix] {
        var out: [BlockName: Matrix] = [:]
        let entries = try node.members(allowed: BlockName.allCases.map(\.rawValue))
        for name in BlockName.allCases {
            guard let entry = entries[name.rawValue] else { continue }
            let members = try entry.members(allowed: Problem.sparseArrays)
            var paths: [String: String] = [:]
            for array in Problem.sparseArrays {
                guard let member = members[array] else { throw ProblemFileError.missingField(file: file, path: "\(entry.path).\(array)") }
                paths[array] = try member.string()
            }
            func fail(_ array: String, _ reason: String) -> ProblemFileError {
                .sparseTriple(file: paths[array]!, field: "\(entry.path).\(array)", reason: reason)
            }
            let (rowGroup, columnGroup) = name.groups
            let rows = groups[rowGroup.index].count, columns = groups[columnGroup.index].count
            let indptr = try integers(paths["indptr"]!) { fail("indptr", $0) }
            let indexValues = try integers(paths["indices"]!) { fail("indices", $0) }
            let data = try floats(paths["data"]!) { fail("data", $0) }
            var indices = [Int32](repeating: 0, count: indexValues.count)
            for (r, v) in indexValues.enumerated() {
                guard v >= 0 && v < columns else { throw fail("indices", "entry \(r) is column \(v), outside 0..<\(columns) (\(columnGroup.plural))") }
                indices[r] = Int32(v)
            }
            let csr = SparseRows(rows: rows, columns: columns, indptr: indptr, indices: indices, values: data)
            if let (array, reason) = csr.problem() { throw fail(array, reason) }
            out[name] = Matrix(sparse: csr)
            sources.blocks[name] = paths["data"]
        }
        return out
    }

    /// A 1-D `<i4` or `<i8` array.
    private func integers(_ path: String, _ fail: (String) -> ProblemFileError) throws -> [Int] {
        let data = try bytes(path, fail)
        return try data.withUnsafeBytes { raw in
            let layout: NPYArray.Layout
            do { layout = try NPYArray.layout(raw, name: path, types: ["<i4": 4, "<i8": 8]) } catch let error as NPYError {
                throw fail("\(error)")
            }
            guard layout.shape.count == 1 else { throw fail("expected a 1-D integer array, found shape \(NPYHeader.shapeText(layout.shape))") }
            return (0..<layout.count).map { i in
                layout.itemSize == 4
                    ? Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: layout.dataStart + 4 * i, as: Int32.self)))
                    : Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: layout.dataStart + 8 * i, as: Int64.self)))
            }
        }
    }

    /// A 1-D `<f8` or `<f4` array, as `Double`.
    private func floats(_ path: String, _ fail: (String) -> ProblemFileError) throws -> [Double] {
        let array: NPYArray
        do { array = try NPYArray.read(data: try bytes(path, fail), name: path) } catch let error as NPYError { throw fail("\(error)") }
        guard array.shape.count == 1 else { throw fail("expected a 1-D float array, found shape \(NPYHeader.shapeText(array.shape))") }
        return array.values
    }

    private func bytes(_ path: String, _ fail: (String) -> ProblemFileError) throws -> Data {
        do { return try Data(contentsOf: resolve(path), options: .mappedIfSafe) } catch {
            throw fail("cannot read the file (\(FileFailure.reason(error, url: resolve(path))))")
        }
    }
}

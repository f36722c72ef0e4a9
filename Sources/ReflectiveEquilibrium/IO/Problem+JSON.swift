import Foundation

extension Problem {
    /// The format string of problem files (docs/formats.md).
    public static let fileFormat = "wre-problem/1"

    /// Loads a problem file (`wre-problem/1`, docs/formats.md): named items and sparse relations, or
    /// a manifest whose `matrices` and `items` point to NumPy `.npy` files, resolved relative to
    /// the file's directory.
    ///
    /// - Throws: `ProblemFileError` naming the file and the JSON path of a wrong value,
    ///   `NPYError` naming an unreadable array file, or `ProblemFileError.invalidProblem`
    ///   wrapping the `ProblemError` that names the offending item or relation.
    public init(contentsOf url: URL) throws {
        let data = try ProblemFile.contents(of: url)
        self = try ProblemFile(file: url.lastPathComponent, baseDirectory: url.deletingLastPathComponent()).problem(from: data)
    }

    /// Decodes a problem file's contents (see `init(contentsOf:)`). Relative `.npy` paths are
    /// resolved against `baseDirectory`, or the working directory when it is `nil`; errors name
    /// the document `name` (e.g. `standard input`).
    public init(jsonData: Data, baseDirectory: URL? = nil, name: String = "problem JSON") throws {
        self = try ProblemFile(file: name, baseDirectory: baseDirectory).problem(from: jsonData)
    }

    /// The `.npy` files a problem file's contents point to (under `items`, `matrices` and
    /// `sparse`), resolved against `baseDirectory` (the working directory when `nil`), in the
    /// order they are written; none for the relations form. Only the JSON is read.
    ///
    /// - Throws: `ProblemFileError` when the JSON or those members are malformed.
    public static func arrayFiles(inJSON data: Data, baseDirectory: URL? = nil, name: String = "problem JSON") throws -> [URL] {
        let reader = ProblemFile(file: name, baseDirectory: baseDirectory)
        let top = try JSONNode.parse(data, file: name).members(allowed: ProblemFile.topLevelFields)
        var paths: [String] = []
        for key in ["items", "matrices"] {
            for (_, node) in try top[key].map({ try $0.orderedMembers() }) ?? [] { paths.append(try node.string()) }
        }
        for (_, triple) in try top["sparse"].map({ try $0.orderedMembers() }) ?? [] {
            for (_, node) in try triple.orderedMembers() { paths.append(try node.string()) }
        }
        return paths.map(reader.resolve)
    }

    /// The problem as a `wre-problem/1` file in the relations form: every item with all its
    /// fields, the non-zero block entries as relations, the block weights and the mode. The
    /// output is pretty-printed and stable (the same problem gives the same bytes).
    ///
    /// - Throws: `ProblemError` when the problem is invalid (it could not be read back).
    public func jsonData() throws -> Data {
        try validate()
        var members: [(String, JSONValue)] = [("format", .string(Self.fileFormat))]
        for g in orderedGroups { members.append((g.group.plural, g.jsonObjects)) }
        members.append(("relations", .array(relations.map {
            .object([("from", .string($0.from)), ("to", .string($0.to)), ("weight", .number($0.weight))])
        })))
        members += settingsJSON
        return JSONValue.object(members).prettyData
    }

    /// The `blockWeights` and `mode` members.
    var settingsJSON: [(String, JSONValue)] {
        let w = blockWeights
        let weights: [(String, JSONValue)] = [
            (BlockName.judgmentPrinciple.rawValue, .number(w.judgmentPrinciple)),
            (BlockName.principleTheory.rawValue, .number(w.principleTheory)),
            (BlockName.judgmentTheory.rawValue, .number(w.judgmentTheory)),
            (BlockName.principlePrinciple.rawValue, .number(w.principlePrinciple)),
        ]
        return [("blockWeights", .object(weights)), ("mode", .string(mode.rawValue))]
    }
}

extension ItemGroup {
    /// The items as JSON objects with every field (`text` is `null` when absent).
    var jsonObjects: JSONValue {
        .array((0..<count).map { i in
            .object([("id", .string(ids[i])), ("text", .string(texts[i])), ("initial", .number(initial[i])),
                     ("confidence", .number(confidence[i])), ("lower", .number(lower[i])), ("upper", .number(upper[i])),
                     ("parsimony", .number(parsimony[i]))])
        })
    }
}

import Foundation

extension ProblemChanges {
    /// The format string of change files.
    public static let fileFormat = "wre-changes/1"

    /// Reads a `wre-changes/1` document. Every member is optional; unknown fields are errors.
    ///
    /// ```json
    /// {
    ///   "format": "wre-changes/1",
    ///   "add": {"judgments": [{"id": "j9", "initial": -1}], "principles": [], "theories": [],
    ///           "relations": [{"from": "p1", "to": "j9", "weight": 0.7}]},
    ///   "remove": {"items": ["j3"], "relations": [{"from": "p2", "to": "j1"}]},
    ///   "set": {"items": [{"id": "p4", "confidence": 2.5, "parsimony": 0.1}],
    ///           "relations": [{"from": "p1", "to": "t1", "weight": -0.4}],
    ///           "blockWeights": {"principleTheory": 0.5}, "mode": "narrow"}
    /// }
    /// ```
    ///
    /// Added items take the fields and defaults of problem items (docs/formats.md); `set.items`
    /// entries need `id` and change only the fields given (`text`, `initial`, `confidence`,
    /// `lower`, `upper`, `parsimony`); `set.blockWeights` changes only the weights given.
    ///
    /// - Throws: `ProblemFileError` naming the file and the JSON path of a wrong value,
    ///   `ProblemChangesError.unsupportedFormat` for a missing or other format.
    public init(jsonData data: Data, file: String = "changes JSON") throws {
        let reader = ProblemFile(file: file, baseDirectory: nil)
        let top = try JSONNode.parse(data, file: file).members(allowed: ["format", "add", "remove", "set"])
        guard let formatNode = top["format"] else { throw ProblemChangesError.unsupportedFormat(file: file, found: nil) }
        let format = try formatNode.string()
        guard format == Self.fileFormat else { throw ProblemChangesError.unsupportedFormat(file: file, found: format) }
        self.init()
        if let add = try top["add"]?.members(allowed: Group.allCases.map(\.plural) + ["relations"]) {
            for g in Group.allCases {
                if let list = try add[g.plural]?.elements(), !list.isEmpty { addedItems[g] = try list.map { try reader.item(g, $0) } }
            }
            addedRelations = try add["relations"].map(reader.relations) ?? []
        }
        if let remove = try top["remove"]?.members(allowed: ["items", "relations"]) {
            removedItems = try remove["items"]?.elements().map { try $0.string() } ?? []
            removedRelations = try remove["relations"]?.elements().map { element in
                let f = try element.members(allowed: ["from", "to"])
                return RelationPair(from: try f["from"].requiredString(path: "\(element.path).from", file: file),
                                    to: try f["to"].requiredString(path: "\(element.path).to", file: file))
            } ?? []
        }
        if let set = try top["set"]?.members(allowed: ["items", "relations", "blockWeights", "mode"]) {
            itemSettings = try set["items"]?.elements().map { element in
                let f = try element.members(allowed: ProblemFile.itemFields)
                return ItemSetting(id: try f["id"].requiredString(path: "\(element.path).id", file: file),
                                   text: try f["text"]?.string(), initial: try f["initial"]?.number(),
                                   confidence: try f["confidence"]?.number(), lower: try f["lower"]?.number(),
                                   upper: try f["upper"]?.number(), parsimony: try f["parsimony"]?.number())
            } ?? []
            relationWeights = try set["relations"].map(reader.relations) ?? []
            if let weights = try set["blockWeights"]?.members(allowed: BlockName.allCases.map(\.rawValue)) {
                blockWeights = BlockWeightSetting(
                    judgmentPrinciple: try weights[BlockName.judgmentPrinciple.rawValue]?.number(),
                    principleTheory: try weights[BlockName.principleTheory.rawValue]?.number(),
                    judgmentTheory: try weights[BlockName.judgmentTheory.rawValue]?.number(),
                    principlePrinciple: try weights[BlockName.principlePrinciple.rawValue]?.number())
            }
            mode = try set["mode"].map(reader.mode)
        }
    }

    /// Reads a change file (see `init(jsonData:file:)`).
    public init(contentsOf url: URL) throws {
        try self.init(jsonData: try ProblemFile.contents(of: url), file: url.lastPathComponent)
    }

    /// The changes as a `wre-changes/1` document (empty sections are left out; stable bytes).
    public func jsonData() -> Data {
        func relation(_ r: Relation) -> JSONValue {
            .object([("from", .string(r.from)), ("to", .string(r.to)), ("weight", .number(r.weight))])
        }
        var add: [(String, JSONValue)] = []
        for g in Group.allCases {
            guard let items = addedItems[g], !items.isEmpty else { continue }
            add.append((g.plural, ItemGroup(g, items: items).jsonObjects))
        }
        if !addedRelations.isEmpty { add.append(("relations", .array(addedRelations.map(relation)))) }
        var remove: [(String, JSONValue)] = []
        if !removedItems.isEmpty { remove.append(("items", .array(removedItems.map { .string($0) }))) }
        if !removedRelations.isEmpty {
            remove.append(("relations", .array(removedRelations.map { .object([("from", .string($0.from)), ("to", .string($0.to))]) })))
        }
        var set: [(String, JSONValue)] = []
        if !itemSettings.isEmpty {
            set.append(("items", .array(itemSettings.map { s in
                let fields: [(String, JSONValue?)] = [
                    ("id", .string(s.id)), ("text", s.text.map { .string($0) }), ("initial", s.initial.map { .number($0) }),
                    ("confidence", s.confidence.map { .number($0) }), ("lower", s.lower.map { .number($0) }),
                    ("upper", s.upper.map { .number($0) }), ("parsimony", s.parsimony.map { .number($0) })]
                return .object(fields.compactMap { key, value in value.map { (key, $0) } })
            })))
        }
        if !relationWeights.isEmpty { set.append(("relations", .array(relationWeights.map(relation)))) }
        let w = blockWeights
        let weights: [(String, Double?)] = [(BlockName.judgmentPrinciple.rawValue, w.judgmentPrinciple),
                                            (BlockName.principleTheory.rawValue, w.principleTheory),
                                            (BlockName.judgmentTheory.rawValue, w.judgmentTheory),
                                            (BlockName.principlePrinciple.rawValue, w.principlePrinciple)]
        let given = weights.compactMap { key, value in value.map { (key, JSONValue.number($0)) } }
        if !given.isEmpty { set.append(("blockWeights", .object(given))) }
        if let mode { set.append(("mode", .string(mode.rawValue))) }
        var members: [(String, JSONValue)] = [("format", .string(Self.fileFormat))]
        if !add.isEmpty { members.append(("add", .object(add))) }
        if !remove.isEmpty { members.append(("remove", .object(remove))) }
        if !set.isEmpty { members.append(("set", .object(set))) }
        return JSONValue.object(members).prettyData
    }
}

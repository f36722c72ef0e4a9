/// A set of changes to a problem (dynamic revisability, docs/README.md): items and relations added,
/// removed or re-weighted, block weights and the mode reset. The file form is `wre-changes/1`
/// (see `ProblemChanges(jsonData:)`).
///
/// `Problem.applying(_:)` applies them in a fixed order — removals, then additions, then
/// settings — so a change may refer to an item that the same change set adds, and a removed
/// item takes its relations with it. Every change is checked: an unknown id, a relation that
/// does not exist (remove, set) or already exists (add), an id that is already taken, or a
/// value that makes the problem invalid is a `ProblemChangesError` naming the change
/// (`set.items[2]`) and the item.
public struct ProblemChanges: Sendable, Equatable {
    /// Judgments, principles and theories to add (appended to their group, in order).
    public var addedItems: [Group: [Item]]
    /// Relations to add; the pair must not be related yet (a non-zero block entry).
    public var addedRelations: [Relation]
    /// Ids of items to remove, with every relation they take part in.
    public var removedItems: [String]
    /// Relations to remove (unordered pairs); the pair must be related.
    public var removedRelations: [RelationPair]
    /// New values of some fields of existing (or added) items.
    public var itemSettings: [ItemSetting]
    /// New weights of existing relations (weight 0 removes the relation).
    public var relationWeights: [Relation]
    /// New block weights; `nil` entries keep the current weight.
    public var blockWeights: BlockWeightSetting
    /// A new mode, or `nil` to keep it.
    public var mode: Mode?

    public init(addedItems: [Group: [Item]] = [:], addedRelations: [Relation] = [], removedItems: [String] = [],
                removedRelations: [RelationPair] = [], itemSettings: [ItemSetting] = [], relationWeights: [Relation] = [],
                blockWeights: BlockWeightSetting = BlockWeightSetting(), mode: Mode? = nil) {
        self.addedItems = addedItems
        self.addedRelations = addedRelations
        self.removedItems = removedItems
        self.removedRelations = removedRelations
        self.itemSettings = itemSettings
        self.relationWeights = relationWeights
        self.blockWeights = blockWeights
        self.mode = mode
    }

    /// Whether nothing changes.
    public var isEmpty: Bool {
        addedItems.values.allSatisfy(\.isEmpty) && addedRelations.isEmpty && removedItems.isEmpty && removedRelations.isEmpty
            && itemSettings.isEmpty && relationWeights.isEmpty && blockWeights == BlockWeightSetting() && mode == nil
    }
}

/// An unordered pair of item ids naming a relation.
public struct RelationPair: Sendable, Hashable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// New values for some fields of one item; `nil` keeps the current value.
public struct ItemSetting: Sendable, Equatable {
    public var id: String
    public var text: String?
    public var initial: Double?
    public var confidence: Double?
    public var lower: Double?
    public var upper: Double?
    public var parsimony: Double?

    public init(id: String, text: String? = nil, initial: Double? = nil, confidence: Double? = nil,
                lower: Double? = nil, upper: Double? = nil, parsimony: Double? = nil) {
        self.id = id
        self.text = text
        self.initial = initial
        self.confidence = confidence
        self.lower = lower
        self.upper = upper
        self.parsimony = parsimony
    }
}

/// New block weights; `nil` keeps the current weight.
public struct BlockWeightSetting: Sendable, Equatable {
    public var judgmentPrinciple: Double?
    public var principleTheory: Double?
    public var judgmentTheory: Double?
    public var principlePrinciple: Double?

    public init(judgmentPrinciple: Double? = nil, principleTheory: Double? = nil, judgmentTheory: Double? = nil,
                principlePrinciple: Double? = nil) {
        self.judgmentPrinciple = judgmentPrinciple
        self.principleTheory = principleTheory
        self.judgmentTheory = judgmentTheory
        self.principlePrinciple = principlePrinciple
    }
}

/// Why a change set cannot be applied. Every case names the change by its path in the
/// `wre-changes/1` document (`remove.items[0]`, `set.relations[1]`) and the item or pair.
public enum ProblemChangesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The changes file's `format` is missing or not `wre-changes/1`.
    case unsupportedFormat(file: String, found: String?)
    /// A change names an id that no item has (after removals and additions).
    case unknownItem(change: String, id: String)
    /// An added item's id is already taken.
    case itemExists(change: String, id: String)
    /// A removal or re-weighting names a pair that is not related.
    case notRelated(change: String, from: String, to: String)
    /// An added relation names a pair that is already related (use `set.relations`).
    case alreadyRelated(change: String, from: String, to: String)
    /// The changed problem is invalid; `change` is the change that introduced the offender.
    case invalidChange(change: String, ProblemError)
    /// The previous result to warm-start from does not belong to the problem (`reason` names the item).
    case resultMismatch(reason: String)

    public static func == (a: ProblemChangesError, b: ProblemChangesError) -> Bool { a.description == b.description }

    public var description: String {
        switch self {
        case let .unsupportedFormat(file, found):
            let what = found.map { "\"\($0)\" is not supported" } ?? "missing"
            return "\(file): format: \(what) (expected \"\(ProblemChanges.fileFormat)\")"
        case let .unknownItem(change, id): return "\(change): unknown id '\(id)'"
        case let .itemExists(change, id): return "\(change): id '\(id)' is already taken"
        case let .notRelated(change, f, t): return "\(change): '\(f)' – '\(t)' are not related"
        case let .alreadyRelated(change, f, t): return "\(change): '\(f)' – '\(t)' are already related (use set.relations to re-weight)"
        case let .invalidChange(change, error): return "\(change): \(error)"
        case let .resultMismatch(reason): return "the previous result does not belong to the problem: \(reason)"
        }
    }
}

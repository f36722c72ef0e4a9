/// The items of one group, stored as columns so that a million judgments cost a few arrays,
/// not a million objects.
public struct ItemGroup: Sendable, Equatable {
    /// Which group these items form.
    public let group: Group
    /// Identifiers, unique across the whole problem.
    public var ids: [String]
    /// Statements (`nil` when not given).
    public var texts: [String?]
    /// Initial values `x0`.
    public var initial: [Double]
    /// Anchoring weights `λ ≥ 0`.
    public var confidence: [Double]
    /// Lower bounds.
    public var lower: [Double]
    /// Upper bounds.
    public var upper: [Double]
    /// Parsimony costs `μ ≥ 0` (only principles use them).
    public var parsimony: [Double]

    /// The number of items.
    public var count: Int { ids.count }

    /// An empty group.
    public init(_ group: Group) {
        self.group = group
        ids = []; texts = []; initial = []; confidence = []; lower = []; upper = []; parsimony = []
    }

    /// A group from item records.
    public init(_ group: Group, items: [Item]) {
        self.init(group)
        for item in items { append(item) }
    }

    /// `count` items with default ids (`j0`, `j1`, … by group) and the group's default values.
    public init(_ group: Group, count: Int) {
        self.group = group
        ids = (0..<count).map { "\(group.idPrefix)\($0)" }
        texts = [String?](repeating: nil, count: count)
        initial = [Double](repeating: group.defaultInitial, count: count)
        confidence = [Double](repeating: 1, count: count)
        lower = [Double](repeating: group.defaultBounds.lower, count: count)
        upper = [Double](repeating: group.defaultBounds.upper, count: count)
        parsimony = [Double](repeating: 0, count: count)
    }

    /// Appends one item.
    public mutating func append(_ item: Item) {
        ids.append(item.id); texts.append(item.text); initial.append(item.initial)
        confidence.append(item.confidence); lower.append(item.lower); upper.append(item.upper)
        parsimony.append(item.parsimony)
    }

    /// The item at `index` as a record.
    public subscript(index: Int) -> Item {
        var item = Item(id: ids[index], group: group, text: texts[index], initial: initial[index],
                        confidence: confidence[index], lower: lower[index], upper: upper[index],
                        parsimony: parsimony[index])
        item.parsimony = parsimony[index]
        return item
    }
}

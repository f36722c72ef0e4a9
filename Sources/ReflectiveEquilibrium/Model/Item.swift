/// One judgment, principle or theory, as written in a problem file (docs/formats.md).
public struct Item: Sendable, Hashable, Codable {
    /// Unique identifier across all groups.
    public var id: String
    /// Human-readable statement.
    public var text: String?
    /// Initial value `x0_i`.
    public var initial: Double
    /// Anchoring weight `λ_i ≥ 0`: the cost of revising the item.
    public var confidence: Double
    /// Lower bound `l_i`.
    public var lower: Double
    /// Upper bound `u_i`; `lower == upper` locks the item.
    public var upper: Double
    /// Parsimony cost `μ_a ≥ 0` (principles only; 0 elsewhere).
    public var parsimony: Double

    /// An item with the defaults of `group` for every field not given.
    public init(
        id: String, group: Group, text: String? = nil, initial: Double? = nil, confidence: Double = 1,
        lower: Double? = nil, upper: Double? = nil, parsimony: Double = 0
    ) {
        self.id = id
        self.text = text
        self.initial = initial ?? group.defaultInitial
        self.confidence = confidence
        self.lower = lower ?? group.defaultBounds.lower
        self.upper = upper ?? group.defaultBounds.upper
        self.parsimony = parsimony
    }
}

/// A reflective-equilibrium problem (docs/model.md): items of three groups, the compatibility
/// blocks between them, block weights and a mode.
///
/// The equilibrium is
///
///     x* = argmax  Coh(x) − ½ Σᵢ λᵢ (xᵢ − x0ᵢ)² − Σₐ μₐ pₐ   over  l ≤ x ≤ u,
///
/// equivalently `minimize ½ xᵀHx − cᵀx` with `H = Λ − W`, `c = Λx0 − μ̃`.
public struct Problem: Sendable, Equatable {
    /// Considered judgments (m).
    public var judgments: ItemGroup { didSet { cache = ProblemCache(); itemsChecked = ItemsChecked() } }
    /// Principles (n).
    public var principles: ItemGroup { didSet { itemsChecked = ItemsChecked() } }
    /// Background theories (k).
    public var theories: ItemGroup { didSet { itemsChecked = ItemsChecked() } }
    /// The blocks A, B, C, S.
    public var compatibility: Compatibility { didSet { cache = ProblemCache() } }
    /// The block weights α.
    public var blockWeights: BlockWeights { didSet { cache = ProblemCache() } }
    /// Which groups may be revised.
    public var mode: Mode
    /// What one read of the blocks yields (`ProblemStatistics`), kept until the judgments, the
    /// blocks or the block weights change.
    var cache = ProblemCache()
    /// Whether the items passed their checks (ids, values, bounds), kept until an item changes.
    var itemsChecked = ItemsChecked()

    /// A problem from its parts. Call `validate()` (or solve, which validates) before use.
    public init(judgments: ItemGroup, principles: ItemGroup, theories: ItemGroup = ItemGroup(.theory),
                compatibility: Compatibility, blockWeights: BlockWeights = BlockWeights(), mode: Mode = .wide) {
        self.judgments = judgments
        self.principles = principles
        self.theories = theories
        self.compatibility = compatibility
        self.blockWeights = blockWeights
        self.mode = mode
    }

    /// `(m, n, k)`.
    public var shape: (judgments: Int, principles: Int, theories: Int) {
        (judgments.count, principles.count, theories.count)
    }

    /// The group of items in `group`.
    public func items(_ group: Group) -> ItemGroup {
        switch group {
        case .judgment: return judgments
        case .principle: return principles
        case .theory: return theories
        }
    }

    /// All items in order `(j, p, t)`, with their group.
    var orderedGroups: [ItemGroup] { [judgments, principles, theories] }
}

/// A sparse relation between two items, as in problem files: an unordered pair of ids and a
/// weight in [-1, 1]. The groups of its ends pick the block (J–P → A, P–T → B, J–T → C, P–P → S).
public struct Relation: Sendable, Hashable, Codable {
    /// One end.
    public var from: String
    /// The other end.
    public var to: String
    /// Compatibility in [-1, 1]: + supports, − conflicts.
    public var weight: Double

    public init(from: String, to: String, weight: Double) {
        self.from = from
        self.to = to
        self.weight = weight
    }
}

/// The outcome of `Equilibrium.update(_:with:)`: the changed problem, its equilibrium reached
/// by a warm start from the previous one, optionally a cold solve of the same problem for
/// comparison, and the diff against the previous equilibrium.
public struct UpdateReport: Sendable {
    /// The problem after the changes.
    public var problem: Problem
    /// The equilibrium the update started from.
    public var previous: Equilibrium
    /// The changed problem solved from the previous state (values mapped by id; added items
    /// start at their initial value).
    public var result: Equilibrium
    /// The changed problem solved from its initial values, when asked for.
    public var cold: Equilibrium?
    /// Items added, removed, or whose value moved by more than the threshold or whose class
    /// changed: added and removed first, then the largest moves.
    public var changes: [ItemChange]

    /// `result.objective.total − previous.objective.total` (the objective maximized).
    public var objectiveChange: Double { result.objective.total - previous.objective.total }

    /// Iterations of the cold solve minus those of the warm start (`nil` without a cold solve).
    public var iterationsSaved: Int? { cold.map { $0.iterations - result.iterations } }

    /// `‖x_warm − x_cold‖_∞` (`nil` without a cold solve). On a problem not certified convex the
    /// two may legitimately reach different equilibria.
    public var coldDistance: Double? {
        cold.map { c in zip(c.items, result.items).reduce(0) { max($0, abs($1.0.value - $1.1.value)) } }
    }
}

/// One item in the diff of an update.
public struct ItemChange: Sendable, Equatable {
    /// How the item changed.
    public enum Kind: String, Sendable, Codable {
        case added, removed, changed
    }

    public var id: String
    public var group: Group
    public var kind: Kind
    /// The value in the previous equilibrium (`nil` for an added item).
    public var before: Double?
    /// The value in the new equilibrium (`nil` for a removed item).
    public var after: Double?
    public var classBefore: ItemClass?
    public var classAfter: ItemClass?

    /// `after − before` when both exist.
    public var delta: Double? {
        guard let before, let after else { return nil }
        return after - before
    }
}

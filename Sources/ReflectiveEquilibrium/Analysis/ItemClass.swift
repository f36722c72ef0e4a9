/// The class of an item's value (docs/results.md). Thresholds are on the value itself:
///
/// - judgments: `retained` v > 0.5, `weakened` 0.1 < v ≤ 0.5, `suspended` |v| ≤ 0.1, `reversed` v < −0.1;
/// - principles: `adopted` v ≥ 0.75, `partial` 0.25 < v < 0.75, `rejected` v ≤ 0.25;
/// - theories: `accepted` v ≥ 0.75, `partial`, `rejected` likewise.
public enum ItemClass: String, Codable, Sendable, CaseIterable {
    case retained, weakened, suspended, reversed
    case adopted, accepted, partial, rejected

    /// The class of `value` for an item of `group`.
    public init(group: Group, value v: Double) {
        switch group {
        case .judgment:
            if v > 0.5 { self = .retained } else if v > 0.1 { self = .weakened } else if v >= -0.1 { self = .suspended } else { self = .reversed }
        case .principle, .theory:
            if v >= 0.75 { self = group == .principle ? .adopted : .accepted } else if v > 0.25 { self = .partial } else { self = .rejected }
        }
    }

    /// The classes an item of `group` can take, in report order.
    public static func classes(of group: Group) -> [ItemClass] {
        switch group {
        case .judgment: return [.retained, .weakened, .suspended, .reversed]
        case .principle: return [.adopted, .partial, .rejected]
        case .theory: return [.accepted, .partial, .rejected]
        }
    }
}

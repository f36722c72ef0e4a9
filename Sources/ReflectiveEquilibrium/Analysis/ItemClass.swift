/// The class of an item: what happened to it, relative to where it started (docs/results.md).
///
/// - judgments compare the final stance with the initial one: with the **stance**
///   `σ = sign(x0)` (`σ = +1` when `x0 = 0`) and `s = σ·v`, `retained` s > 0.5, `weakened`
///   0.1 < s ≤ 0.5, `suspended` |s| ≤ 0.1, `reversed` s < −0.1. A judgment that starts at −1
///   and stays there is retained; one that goes from −1 to −0.58 is weakened.
/// - principles (by value, which has one meaning): `adopted` v ≥ 0.75, `partial`
///   0.25 < v < 0.75, `rejected` v ≤ 0.25;
/// - theories: `accepted` v ≥ 0.75, `partial`, `rejected` likewise.
public enum ItemClass: String, Codable, Sendable, CaseIterable {
    case retained, weakened, suspended, reversed
    case adopted, accepted, partial, rejected

    /// The class of an item of `group` that started at `initial` and has `value`.
    public init(group: Group, initial: Double, value: Double) {
        switch group {
        case .judgment:
            let s = Self.stance(group: group, initial: initial) * value
            if s > 0.5 { self = .retained } else if s > 0.1 { self = .weakened } else if s >= -0.1 { self = .suspended } else { self = .reversed }
        case .principle, .theory:
            if value >= 0.75 { self = group == .principle ? .adopted : .accepted } else if value > 0.25 { self = .partial } else { self = .rejected }
        }
    }

    /// The stance `σ` the classes of an item of `group` are taken relative to: `sign(x0)` for a
    /// judgment (+1 when `x0 = 0`), +1 for principles and theories (classed by value). A class
    /// rises (towards retained, adopted, accepted) as `σ·value` rises.
    public static func stance(group: Group, initial: Double) -> Double {
        group == .judgment && initial < 0 ? -1 : 1
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

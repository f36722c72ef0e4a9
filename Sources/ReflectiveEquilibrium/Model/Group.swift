/// The three sets that wide reflective equilibrium brings into coherence (docs/model.md).
public enum Group: String, Codable, Sendable, CaseIterable {
    /// Considered judgments `j ∈ [-1, 1]`: +1 affirm the verdict as stated, 0 suspend, −1 reverse.
    case judgment
    /// Principles `p ∈ [0, 1]`: 1 adopted, 0 rejected.
    case principle
    /// Background theories `t ∈ [0, 1]`: 1 accepted, 0 rejected.
    case theory

    /// The default bounds of the group's items.
    public var defaultBounds: (lower: Double, upper: Double) {
        switch self {
        case .judgment: return (-1, 1)
        case .principle, .theory: return (0, 1)
        }
    }

    /// The default initial value of the group's items (1 for judgments, 0.5 otherwise).
    public var defaultInitial: Double { self == .judgment ? 1 : 0.5 }

    /// The plural noun used in files and reports (`judgments`, `principles`, `theories`).
    public var plural: String {
        switch self {
        case .judgment: return "judgments"
        case .principle: return "principles"
        case .theory: return "theories"
        }
    }

    /// The prefix of default ids (`j0`, `p0`, `t0`, …).
    var idPrefix: String {
        switch self {
        case .judgment: return "j"
        case .principle: return "p"
        case .theory: return "t"
        }
    }
}

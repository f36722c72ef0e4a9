/// Whether a planted instance is convex by construction (docs/model.md: `H ≻ 0`, a unique
/// equilibrium) or has coherence stronger than anchoring (several equilibria may exist).
public enum PlantedRegime: String, Codable, Sendable, CaseIterable {
    /// The principle and theory anchoring is set above a certified bound, so the Schur complement
    /// of the judgments is positive definite and the equilibrium is unique.
    case convex
    /// The principle and theory anchoring is set to half of a certified lower bound on the
    /// coupling, so the Schur complement has a negative eigenvalue and the certificate refutes
    /// convexity.
    case nonconvex
}

/// Whether the problem is certified strictly convex, and so its equilibrium unique (docs/model.md).
///
/// If `H ≻ 0` on the revisable items the problem is strictly convex and its equilibrium is
/// unique. With every revisable judgment anchored (`λ > 0`), `H ≻ 0` iff the Schur complement
/// `Σ = (Λ_Y − W_YY) − W_YJ Λ_J⁻¹ W_JY` over the revisable principles and theories is positive
/// definite. Two certificates decide it (`Method`): a weighted diagonal-dominance bound that
/// costs at most two passes over A, and, when it does not certify, a Cholesky factorization of
/// Σ (LAPACK `potrf`) from the judgments' Gram sum.
///
/// `convex` and `unique` are separate claims: a failed Cholesky refutes convexity, not
/// uniqueness (a non-convex problem may still have one equilibrium), so `unique` is `true` only
/// when convexity is certified, `false` only when a multi-start solve found two distinct stable
/// equilibria, and `nil` otherwise.
public struct Certificate: Sendable, Equatable {
    /// How the answer was reached.
    public enum Method: String, Sendable, Equatable, Codable, CaseIterable {
        /// Only judgments are revisable and all are anchored: H is diagonal and positive.
        case diagonal
        /// A weighted diagonal-dominance bound (Gershgorin on `X⁻¹ Σ X`, Collatz–Wielandt weights
        /// `x` from power steps on `Λ_Y⁻¹ M̃`, `M̃ = |W_YY| + |W_YJ| Λ_J⁻¹ |W_JY|`):
        /// `λ_min(Σ) ≥ min_a (λ_a − (M̃ x)_a / x_a) > 0`.
        case diagonalDominance = "diagonal-dominance"
        /// A Cholesky factorization of Σ (`potrf`), with `syevr` for its smallest eigenvalue.
        case cholesky
        /// A revisable item with confidence 0 makes H singular or indefinite.
        case unanchored
    }

    /// `true` when `H ≻ 0` was certified, `false` when refuted (a failed Cholesky, a negative
    /// eigenvalue or an unanchored revisable item), `nil` when not checked or undecided.
    public var convex: Bool?
    /// `true` only when convexity is certified; `false` only when two distinct stable
    /// equilibria were found (multi-start); `nil` otherwise.
    public var unique: Bool?
    /// A certified lower bound on `λ_min(Σ)` (`diagonalDominance`), the smallest eigenvalue of
    /// Σ (`cholesky`; negative when refuted) or `min λ_J` (`diagonal`), when known.
    public var convexityMargin: Double?
    /// When convexity is refuted: the smallest common factor on the confidences (λ of every item)
    /// that certifies the scaled problem; any smaller factor does not. `nil` otherwise, and when no
    /// factor can (an unanchored revisable item).
    public var certifyingScale: Double?
    /// The certificate used; `nil` when not checked.
    public var method: Method?
    /// How the answer was reached, in words.
    public var note: String

    public init(convex: Bool?, unique: Bool?, convexityMargin: Double?, certifyingScale: Double? = nil,
                method: Method? = nil, note: String) {
        self.convex = convex
        self.unique = unique
        self.convexityMargin = convexityMargin
        self.certifyingScale = certifyingScale
        self.method = method
        self.note = note
    }

    /// Not checked.
    public static let unchecked = Certificate(convex: nil, unique: nil, convexityMargin: nil, note: "not checked")
}

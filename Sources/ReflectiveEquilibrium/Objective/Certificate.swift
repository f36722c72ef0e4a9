/// Whether the equilibrium is certified unique (docs/model.md, docs/formats.md).
///
/// If `H ≻ 0` on the revisable items the problem is strictly convex and its equilibrium is
/// unique. With every revisable judgment anchored (`λ > 0`), `H ≻ 0` iff the Schur complement
/// `Σ = (Λ_Y − W_YY) − W_YJ Λ_J⁻¹ W_JY` over the revisable principles and theories is positive
/// definite, which a Cholesky factorization (LAPACK `potrf`) decides; `syevr` gives its smallest
/// eigenvalue as the margin.
public struct Certificate: Sendable, Equatable {
    /// `true` when `H ≻ 0` was certified, `false` when refuted, `nil` when not checked.
    public var unique: Bool?
    /// The smallest eigenvalue of the Schur complement (or of the diagonal `Λ_J` when no
    /// principle or theory is revisable), when computed.
    public var convexityMargin: Double?
    /// How the answer was reached, in words.
    public var note: String

    public init(unique: Bool?, convexityMargin: Double?, note: String) {
        self.unique = unique
        self.convexityMargin = convexityMargin
        self.note = note
    }

    /// Not checked.
    public static let unchecked = Certificate(unique: nil, convexityMargin: nil, note: "not checked")
}

extension Objective {
    /// Certifies or refutes `H ≻ 0` on the unlocked items. `margin` asks for the smallest
    /// eigenvalue of the Schur complement (it is always computed when the factorization fails).
    func certify(margin: Bool = true) -> Certificate {
        let freeJ = (0..<m).filter { !isLocked($0) }
        let freeY = (0..<reducedCount).filter { !isLocked(m + $0) }
        if let i = freeJ.first(where: { lambda[$0] <= 0 }) {
            return Certificate(unique: false, convexityMargin: nil,
                               note: "judgment \(i) is revisable but not anchored (confidence 0), so H is not positive definite")
        }
        if let a = freeY.first(where: { lambda[m + $0] <= 0 }) {
            return Certificate(unique: false, convexityMargin: nil,
                               note: "\(group(of: m + a).rawValue) \(a < n ? a : a - n) is revisable but not anchored (confidence 0), so H is not positive definite")
        }
        if freeY.isEmpty {
            let minLambda = freeJ.map { lambda[$0] }.min()
            return Certificate(unique: true, convexityMargin: minLambda, note: "only judgments are revisable and all are anchored: H is diagonal and positive")
        }
        let sigma = schurComplement(freeJudgments: freeJ, freeY: freeY)
        let factored = (try? Cholesky(sigma)) != nil
        var smallest: Double? = nil
        if margin || !factored { smallest = try? sigma.extremeEigenvalue(largest: false) }
        if factored {
            return Certificate(unique: true, convexityMargin: smallest.map { max($0, 0) },
                               note: "the Schur complement of the judgments is positive definite (Cholesky): H ≻ 0, the equilibrium is unique")
        }
        return Certificate(unique: false, convexityMargin: smallest,
                           note: "the Schur complement of the judgments is not positive definite: H is not, and several equilibria may exist")
    }
}

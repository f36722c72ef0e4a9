/// What was planted in a generated instance, written beside it as `truth.json`.
public struct PlantedTruth: Sendable, Codable, Equatable {
    /// The parameters the instance was generated from (with the defaults resolved).
    public var parameters: PlantedParameters
    /// The ids of the planted true principles (`p…`), ascending.
    public var truePrinciples: [String]
    /// The ids of the judgments whose initial verdict was flipped against the truth (`j…`), ascending.
    public var flippedJudgments: [String]
    /// In the convex regime, the certified lower bound on the smallest eigenvalue of the Schur
    /// complement `Σ = (Λ_Y − W_YY) − W_YJ Λ_J⁻¹ W_JY` that the construction guarantees (the
    /// certificate's `convexityMargin` is at least this); `nil` in the non-convex regime.
    public var convexityBound: Double?

    public init(parameters: PlantedParameters, truePrinciples: [String], flippedJudgments: [String], convexityBound: Double?) {
        self.parameters = parameters
        self.truePrinciples = truePrinciples
        self.flippedJudgments = flippedJudgments
        self.convexityBound = convexityBound
    }
}

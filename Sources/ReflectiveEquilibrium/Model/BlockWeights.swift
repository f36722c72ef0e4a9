/// Weights `α = (α_JP, α_PT, α_JT, α_PP)` of the coherence blocks (docs/model.md), default all 1:
/// `Coh(x) = α_JP jᵀAp + α_PT pᵀBt + α_JT jᵀCt + ½ α_PP pᵀSp`.
public struct BlockWeights: Sendable, Equatable, Codable {
    /// `α_JP`, weight of judgment–principle coherence (block A).
    public var judgmentPrinciple: Double
    /// `α_PT`, weight of principle–theory coherence (block B).
    public var principleTheory: Double
    /// `α_JT`, weight of judgment–theory coherence (block C).
    public var judgmentTheory: Double
    /// `α_PP`, weight of principle–principle coherence (block S).
    public var principlePrinciple: Double

    /// Weights with every entry given (default 1).
    public init(judgmentPrinciple: Double = 1, principleTheory: Double = 1, judgmentTheory: Double = 1, principlePrinciple: Double = 1) {
        self.judgmentPrinciple = judgmentPrinciple
        self.principleTheory = principleTheory
        self.judgmentTheory = judgmentTheory
        self.principlePrinciple = principlePrinciple
    }
}

/// The compatibility blocks of W (docs/model.md); entries in [-1, 1], + supports, − conflicts.
///
/// W itself is never formed: with `x = (j, p, t)`,
///
///     W = [ 0        α_JP A    α_JT C ]
///         [ α_JP Aᵀ  α_PP S    α_PT B ]
///         [ α_JT Cᵀ  α_PT Bᵀ   0      ]
///
/// and every product goes through these blocks.
public struct Compatibility: Sendable, Equatable {
    /// `A` (m × n): principle a bears on judgment i. Required.
    public var judgmentPrinciple: Matrix
    /// `B` (n × k): theory c bears on principle a; `nil` when absent.
    public var principleTheory: Matrix?
    /// `C` (m × k): theory c bears on judgment i; `nil` when absent.
    public var judgmentTheory: Matrix?
    /// `S` (n × n, symmetric, zero diagonal): principle–principle coherence; `nil` when absent.
    public var principlePrinciple: Matrix?

    /// Blocks as given; absent ones are `nil`.
    public init(judgmentPrinciple: Matrix, principleTheory: Matrix? = nil, judgmentTheory: Matrix? = nil, principlePrinciple: Matrix? = nil) {
        self.judgmentPrinciple = judgmentPrinciple
        self.principleTheory = principleTheory
        self.judgmentTheory = judgmentTheory
        self.principlePrinciple = principlePrinciple
    }
}

/// The name of a block as it appears in files and errors.
public enum BlockName: String, Sendable, CaseIterable, Codable {
    case judgmentPrinciple, principleTheory, judgmentTheory, principlePrinciple

    /// The letter used in docs/model.md.
    public var letter: String {
        switch self {
        case .judgmentPrinciple: return "A"
        case .principleTheory: return "B"
        case .judgmentTheory: return "C"
        case .principlePrinciple: return "S"
        }
    }
}

extension BlockName {
    /// The groups of the block's rows and columns: A judgments × principles, B principles ×
    /// theories, C judgments × theories, S principles × principles.
    var groups: (rows: Group, columns: Group) {
        switch self {
        case .judgmentPrinciple: return (.judgment, .principle)
        case .principleTheory: return (.principle, .theory)
        case .judgmentTheory: return (.judgment, .theory)
        case .principlePrinciple: return (.principle, .principle)
        }
    }

    /// The block that relates an item of `a` to one of `b` (in either order), if any.
    init?(relating a: Group, _ b: Group) {
        guard let match = Self.allCases.first(where: { ($0.groups == (a, b)) || ($0.groups == (b, a)) }) else { return nil }
        self = match
    }

    /// The default `.npy` file name of the block in a manifest (`A.npy`, …).
    var fileName: String { "\(letter).npy" }
}

extension Compatibility {
    /// The block `name`, `nil` when absent.
    public subscript(name: BlockName) -> Matrix? {
        switch name {
        case .judgmentPrinciple: return judgmentPrinciple
        case .principleTheory: return principleTheory
        case .judgmentTheory: return judgmentTheory
        case .principlePrinciple: return principlePrinciple
        }
    }

    /// Replaces the block `name`.
    mutating func set(_ name: BlockName, _ matrix: Matrix) {
        switch name {
        case .judgmentPrinciple: judgmentPrinciple = matrix
        case .principleTheory: principleTheory = matrix
        case .judgmentTheory: judgmentTheory = matrix
        case .principlePrinciple: principlePrinciple = matrix
        }
    }
}

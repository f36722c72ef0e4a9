import Foundation

extension Certificate {
    /// One or two words for tables: `convex, unique`, `not convex`, `undecided`, `not checked`.
    public var summary: String {
        switch convex {
        case true?: return "convex, unique"
        case false?: return unique == false ? "not unique" : "not convex"
        case nil: return method == nil ? "not checked" : "undecided"
        }
    }

    /// The certificate in a sentence or two for reports: the claim, how it was reached (the
    /// method and its margin), and when convexity is refuted what would certify it and what
    /// that means for the equilibrium found.
    public var sentence: String {
        let how = method.map { " by \($0.words)" } ?? ""
        switch convex {
        case true?:
            let margin = convexityMargin.map { ", margin \(Self.format($0))" } ?? ""
            return "convex and the equilibrium unique (certified\(how)\(margin)): \(note)"
        case false?:
            var text = unique == false ? "not unique" : "not convex"
            text += convexityMargin.map { " (smallest eigenvalue of the Schur complement \(Self.format($0)))" } ?? ""
            text += ": \(note)."
            if unique != false {
                text += " The equilibrium found may not be the only one; it is the one reached from the initial values."
            }
            return text
        case nil:
            return method == nil ? "not checked (uniqueness unknown)" : "undecided: \(note)"
        }
    }

    private static func format(_ x: Double) -> String { String(format: "%.4g", x) }
}

extension Certificate.Method {
    /// The method in words.
    var words: String {
        switch self {
        case .diagonal: return "the diagonal"
        case .diagonalDominance: return "diagonal dominance (one pass)"
        case .cholesky: return "Cholesky"
        case .unanchored: return "an unanchored item"
        }
    }
}

import Foundation

/// Number and list formats shared by the readable reports of the analyses (compare, explain,
/// attribution), so that they read like `wre solve`'s report.
enum ExplanationFormat {
    /// `x` with `digits` decimals, never `-0.00`.
    static func num(_ x: Double, _ digits: Int = 2, width: Int = 0) -> String {
        guard x.isFinite else { return "—" }
        let scale = pow(10, Double(digits))
        let rounded = (x * scale).rounded() / scale
        return String(format: "%\(width > 0 ? "\(width)" : "").\(digits)f", rounded == 0 ? 0 : rounded)
    }

    /// `+0.40`, `-0.26` (never `-0.00`).
    static func signed(_ x: Double, _ digits: Int = 2) -> String {
        let s = num(x, digits)
        return s.hasPrefix("-") || s == "—" ? s : "+" + s
    }

    /// `3.1e-13`.
    static func sci(_ x: Double) -> String { x.isFinite ? String(format: "%.1e", x) : "—" }

    /// `70.1 %`.
    static func percent(_ x: Double) -> String { x.isFinite ? String(format: "%.1f %%", 100 * x) : "—" }

    /// `1.00 → -1.00`.
    static func move(_ from: Double, _ to: Double) -> String { "\(num(from, 2, width: 5)) → \(num(to, 2, width: 5))" }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    /// "a", "a and b", "a, b and c"; more than `limit` names end in "and N more".
    static func list(_ names: [String], limit: Int = 6) -> String {
        if names.count > limit { return names.prefix(limit).joined(separator: ", ") + " and \(names.count - limit) more" }
        if names.count <= 1 { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// What a status means, for a one-line label.
    static func status(_ status: SolverStatus, scaledResidual: Double, tolerance: Double) -> String {
        status == .converged
            ? "converged: an equilibrium (scaled residual \(sci(scaledResidual)) ≤ \(sci(tolerance)))"
            : "\(status.rawValue): NOT an equilibrium (scaled residual \(sci(scaledResidual)) > tolerance \(sci(tolerance)))"
    }

    /// How a standing reads in a sentence.
    static func standing(_ s: ItemStanding) -> String {
        switch s {
        case .interior: return "inside its bounds"
        case .atLower: return "at its lower bound"
        case .atUpper: return "at its upper bound"
        case .locked: return "locked (lower = upper)"
        case .fixedByMode: return "fixed by the mode"
        }
    }
}

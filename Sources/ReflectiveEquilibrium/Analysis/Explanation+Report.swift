extension Explanation {
    /// The readable explanation: a header (mode, solver, status — a non-converged run is
    /// labelled NOT an equilibrium), then per item its move, the pulls with their signs, the
    /// anchoring and parsimony that resisted, and the net force (0 inside the bounds, the
    /// bound's reaction at a bound).
    public func report(source: String? = nil) -> String {
        typealias F = ExplanationFormat
        var lines = ["Why the items are where they are" + (source.map { " in \($0)" } ?? "") + " (mode \(mode.rawValue), solver \(solver.rawValue))",
                     "  status  " + F.status(status, scaledResidual: scaledResidual, tolerance: tolerance)]
        if !isEquilibrium {
            lines.append("  *** The state is where the solver stopped: the forces below need not balance.")
        }
        lines.append("  Forces on item i (+ up, − down): the pulls W_ik x_k of the items it relates to move it; anchoring −λ_i (x_i − x0_i)")
        lines.append("  pulls it back toward its initial value; parsimony −μ_i pushes a principle down. Inside its bounds they balance;")
        lines.append("  at a bound the remainder is what the bound holds back.")
        guard !items.isEmpty else {
            let threshold = revisionThreshold.map { " by more than \(F.num($0, 2))" } ?? ""
            return (lines + ["", "No item moved\(threshold): there is no revision to explain."]).joined(separator: "\n")
        }
        for item in items {
            lines.append("")
            lines += item.reportLines(converged: isEquilibrium)
        }
        return lines.joined(separator: "\n")
    }
}

extension ItemExplanation {
    func reportLines(converged: Bool) -> [String] {
        typealias F = ExplanationFormat
        var lines = ["\(id) (\(group.rawValue)) \(self.class.rawValue): \(F.move(initial, value)), \(F.standing(standing)); confidence \(F.num(confidence, 2))"]
        if pulls.isEmpty {
            lines.append("  pulled by    nothing (no relation to an item with a non-zero value)")
        } else {
            var row = "  pulled by    " + pulls.map { "\($0.id) (\(F.signed($0.contribution, 3)))" }.joined(separator: ", ")
            if omittedPulls > 0 { row += ", and \(omittedPulls) smaller (\(F.signed(omittedContribution, 3)))" }
            lines.append(row + "; in all \(F.signed(coherencePull, 3))")
        }
        var held = "  held back by anchoring −λ(x − x0) = \(F.signed(-anchoring, 3)) (\(F.num(confidence, 2)) × \(F.signed(initial - value, 3)))"
        if parsimony != 0 { held += " and parsimony −μ = \(F.signed(-parsimony, 3))" }
        lines.append(held)
        var balance = "  balance      pulls \(F.signed(coherencePull, 3)) + anchoring \(F.signed(-anchoring, 3))"
        if parsimony != 0 { balance += " − parsimony \(F.num(parsimony, 3))" }
        balance += " = \(F.signed(net, 3))"
        switch standing {
        case .interior:
            lines.append(balance + (converged ? ": balanced, as stationarity requires inside the bounds" : ": not balanced (the run did not converge)"))
        case .atLower:
            lines.append(balance + (net <= 0 ? ": the lower bound holds it (the forces would take it further down)" : ": pushes it up from its lower bound"))
        case .atUpper:
            lines.append(balance + (net >= 0 ? ": the upper bound holds it (the forces would take it further up)" : ": pushes it down from its upper bound"))
        case .locked, .fixedByMode:
            lines.append(balance + ": not revisable here (\(F.standing(standing))); this is the force that would move it")
        }
        return lines
    }
}

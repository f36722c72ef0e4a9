import Foundation

extension Trace {
    /// The trace as a short story, one line per step that changed an item's class:
    /// `round 2: principles revised (3 moved, objective 1.204); p4 rejected (pulled down by j3, j8)`
    /// (the pulls of that round; "down" and "up" are the direction the value moved),
    /// framed by the start and the end. At most `lineLimit` step lines (then a line saying how
    /// many more) and `changesPerLine` class changes per line.
    public func narrative(lineLimit: Int = 12, changesPerLine: Int = 4) -> [String] {
        var lines = ["start: objective \(Self.format(start.objective)), KKT residual \(Self.scientific(start.kktResidual))"]
        let eventful = steps.filter { !$0.classChanges.isEmpty }
        for step in eventful.prefix(lineLimit) {
            let shown = step.classChanges.prefix(changesPerLine).map(Self.describe)
            let more = step.classChanges.count - shown.count
            lines.append("round \(step.round): \(step.group.plural) revised (\(step.moved) moved, objective \(Self.format(step.objective))); "
                         + shown.joined(separator: "; ") + (more > 0 ? "; and \(more) more" : ""))
        }
        if eventful.count > lineLimit { lines.append("… \(eventful.count - lineLimit) more \(Plural.noun(eventful.count - lineLimit, "round")) with class changes (see --trace)") }
        if steps.isEmpty && !netChanges.isEmpty {
            let shown = netChanges.prefix(changesPerLine).map(Self.describe)
            let more = netChanges.count - shown.count
            lines.append("net (\(solver.rawValue) does not revise group by group): " + shown.joined(separator: "; ")
                         + (more > 0 ? "; and \(more) more" : ""))
        }
        let rounds = Plural.count(iterations, solver == .alternating ? "round" : "iteration")
        lines.append("end (\(status.rawValue) after \(rounds)): objective \(Self.format(end.objective)), KKT residual \(Self.scientific(end.kktResidual))")
        return lines
    }

    /// `p4 rejected (pulled down by j3, j8)`.
    static func describe(_ t: ClassTransition) -> String {
        let pulls = t.pulls.isEmpty ? "" : " (pulled \(t.movedUp ? "up" : "down") by \(t.pulls.map(\.id).joined(separator: ", ")))"
        return "\(t.id) \(t.to.rawValue)\(pulls)"
    }

    static func format(_ x: Double) -> String { String(format: "%.4g", x) }
    static func scientific(_ x: Double) -> String { String(format: "%.1e", x) }
}

extension Comparison {
    /// The readable comparison: one column per run with its status (a non-converged run is
    /// labelled NOT an equilibrium), iterations, KKT residual, certificate, objective split,
    /// counts per class and revision share per group; then the items whose class differs
    /// (at most `itemLimit` rows) and one sentence per pair of runs.
    public func report(source: String? = nil, itemLimit: Int = 40) -> String {
        typealias F = ExplanationFormat
        let (m, n, k) = shape
        var lines = ["Comparison of \(runs.count) runs" + (source.map { " on \($0)" } ?? "")
                     + " (\(m) judgments, \(n) principles, \(k) theories)"]
        for run in runs where !run.result.isEquilibrium {
            lines.append("  *** \(run.label) did not converge (\(run.result.status.rawValue), KKT residual \(F.sci(run.result.kktResidual)) > \(F.sci(run.result.tolerance))): its column is NOT an equilibrium")
        }
        lines.append("")
        let width = max(runs.map(\.label.count).max() ?? 0, 10) + 2
        func row(_ name: String, _ cells: [String]) -> String {
            "  " + F.pad(name, 26) + cells.map { F.pad($0, width) }.joined()
        }
        let results = runs.map(\.result)
        lines.append(row("", runs.map(\.label)))
        lines.append(row("solver", runs.map(\.solver.rawValue)))
        lines.append(row("status", results.map { $0.isEquilibrium ? "converged" : "NOT: \($0.status.rawValue)" }))
        lines.append(row("iterations", results.map { "\($0.iterations)" }))
        lines.append(row("KKT residual", results.map { F.sci($0.kktResidual) }))
        lines.append(row("unique", results.map { $0.certificate.unique.map { $0 ? "certified" : "not certified" } ?? "not checked" }))
        lines.append(row("objective", results.map { F.num($0.objective.total, 4) }))
        lines.append(row("  coherence", results.map { F.num($0.objective.coherence, 4) }))
        lines.append(row("  revision cost", results.map { F.num($0.objective.revisionCost, 4) }))
        lines.append(row("  parsimony cost", results.map { F.num($0.objective.parsimonyCost, 4) }))
        for group in Group.allCases {
            for (slot, cls) in ItemClass.classes(of: group).enumerated() {
                lines.append(row((slot == 0 ? group.plural : "") .padding(toLength: 11, withPad: " ", startingAt: 0) + cls.rawValue,
                                 results.map { "\($0.counts.count(cls, in: group))" }))
            }
        }
        lines.append(row("revision share judgments", results.map { F.percent($0.revisionShare.judgments) }))
        lines.append(row("               principles", results.map { F.percent($0.revisionShare.principles) }))
        lines.append(row("               theories", results.map { F.percent($0.revisionShare.theories) }))
        lines.append("")
        let itemCount = results.first?.items.count ?? 0
        if differences.isEmpty {
            lines.append("Every item has the same class in every run.")
        } else {
            let shown = differences.prefix(itemLimit)
            lines.append("Items whose class differs (\(differences.count) of \(itemCount)"
                         + (shown.count < differences.count ? "; the first \(shown.count) shown" : "") + ")")
            let idWidth = max(shown.map(\.id.count).max() ?? 4, 4)
            lines.append("  " + F.pad("item", idWidth) + "  " + F.pad("initial", 9) + runs.map { F.pad($0.label, max(width, 20)) }.joined())
            for d in shown {
                lines.append("  " + F.pad(d.id, idWidth) + "  " + F.pad(F.num(d.initial, 2, width: 5), 9)
                             + zip(d.values, d.classes).map { F.pad("\(F.num($0, 2, width: 5)) \($1.rawValue)", max(width, 20)) }.joined())
            }
        }
        if runs.count > 1 {
            lines.append("")
            lines.append("In words")
            lines += contrasts.map { "  " + $0.sentence + "." }
        }
        return lines.joined(separator: "\n")
    }
}

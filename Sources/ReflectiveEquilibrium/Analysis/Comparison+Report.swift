extension Comparison {
    /// The readable comparison: one column per run with its status (a non-converged run is
    /// labelled NOT an equilibrium), iterations, KKT residual, certificate, objective split,
    /// counts per class and revision share per group; then the items whose class differs
    /// (at most `itemLimit` rows) and one sentence per pair of runs.
    public func report(source: String? = nil, itemLimit: Int = 40) -> String {
        typealias F = ExplanationFormat
        let (m, n, k) = shape
        var lines = ["Comparison of \(Plural.count(runs.count, "run"))" + (source.map { " on \($0)" } ?? "")
                     + " (\(Plural.count(m, "judgment")), \(Plural.count(n, "principle")), \(Plural.count(k, "theory", "theories")))"]
        for run in runs where !run.result.isEquilibrium {
            lines.append("  *** \(run.label) did not converge (\(run.result.status.rawValue), scaled residual \(F.sci(run.result.scaledResidual)) > \(F.sci(run.result.tolerance))): its column is NOT an equilibrium")
        }
        lines.append("")
        // Rows first, then each run's column as wide as its widest cell plus two spaces, so
        // columns never run together ("not convex" next to "not convex").
        var table: [(name: String, cells: [String])] = []
        func row(_ name: String, _ cells: [String]) { table.append((name, cells)) }
        let results = runs.map(\.result)
        row("", runs.map(\.label))
        row("solver", runs.map(\.solver.rawValue))
        row("status", results.map { $0.isEquilibrium ? "converged" : "NOT: \($0.status.rawValue)" })
        row("iterations", results.map { "\($0.iterations)" })
        row("scaled residual", results.map { F.sci($0.scaledResidual) })
        row("KKT residual", results.map { F.sci($0.kktResidual) })
        row("certificate", results.map { $0.certificate.summary })
        row("objective", results.map { F.num($0.objective.total, 4) })
        row("  coherence", results.map { F.num($0.objective.coherence, 4) })
        row("  revision cost", results.map { F.num($0.objective.revisionCost, 4) })
        row("  parsimony cost", results.map { F.num($0.objective.parsimonyCost, 4) })
        for group in Group.allCases {
            for (slot, cls) in ItemClass.classes(of: group).enumerated() {
                row((slot == 0 ? group.plural : "") .padding(toLength: 11, withPad: " ", startingAt: 0) + cls.rawValue,
                    results.map { "\($0.counts.count(cls, in: group))" })
            }
        }
        row("revision share judgments", results.map { F.percent($0.revisionShare.judgments) })
        row("               principles", results.map { F.percent($0.revisionShare.principles) })
        row("               theories", results.map { F.percent($0.revisionShare.theories) })
        let widths = runs.indices.map { r in max(table.map { $0.cells[r].count }.max() ?? 0, 10) + 2 }
        lines += table.map { "  " + F.pad($0.name, 26) + zip($0.cells, widths).map { F.pad($0, $1) }.joined() }
        lines.append("")
        let itemCount = results.first?.items.count ?? 0
        if differences.isEmpty {
            lines.append("Every item has the same class in every run.")
        } else {
            let shown = differences.prefix(itemLimit)
            lines.append("Items whose class differs (\(differences.count) of \(Plural.count(itemCount, "item"))"
                         + (shown.count < differences.count ? "; the first \(shown.count) shown" : "") + ")")
            let idWidth = max(shown.map(\.id.count).max() ?? 4, 4)
            let cells = shown.map { d in zip(d.values, d.classes).map { "\(F.num($0, 2, width: 5)) \($1.rawValue)" } }
            let columns = runs.indices.map { r in max(widths[r], (cells.map { $0[r].count }.max() ?? 0) + 2) }
            lines.append("  " + F.pad("item", idWidth) + "  " + F.pad("initial", 9) + zip(runs, columns).map { F.pad($0.label, $1) }.joined())
            for (d, row) in zip(shown, cells) {
                lines.append("  " + F.pad(d.id, idWidth) + "  " + F.pad(F.num(d.initial, 2, width: 5), 9)
                             + zip(row, columns).map { F.pad($0, $1) }.joined())
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

import ReflectiveEquilibrium

extension AuditReport {
    /// The report of a comparison (docs/modes.md): provenance, one column per run (status,
    /// residual, certificate, objective split, counts per class, revision shares), the items
    /// whose class differs as a figure and in words, and each run's revisions chart.
    ///
    /// - Throws: `ExplanationError` when a run is not a solve of `problem`.
    public static func comparison(_ comparison: Comparison, of problem: Problem, provenance: Provenance?) throws -> AuditReport {
        var figures = [ComparisonFigure.figure(comparison)]
        for run in comparison.runs {
            var figure = RevisionsFigure.figure(run.result, run: run.label)
            figure.name = "revisions-" + stem(run.label)
            figure.title = "Revisions: \(run.label)"
            figures.append(figure)
        }
        let labels = comparison.runs.map(\.label)
        let title = "Audit report: comparison of \(labels.joined(separator: ", ")) on " + (provenance?.problemFile ?? "a problem built in code")
        var w = HTMLWriter()
        w.element("h1", [], title)
        w.element("p", [("class", "lead")], "wre \(PackageInfo.version) · \(comparison.runs.count) runs" + (provenance.map { " · " + $0.date } ?? ""))
        ReportSections.banner(&w, comparison.runs.map { ($0.label, $0.result) })
        let solvers = Array(Set(comparison.runs.map(\.solver.rawValue))).sorted()
        ReportSections.provenance(&w, provenance, solver: solvers.joined(separator: ", ") + "; modes "
                                  + comparison.runs.map(\.mode.rawValue).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: ", "))

        w.element("h2", [("id", "runs")], "The runs")
        let results = comparison.runs.map(\.result)
        var rows: [[String]] = []
        let facts = results.map { ReportSections.facts($0, brief: true) }
        for (f, fact) in facts[0].enumerated() { rows.append([fact.0] + facts.map { $0[f].1 }) }
        for group in Group.allCases { rows.append([group.plural] + results.map { ReportSections.counts($0, group) }) }
        rows.append(["revision share J · P · T"] + results.map { r in
            [r.revisionShare.judgments, r.revisionShare.principles, r.revisionShare.theories].map(NumberText.percent).joined(separator: " · ")
        })
        w.table([""] + labels, rows, caption: "One column per run",
                rowClasses: rows.map { $0[0] == "status" && !comparison.allConverged ? "failed" : nil })

        w.element("h2", [("id", "differences")], "Where the runs disagree")
        w.figure(figures[0])
        if !comparison.contrasts.isEmpty {
            w.open("ul")
            for contrast in comparison.contrasts { w.element("li", [], contrast.sentence) }
            w.close("ul")
        }
        w.element("h2", [("id", "revisions")], "Revisions per run")
        for figure in figures.dropFirst() { w.figure(figure) }
        return AuditReport(title: title, html: HTMLWriter.document(title: title, style: ReportStyle.css, body: w.text), figures: figures)
    }
}

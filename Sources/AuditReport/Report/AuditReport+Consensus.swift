import ReflectiveEquilibrium

extension AuditReport {
    /// The report of a stakeholder run (docs/stakeholders.md): provenance, the consensus map (principles ×
    /// groups, adopted share as colour, ranked by score), the cost of consensus by group, and
    /// the ranked items as a table.
    ///
    /// - Throws: `AuditReportError` when `data` is inconsistent (`ConsensusMapData.validate()`).
    public static func consensus(_ data: ConsensusMapData, provenance: Provenance?) throws -> AuditReport {
        try data.validate()
        var figures = [ConsensusFigure.map(data)]
        if let cost = ConsensusFigure.cost(data) { figures.append(cost) }
        let title = "Audit report: overlapping consensus of \(data.stakeholders) stakeholders on " + (provenance?.problemFile ?? "a problem built in code")
        var w = HTMLWriter()
        w.element("h1", [], title)
        w.element("p", [("class", "lead")], "wre \(PackageInfo.version) · \(data.groups.count) groups · quorum \(NumberText.percent(data.quorum))"
                  + (provenance.map { " · " + $0.date } ?? ""))
        ReportSections.provenance(&w, provenance, solver: nil)
        w.element("h2", [("id", "consensus")], "Consensus map")
        for figure in figures { w.figure(figure) }
        w.table(["id", "statement", "score", "class"] + data.groups.map { "adopted: " + $0 },
                data.ranked.map { row in
                    [row.id, row.text ?? "", NumberText.fixed(row.score, 3), row.consensusClass] + row.adopted.map(NumberText.percent)
                }, numeric: Set([2] + data.groups.indices.map { $0 + 4 }), caption: "Items ranked by consensus score")
        if !data.costOfConsensus.isEmpty {
            w.table(["group", "cost of consensus Σ Δ_s"], zip(data.groups, data.costOfConsensus).map { [$0, NumberText.fixed($1, 4)] },
                    numeric: [1], caption: "Cost of consensus by group (objective units)")
        }
        return AuditReport(title: title, html: HTMLWriter.document(title: title, style: ReportStyle.css, body: w.text), figures: figures)
    }
}

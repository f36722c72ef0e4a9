/// The consensus map (docs/stakeholders.md, docs/audit.md): principles × groups, each cell the share of the group's
/// stakeholders whose own equilibrium adopts the principle (a sequential ramp whose lightness
/// falls with the share, so it reads in greyscale; the percentage is written in the cell),
/// rows sorted by consensus score, with the score and class beside them; and the cost of
/// consensus by group as bars.
enum ConsensusFigure {
    /// Rows drawn at most (highest scores).
    static let rowLimit = 60

    static func map(_ data: ConsensusMapData) -> SVGFigure {
        let ranked = Array(data.ranked.prefix(rowLimit))
        let labelWidth = FigureLayout.idColumn(ranked.map(\.id))
        let cellWidth = max(58.0, min(96, (TextMetrics.width(data.groups.map { TextMetrics.truncate($0, 14) }.max { $0.count < $1.count } ?? "", size: 10.5) + 12)))
        let rowHeight = 20.0
        let left = 16 + labelWidth
        let gridRight = left + Double(data.groups.count) * cellWidth
        let width = max(520, gridRight + 150)
        let subtitle = "\(data.stakeholders) stakeholders in \(data.groups.count) group\(data.groups.count == 1 ? "" : "s"); "
            + (ranked.count < data.rows.count ? "the \(ranked.count) highest-scoring of \(data.rows.count) items" : "\(data.rows.count) items")
            + ", ranked by consensus score; quorum \(NumberText.percent(data.quorum))."
        let (head, headHeight) = FigureLayout.heading("Consensus map: share of each group adopting each principle", subtitle: subtitle)
        var body = head
        var y = headHeight + 2
        // Colour bar: ten steps, labelled 0 %, 50 %, 100 %.
        body.append(.text("adopted share", x: 16, y: y + 11, size: 10))
        let barLeft = 100.0, stepWidth = 22.0
        for i in 0..<10 {
            body.append(.rect(x: barLeft + Double(i) * stepWidth, y: y + 2, width: stepWidth, height: 12,
                              fill: Palette.share((Double(i) + 0.5) / 10), stroke: "#ffffff", extra: [("stroke-width", "0.5")]))
        }
        for (t, label) in [(0.0, "0 %"), (0.5, "50 %"), (1.0, "100 %")] {
            body.append(.text(label, x: barLeft + t * 10 * stepWidth, y: y + 26, size: 9.5, anchor: "middle", fill: Palette.muted))
        }
        y += 36
        for (c, group) in data.groups.enumerated() {
            body.append(.group([.title(group), .text(TextMetrics.truncate(group, 14), x: left + (Double(c) + 0.5) * cellWidth, y: y + 12,
                                                    size: 10.5, anchor: "middle", weight: "bold")]))
        }
        body.append(.text("score", x: gridRight + 40, y: y + 12, size: 10.5, anchor: "end", weight: "bold"))
        body.append(.text("class", x: gridRight + 54, y: y + 12, size: 10.5, weight: "bold"))
        y += 18
        for row in ranked {
            var cells: [SVGElement] = [.title(row.id + (row.text.map { ": " + $0 } ?? "")),
                                       FigureLayout.idLabel(row.id, x: left - 8, y: y + rowHeight / 2 + 3.5)]
            for (c, share) in row.adopted.enumerated() {
                let cx = left + Double(c) * cellWidth
                cells.append(.group([
                    .title("\(row.id), \(data.groups[c]): \(NumberText.percent(share)) adopt"),
                    .rect(x: cx + 1, y: y + 1, width: cellWidth - 2, height: rowHeight - 2, fill: Palette.share(share)),
                    .text(NumberText.fixed(100 * share, 0) + " %", x: cx + cellWidth / 2, y: y + rowHeight / 2 + 3.5, size: 10,
                          anchor: "middle", fill: Palette.text(onShare: share)),
                ]))
            }
            cells.append(.text(NumberText.fixed(row.score, 3), x: gridRight + 40, y: y + rowHeight / 2 + 3.5, size: 10, anchor: "end"))
            cells.append(.text(row.consensusClass, x: gridRight + 54, y: y + rowHeight / 2 + 3.5, size: 10,
                               weight: row.consensusClass == "consensus" ? "bold" : nil,
                               extra: row.consensusClass == "contested" ? [("font-style", "italic")] : []))
            body.append(.group(cells))
            y += rowHeight
        }
        let caption = "Consensus map. Rows: principles (and theories) ranked by consensus score Π_g (a_g + 1)/(n_g + 2); columns: stakeholder groups. Each cell is the weighted share of the group's stakeholders whose own equilibrium adopts the item, light (none) to dark (all), with the percentage written in. Class: consensus (adopted by at least the quorum of every group, bold), contested (adopted by a majority of one group and rejected by a majority of another, italic), divided otherwise."
        return SVGFigure(name: "consensus-map", title: "Consensus map", caption: caption, width: width, height: y + 14, body: body)
    }

    /// The cost of consensus by group (`nil` without a joint solve).
    static func cost(_ data: ConsensusMapData) -> SVGFigure? {
        guard !data.costOfConsensus.isEmpty else { return nil }
        let width = FigureLayout.width
        let (head, headHeight) = FigureLayout.heading("Cost of consensus by group",
                                                      subtitle: "What the joint equilibrium (one constitution for all) costs each group: Σ_s f_s(joint) − f_s(own).")
        var body = head
        let labelWidth = FigureLayout.idColumn(data.groups)
        let left = 16 + labelWidth, right = width - 80
        let x = Scale.linear(0, max(data.costOfConsensus.max() ?? 1, 1e-12), to: (left, right)).nice()
        var y = headHeight + 6
        let top = y
        let rowHeight = 20.0
        var bars: [SVGElement] = []
        for (group, cost) in zip(data.groups, data.costOfConsensus) {
            bars.append(.group([
                .title("\(group): cost of consensus \(NumberText.fixed(cost, 4))"),
                FigureLayout.idLabel(group, x: left - 8, y: y + rowHeight / 2 + 3.5),
                .rect(x: left, y: y + 3, width: x(cost) - left, height: rowHeight - 6, fill: Palette.share(0.7)),
                .text(NumberText.fixed(cost, 3), x: x(cost) + 5, y: y + rowHeight / 2 + 3.5, size: 10, fill: Palette.muted),
            ]))
            y += rowHeight
        }
        body += Axis.bottom(x, y: y + 2, label: "cost of consensus Δ (objective units, summed over the group's stakeholders)", gridTop: top)
        body += bars
        let caption = "Cost of consensus by group: the sum over the group's stakeholders of Δ_s = f_s(joint) − f_s(x*(s)) ≥ 0, what the shared principles and theories of the joint equilibrium cost them against their own equilibria (objective units)."
        return SVGFigure(name: "cost-of-consensus", title: "Cost of consensus", caption: caption, width: width, height: y + 46, body: body)
    }
}

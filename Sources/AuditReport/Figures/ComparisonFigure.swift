import ReflectiveEquilibrium

/// The comparison (docs/modes.md): one column per run (mode or solver), one row per item whose
/// class differs between runs, each cell filled by the item's group and class in that run
/// (`Palette`) and labelled with the value and class; the first column is the initial value.
/// Above `rowLimit` differing items, those whose values spread most across the runs are shown.
enum ComparisonFigure {
    static let rowLimit = 50

    /// The differences shown (input order kept).
    static func shown(_ comparison: Comparison) -> [Comparison.Difference] {
        let all = comparison.differences
        guard all.count > rowLimit else { return all }
        func spread(_ d: Comparison.Difference) -> Double { (d.values.max() ?? 0) - (d.values.min() ?? 0) }
        let keep = Set(all.indices.sorted { spread(all[$0]) > spread(all[$1]) }.prefix(rowLimit))
        return all.indices.filter(keep.contains).map { all[$0] }
    }

    static func figure(_ comparison: Comparison) -> SVGFigure {
        let runs = comparison.runs
        let shown = Self.shown(comparison)
        let all = comparison.differences.count
        let labelWidth = FigureLayout.idColumn(shown.map(\.id))
        let cellWidth = 104.0, rowHeight = 19.0
        let width = max(FigureLayout.width, 16 + labelWidth + Double(runs.count + 1) * cellWidth + 16)
        let failed = runs.filter { !$0.result.isEquilibrium }.map(\.label)
        let subtitle = all == 0 ? "Every item has the same class in every run."
            : shown.count < all ? "The \(shown.count) of \(all) items whose class differs that spread most across the runs."
            : "The \(all) item\(all == 1 ? "" : "s") whose class differs between runs (of \(runs.first?.result.items.count ?? 0))."
        let (head, headHeight) = FigureLayout.heading("Comparison: where the runs disagree", subtitle: subtitle,
                                                      warning: failed.isEmpty ? nil : "NOT equilibria: \(failed.joined(separator: ", ")) did not converge")
        var body = head
        var y = headHeight + 6
        let left = 16 + labelWidth
        let columns = ["initial"] + runs.map(\.label)
        for (c, name) in columns.enumerated() {
            let cx = left + Double(c) * cellWidth + cellWidth / 2
            body.append(.text(TextMetrics.truncate(name, 16), x: cx, y: y + 12, size: 11, anchor: "middle", weight: "bold"))
            if c > 0 {
                let run = runs[c - 1]
                let note = run.result.isEquilibrium ? run.solver.rawValue : "NOT converged"
                body.append(.text(note, x: cx, y: y + 25, size: 9.5, anchor: "middle",
                                  fill: run.result.isEquilibrium ? Palette.muted : Palette.warning))
            }
        }
        y += 32
        var previousGroup = shown.first?.group
        for d in shown {
            if d.group != previousGroup { y += 6; previousGroup = d.group }
            var row: [SVGElement] = [.title("\(d.id): " + zip(runs, zip(d.values, d.classes)).map { "\($0.label) \(NumberText.fixed($1.0, 2)) \($1.1.rawValue)" }.joined(separator: "; "))]
            row.append(FigureLayout.idLabel(d.id, x: left - 8, y: y + rowHeight / 2 + 3.5))
            row.append(.text(NumberText.fixed(d.initial, 2), x: left + cellWidth / 2, y: y + rowHeight / 2 + 3.5, size: 10, anchor: "middle",
                             fill: Palette.muted))
            for (c, (value, itemClass)) in zip(d.values, d.classes).enumerated() {
                let cx = left + Double(c + 1) * cellWidth
                row.append(.rect(x: cx + 2, y: y + 1, width: cellWidth - 4, height: rowHeight - 2, fill: Palette.fill(d.group, itemClass),
                                 stroke: Palette.stroke(d.group), extra: [("stroke-width", "0.6")]))
                row.append(.text("\(NumberText.fixed(value, 2)) \(itemClass.rawValue)", x: cx + cellWidth / 2, y: y + rowHeight / 2 + 3.5,
                                 size: 10, anchor: "middle", fill: Palette.text(on: d.group, itemClass)))
            }
            body.append(.group(row))
            y += rowHeight
        }
        y += 8
        var legend = Legend(entries: FigureLayout.classEntries(shown.flatMap { d in d.classes.map { (d.group, $0) } }).map { entry in
            guard case let .marker(group, itemClass?) = entry.0 else { return entry }
            return (.box(fill: Palette.fill(group, itemClass), stroke: Palette.stroke(group)), entry.1)
        })
        if legend.entries.isEmpty { legend.entries = [(.marker(.judgment, nil), "no differences")] }
        let (legendElements, legendHeight) = legend.render(x: 16, y: y, width: width - 32)
        body += legendElements
        y += legendHeight + 8
        let caption = "Comparison of the runs. Columns: the initial value, then one run per mode or solver (a run that did not converge is marked NOT converged: its values are where it stopped). Rows: the items whose class is not the same in every run; each cell gives the value and class, filled by the item's group (hue) and class (lightness: dark kept or adopted, middle weakened or partial, light suspended, lightest reversed or rejected)."
        return SVGFigure(name: "comparison", title: "Comparison", caption: caption, width: width, height: y + 6, body: body)
    }
}

import ReflectiveEquilibrium

/// The revisions chart (docs/audit.md): one row per revised item, an arrow from its initial value
/// (a tick) to its final value (a marker), rows grouped by group (judgments, principles,
/// theories) and, within a group, largest move first; the marker's shape is the group, its
/// lightness the class (`Palette`). The x axis spans the judgments' range [−1, 1]; principles
/// and theories live on [0, 1].
///
/// Small problems show every revised item; above `RevisionsFigure.allLimit` revisions the
/// largest `RevisionsFigure.largestShown` are shown (at least `groupFloor` per group) and
/// `RevisionHistogram` gives the distribution of all of them.
enum RevisionsFigure {
    /// Up to this many revisions are all drawn.
    static let allLimit = 60
    /// Otherwise the largest this many…
    static let largestShown = 50
    /// …with at least this many of each group that has revisions.
    static let groupFloor = 10

    /// The revisions shown: all, or the largest `largestShown` with at least `groupFloor` per
    /// group (`RevisionSelection`), largest first.
    static func shown(_ result: Equilibrium) -> [Revision] {
        guard result.revisions.count > allLimit else { return result.revisions }
        return RevisionSelection.largest(result.revisions.map(\.group), count: largestShown, floor: groupFloor).map { result.revisions[$0] }
    }

    /// The initial-value tick, the line and an arrowhead ending just before the final marker.
    static func arrow(from x0: Double, to x1: Double, y: Double, stroke: String) -> [SVGElement] {
        let direction = x1 >= x0 ? 1.0 : -1.0
        let tip = x1 - direction * 5.5
        var out: [SVGElement] = [.line(x1: x0, y1: y - 5, x2: x0, y2: y + 5, stroke: stroke, width: 2)]
        guard abs(x1 - x0) > 9 else { return out }
        let n = SVGElement.number
        out.append(.line(x1: x0, y1: y, x2: tip - direction * 4, y2: y, stroke: stroke, width: 1.6))
        let head = [(tip, y), (tip - direction * 6, y - 3.5), (tip - direction * 6, y + 3.5)].map { n($0.0) + "," + n($0.1) }
        out.append(SVGElement("polygon", [("points", head.joined(separator: " ")), ("fill", stroke)]))
        return out
    }

    /// The chart of `result`; `run` names it in the heading (a comparison's run label).
    static func figure(_ result: Equilibrium, run: String? = nil) -> SVGFigure {
        let all = result.revisions
        let shown = Self.shown(result)
        let rows = Group.allCases.flatMap { g in shown.filter { $0.group == g } }
        let subtitle = shown.count < all.count
            ? "\(shown.count) of \(all.count) revisions: the largest of each group (at least \(groupFloor) per group); the histogram below shows all of them."
            : all.isEmpty ? "No item moved by more than the revision threshold."
            : "Every revised item (\(all.count)): tick = initial value, marker = final value; shape = group, lightness = class."
        let (head, headHeight) = FigureLayout.heading("Revisions\(run.map { " (\($0))" } ?? ""): initial → final value, by group and class", subtitle: subtitle,
                                                      warning: FigureLayout.warning(for: result))
        let width = FigureLayout.width
        var body = head
        var y = headHeight
        var legend = Legend(entries: [(.tick(stroke: Palette.ink), "initial value"), (.line(stroke: Palette.ink), "revision → final value (marker)")])
        legend.entries += FigureLayout.classEntries(rows.map { ($0.group, $0.class) })
        let (legendElements, legendHeight) = legend.render(x: 16, y: y, width: width - 32)
        body += legendElements
        y += legendHeight + 10

        let labelWidth = FigureLayout.idColumn(rows.map(\.id))
        let plotLeft = 16 + labelWidth, plotRight = width - 100
        let x = Scale.linear(-1, 1, to: (plotLeft, plotRight))
        let rowHeight = 16.0, groupHeader = 20.0
        let top = y
        let rowsStart = body.count
        var stripes: [SVGElement] = []
        var groupCounts: [Group: Int] = [:]
        for r in all { groupCounts[r.group, default: 0] += 1 }
        for group in Group.allCases {
            let members = rows.filter { $0.group == group }
            guard !members.isEmpty else { continue }
            let total = groupCounts[group] ?? 0
            let label = group.plural.capitalized + (members.count < total ? " (the largest \(members.count) of \(total) revised)" : " (\(total) revised)")
            body.append(.text(label, x: 16, y: y + 14, size: 11, weight: "bold", fill: Palette.stroke(group)))
            y += groupHeader
            for (i, r) in members.enumerated() {
                let cy = y + rowHeight / 2
                if i % 2 == 0 { stripes.append(.rect(x: plotLeft, y: y, width: plotRight - plotLeft, height: rowHeight, fill: "#f6f6f6")) }
                var row: [SVGElement] = [.title("\(r.id): \(NumberText.fixed(r.from, 3)) → \(NumberText.fixed(r.to, 3)), \(r.class.rawValue)")]
                row.append(FigureLayout.idLabel(r.id, x: plotLeft - 8, y: cy + 3.5))
                row += arrow(from: x(r.from), to: x(r.to), y: cy, stroke: Palette.stroke(group))
                row.append(Marker.shape(group, r.class, x: x(r.to), y: cy, r: 4.5))
                row.append(.text(r.class.rawValue, x: plotRight + 10, y: cy + 3.5, size: 10))
                body.append(.group(row))
                y += rowHeight
            }
            y += 4
        }
        if rows.isEmpty {
            body.append(.text("No revisions.", x: plotLeft, y: y + 14, size: 11, fill: Palette.muted))
            y += 24
        }
        // The axis, its grid and the zero line go under the rows (drawn first).
        let axis = Axis.bottom(x, y: y + 2, label: "value (judgments −1 reverse … +1 affirm; principles and theories 0 reject … 1 adopt)",
                               ticks: [-1, -0.5, 0, 0.5, 1], gridTop: top)
        body.insert(contentsOf: stripes + axis + [.line(x1: x(0), y1: top, x2: x(0), y2: y, stroke: "#9e9e9e", extra: [("stroke-dasharray", "3 3")])],
                    at: rowsStart)
        let caption = "Revisions chart. Each row is an item that moved more than the revision threshold: the tick is its initial value x0, the arrow the revision, the marker its final value x. Shape gives the group (circle judgment, square principle, diamond theory); lightness gives the class (dark kept or adopted, middle weakened or partial, light suspended, lightest reversed or rejected), so the chart reads in greyscale."
        return SVGFigure(name: "revisions", title: "Revisions", caption: caption, width: width, height: y + 44, body: body)
    }
}

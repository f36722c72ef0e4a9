import ReflectiveEquilibrium

/// The strongest pulls of the largest revisions (docs/audit.md, "why each revision happened"):
/// one small bar chart per item, at the returned state, of the coherence pulls `W_ik x_k` of
/// the items it relates to (+ pulls up, − down; coloured by the pulling item's group), the
/// rest of its pulls summed, and what resisted: the anchoring `−λ_i (x_i − x0_i)` (grey,
/// dashed outline) and, for principles, the parsimony cost `−μ_i`. Their sum is the net force:
/// zero for an item inside its bounds at an equilibrium, the bound's reaction at a bound.
/// Every panel shares one scale, so bars compare across items.
enum PullsFigure {
    /// Items shown (at least `groupFloor` of each group with revisions), pulls per item.
    static let itemsShown = 8, groupFloor = 2, pullsShown = 5

    /// The explained items shown: the largest revisions, with at least `groupFloor` per group.
    static func shown(_ items: [ItemExplanation]) -> [ItemExplanation] {
        RevisionSelection.largest(items.map(\.group), count: itemsShown, floor: groupFloor).map { items[$0] }
    }

    /// One bar of a panel.
    struct Bar {
        var label: String
        var value: Double
        var fill: String
        var dashed = false
    }

    /// The bars of one item: its pulls, the rest, the anchoring and the parsimony.
    static func bars(_ item: ItemExplanation, groups: [String: Group]) -> [Bar] {
        var out = item.pulls.prefix(pullsShown).map { pull in
            Bar(label: pull.id, value: pull.contribution, fill: groups[pull.id].map(Palette.tone) ?? Palette.muted)
        }
        let restCount = item.omittedPulls + max(item.pulls.count - pullsShown, 0)
        let rest = item.omittedContribution + item.pulls.dropFirst(pullsShown).reduce(0) { $0 + $1.contribution }
        if restCount > 0 { out.append(Bar(label: "\(restCount) other\(restCount == 1 ? "" : "s")", value: rest, fill: "#d4d4d4")) }
        out.append(Bar(label: "anchoring", value: -item.anchoring, fill: Palette.anchoring, dashed: true))
        if item.parsimony != 0 { out.append(Bar(label: "parsimony", value: -item.parsimony, fill: "#cfcfcf", dashed: true)) }
        return out
    }

    /// What holds the item where it is, in words.
    static func standing(_ item: ItemExplanation) -> String {
        switch item.standing {
        case .interior: return abs(item.net) < 0.005 ? "balanced inside its bounds" : "NOT balanced (inside its bounds)"
        case .atLower: return "held by its lower bound"
        case .atUpper: return "held by its upper bound"
        default: return "not revisable here"
        }
    }

    static func figure(_ items: [ItemExplanation], groups: [String: Group], result: Equilibrium, revisions: Int) -> SVGFigure {
        let width = FigureLayout.width
        let shown = Self.shown(items)
        let subtitle = shown.isEmpty ? "No revisions to explain."
            : shown.count == revisions ? "All \(revisions) revision\(revisions == 1 ? "" : "s"): forces at the returned state (+ up, − down)."
            : "\(shown.count) of the \(revisions) revisions, the largest of each group: forces at the returned state (+ up, − down)."
        let (head, headHeight) = FigureLayout.heading("Why they moved: the strongest pulls and the anchoring that resisted",
                                                      subtitle: subtitle, warning: FigureLayout.warning(for: result))
        var body = head
        let legend = Legend(entries: Group.allCases.map { (.box(fill: Palette.tone($0)), "pull by a \($0.rawValue)") }
                            + [(.box(fill: Palette.anchoring, stroke: Palette.ink), "anchoring −λ(x − x0)"),
                               (.box(fill: "#cfcfcf", stroke: Palette.ink), "parsimony −μ"),
                               (.box(fill: "#d4d4d4"), "other pulls, summed")])
        let (legendElements, legendHeight) = legend.render(x: 16, y: headHeight, width: width - 32)
        body += legendElements
        var y = headHeight + legendHeight + 10

        let allBars = shown.map { bars($0, groups: groups) }
        let largest = allBars.flatMap { $0.map { abs($0.value) } }.max() ?? 1
        let gap = 16.0, panelWidth = (width - 2 * 16 - gap) / 2
        let rowHeight = 14.0
        for start in stride(from: 0, to: shown.count, by: 2) {
            var rowBottom = y
            for column in 0..<2 where start + column < shown.count {
                let item = shown[start + column]
                let left = 16 + Double(column) * (panelWidth + gap)
                let (elements, height) = panel(item, bars: allBars[start + column], largest: largest, x: left, y: y,
                                               width: panelWidth, rowHeight: rowHeight)
                body += elements
                rowBottom = max(rowBottom, y + height)
            }
            y = rowBottom + 12
        }
        let caption = "Pulls on the largest revisions. For each item, the bars are the coherence pulls W_ik x_k of the items it is related to (+ pulls its value up, − down; colour = the pulling item's group), the remaining pulls summed, and what resisted the move: the anchoring −λ_i (x_i − x0_i), which pulls back towards the initial value, and for principles the parsimony cost −μ_i. Their sum, the net force, is 0 for an item inside its bounds at an equilibrium; at a bound it is what the bound holds back. All panels share one scale (objective units per value unit)."
        return SVGFigure(name: "pulls", title: "Pulls", caption: caption, width: width, height: y + 4, body: body)
    }

    /// One item's panel at `(x, y)`; returns its elements and height.
    static func panel(_ item: ItemExplanation, bars: [Bar], largest: Double, x: Double, y: Double, width: Double,
                      rowHeight: Double) -> ([SVGElement], Double) {
        var out: [SVGElement] = [
            .text(TextMetrics.truncate(item.id, 24), x: x, y: y + 12, size: 11.5, weight: "bold", fill: Palette.stroke(item.group)),
            .text("\(NumberText.fixed(item.initial, 2)) → \(NumberText.fixed(item.value, 2)) \(item.class.rawValue)",
                  x: x + min(TextMetrics.width(TextMetrics.truncate(item.id, 24), size: 11.5) + 10, width / 2), y: y + 12, size: 10.5),
        ]
        let labelWidth = 78.0, valueWidth = 40.0
        let scale = Scale.linear(-largest * 1.05, largest * 1.05, to: (x + labelWidth, x + width - valueWidth))
        var cy = y + 20
        let top = cy
        for bar in bars {
            let from = scale(min(bar.value, 0)), to = scale(max(bar.value, 0))
            var extra: [(String, String)] = [("stroke-width", "0.8")]
            if bar.dashed { extra.append(("stroke-dasharray", "2 1.5")) }
            out.append(.group([
                .title("\(bar.label): \(NumberText.signed(bar.value, 3))"),
                .text(TextMetrics.truncate(bar.label, 12), x: x + labelWidth - 6, y: cy + rowHeight / 2 + 3.5, size: 10, anchor: "end"),
                .rect(x: from, y: cy + 2, width: max(to - from, 0.8), height: rowHeight - 4, fill: bar.fill,
                      stroke: bar.dashed ? Palette.ink : Palette.muted, extra: extra),
                .text(NumberText.signed(bar.value, 2), x: x + width - valueWidth + 4, y: cy + rowHeight / 2 + 3.5, size: 9.5,
                      fill: Palette.muted),
            ]))
            cy += rowHeight
        }
        out.append(.line(x1: scale(0), y1: top, x2: scale(0), y2: cy, stroke: Palette.ink))
        let ticks = scale.ticks(4)
        out.append(.line(x1: scale.range.start, y1: cy, x2: scale.range.end, y2: cy, stroke: Palette.muted))
        for t in ticks {
            let label = scale.label(t, ticks: ticks)
            out.append(.line(x1: scale(t), y1: cy, x2: scale(t), y2: cy + 3, stroke: Palette.muted))
            out.append(.text(t > 0 ? "+" + label : label, x: scale(t), y: cy + 12, size: 9, anchor: "middle", fill: Palette.muted))
        }
        out.append(.text("net force \(NumberText.signed(item.net, 2)): \(standing(item))", x: x + 24, y: cy + 25, size: 10))
        return (out, cy + 29 - y)
    }
}

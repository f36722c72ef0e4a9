import Foundation
import ReflectiveEquilibrium

/// The distribution of all revisions of a large result: one small histogram per group of the
/// change `x − x0` (bins of 0.1 on [−2, 2]), each with its own count axis, so a few hundred
/// revised principles stay visible beside ten thousand judgments.
enum RevisionHistogram {
    /// Bin width and range of the change.
    static let binWidth = 0.1, range = (-2.0, 2.0)

    /// The counts per bin of `changes` (values outside the range go to the end bins).
    static func counts(_ changes: [Double]) -> [Int] {
        let bins = Int(((range.1 - range.0) / binWidth).rounded())
        var counts = [Int](repeating: 0, count: bins)
        for d in changes where d.isFinite {
            let i = Int(Foundation.floor((d - range.0) / binWidth))
            counts[min(max(i, 0), bins - 1)] += 1
        }
        return counts
    }

    static func figure(_ result: Equilibrium) -> SVGFigure {
        let width = FigureLayout.width
        let (head, headHeight) = FigureLayout.heading(
            "Distribution of all \(result.revisions.count) revisions by change x − x0",
            subtitle: "One panel per group, each with its own count scale; bins of \(NumberText.fixed(binWidth, 1)) in value units.",
            warning: FigureLayout.warning(for: result))
        var body = head
        var y = headHeight + 6
        let left = 70.0, right = width - 24
        let x = Scale.linear(range.0, range.1, to: (left, right))
        let panelHeight = 80.0
        for group in Group.allCases {
            let changes = result.revisions.filter { $0.group == group }.map { $0.to - $0.from }
            guard !changes.isEmpty else { continue }
            let counts = Self.counts(changes)
            let top = y + 22
            let yScale = Scale.linear(0, Double(max(counts.max() ?? 1, 1)), to: (top + panelHeight, top)).nice(3)
            body.append(.text("\(group.plural.capitalized): \(changes.count) revised", x: left, y: y + 11,
                              size: 11, weight: "bold", fill: Palette.stroke(group)))
            var ticks = yScale.ticks(3).filter { $0 == $0.rounded() }
            if ticks.isEmpty { ticks = [0] }
            body += Axis.left(yScale, x: left, label: "items", labelX: left - 42, ticks: ticks, gridRight: right)
            for (i, count) in counts.enumerated() where count > 0 {
                let x0 = x(range.0 + Double(i) * binWidth), x1 = x(range.0 + Double(i + 1) * binWidth)
                let bar = SVGElement.rect(x: x0 + 0.5, y: yScale(Double(count)), width: x1 - x0 - 1,
                                          height: yScale(0) - yScale(Double(count)), fill: Palette.tone(group),
                                          stroke: Palette.stroke(group), extra: [("stroke-width", "0.6")])
                let low = range.0 + Double(i) * binWidth
                body.append(.group([.title("\(count) \(group.plural) changed by \(NumberText.fixed(low, 1)) to \(NumberText.fixed(low + binWidth, 1))"), bar]))
            }
            body.append(.line(x1: left, y1: top + panelHeight, x2: right, y2: top + panelHeight, stroke: Palette.ink))
            y = top + panelHeight + 10
        }
        body += Axis.bottom(x, y: y, label: "change x − x0 (value units; negative = moved down, towards reverse or reject)",
                            ticks: [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2])
        let caption = "Distribution of every revision by its change x − x0, one histogram per group with its own count axis (bins of 0.1; changes beyond ±2 cannot occur). Bars are filled with the group's middle tone."
        return SVGFigure(name: "revision-distribution", title: "Distribution of the revisions", caption: caption,
                         width: width, height: y + 44, body: body)
    }
}

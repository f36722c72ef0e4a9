/// Axes with ticks, tick labels, grid lines and a label that names the quantity and its unit.
enum Axis {
    /// Tick label size, axis label size.
    static let tickSize = 10.0, labelSize = 11.0

    /// A horizontal axis at height `y` under a plot spanning `scale.range` horizontally, with
    /// grid lines up to `gridTop` when given and `label` centred below.
    static func bottom(_ scale: Scale, y: Double, label: String, ticks: [Double]? = nil, gridTop: Double? = nil) -> [SVGElement] {
        let values = ticks ?? scale.ticks()
        var out: [SVGElement] = [.line(x1: scale.range.start, y1: y, x2: scale.range.end, y2: y, stroke: Palette.ink)]
        for value in values {
            let x = scale(value)
            if let gridTop { out.append(.line(x1: x, y1: gridTop, x2: x, y2: y, stroke: Palette.grid)) }
            out.append(.line(x1: x, y1: y, x2: x, y2: y + 4, stroke: Palette.ink))
            out.append(.text(scale.label(value, ticks: values), x: x, y: y + 15, size: tickSize, anchor: "middle", fill: Palette.muted))
        }
        out.append(.text(label, x: (scale.range.start + scale.range.end) / 2, y: y + 31, size: labelSize, anchor: "middle"))
        return out
    }

    /// A vertical axis at `x` beside a plot spanning `scale.range` vertically, with grid lines
    /// to `gridRight` when given and `label` rotated along it at `labelX`.
    static func left(_ scale: Scale, x: Double, label: String, labelX: Double, ticks: [Double]? = nil,
                     gridRight: Double? = nil) -> [SVGElement] {
        let values = ticks ?? scale.ticks(4)
        var out: [SVGElement] = [.line(x1: x, y1: scale.range.start, x2: x, y2: scale.range.end, stroke: Palette.ink)]
        for value in values {
            let y = scale(value)
            if let gridRight { out.append(.line(x1: x, y1: y, x2: gridRight, y2: y, stroke: Palette.grid)) }
            out.append(.line(x1: x - 4, y1: y, x2: x, y2: y, stroke: Palette.ink))
            out.append(.text(scale.label(value, ticks: values), x: x - 6, y: y + 3.5, size: tickSize, anchor: "end", fill: Palette.muted))
        }
        let middle = (scale.range.start + scale.range.end) / 2
        out.append(.text(label, x: labelX, y: middle, size: labelSize, anchor: "middle",
                         extra: [("transform", "rotate(-90 \(SVGElement.number(labelX)) \(SVGElement.number(middle)))")]))
        return out
    }
}

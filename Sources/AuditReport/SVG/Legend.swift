import ReflectiveEquilibrium

/// A legend: a row of swatches with labels, wrapped to a width.
struct Legend {
    /// What an entry shows before its label.
    enum Swatch {
        /// An item marker of a group and class (`nil` class: the group's middle tone).
        case marker(Group, ItemClass?)
        /// A filled box.
        case box(fill: String, stroke: String? = nil)
        /// A line segment.
        case line(stroke: String, dash: String? = nil)
        /// A short vertical tick (the initial value in the revisions chart).
        case tick(stroke: String)
    }

    var entries: [(Swatch, String)]

    /// The legend as elements from `(x, y)` (top left) within `width`, and its height.
    func render(x: Double, y: Double, width: Double, size: Double = 10) -> (elements: [SVGElement], height: Double) {
        let rowHeight = size + 8
        var out: [SVGElement] = []
        var cx = x, cy = y + rowHeight / 2
        for (swatch, label) in entries {
            let entryWidth = 18 + TextMetrics.width(label, size: size) + 14
            if cx > x && cx + entryWidth > x + width { cx = x; cy += rowHeight }
            out.append(Self.swatch(swatch, x: cx + 6, y: cy))
            out.append(.text(label, x: cx + 16, y: cy + size * 0.35, size: size))
            cx += entryWidth
        }
        return (out, entries.isEmpty ? 0 : cy - y + rowHeight / 2)
    }

    static func swatch(_ swatch: Swatch, x: Double, y: Double) -> SVGElement {
        switch swatch {
        case let .marker(group, itemClass):
            return Marker.shape(group, itemClass, x: x, y: y)
        case let .box(fill, stroke):
            return .rect(x: x - 5, y: y - 5, width: 10, height: 10, fill: fill, stroke: stroke ?? Palette.muted,
                         extra: [("stroke-width", "0.8")])
        case let .tick(stroke):
            return .line(x1: x, y1: y - 5, x2: x, y2: y + 5, stroke: stroke, width: 2)
        case let .line(stroke, dash):
            return .line(x1: x - 6, y1: y, x2: x + 6, y2: y, stroke: stroke, width: 2,
                         extra: dash.map { [("stroke-dasharray", $0)] } ?? [])
        }
    }
}

/// Text widths estimated from the character count (the figures use a sans-serif stack whose
/// average advance is about 0.6 em), for laying out labels without a font engine.
enum TextMetrics {
    static func width(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.6 }

    /// `text` cut to at most `characters` characters, with "…" when cut.
    static func truncate(_ text: String, _ characters: Int) -> String {
        text.count <= characters ? text : String(text.prefix(max(characters - 1, 1))) + "…"
    }
}

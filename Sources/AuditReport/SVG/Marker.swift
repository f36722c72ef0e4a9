import ReflectiveEquilibrium

/// The marker of an item: its group's shape (judgment circle, principle square, theory
/// diamond) filled by class (see `Palette`).
enum Marker {
    /// The marker of an item of `group` in `itemClass` (`nil`: the group's middle tone)
    /// centred at `(x, y)` with half-size `r`.
    static func shape(_ group: Group, _ itemClass: ItemClass?, x: Double, y: Double, r: Double = 4.5) -> SVGElement {
        let fill = itemClass.map { Palette.fill(group, $0) } ?? Palette.tone(group)
        let paint = [("fill", fill), ("stroke", Palette.stroke(group)), ("stroke-width", "1")]
        let n = SVGElement.number
        switch group {
        case .judgment:
            return SVGElement("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(r))] + paint)
        case .principle:
            let s = r * 0.9
            return SVGElement("rect", [("x", n(x - s)), ("y", n(y - s)), ("width", n(2 * s)), ("height", n(2 * s))] + paint)
        case .theory:
            let s = r * 1.2
            let points = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)].map { n($0.0) + "," + n($0.1) }
            return SVGElement("polygon", [("points", points.joined(separator: " "))] + paint)
        }
    }
}

import ReflectiveEquilibrium

/// Shared pieces of figure layout: the heading lines every figure starts with (a title, the
/// NOT-an-equilibrium warning when it applies, a subtitle) and the id labels of rows.
enum FigureLayout {
    /// The standard figure width in CSS pixels (fits an A4 page with margins at 96 dpi).
    static let width = 760.0
    /// Characters an id label keeps (the full id is in the row's tooltip).
    static let idCharacters = 18

    /// The heading of a figure from the top; returns the elements and the height used.
    /// `warning` is drawn in the warning colour (e.g. "NOT an equilibrium: …").
    static func heading(_ title: String, subtitle: String? = nil, warning: String? = nil,
                        x: Double = 16, y: Double = 0) -> (elements: [SVGElement], height: Double) {
        var out: [SVGElement] = [.text(title, x: x, y: y + 20, size: 14, weight: "bold")]
        var bottom = y + 26
        if let warning {
            out.append(.text(warning, x: x, y: bottom + 13, size: 11.5, weight: "bold", fill: Palette.warning))
            bottom += 17
        }
        if let subtitle {
            out.append(.text(subtitle, x: x, y: bottom + 12, size: 10.5, fill: Palette.muted))
            bottom += 16
        }
        return (out, bottom - y + 4)
    }

    /// The warning line of a result that is not an equilibrium, or `nil`.
    static func warning(for result: Equilibrium) -> String? {
        result.isEquilibrium ? nil : "NOT an equilibrium: the solver stopped (\(result.status.rawValue)); these are the values where it stopped"
    }

    /// The width an id column needs for `ids` at `size` (capped at `idCharacters`).
    static func idColumn(_ ids: [String], size: Double = 10.5) -> Double {
        let longest = ids.map { min($0.count, idCharacters) }.max() ?? 2
        return max(Double(longest) * size * 0.6 + 12, 40)
    }

    /// An id label (cut to `idCharacters`), right-aligned at `x`.
    static func idLabel(_ id: String, x: Double, y: Double, size: Double = 10.5) -> SVGElement {
        .text(TextMetrics.truncate(id, idCharacters), x: x, y: y, size: size, anchor: "end")
    }

    /// "1 judgment", "12 judgments".
    static func count(_ n: Int, _ group: Group) -> String { "\(n) \(n == 1 ? group.rawValue : group.plural)" }

    /// The legend entries of the classes present in `pairs`, in group and class order.
    static func classEntries(_ pairs: [(Group, ItemClass)]) -> [(Legend.Swatch, String)] {
        var seen = Set<String>()
        for (group, itemClass) in pairs { seen.insert(group.rawValue + "/" + itemClass.rawValue) }
        var out: [(Legend.Swatch, String)] = []
        for group in Group.allCases {
            for itemClass in ItemClass.classes(of: group) where seen.contains(group.rawValue + "/" + itemClass.rawValue) {
                out.append((.marker(group, itemClass), "\(itemClass.rawValue) \(group.rawValue)"))
            }
        }
        return out
    }
}

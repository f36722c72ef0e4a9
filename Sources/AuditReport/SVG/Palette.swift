import ReflectiveEquilibrium

/// The colours and marker shapes of every figure, chosen to read on screen and in greyscale
/// print alike.
///
/// - **Group** is the hue (judgments blue, principles orange, theories green) and, redundantly
///   for print and colour-blind readers, the marker shape (circle, square, diamond).
/// - **Class** is the lightness, on one scale for every group: dark for what is kept or taken
///   up (retained, adopted, accepted), middle for what is weakened or partial, light for a
///   suspended judgment, lightest (with the group's dark outline) for what is reversed or
///   rejected. In greyscale the lightness alone tells the class.
/// - Shares (the consensus map) use one sequential ramp, light to dark purple, whose lightness
///   falls monotonically with the share.
enum Palette {
    /// Text and axes.
    static let ink = "#1a1a1a"
    /// Secondary text, tick labels.
    static let muted = "#5c5c5c"
    /// Grid lines.
    static let grid = "#e2e2e2"
    /// The fill of the anchoring bar (what resists a revision): mid grey, hatched.
    static let anchoring = "#9a9a9a"
    /// The warning colour of a result that is NOT an equilibrium.
    static let warning = "#b00020"

    /// The four lightness levels of a group's hue, dark to light.
    static func ramp(_ group: Group) -> [String] {
        switch group {
        case .judgment: return ["#08306b", "#4f8ac9", "#a9cde8", "#eef5fb"]
        case .principle: return ["#7f2704", "#e0711a", "#fbc48f", "#fff1e3"]
        case .theory: return ["#00441b", "#3f9e55", "#a8dca0", "#eef8ec"]
        }
    }

    /// The lightness level of a class: 0 kept or taken up … 3 reversed or rejected.
    static func level(_ itemClass: ItemClass) -> Int {
        switch itemClass {
        case .retained, .adopted, .accepted: return 0
        case .weakened, .partial: return 1
        case .suspended: return 2
        case .reversed, .rejected: return 3
        }
    }

    /// The fill of an item of `group` in class `itemClass`.
    static func fill(_ group: Group, _ itemClass: ItemClass) -> String { ramp(group)[level(itemClass)] }

    /// The outline of the group's markers (its darkest tone).
    static func stroke(_ group: Group) -> String { ramp(group)[0] }

    /// The group's middle tone, for bars coloured by group alone.
    static func tone(_ group: Group) -> String { ramp(group)[1] }

    /// Text that reads on a cell filled with `fill`: white on the dark levels, ink otherwise.
    static func text(on group: Group, _ itemClass: ItemClass) -> String { level(itemClass) <= 1 ? "#ffffff" : ink }

    /// The sequential ramp for a share in [0, 1] (light → dark purple).
    static let shareStops: [(Double, Double, Double)] = [
        (0xfc, 0xfb, 0xfd), (0xda, 0xda, 0xeb), (0x9e, 0x9a, 0xc8), (0x6a, 0x51, 0xa3), (0x3f, 0x00, 0x7d),
    ]

    /// The colour of `share` on the sequential ramp (clamped to [0, 1]; NaN is light grey).
    static func share(_ share: Double) -> String {
        guard share.isFinite else { return "#dddddd" }
        let t = min(max(share, 0), 1) * Double(shareStops.count - 1)
        let i = min(Int(t), shareStops.count - 2)
        let f = t - Double(i)
        let (a, b) = (shareStops[i], shareStops[i + 1])
        return hex(a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f)
    }

    /// Text that reads on the ramp at `share`.
    static func text(onShare share: Double) -> String { share.isFinite && share > 0.55 ? "#ffffff" : ink }

    /// `#rrggbb` of components in 0…255.
    static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        let digits = Array("0123456789abcdef")
        func byte(_ v: Double) -> String {
            let x = Int(min(max(v.rounded(), 0), 255))
            return String([digits[x >> 4], digits[x & 15]])
        }
        return "#" + byte(r) + byte(g) + byte(b)
    }
}

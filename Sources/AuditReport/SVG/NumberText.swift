import Foundation

/// Numbers as the reports print them: fixed decimals without "-0", signed, scientific,
/// percentages; the minus sign is U+2212 (typeset, and not a hyphen in a table).
enum NumberText {
    /// `x` with `decimals` decimals ("−0.46", "1.00"); NaN as "–".
    static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "−∞") }
        let scale = pow(10, Double(decimals))
        let rounded = (x * scale).rounded() / scale
        let text = String(format: "%.\(decimals)f", rounded == 0 ? 0 : rounded)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// With an explicit sign ("+0.40", "−0.26").
    static func signed(_ x: Double, _ decimals: Int = 2) -> String {
        let text = fixed(x, decimals)
        return text.hasPrefix("−") || !x.isFinite || text == fixed(0, decimals) ? text : "+" + text
    }

    /// Scientific with two significant digits ("4.4e−16"); NaN as "–".
    static func scientific(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : "∞" }
        return String(format: "%.1e", x).replacingOccurrences(of: "-", with: "−")
    }

    /// "51.0 %".
    static func percent(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        return fixed(100 * x, 1) + " %"
    }

    /// "1.87 ms", "2.40 s".
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "–" }
        return seconds < 1 ? fixed(seconds * 1000, 2) + " ms" : fixed(seconds, 2) + " s"
    }
}

import Foundation

/// A map from data values to positions on one axis, with tick values.
struct Scale: Sendable {
    /// Linear or base-10 logarithmic.
    enum Kind: Sendable { case linear, log }

    var kind: Kind
    var domain: (lower: Double, upper: Double)
    var range: (start: Double, end: Double)

    /// A linear scale; an empty domain is widened by one unit each way.
    static func linear(_ lower: Double, _ upper: Double, to range: (Double, Double)) -> Scale {
        var (lo, hi) = (lower, upper)
        if !(hi > lo) { lo -= 1; hi += 1 }
        return Scale(kind: .linear, domain: (lo, hi), range: range)
    }

    /// A log scale over whole decades covering `[lower, upper]` (both clamped to ≥ 1e-300).
    static func log(_ lower: Double, _ upper: Double, to range: (Double, Double)) -> Scale {
        let lo = Foundation.floor(log10(max(min(lower, upper), 1e-300)))
        var hi = Foundation.ceil(log10(max(max(lower, upper), 1e-300)))
        if hi <= lo { hi = lo + 1 }
        return Scale(kind: .log, domain: (pow(10, lo), pow(10, hi)), range: range)
    }

    /// The scale with its linear domain widened to whole steps of its `count` ticks, so the
    /// axis ends on a labelled tick.
    func nice(_ count: Int = 5) -> Scale {
        guard kind == .linear else { return self }
        let step = Scale.niceStep((domain.upper - domain.lower) / Double(max(count, 1)))
        return Scale(kind: kind, domain: (Foundation.floor(domain.lower / step + 1e-9) * step,
                                          Foundation.ceil(domain.upper / step - 1e-9) * step), range: range)
    }

    /// The position of `value` (log scales clamp values below the domain to its lower end).
    func callAsFunction(_ value: Double) -> Double {
        let t: Double
        switch kind {
        case .linear: t = (value - domain.lower) / (domain.upper - domain.lower)
        case .log:
            let v = max(value, domain.lower)
            t = (log10(v) - log10(domain.lower)) / (log10(domain.upper) - log10(domain.lower))
        }
        return range.start + t * (range.end - range.start)
    }

    /// About `count` round tick values inside the domain (linear: steps of 1, 2 or 5 × 10^e;
    /// log: every decade, or every few decades when there are many).
    func ticks(_ count: Int = 5) -> [Double] {
        switch kind {
        case .linear:
            let step = Scale.niceStep((domain.upper - domain.lower) / Double(max(count, 1)))
            let first = Foundation.ceil(domain.lower / step - 1e-9)
            let last = Foundation.floor(domain.upper / step + 1e-9)
            guard first <= last else { return [] }
            return stride(from: first, through: last, by: 1).map { $0 * step == 0 ? 0 : $0 * step }
        case .log:
            let lo = Int(log10(domain.lower).rounded()), hi = Int(log10(domain.upper).rounded())
            let every = max(1, Int(Foundation.ceil(Double(hi - lo) / Double(max(count, 1)))))
            return stride(from: lo, through: hi, by: every).map { pow(10, Double($0)) }
        }
    }

    /// The step of 1, 2 or 5 × 10^e nearest to `raw` on a log scale (cut points √2, √10, √50,
    /// as in d3's ticks), so a request for about n ticks gives between n/2 and 2n.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let base = pow(10, Foundation.floor(log10(raw)))
        let ratio = raw / base
        if ratio >= 50.0.squareRoot() { return 10 * base }
        if ratio >= 10.0.squareRoot() { return 5 * base }
        if ratio >= 2.0.squareRoot() { return 2 * base }
        return base
    }

    /// The label of tick `value`: decimals enough for the tick step on a linear scale,
    /// "10⁻⁶"-style powers on a log scale.
    func label(_ value: Double, ticks: [Double]) -> String {
        switch kind {
        case .log: return Scale.power(Int(log10(value).rounded()))
        case .linear:
            let step = ticks.count > 1 ? abs(ticks[1] - ticks[0]) : abs(value)
            let decimals = step > 0 ? max(0, -Int(Foundation.floor(log10(step) + 1e-9))) : 0
            return NumberText.fixed(value, decimals)
        }
    }

    /// "10⁻⁶", "10⁰", "10³".
    static func power(_ exponent: Int) -> String {
        let superscripts: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵",
                                                    "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return "10" + String(String(exponent).map { superscripts[$0] ?? $0 })
    }
}

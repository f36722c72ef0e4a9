import Foundation

/// A family of planted instances for `wre bench --families` (docs/solvers.md): the structure a
/// solver must cope with beyond the generator's defaults.
///
/// - `density`: the share of non-zeros of A and C (0.01, 0.1 or 1; stored dense).
/// - `free`: judgments mostly at their bounds (they start at ±1 with the default anchoring, the
///   generator's default) or mostly free (they start at ±0.5, anchored 8 times more strongly, so
///   their pulls move them a little and they stay inside the box).
/// - `regime`: convex by construction, or not.
/// - `units`: every confidence, parsimony cost and block weight multiplied by 1 or 10⁶.
/// - `signs`: planted (W = S|W|S) or independent random signs.
public struct BenchmarkFamily: Sendable, Hashable, CustomStringConvertible {
    public var density: Double
    public var free: Bool
    public var regime: PlantedRegime
    public var units: Double
    public var signs: PlantedSigns

    public init(density: Double, free: Bool, regime: PlantedRegime, units: Double = 1, signs: PlantedSigns = .planted) {
        self.density = density
        self.free = free
        self.regime = regime
        self.units = units
        self.signs = signs
    }

    /// The judgment anchoring and initial stance of the mostly-free families.
    static let freeAnchoring = 8.0, freeStance = 0.5

    /// `d0.1-free-convex-u1e6` (`-random` for independent signs).
    public var description: String {
        let d = density == 1 ? "1" : String(density)
        let u = units == 1 ? "u1" : "u1e\(Int(log10(units).rounded()))"
        return "d\(d)-\(free ? "free" : "bounds")-\(regime.rawValue)-\(u)" + (signs == .random ? "-random" : "")
    }

    /// The generator's parameters for `size` and `seed`.
    public func parameters(_ size: BenchmarkSize, seed: UInt64) -> PlantedParameters {
        var p = PlantedParameters(judgments: size.judgments, principles: size.principles, theories: size.theories,
                                  judgmentPrincipleDensity: density, judgmentTheoryDensity: density,
                                  judgmentAnchoring: free ? Self.freeAnchoring : 1, regime: regime, seed: seed)
        p.initialStance = free ? Self.freeStance : 1
        p.units = units
        p.signs = signs
        return p
    }

    /// The suite of the issue: density 0.01 / 0.1 / 1 × judgments at their bounds / free ×
    /// convex / non-convex × units 1 / 10⁶, with planted signs; `randomSigns` adds the dense
    /// families with independent signs (units 1).
    public static func suite(randomSigns: Bool = true) -> [BenchmarkFamily] {
        var families: [BenchmarkFamily] = []
        for density in [0.01, 0.1, 1] {
            for free in [false, true] {
                for regime in PlantedRegime.allCases {
                    for units in [1.0, 1e6] { families.append(BenchmarkFamily(density: density, free: free, regime: regime, units: units)) }
                }
            }
        }
        if randomSigns {
            for free in [false, true] {
                for regime in PlantedRegime.allCases { families.append(BenchmarkFamily(density: 1, free: free, regime: regime, signs: .random)) }
            }
        }
        return families
    }

    /// Parses a family name (`description`).
    public init?(parsing text: String) {
        var parts = text.split(separator: "-").map(String.init)
        var signs = PlantedSigns.planted
        if parts.last == "random" { signs = .random; parts.removeLast() }
        guard parts.count == 4, parts[0].hasPrefix("d"), let density = Double(parts[0].dropFirst()), density >= 0, density <= 1,
              parts[1] == "free" || parts[1] == "bounds", let regime = PlantedRegime(rawValue: parts[2]),
              parts[3].hasPrefix("u") else { return nil }
        let u = parts[3].dropFirst()
        let units: Double
        if u == "1" { units = 1 } else if u.hasPrefix("1e"), let e = Int(u.dropFirst(2)) { units = pow10(e) } else { return nil }
        self.init(density: density, free: parts[1] == "free", regime: regime, units: units, signs: signs)
    }
}

private func log10(_ x: Double) -> Double { Foundation.log10(x) }
private func pow10(_ e: Int) -> Double { Foundation.pow(10, Double(e)) }

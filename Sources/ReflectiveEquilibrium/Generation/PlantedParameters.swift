/// The parameters of a planted instance (`wre generate`, `PlantedInstance`).
///
/// Every judgment has a hidden true verdict `vᵢ = ±1`; `truePrinciples` of the `n` principles
/// (and a matching share of the theories) are planted true. The blocks agree with the truth:
/// a true principle bears on its judgments with the sign of their verdicts (`A_ia = vᵢ w`), a
/// false one against them with weaker weights; true theories support true principles and
/// undermine false ones (B) and bear on judgments with their verdicts (C); false theories do the
/// reverse. Judgments start at their verdict except a `noise` share that start flipped (`−vᵢ`);
/// principles and theories start at 0.5. See `PlantedInstance` for the construction.
public struct PlantedParameters: Sendable, Codable, Equatable {
    /// `m`, the number of judgments (≥ 1).
    public var judgments: Int
    /// `n`, the number of principles (≥ 1).
    public var principles: Int
    /// `k`, the number of background theories (≥ 0).
    public var theories: Int
    /// Share of non-zero entries of `A` (m × n), in [0, 1]. Default 0.1.
    public var judgmentPrincipleDensity: Double
    /// Share of non-zero entries of `B` (n × k), in [0, 1]. Default 0.3.
    public var principleTheoryDensity: Double
    /// Share of non-zero entries of `C` (m × k), in [0, 1]. Default 0.05.
    public var judgmentTheoryDensity: Double
    /// How many principles are planted true, in `1...n`. Default `max(1, n / 5)`.
    public var truePrinciples: Int
    /// Share of judgments whose initial verdict is flipped (`round(noise · m)` of them), in [0, 1]. Default 0.1.
    public var noise: Double
    /// Anchoring (confidence `λ`) of every judgment, > 0. Default 1.
    public var judgmentAnchoring: Double
    /// Relative anchoring of principles, > 0. Default 1. The regime sets the common scale of
    /// principle and theory anchoring (see `PlantedInstance`); this and `theoryAnchoring` set their ratio.
    public var principleAnchoring: Double
    /// Relative anchoring of theories, > 0. Default 1.
    public var theoryAnchoring: Double
    /// Parsimony cost `μ` of every principle, ≥ 0. Default 0.01.
    public var parsimony: Double
    /// Convex by construction, or not. Default `.convex`.
    public var regime: PlantedRegime
    /// The seed of the generator: the same parameters and seed give the same files, byte for byte.
    public var seed: UInt64
    /// The magnitude of the judgments' initial stance, in (0, 1]: a judgment starts at `±stance`
    /// (its verdict, or flipped). Default 1 (at the bounds). With a stance below 1 and a strong
    /// `judgmentAnchoring`, most judgments stay strictly inside their bounds (free).
    public var initialStance: Double = 1
    /// The units of the instance: every confidence, every parsimony cost and every block weight
    /// is multiplied by this (> 0). The equilibrium does not change; only the units do. Default 1.
    public var units: Double = 1
    /// The signs of A, B and C. Default `.planted`.
    public var signs: PlantedSigns = .planted

    /// Parameters with the defaults above; `truePrinciples` `nil` takes `max(1, principles / 5)`.
    public init(judgments: Int, principles: Int, theories: Int,
                judgmentPrincipleDensity: Double = 0.1, principleTheoryDensity: Double = 0.3,
                judgmentTheoryDensity: Double = 0.05, truePrinciples: Int? = nil, noise: Double = 0.1,
                judgmentAnchoring: Double = 1, principleAnchoring: Double = 1, theoryAnchoring: Double = 1,
                parsimony: Double = 0.01, regime: PlantedRegime = .convex, seed: UInt64 = 1) {
        self.judgments = judgments
        self.principles = principles
        self.theories = theories
        self.judgmentPrincipleDensity = judgmentPrincipleDensity
        self.principleTheoryDensity = principleTheoryDensity
        self.judgmentTheoryDensity = judgmentTheoryDensity
        self.truePrinciples = truePrinciples ?? max(1, principles / 5)
        self.noise = noise
        self.judgmentAnchoring = judgmentAnchoring
        self.principleAnchoring = principleAnchoring
        self.theoryAnchoring = theoryAnchoring
        self.parsimony = parsimony
        self.regime = regime
        self.seed = seed
    }

    /// Checks every range above; throws `PlantedError.invalidParameter` naming the first
    /// offending parameter.
    public func validate() throws {
        func fail(_ name: String, _ value: some CustomStringConvertible, _ requirement: String) -> PlantedError {
            .invalidParameter(name: name, value: value.description, requirement: requirement)
        }
        if judgments < 1 { throw fail("judgments", judgments, "must be at least 1") }
        if principles < 1 { throw fail("principles", principles, "must be at least 1") }
        if theories < 0 { throw fail("theories", theories, "must not be negative") }
        let (columns, wide) = principles.addingReportingOverflow(theories)
        let (cells, overflow) = judgments.multipliedReportingOverflow(by: columns)
        if wide || overflow || cells > Int.max / 8 {
            throw fail("judgments", judgments, "the blocks would have more than \(Int.max / 8) entries")
        }
        for (name, value) in [("judgmentPrincipleDensity", judgmentPrincipleDensity),
                              ("principleTheoryDensity", principleTheoryDensity),
                              ("judgmentTheoryDensity", judgmentTheoryDensity), ("noise", noise)]
        where !(value >= 0 && value <= 1) {
            throw fail(name, value, "must be a number in [0, 1]")
        }
        if !(1...principles).contains(truePrinciples) {
            throw fail("truePrinciples", truePrinciples, "must be between 1 and the number of principles (\(principles))")
        }
        for (name, value) in [("judgmentAnchoring", judgmentAnchoring), ("principleAnchoring", principleAnchoring),
                              ("theoryAnchoring", theoryAnchoring)]
        where !(value.isFinite && value > 0 && value <= 1e100) {
            throw fail(name, value, "must be a positive finite number")
        }
        if !(parsimony.isFinite && parsimony >= 0) { throw fail("parsimony", parsimony, "must be a finite number ≥ 0") }
        if !(initialStance > 0 && initialStance <= 1) { throw fail("initialStance", initialStance, "must be a number in (0, 1]") }
        if !(units.isFinite && units > 0 && units <= 1e100 && units >= 1e-100) { throw fail("units", units, "must be a positive finite number") }
        if regime == .nonconvex && judgmentPrincipleDensity == 0 && (theories == 0 || (principleTheoryDensity == 0 && judgmentTheoryDensity == 0)) {
            throw fail("regime", regime.rawValue, "a non-convex instance needs coupling: give a block a non-zero density")
        }
    }
}

extension PlantedParameters {
    private enum CodingKeys: String, CodingKey {
        case judgments, principles, theories, judgmentPrincipleDensity, principleTheoryDensity, judgmentTheoryDensity
        case truePrinciples, noise, judgmentAnchoring, principleAnchoring, theoryAnchoring, parsimony, regime, seed
        case initialStance, units, signs
    }

    /// Reads parameters written before `initialStance`, `units` and `signs` existed with their defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(judgments: try c.decode(Int.self, forKey: .judgments), principles: try c.decode(Int.self, forKey: .principles),
                  theories: try c.decode(Int.self, forKey: .theories),
                  judgmentPrincipleDensity: try c.decode(Double.self, forKey: .judgmentPrincipleDensity),
                  principleTheoryDensity: try c.decode(Double.self, forKey: .principleTheoryDensity),
                  judgmentTheoryDensity: try c.decode(Double.self, forKey: .judgmentTheoryDensity),
                  truePrinciples: try c.decode(Int.self, forKey: .truePrinciples), noise: try c.decode(Double.self, forKey: .noise),
                  judgmentAnchoring: try c.decode(Double.self, forKey: .judgmentAnchoring),
                  principleAnchoring: try c.decode(Double.self, forKey: .principleAnchoring),
                  theoryAnchoring: try c.decode(Double.self, forKey: .theoryAnchoring), parsimony: try c.decode(Double.self, forKey: .parsimony),
                  regime: try c.decode(PlantedRegime.self, forKey: .regime), seed: try c.decode(UInt64.self, forKey: .seed))
        initialStance = try c.decodeIfPresent(Double.self, forKey: .initialStance) ?? 1
        units = try c.decodeIfPresent(Double.self, forKey: .units) ?? 1
        signs = try c.decodeIfPresent(PlantedSigns.self, forKey: .signs) ?? .planted
    }
}

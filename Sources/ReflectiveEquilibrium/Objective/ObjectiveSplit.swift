/// The equilibrium objective split into its parts (docs/model.md, docs/results.md):
/// `total = coherence − revisionCost − parsimonyCost`, which the equilibrium maximizes.
public struct ObjectiveSplit: Sendable, Equatable, Codable {
    /// `Coh(x) = ½ xᵀ W x`.
    public var coherence: Double
    /// `½ Σᵢ λᵢ (xᵢ − x0ᵢ)²`.
    public var revisionCost: Double
    /// `Σₐ μₐ pₐ`.
    public var parsimonyCost: Double
    /// `coherence − revisionCost − parsimonyCost`.
    public var total: Double { coherence - revisionCost - parsimonyCost }

    public init(coherence: Double, revisionCost: Double, parsimonyCost: Double) {
        self.coherence = coherence
        self.revisionCost = revisionCost
        self.parsimonyCost = parsimonyCost
    }

    enum CodingKeys: String, CodingKey { case total, coherence, revisionCost, parsimonyCost }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        coherence = try c.decode(Double.self, forKey: .coherence)
        revisionCost = try c.decode(Double.self, forKey: .revisionCost)
        parsimonyCost = try c.decode(Double.self, forKey: .parsimonyCost)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(total, forKey: .total)
        try c.encode(coherence, forKey: .coherence)
        try c.encode(revisionCost, forKey: .revisionCost)
        try c.encode(parsimonyCost, forKey: .parsimonyCost)
    }
}

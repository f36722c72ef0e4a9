/// One distinct equilibrium (a KKT point) found by a multi-start solve, with the share of the
/// starting points whose runs converged to it: its basin share (docs/model.md, path dependence).
public struct EquilibriumPoint: Sendable, Equatable {
    /// `Coh − revision cost − parsimony cost` at the point (maximized).
    public var objective: Double
    /// The fraction of all starts whose run converged to this point (the shares of all points
    /// sum to 1 minus the fraction of runs that did not converge).
    public var share: Double
    /// How many starts converged to it.
    public var starts: Int
    /// The KKT residual at the point (the representative run's).
    public var kktResidual: Double
    /// The scaled residual `r̂` at the point (the representative run's; NaN when read from a
    /// file written without it).
    public var scaledResidual: Double = .nan
    /// Every item's value and class at the point, in input order.
    public var items: [PointItem]
    /// Whether the point survives small perturbations: re-solved twice from it moved by up to
    /// 1e-3 of each free item's range (uniform random), the solver reaches no higher
    /// objective. `false` marks a saddle point (a KKT point that is not a local maximum, e.g.
    /// reached from a symmetric start); `nil` when not checked.
    public var stable: Bool?

    public init(objective: Double, share: Double, starts: Int, kktResidual: Double, items: [PointItem], stable: Bool? = nil,
                scaledResidual: Double = .nan) {
        self.objective = objective
        self.share = share
        self.starts = starts
        self.kktResidual = kktResidual
        self.scaledResidual = scaledResidual
        self.items = items
        self.stable = stable
    }

    /// The state `x = (j, p, t)`.
    public var state: [Double] { items.map(\.value) }
}

/// An item's value and class at one equilibrium of a multi-start solve.
public struct PointItem: Sendable, Equatable {
    public var id: String
    public var value: Double
    public var `class`: ItemClass

    public init(id: String, value: Double, class itemClass: ItemClass) {
        self.id = id
        self.value = value
        self.class = itemClass
    }
}

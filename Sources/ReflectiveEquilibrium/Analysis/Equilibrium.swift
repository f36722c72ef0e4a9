/// The outcome of a solve (docs/results.md): the state, the objective split, the revisions and why
/// they happened, counts per class, the share of revision cost per group, and the run's
/// status, residual, iterations, time and uniqueness certificate.
///
/// Only a result whose `status` is `.converged` is an equilibrium (`isEquilibrium`).
public struct Equilibrium: Sendable {
    /// How the run ended.
    public var status: SolverStatus
    /// The solver that produced it.
    public var solver: SolverKind
    /// The mode solved.
    public var mode: Mode
    /// Iterations (rounds for `alternating`).
    public var iterations: Int
    /// Wall-clock seconds of the solve (certificate and analysis excluded).
    public var seconds: Double
    /// `‖x − Π(x − ∇f(x))‖_∞` at the returned state, through the blocks (in the units of the
    /// gradient: it grows with the scale of λ, μ and α).
    public var kktResidual: Double
    /// The scaled residual `r̂ = ‖x − Π(x − D⁻¹∇f(x))‖_∞` (docs/model.md), in the units of x:
    /// `converged` means `r̂ ≤ tolerance` (or at the rounding floor, `roundingFloor`).
    public var scaledResidual: Double
    /// When the run converged at the rounding floor of double precision above the tolerance (it
    /// stopped making progress with `r̂` no larger than the rounding error of the gradient), that
    /// floor; `nil` otherwise.
    public var roundingFloor: Double? = nil
    /// Where the time went (seconds).
    public var timing = SolveTiming()
    /// Why this solver ran, when it was chosen (`SolverKind.auto`): e.g. "auto: active-set
    /// (every judgment anchored; …)"; `nil` when the caller named the solver.
    public var solverChoice: String? = nil
    /// The tolerance the residual was held to.
    public var tolerance: Double
    /// The uniqueness certificate.
    public var certificate: Certificate
    /// Coherence, revision cost, parsimony cost and total at the returned state.
    public var objective: ObjectiveSplit
    /// Share of the total revision cost borne by each group (all 0 when nothing moved).
    public var revisionShare: GroupShares
    /// Every item, in input order (judgments, principles, theories).
    public var items: [ItemOutcome]
    /// Items that moved more than the revision threshold, largest move first.
    public var revisions: [Revision]
    /// How many items of each group fall in each class.
    public var counts: ClassCounts
    /// The audit trail (alternating solver; empty otherwise).
    public var trajectory: [TrajectoryStep]
    /// The distinct equilibria found by a multi-start solve (`Problem.solveMultiStart`), best
    /// first; `nil` for a single solve.
    public var equilibria: [EquilibriumPoint]? = nil

    /// A result from its parts (as read back from a `wre-result/1` file).
    init(status: SolverStatus, solver: SolverKind, mode: Mode, iterations: Int, seconds: Double, kktResidual: Double,
         scaledResidual: Double, tolerance: Double, certificate: Certificate, objective: ObjectiveSplit, revisionShare: GroupShares,
         items: [ItemOutcome], revisions: [Revision], counts: ClassCounts, trajectory: [TrajectoryStep],
         equilibria: [EquilibriumPoint]?) {
        self.status = status
        self.solver = solver
        self.mode = mode
        self.iterations = iterations
        self.seconds = seconds
        self.kktResidual = kktResidual
        self.scaledResidual = scaledResidual
        self.tolerance = tolerance
        self.certificate = certificate
        self.objective = objective
        self.revisionShare = revisionShare
        self.items = items
        self.revisions = revisions
        self.counts = counts
        self.trajectory = trajectory
        self.equilibria = equilibria
    }

    /// Whether this result is an equilibrium (converged to the tolerance).
    public var isEquilibrium: Bool { status == .converged }
    /// The state `x = (j, p, t)`.
    public var state: [Double] { items.map(\.value) }
    /// The value of the item with `id`, if any.
    public func value(of id: String) -> Double? { items.first { $0.id == id }?.value }
    /// The outcome of the item with `id`, if any.
    public func item(_ id: String) -> ItemOutcome? { items.first { $0.id == id } }
}

/// Where the time of a solve went, in seconds: validating the problem (the one read of the
/// blocks that also yields its statistics, whenever it ran — when the file was loaded, for
/// `wre solve`), the solver, the certificate and the analysis of the result (classes, revisions
/// and their pulls). The command line adds `load` (reading and mapping the file, its validation
/// not counted), `report` (the analysis and building the report or JSON document) and `total`
/// (the whole command up to writing the document out), with `other` the rest, so the parts add
/// up to the total.
public struct SolveTiming: Sendable, Equatable, Codable {
    public var validate: Double = 0
    public var solve: Double = 0
    public var certify: Double = 0
    public var analysis: Double = 0
    public var load: Double? = nil
    public var report: Double? = nil
    public var total: Double? = nil

    public init(validate: Double = 0, solve: Double = 0, certify: Double = 0, analysis: Double = 0,
                load: Double? = nil, report: Double? = nil, total: Double? = nil) {
        self.validate = validate
        self.solve = solve
        self.certify = certify
        self.analysis = analysis
        self.load = load
        self.report = report
        self.total = total
    }

    /// `total` minus the parts (argument parsing, writing a trace, …), when the total is known.
    public var other: Double? {
        total.map { max(0, $0 - (load ?? 0) - validate - solve - certify - (report ?? analysis)) }
    }
}

/// One item's outcome.
public struct ItemOutcome: Sendable, Equatable, Codable {
    public var id: String
    public var group: Group
    public var initial: Double
    public var value: Double
    public var `class`: ItemClass
}

/// A coherence pull on an item: `W_ik x_k`, the contribution of item k to item i's coherence gradient.
public struct Pull: Sendable, Equatable, Codable {
    public var id: String
    public var contribution: Double
}

/// An item that moved more than the threshold, with its strongest pulls.
public struct Revision: Sendable, Equatable, Codable {
    public var id: String
    public var group: Group
    public var from: Double
    public var to: Double
    public var `class`: ItemClass
    public var pulls: [Pull]
}

/// A number per group.
public struct GroupShares: Sendable, Equatable, Codable {
    public var judgments: Double
    public var principles: Double
    public var theories: Double
}

/// Counts per class, per group.
public struct ClassCounts: Sendable, Equatable, Codable {
    public var judgments: [String: Int]
    public var principles: [String: Int]
    public var theories: [String: Int]

    /// The count of `itemClass` in `group`.
    public func count(_ itemClass: ItemClass, in group: Group) -> Int {
        switch group {
        case .judgment: return judgments[itemClass.rawValue] ?? 0
        case .principle: return principles[itemClass.rawValue] ?? 0
        case .theory: return theories[itemClass.rawValue] ?? 0
        }
    }
}

/// What a solver hands back before analysis: the state and how the run ended.
struct RawSolution: Sendable {
    var x: [Double]
    var status: SolverStatus
    var iterations: Int
    var trajectory: [RawStep] = []
    /// The objective at `x` when the solver's last step evaluated it already (through the
    /// shared objective), so the result needs no further pass over A.
    var evaluation: Evaluation? = nil
    /// The Gram sum of judgment rows the solver holds at the end (active-set's direct route),
    /// which the certificate completes instead of summing every row again.
    var gram: (gram: SymmetricMatrix, rows: [Bool])? = nil
    /// The solver that ran, when the requested one delegated (`auto`), and why.
    var ran: (solver: SolverKind, reason: String)? = nil
}

/// A trajectory step in solver terms (stacked indices); the analysis turns it into a `TrajectoryStep`.
struct RawStep: Sendable {
    var round: Int
    var group: Group
    var objective: Double
    var moved: Int
    var largestChange: Double
    var classChanges: [Int]
    /// The values after the step of the items in `classChanges` (same order).
    var classChangeValues: [Double] = []
    /// For each item in `classChanges` (same order), its strongest pulls `W_ik x_k` at the state
    /// after the step that point the way it moved in the step, strongest first.
    var classChangePulls: [[(index: Int, contribution: Double)]] = []
}

/// The one protocol behind every solver variant. A solver works on the mode-adjusted
/// `Objective` and must return a feasible `x`; the caller computes the KKT residual, the split
/// and the analysis with the shared code, so solvers cannot disagree on what they report.
protocol SolverAlgorithm: Sendable {
    var kind: SolverKind { get }
    var defaultMaxIterations: Int { get }
    func run(_ objective: Objective, from start: [Double], options: SolverOptions, deadline: Deadline) throws -> RawSolution
}

/// A wall-clock deadline.
struct Deadline: Sendable {
    let start: ContinuousClock.Instant
    let limit: Duration?

    init(seconds: Double?) {
        start = .now
        // Limits beyond ~30 years are no limit (and would overflow the Int64 milliseconds).
        limit = seconds.flatMap { $0 < 1e9 ? Duration.milliseconds(Int64((max($0, 0) * 1000).rounded(.up))) : nil }
    }

    var expired: Bool {
        guard let limit else { return false }
        return ContinuousClock.now - start >= limit
    }

    var elapsedSeconds: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// One step of the audit trail (docs/results.md): which group a round revised, the objective after
/// it, and what changed.
public struct TrajectoryStep: Sendable, Equatable, Codable {
    /// Round number, from 1.
    public var round: Int
    /// The group revised in this step.
    public var group: Group
    /// The objective `Coh − revision − parsimony` after the step.
    public var objective: Double
    /// How many items of the group moved by more than `1e-9`.
    public var moved: Int
    /// The largest change of a single item.
    public var largestChange: Double
    /// Ids of the items whose class changed in this step.
    public var classChanges: [String]
    /// The values after the step of the items in `classChanges` (same order; their new classes).
    public var classChangeValues: [Double] = []
    /// For each item in `classChanges` (same order), the strongest coherence pulls `W_ik x_k` on
    /// it at the state after this step (not at the equilibrium) that point the way it moved in
    /// the step, strongest first (at most `SolverOptions.topPulls`): what made it change class
    /// then. Empty when not recorded (results read from files written before this field).
    public var classChangePulls: [[Pull]] = []
}

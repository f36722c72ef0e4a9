/// A snapshot of a running solve, handed to `SolverOptions.progress` (for progress lines on a
/// terminal, logging, or a cancel button that sets a short time limit next time).
///
/// Each solver reports the cheapest measure of its own distance to an equilibrium that it
/// computes anyway (`measureKind` says which), so reporting costs no extra pass over the data.
public struct SolverProgress: Sendable, Equatable {
    /// What `measure` is.
    public enum Measure: String, Sendable, Equatable, CaseIterable {
        /// The KKT residual `‖x − Π(x − ∇f(x))‖_∞` of the current state (alternating,
        /// connectionist, active-set): convergence means `measure ≤ tolerance`.
        case kktResidual
        /// The scaled residual `r̂ = ‖x − Π(x − D⁻¹∇f(x))‖_∞` of the current state, in the units
        /// of x (active-set, alternating, projected-gradient): convergence means `measure ≤ tolerance`.
        case scaledResidual
        /// The scaled gradient mapping `max(L, 1) · ‖y − Π(y − ∇φ(y)/L)‖_∞` of projected-gradient
        /// on the reduced problem in `y = (p, t)`: it bounds the KKT residual near convergence,
        /// and the solver checks the true residual once it falls below the tolerance.
        case gradientMapping
        /// The share of the corners of the box searched so far, in [0, 1] (exhaustive).
        case fractionSearched
    }

    /// The solver that is running.
    public var solver: SolverKind
    /// Iterations (rounds, cycles, corners) completed so far.
    public var iteration: Int
    /// The iteration limit of this run.
    public var iterationLimit: Int
    /// Wall-clock seconds since the solve started.
    public var elapsedSeconds: Double
    /// The solver's progress measure (see `measureKind`).
    public var measure: Double
    /// What `measure` is.
    public var measureKind: Measure
    /// The objective `Coh − revision − parsimony` at the current state, when the solver has it
    /// at no extra cost (alternating); `nil` otherwise.
    public var objective: Double?

    public init(solver: SolverKind, iteration: Int, iterationLimit: Int, elapsedSeconds: Double,
                measure: Double, measureKind: Measure, objective: Double? = nil) {
        self.solver = solver
        self.iteration = iteration
        self.iterationLimit = iterationLimit
        self.elapsedSeconds = elapsedSeconds
        self.measure = measure
        self.measureKind = measureKind
        self.objective = objective
    }
}

/// Calls `SolverOptions.progress` from inside a solver loop at most once per
/// `SolverOptions.progressInterval` seconds of wall clock (the first call after one interval,
/// 0.25 s by default), so a handler may print without
/// flooding the terminal and a fast solve reports nothing. With no handler, `report` costs a
/// branch.
///
/// Use in a solver: `var progress = ProgressReporter(options: options, solver: kind,
/// iterationLimit: limit, deadline: deadline)` before the loop, then once per iteration
/// `progress.report(iteration: i, measure: r, kind: .kktResidual)`.
struct ProgressReporter {
    let handler: (@Sendable (SolverProgress) -> Void)?
    let solver: SolverKind
    let iterationLimit: Int
    let deadline: Deadline
    let interval: Double
    private var next: Double

    init(options: SolverOptions, solver: SolverKind, iterationLimit: Int, deadline: Deadline) {
        handler = options.progress
        self.solver = solver
        self.iterationLimit = iterationLimit
        self.deadline = deadline
        interval = max(options.progressInterval, 0)
        next = interval
    }

    /// Hands the state to the handler when an interval has passed since the last call.
    /// `objective` is evaluated only then.
    mutating func report(iteration: Int, measure: @autoclosure () -> Double, kind: SolverProgress.Measure,
                         objective: @autoclosure () -> Double? = nil) {
        guard let handler else { return }
        let elapsed = deadline.elapsedSeconds
        guard elapsed >= next else { return }
        next = elapsed + interval
        handler(SolverProgress(solver: solver, iteration: iteration, iterationLimit: iterationLimit, elapsedSeconds: elapsed,
                               measure: measure(), measureKind: kind, objective: objective()))
    }
}

/// Options shared by every solver.
public struct SolverOptions: Sendable {
    /// Convergence means KKT residual `‖x − Π(x − ∇f(x))‖_∞ ≤ tolerance`. Default `1e-9`.
    public var tolerance: Double
    /// Iteration limit; `nil` takes the solver's default (alternating 100 000 rounds,
    /// projected-gradient 100 000, active-set 500).
    public var maxIterations: Int?
    /// Wall-clock limit in seconds; `nil` for none. Ends with status `timeLimit`.
    public var timeLimit: Double?
    /// A full state `x = (j, p, t)` to start from (projected onto the box); `nil` starts at `x0`.
    public var warmStart: [Double]?
    /// Seed for any randomized step (same seed, same result).
    public var seed: UInt64
    /// Whether to certify uniqueness (Cholesky on the Schur complement, `O(m (n+k)²)`).
    public var certify: Bool
    /// An item counts as revised when its value moved more than this.
    public var revisionThreshold: Double
    /// How many of the strongest pulls to report per revision.
    public var topPulls: Int
    /// Called from inside the solve, on the solving thread, at most every 0.25 s of wall clock
    /// (none in the first 0.25 s), with the iteration, elapsed time and the solver's progress
    /// measure (`SolverProgress`). `nil` (default): no reporting. Every solver calls it.
    public var progress: (@Sendable (SolverProgress) -> Void)?
    /// Seconds between progress calls (tests shorten it).
    var progressInterval = 0.25

    public init(tolerance: Double = 1e-9, maxIterations: Int? = nil, timeLimit: Double? = nil,
                warmStart: [Double]? = nil, seed: UInt64 = 0, certify: Bool = true,
                revisionThreshold: Double = 0.05, topPulls: Int = 3, progress: (@Sendable (SolverProgress) -> Void)? = nil) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.timeLimit = timeLimit
        self.warmStart = warmStart
        self.seed = seed
        self.certify = certify
        self.revisionThreshold = revisionThreshold
        self.topPulls = topPulls
        self.progress = progress
    }
}

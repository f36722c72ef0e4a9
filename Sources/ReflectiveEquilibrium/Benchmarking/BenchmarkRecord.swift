/// One solver on one instance: a `{"type": "run", ...}` line of `wre bench --json`, and the
/// line the Python peers (`Benchmarks/peers/peers.py`) print with the same fields.
///
/// Fields (JSON name = property name; `null` where not applicable or not finite):
///
/// - `instance` (string): the instance's name, e.g. `convex-20000x1000x100` or a file's name.
/// - `source` (string): `generated` or the problem file's path.
/// - `regime` (string|null): `convex` / `nonconvex` for generated instances.
/// - `seed` (int|null): the generator's seed.
/// - `m`, `n`, `k` (int): judgments, principles, theories.
/// - `solver` (string): e.g. `active-set`, or a peer: `scipy-lbfgsb`, `osqp`, `numpy-fista`.
/// - `implementation` (string): `wre` or `peer`.
/// - `status` (string): how the last timed run ended (a `SolverStatus` for `wre`; the peers map
///   theirs onto the same words).
/// - `converged` (bool): `scaledResidual ≤ tolerance` (the rule every `wre` solver stops on).
/// - `warmup`, `repeats` (int): untimed and timed runs.
/// - `medianSeconds`, `minSeconds`, `maxSeconds` (number): over the timed runs; the solve only
///   (loading, validation, certificate and analysis excluded; a peer's problem-specific setup,
///   e.g. OSQP's sparse matrix and factorization, included).
/// - `iterations` (int): of the last timed run (rounds, cycles, corners for the solvers that
///   count those).
/// - `kktResidual` (number|null): `‖x − Π(x − ∇f(x))‖_∞` at the returned state, computed by
///   the same formula for every solver; `scaledResidual` (number|null): `‖x − Π(x − D⁻¹∇f(x))‖_∞`,
///   in the units of x (docs/model.md), the same for every solver; `tolerance` (number).
/// - `objective` (number|null): `Coh − revision cost − parsimony cost` (maximized).
/// - `objectiveGap` (number|null): `(best − objective) / max(|best|, 1)`, `best` the largest
///   objective any solver (peers included) reached on the instance; 0 for the best.
/// - `principlesAdopted`, `flippedReversed` (number|null): planted-truth recovery, the share of
///   planted principles adopted and of flipped judgments reversed (when a truth is known).
/// - `secondsPerIteration` (number|null): `medianSeconds / iterations`.
/// - `bytesPerIteration`, `flopsPerIteration` (number|null): the cost model (`IterationCost`).
/// - `gbPerSecond`, `gflopPerSecond` (number|null): bytes (flops) per iteration × iterations
///   (+ one-time work) / `medianSeconds`, in 10⁹ per second.
/// - `bandwidthRatio` (number|null): projected-gradient only: the time of one more iteration
///   (marginal: the median time difference to runs capped at half the iterations, divided by
///   the iterations saved, so the one-time spectral bound is left out; `secondsPerIteration`
///   when there are fewer than 4 iterations) divided by the time of one read of A at the
///   measured bandwidth (`8 m n / memoryBandwidthGBs`). 1 means one read of A per iteration at
///   full bandwidth.
/// - `passSeconds` (number|null): one read of A and C on this instance, measured in the same run
///   (the median of five fused row passes, the unit of work of every solver here); `passes`
///   (number|null): `medianSeconds / passSeconds`, the solve's cost in reads of A.
/// - `freeJudgments` (number|null): the share of revisable judgments strictly inside their bounds
///   at the returned state (how much of the problem the judgments' closed form leaves free).
/// - `certificate` (string|null): the instance's certificate (`convex, unique`, `not convex`, …,
///   with its method), computed once per instance; `certificateSeconds` (number|null) its time.
/// - `ran` (string|null): the solver that ran when `solver` delegated (`auto`).
/// - `peakMemoryMiB` (number|null): the peak resident memory in MiB of the process that ran the
///   solver (`wre`, or the peers' Python) during this solver's runs on this instance, the
///   instance's data included (Linux: `VmHWM`, reset before the runs through
///   `/proc/self/clear_refs`; elsewhere `ru_maxrss`, the process's peak so far).
/// - `note` (string|null): anything the reader should know about the run.
public struct BenchmarkRecord: Sendable, Codable, Equatable {
    public var instance: String
    public var source: String
    public var regime: String?
    public var seed: UInt64?
    public var m: Int
    public var n: Int
    public var k: Int
    public var solver: String
    public var implementation: String
    public var status: String
    public var converged: Bool
    public var warmup: Int
    public var repeats: Int
    public var medianSeconds: Double
    public var minSeconds: Double
    public var maxSeconds: Double
    public var iterations: Int
    public var kktResidual: Double?
    public var scaledResidual: Double?
    public var tolerance: Double
    public var objective: Double?
    public var objectiveGap: Double?
    public var principlesAdopted: Double?
    public var flippedReversed: Double?
    public var secondsPerIteration: Double?
    public var bytesPerIteration: Double?
    public var flopsPerIteration: Double?
    public var gbPerSecond: Double?
    public var gflopPerSecond: Double?
    public var bandwidthRatio: Double?
    public var peakMemoryMiB: Double?
    public var note: String?
    public var passSeconds: Double? = nil
    public var passes: Double? = nil
    public var freeJudgments: Double? = nil
    public var certificate: String? = nil
    public var certificateSeconds: Double? = nil
    public var ran: String? = nil

    /// The implementation name of this package's solvers.
    public static let ours = "wre"
    /// The implementation name of the Python peers.
    public static let peer = "peer"

    /// Whether the run is one of this package's solvers (not a peer).
    public var isOurs: Bool { implementation == Self.ours }

    /// The JSON field names of a run line, in output order (after `"type": "run"`).
    public static let fieldNames = [
        "instance", "source", "regime", "seed", "m", "n", "k", "solver", "implementation", "status", "converged",
        "warmup", "repeats", "medianSeconds", "minSeconds", "maxSeconds", "iterations", "kktResidual", "scaledResidual", "tolerance",
        "objective", "objectiveGap", "principlesAdopted", "flippedReversed", "secondsPerIteration", "bytesPerIteration",
        "flopsPerIteration", "gbPerSecond", "gflopPerSecond", "bandwidthRatio", "peakMemoryMiB", "note",
        "passSeconds", "passes", "freeJudgments", "certificate", "certificateSeconds", "ran",
    ]

    /// The values in the order of `fieldNames`.
    var jsonMembers: [(String, JSONValue)] {
        let values: [JSONValue] = [
            .string(instance), .string(source), .string(regime), seed.map(JSONValue.seed) ?? .null,
            .int(m), .int(n), .int(k), .string(solver), .string(implementation), .string(status), .bool(converged),
            .int(warmup), .int(repeats), .number(medianSeconds), .number(minSeconds), .number(maxSeconds),
            .int(iterations), .number(kktResidual), .number(scaledResidual), .number(tolerance), .number(objective), .number(objectiveGap),
            .number(principlesAdopted), .number(flippedReversed), .number(secondsPerIteration),
            .number(bytesPerIteration), .number(flopsPerIteration), .number(gbPerSecond), .number(gflopPerSecond),
            .number(bandwidthRatio), .number(peakMemoryMiB), .string(note),
            .number(passSeconds), .number(passes), .number(freeJudgments), .string(certificate), .number(certificateSeconds),
            .string(ran),
        ]
        return Array(zip(Self.fieldNames, values))
    }
}

/// A solver that was not run on an instance (`{"type": "skip", ...}`), e.g. `exhaustive` above
/// its 25-item limit or a peer that failed.
public struct BenchmarkSkip: Sendable, Codable, Equatable {
    /// The instance's name.
    public var instance: String
    /// The solver (or `peers` for the whole peer script).
    public var solver: String
    /// Why, in words.
    public var reason: String

    public init(instance: String, solver: String, reason: String) {
        self.instance = instance
        self.solver = solver
        self.reason = reason
    }
}

/// The side-by-side verdict on one instance when peers ran (`{"type": "comparison", ...}`).
///
/// - `fastestSolver`, `fastestSeconds`: this package's fastest converged solver and its median.
/// - `fastestPeer`, `fastestPeerSeconds`: the fastest converged peer and its median.
/// - `speedup`: `fastestPeerSeconds / fastestSeconds` (> 1: ours is faster).
/// - `sameObjective`: every compared solver (the solvers of this package and every peer; the
///   baselines `connectionist` and `exhaustive` solve other problems and are left out) reached
///   the same objective to `1e-6` relative: `(max − min) / max(|max|, 1) ≤ 1e-6`.
/// - `allConverged`: every compared solver reached the KKT tolerance.
/// - `objectiveSpread`: that relative spread; `compared`: the solvers compared.
public struct PeerComparison: Sendable, Codable, Equatable {
    public var instance: String
    public var fastestSolver: String?
    public var fastestSeconds: Double?
    public var fastestPeer: String?
    public var fastestPeerSeconds: Double?
    public var speedup: Double?
    public var sameObjective: Bool
    public var allConverged: Bool
    public var objectiveSpread: Double?
    public var compared: [String]
    public var note: String?

    /// The relative objective agreement `sameObjective` asks for.
    public static let objectiveAgreement = 1e-6
}

extension JSONValue {
    /// A seed as an integer (as a string if it does not fit an `Int`).
    static func seed(_ s: UInt64) -> JSONValue {
        Int(exactly: s).map(JSONValue.int) ?? .string(String(s))
    }
}

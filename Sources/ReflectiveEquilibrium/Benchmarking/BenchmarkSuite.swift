import Foundation

/// The benchmark engine behind `wre bench` (docs/solvers.md, Benchmarks): runs solvers on instances with warm-up
/// and repeats and collects one `BenchmarkRecord` per solver and instance, optionally with the
/// Python peers on the same instances.
///
/// Instances are generated (or loaded) one at a time, once per instance: every solver and
/// every repeat solves the same `Problem` in memory. Times are the solver's own clock
/// (`Equilibrium.seconds`); the certificate is not computed during a benchmark.
public struct BenchmarkSuite {
    /// What to solve, in order.
    public var instances: [BenchmarkInstanceSpec]
    /// Solvers, warm-up, repeats, tolerance.
    public var options: BenchmarkOptions
    /// The peer script to run on every instance too, or `nil`.
    public var peers: PeerRunner?

    public init(instances: [BenchmarkInstanceSpec], options: BenchmarkOptions = BenchmarkOptions(), peers: PeerRunner? = nil) {
        self.instances = instances
        self.options = options
        self.peers = peers
    }

    /// Runs everything and returns the report. `progress` receives one line per step (for stderr).
    /// - Throws: `ProblemError.invalidOption` for bad options; the generator's or the file
    ///   reader's errors for an instance that cannot be made. A solver that refuses an instance
    ///   (e.g. `exhaustive` above its limit) or failing peers are reported as skips instead.
    public func run(machine: MachineInfo, progress: (String) -> Void = { _ in }) throws -> BenchmarkReport {
        try options.validate()
        var report = BenchmarkReport(machine: machine)
        let names = BenchmarkInstanceSpec.uniqueNames(instances)
        for (number, spec) in instances.enumerated() {
            progress("[\(number + 1)/\(instances.count)] \(spec.description): \(spec.isPlanted ? "generating" : "loading")…")
            let start = ContinuousClock.now
            var instance = try spec.load()
            instance.name = names[number]
            let (m, n, k) = instance.problem.shape
            progress("  \(m) × \(n) × \(k) ready in \(Self.format(Stopwatch.seconds(since: start)))")
            var (records, skips) = Self.measure(instance, options: options, machine: machine, progress: progress)
            if let peers {
                let (peerRecords, peerSkips) = peers.run(on: instance, options: options, progress: progress)
                records += peerRecords
                skips += peerSkips
            }
            Self.fillObjectiveGaps(&records)
            report.records += records
            report.skips += skips
            if peers != nil { report.comparisons.append(PeerComparison(instance: instance.name, records: records)) }
        }
        return report
    }

    /// Runs every solver of `options` on `instance` (warm-up, then timed repeats) and returns
    /// its records (objective gaps still unset: see `fillObjectiveGaps`) and the solvers it skipped.
    public static func measure(_ instance: BenchmarkInstance, options: BenchmarkOptions, machine: MachineInfo,
                               progress: (String) -> Void = { _ in }) -> (records: [BenchmarkRecord], skips: [BenchmarkSkip]) {
        let problem = instance.problem
        let solverOptions = options.solverOptions
        var records: [BenchmarkRecord] = [], skips: [BenchmarkSkip] = []
        let context = InstanceContext.measure(problem)
        progress("  one read of A: \(format(context.passSeconds)); certificate \(context.certificate) in \(format(context.certificateSeconds))")
        for solver in options.solvers {
            if solver == .exhaustive {
                let revisable = Self.revisableCount(problem)
                if revisable > exhaustiveLimit {
                    let reason = "the exhaustive solver enumerates 2^N corners and accepts at most \(exhaustiveLimit) revisable items; this instance has \(revisable)"
                    progress("  \(solver.rawValue): skipped (\(revisable) revisable items > \(exhaustiveLimit))")
                    skips.append(BenchmarkSkip(instance: instance.name, solver: solver.rawValue, reason: reason))
                    continue
                }
            }
            MachineInfo.resetPeakMemory()
            do {
                for w in 0..<options.warmup {
                    let r = try problem.solve(solver, options: solverOptions)
                    progress("  \(solver.rawValue) warm-up \(w + 1)/\(options.warmup): \(format(r.seconds)), \(r.iterations) iterations, \(r.status.rawValue)")
                }
                var times: [Double] = []
                var last: Equilibrium? = nil
                for r in 0..<options.repeats {
                    let result = try problem.solve(solver, options: solverOptions)
                    times.append(result.seconds)
                    last = result
                    progress("  \(solver.rawValue) \(r + 1)/\(options.repeats): \(format(result.seconds)), \(result.iterations) iterations, KKT \(String(format: "%.1e", result.kktResidual)), \(result.status.rawValue)")
                }
                var marginal: MarginalIteration? = nil
                if solver == .projectedGradient, let last, last.iterations >= 4 {
                    marginal = try MarginalIteration.measure(problem, full: last, fullSeconds: TimeStatistics(times).median,
                                                             options: options, progress: progress)
                }
                var record = record(of: last!, times: times, instance: instance, options: options, machine: machine,
                                    marginal: marginal)
                context.fill(&record, requested: solver, result: last!)
                records.append(record)
            } catch {
                progress("  \(solver.rawValue): skipped (\(error))")
                skips.append(BenchmarkSkip(instance: instance.name, solver: solver.rawValue, reason: String(describing: error)))
            }
        }
        return (records, skips)
    }

    /// The record of `solver`'s timed runs: `result` is the last, `times` all of them.
    static func record(of result: Equilibrium, times: [Double], instance: BenchmarkInstance, options: BenchmarkOptions,
                       machine: MachineInfo, marginal: MarginalIteration? = nil) -> BenchmarkRecord {
        let problem = instance.problem
        let (m, n, k) = problem.shape
        let stats = TimeStatistics(times)
        let recovery = instance.truth.map { result.recovery(of: $0) }
        let cost = IterationCost.of(result.solver, on: problem, state: result.state)
        let iterations = result.iterations
        let perIteration = iterations > 0 ? stats.median / Double(iterations) : nil
        let rates = cost?.rates(problem, iterations: iterations, seconds: stats.median)
        var ratio: Double? = nil
        if result.solver == .projectedGradient, let perIteration, machine.memoryBandwidthGBs > 0 {
            let readOfA = 8 * Double(m * n) / (machine.memoryBandwidthGBs * 1e9)
            ratio = (marginal?.seconds ?? perIteration) / readOfA
        }
        return BenchmarkRecord(
            instance: instance.name, source: instance.source, regime: instance.regime?.rawValue, seed: instance.seed,
            m: m, n: n, k: k, solver: result.solver.rawValue, implementation: BenchmarkRecord.ours,
            status: result.status.rawValue, converged: result.status == .converged,
            warmup: options.warmup, repeats: times.count,
            medianSeconds: stats.median, minSeconds: stats.min, maxSeconds: stats.max, iterations: iterations,
            kktResidual: finite(result.kktResidual), scaledResidual: finite(result.scaledResidual), tolerance: options.tolerance, objective: finite(result.objective.total),
            objectiveGap: nil, principlesAdopted: finite(recovery?.principlesAdopted), flippedReversed: finite(recovery?.flippedReversed),
            secondsPerIteration: perIteration, bytesPerIteration: cost?.bytesPerIteration(problem),
            flopsPerIteration: cost?.flopsPerIteration(problem), gbPerSecond: rates?.gbPerSecond,
            gflopPerSecond: rates?.gflopPerSecond, bandwidthRatio: ratio, peakMemoryMiB: finite(MachineInfo.peakMemoryMiB),
            note: marginal?.note)
    }

    /// Sets `objectiveGap` on every record: `(best − objective) / max(|best|, 1)` with `best`
    /// the largest finite objective among the records of the same instance.
    public static func fillObjectiveGaps(_ records: inout [BenchmarkRecord]) {
        var best: [String: Double] = [:]
        for r in records { if let o = r.objective { best[r.instance] = max(best[r.instance] ?? -.infinity, o) } }
        for i in records.indices {
            guard let o = records[i].objective, let b = best[records[i].instance] else { records[i].objectiveGap = nil; continue }
            records[i].objectiveGap = (b - o) / max(abs(b), 1)
        }
    }

    /// Items the exhaustive solver would enumerate (not locked under the problem's mode).
    static func revisableCount(_ problem: Problem) -> Int {
        let o = Objective(problem)
        return (0..<o.count).filter { !o.isLocked($0) }.count
    }

    /// The exhaustive solver's limit on revisable items.
    static let exhaustiveLimit = ExhaustiveSolver.limit

    static func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }

    static func format(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.3g ms", seconds * 1000) : String(format: "%.3f s", seconds)
    }
}

/// What a benchmark measures once per instance: the time of one read of A (and C) — a fused
/// row pass at the initial state, the median of five — and the certificate.
struct InstanceContext {
    var passSeconds: Double
    var certificate: String
    var certificateSeconds: Double
    /// Bytes of the stored A and C.
    var blockBytes: Double

    static func measure(_ problem: Problem) -> InstanceContext {
        let o = Objective(problem)
        let fallback = Array(o.x0[..<o.m])
        var times: [Double] = []
        for _ in 0..<5 {
            var x = o.startingPoint(nil)
            let start = ContinuousClock.now
            _ = o.fusedJudgmentPass(&x, fallback: fallback)
            times.append(Stopwatch.seconds(since: start))
        }
        let clock = ContinuousClock.now
        let c = o.certify()
        let seconds = Stopwatch.seconds(since: clock)
        var bytes = 0.0
        for block in [o.a] + (o.c.map { [$0] } ?? []) {
            bytes += Double(block.storedCount) * (block.layout == .float64 ? 8 : (block.layout == .float32 ? 4 : 12))
        }
        return InstanceContext(passSeconds: TimeStatistics(times).median,
                               certificate: (c.convex == true ? "unique" : c.summary) + (c.method.map { " (\($0.rawValue))" } ?? ""),
                               certificateSeconds: seconds, blockBytes: bytes)
    }

    /// Puts the instance's figures in `record` (of `requested`, which ran `result`).
    func fill(_ record: inout BenchmarkRecord, requested: SolverKind, result: Equilibrium) {
        record.passSeconds = passSeconds
        record.passes = passSeconds > 0 ? record.medianSeconds / passSeconds : nil
        record.certificate = certificate
        record.certificateSeconds = certificateSeconds
        if requested != result.solver {
            record.solver = requested.rawValue
            record.ran = result.solver.rawValue
        }
        let o = result.items.prefix { $0.group == .judgment }
        if !o.isEmpty {
            let free = o.filter { $0.value > -1 + 1e-12 && $0.value < 1 - 1e-12 }.count
            record.freeJudgments = Double(free) / Double(o.count)
        }
        // A bandwidth figure only where the blocks exceed the last-level cache.
        if let cache = MachineInfo.lastLevelCacheBytes, blockBytes <= 2 * Double(cache), record.gbPerSecond != nil {
            record.gbPerSecond = nil
            record.note = [record.note, "blocks (\(Int(blockBytes / 1_048_576)) MiB) fit in the last-level cache: no GB/s"].compactMap { $0 }.joined(separator: "; ")
        }
    }
}

/// The time of one more iteration, without the set-up a run pays once (projected-gradient's
/// spectral bound, the first evaluation): `(T(full) − T(half)) / (iterations − half)` from the
/// timed runs and as many runs capped at `half = iterations / 2` iterations (medians). The full
/// runs' final KKT checks are included, so it is an upper bound of the steady iteration.
struct MarginalIteration {
    var seconds: Double
    var cappedIterations: Int
    var cappedSeconds: Double

    static func measure(_ problem: Problem, full: Equilibrium, fullSeconds: Double, options: BenchmarkOptions,
                        progress: (String) -> Void) throws -> MarginalIteration? {
        let half = full.iterations / 2
        var capped = options.solverOptions
        capped.maxIterations = half
        var times: [Double] = []
        for _ in 0..<options.repeats { times.append(try problem.solve(full.solver, options: capped).seconds) }
        let cappedSeconds = TimeStatistics(times).median
        let perIteration = (fullSeconds - cappedSeconds) / Double(full.iterations - half)
        progress("  \(full.solver.rawValue) capped at \(half) iterations: \(BenchmarkSuite.format(cappedSeconds)); one more iteration \(BenchmarkSuite.format(perIteration))")
        guard perIteration > 0, perIteration.isFinite else { return nil }
        return MarginalIteration(seconds: perIteration, cappedIterations: half, cappedSeconds: cappedSeconds)
    }

    var note: String {
        String(format: "one more iteration %.4g s (median of runs capped at %d iterations: %.4g s); bandwidthRatio uses it",
               seconds, cappedIterations, cappedSeconds)
    }
}

extension BenchmarkInstanceSpec {
    var isPlanted: Bool { if case .file = self { return false } else { return true } }
}

/// Median, minimum and maximum of a sample (the median of an even count is the mean of the
/// middle two).
struct TimeStatistics {
    var median: Double, min: Double, max: Double

    init(_ sample: [Double]) {
        let s = sample.sorted()
        precondition(!s.isEmpty, "no times")
        min = s.first!
        max = s.last!
        median = s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
    }
}

extension PeerComparison {
    /// The verdict on one instance from all its records (ours and the peers').
    init(instance: String, records all: [BenchmarkRecord]) {
        let records = all.filter { $0.instance == instance }
        let baselines: Set<String> = [SolverKind.connectionist.rawValue, SolverKind.exhaustive.rawValue]
        let compared = records.filter { !($0.isOurs && baselines.contains($0.solver)) }
        let oursBest = records.filter { $0.isOurs && $0.converged }.min { $0.medianSeconds < $1.medianSeconds }
        let peerBest = records.filter { !$0.isOurs && $0.converged }.min { $0.medianSeconds < $1.medianSeconds }
        let objectives = compared.compactMap(\.objective)
        var spread: Double? = nil
        if objectives.count == compared.count, let hi = objectives.max(), let lo = objectives.min() {
            spread = (hi - lo) / Swift.max(abs(hi), 1)
        }
        var notes: [String] = []
        if oursBest == nil { notes.append("no solver of this package converged") }
        if peerBest == nil { notes.append(records.contains { !$0.isOurs } ? "no peer converged" : "no peer ran") }
        let unconverged = compared.filter { !$0.converged }.map(\.solver)
        if !unconverged.isEmpty { notes.append("not converged: " + unconverged.joined(separator: ", ")) }
        self.init(instance: instance, fastestSolver: oursBest?.solver, fastestSeconds: oursBest?.medianSeconds,
                  fastestPeer: peerBest?.solver, fastestPeerSeconds: peerBest?.medianSeconds,
                  speedup: oursBest.flatMap { o in peerBest.map { $0.medianSeconds / o.medianSeconds } },
                  sameObjective: !compared.isEmpty && spread.map { $0 <= Self.objectiveAgreement } == true,
                  allConverged: !compared.isEmpty && unconverged.isEmpty, objectiveSpread: spread, compared: compared.map(\.solver),
                  note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }
}

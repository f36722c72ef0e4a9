import ArgumentParser
import Foundation
import ReflectiveEquilibrium

/// `wre solve FILE`: loads a problem file, solves it and prints the report or the
/// `wre-result/1` JSON.
struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve a problem file (wre-problem/1 JSON, or a manifest of .npy matrices).",
        discussion: "Exit codes: 0 converged, 1 not converged (the result is still printed, labelled NOT an equilibrium), 2 bad input."
    )

    @Argument(help: "The problem file (- reads the JSON from standard input).")
    var file: String

    @OptionGroup var choice: SolverChoice

    @Option(parsing: .unconditional, help: "Converged means KKT residual ≤ this.")
    var tolerance: Double = 1e-9

    @OptionGroup var limits: SolveLimits

    @Flag(help: "Print the wre-result/1 JSON instead of the report.")
    var json = false

    @Option(help: "Write the output (report or JSON) to this file instead of stdout.")
    var output: String?

    @Flag(help: "Skip the uniqueness certificate (it costs O(m (n+k)²)).")
    var noCertificate = false

    @Option(help: "Write the audit trail to this file: wre-trace/1 JSON lines (start, each step of the alternating solver, end).")
    var trace: String?

    @OptionGroup var audit: AuditOutput

    @Flag(help: "Show the narrative of the process in full (by default only the alternating solver's, at most 12 rounds).")
    var narrative = false

    @Option(parsing: .unconditional, help: "Solve from this many starting points (the initial values, the corners of the mode, then random) and list the distinct equilibria with their basin shares.")
    var starts = 1

    @Option(parsing: .unconditional, help: "Seed of the random starting points of --starts (same seed, same points).")
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: "With --starts: two solutions are one equilibrium when no item differs by more than this.")
    var clusterTolerance = 1e-6

    func validate() throws {
        try SolveLimits.validate(tolerance: tolerance)
        guard starts >= 1 else { throw ValidationError("--starts must be at least 1") }
        guard clusterTolerance.isFinite && clusterTolerance > 0 else { throw ValidationError("--cluster-tolerance must be a positive number") }
    }

    /// One solve, or a multi-start solve when `--starts` is above 1.
    func solve(_ problem: Problem, options: SolverOptions) throws -> Equilibrium {
        var options = options
        options.seed = seed
        guard starts > 1 else { return try problem.solve(choice.solver, mode: choice.mode, options: options) }
        return try problem.solveMultiStart(choice.solver, mode: choice.mode, options: options, starts: starts, clusterTolerance: clusterTolerance)
    }

    func run() throws {
        let clock = ContinuousClock.now
        let input = try ProblemInput(file)
        let loaded = Solve.seconds(since: clock)
        try Console.refuseOverwriting([("--output", output), ("--trace", trace)]) { try Console.inputFiles(input) }
        let problem = input.problem, file = input.name

        let progress = limits.progressPrinter()
        let options = SolverOptions(tolerance: tolerance, maxIterations: limits.maxIterations, timeLimit: limits.timeLimit,
                                    certify: !noCertificate, progress: progress?.handler)
        var result: Equilibrium
        do { result = try solve(problem, options: options) } catch { progress?.finish(); throw Console.fail(file, error) }
        progress?.finish()
        // Loading validated the problem (one read of the blocks): count that as validation.
        result.timing.validate = problem.validationSeconds
        result.timing.load = max(0, loaded - result.timing.validate)

        if let trace {
            do { try Console.emit(try result.trace(of: problem).jsonLines(), to: trace) } catch { throw Console.fail(trace, error) }
        }
        try Solve.write(result, of: problem, source: file, json: json, to: output, fullNarrative: narrative, since: clock)
        try audit.write(result, of: problem, file: file, options: options)
        if !result.isEquilibrium { throw Console.notConverged }
    }

    /// Writes the report (or the JSON) of `result` to `path` (stdout when nil); a failure is
    /// reported on stderr and turned into the bad-input exit code.
    ///
    /// `since`: when the command started; the result's time breakdown then gets `report` (the
    /// analysis and building the document) and `total` (up to writing it out).
    static func write(_ result: Equilibrium, of problem: Problem, source: String, json: Bool, to path: String?,
                      fullNarrative: Bool = false, since start: ContinuousClock.Instant? = nil) throws {
        var result = result
        let clock = ContinuousClock.now
        func stamp() {
            guard let start else { return }
            result.timing.report = result.timing.analysis + Solve.seconds(since: clock)
            result.timing.total = Solve.seconds(since: start)
        }
        do {
            if json {
                stamp()
                try Console.emit(String(decoding: try result.jsonData(), as: UTF8.self), to: path)
            } else {
                var report = Report(problem: problem, result: result, source: source, fullNarrative: fullNarrative)
                let body = report.render()
                stamp()
                report.result = result
                try Console.emit(start == nil ? body : report.withTiming(body), to: path)
            }
        } catch {
            throw Console.fail(path ?? "stdout", error)
        }
        if !result.isEquilibrium {
            // Also on stderr, so the warning is seen when the output goes to a file or a pipe.
            Console.warn("wre: warning: the solver did not converge (\(result.status.rawValue), scaled residual \(Report.sci(result.scaledResidual)) > tolerance \(Report.sci(result.tolerance))): the result is NOT an equilibrium")
        }
    }
}

extension Solve {
    /// Seconds of wall clock since `start`.
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

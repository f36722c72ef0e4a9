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

    @Argument(help: "The problem file.")
    var file: String

    @OptionGroup var choice: SolverChoice

    @Option(help: "Converged means KKT residual ≤ this.")
    var tolerance: Double = 1e-9

    @OptionGroup var limits: SolveLimits

    @Flag(help: "Print the wre-result/1 JSON instead of the report.")
    var json = false

    @Option(help: "Write the output (report or JSON) to this file instead of stdout.")
    var output: String?

    @Flag(help: "Skip the uniqueness certificate (it costs O(m (n+k)²)).")
    var noCertificate = false

    func validate() throws {
        try SolveLimits.validate(tolerance: tolerance)
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else {
            Console.warn("wre: error: \(file): \(isDirectory.boolValue ? "is a directory, not a problem file" : "no such file")")
            throw Console.badInput
        }
        let problem: Problem
        do { problem = try Problem(contentsOf: URL(fileURLWithPath: file)) } catch { throw Console.fail(file, error) }

        let progress = limits.progressPrinter()
        let options = SolverOptions(tolerance: tolerance, maxIterations: limits.maxIterations, timeLimit: limits.timeLimit,
                                    certify: !noCertificate, progress: progress?.handler)
        let result: Equilibrium
        do { result = try problem.solve(choice.solver, mode: choice.mode, options: options) } catch { progress?.finish(); throw Console.fail(file, error) }
        progress?.finish()

        try Solve.write(result, of: problem, source: file, json: json, to: output)
        if !result.isEquilibrium { throw Console.notConverged }
    }

    /// Writes the report (or the JSON) of `result` to `path` (stdout when nil); a failure is
    /// reported on stderr and turned into the bad-input exit code.
    static func write(_ result: Equilibrium, of problem: Problem, source: String, json: Bool, to path: String?) throws {
        do {
            if json {
                try Console.emit(String(decoding: try result.jsonData(), as: UTF8.self), to: path)
            } else {
                try Console.emit(Report(problem: problem, result: result, source: source).render(), to: path)
            }
        } catch {
            throw Console.fail(path ?? "stdout", error)
        }
        if !result.isEquilibrium {
            // Also on stderr, so the warning is seen when the output goes to a file or a pipe.
            Console.warn("wre: warning: the solver did not converge (\(result.status.rawValue), KKT residual \(Report.sci(result.kktResidual)) > tolerance \(Report.sci(result.tolerance))): the result is NOT an equilibrium")
        }
    }
}

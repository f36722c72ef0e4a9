import ArgumentParser
import Foundation
import ReflectiveEquilibrium

/// `wre compare FILE`: solves one problem in several modes (and/or with several solvers) and
/// shows them side by side (docs/modes.md). The engine is `Problem.compare(modes:solvers:options:)`.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve one problem in several modes (or with several solvers) and compare them side by side.",
        discussion: """
            Shows per run the status, iterations, KKT residual, certificate, objective split, counts \
            per class and the share of the revision cost per group; then the items whose class \
            differs between runs, and one sentence per pair of runs (e.g. "top-down keeps p3 \
            partial and weakens j2, j6 and j8; wide rejects p3 and reverses j2, j6 and j8"). A run \
            that did not converge is labelled NOT an equilibrium.

            Exit codes: 0 every run converged, 1 some run did not (the comparison is still \
            printed, labelled), 2 bad input.
            """
    )

    @Argument(help: "The problem file (wre-problem/1 JSON, or a manifest of .npy matrices); - reads the JSON from standard input.")
    var file: String

    @Option(help: "Comma-separated modes (\(Mode.allCases.map(\.rawValue).joined(separator: ", "))).")
    var modes: String = Mode.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Comma-separated solvers (\(SolverKind.allCases.map(\.rawValue).joined(separator: ", "))).")
    var solvers: String = SolverKind.auto.rawValue

    @Option(parsing: .unconditional, help: "Converged means KKT residual ≤ this.")
    var tolerance: Double = 1e-9

    @OptionGroup var limits: SolveLimits

    @Flag(help: "Print the wre-comparison/1 JSON instead of the readable comparison.")
    var json = false

    @Option(help: "Write the output to this file instead of stdout.")
    var output: String?

    @Flag(help: "Skip the uniqueness certificates (each costs O(m (n+k)²)).")
    var noCertificate = false

    @OptionGroup var audit: AuditOutput

    func validate() throws {
        try SolveLimits.validate(tolerance: tolerance)
        guard !(try modeList()).isEmpty else { throw ValidationError("--modes must name at least one mode") }
        guard !(try solverKinds()).isEmpty else { throw ValidationError("--solvers must name at least one solver") }
    }

    func run() throws {
        let input = try ProblemInput(file)
        try Console.refuseOverwriting([("--output", output)]) { try Console.inputFiles(input) }
        let problem = input.problem
        let progress = limits.progressPrinter()
        let options = SolverOptions(tolerance: tolerance, maxIterations: limits.maxIterations, timeLimit: limits.timeLimit,
                                    certify: !noCertificate, progress: progress?.handler)
        let comparison: Comparison
        do { comparison = try problem.compare(modes: try modeList(), solvers: try solverKinds(), options: options) } catch {
            progress?.finish()
            throw Console.fail(input.name, error)
        }
        progress?.finish()
        let text = json ? String(decoding: comparison.jsonData(), as: UTF8.self) : comparison.report(source: input.name)
        do { try Console.emit(text, to: output) } catch { throw Console.fail(output ?? "stdout", error) }
        try audit.write(comparison, of: problem, file: file, options: options)
        if !comparison.allConverged {
            let failed = comparison.runs.filter { !$0.result.isEquilibrium }.map { "\($0.label) (\($0.result.status.rawValue))" }
            Console.warn("wre: warning: not every run converged: \(failed.joined(separator: ", ")) — NOT equilibria")
            throw Console.notConverged
        }
    }

    func modeList() throws -> [Mode] { try Compare.parse(modes, option: "--modes", known: Mode.allCases) }

    func solverKinds() throws -> [SolverKind] { try Compare.parse(solvers, option: "--solvers", known: SolverKind.allCases) }

    /// The values named in a comma-separated list, each checked against `known`.
    static func parse<T: RawRepresentable>(_ text: String, option: String, known: [T]) throws -> [T] where T.RawValue == String {
        try Bench.list(text).map { name in
            guard let value = T(rawValue: name) else {
                throw ValidationError("\(option): unknown value '\(name)' (known: \(known.map(\.rawValue).joined(separator: ", ")))")
            }
            return value
        }
    }
}

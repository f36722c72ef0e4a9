import ArgumentParser
import AuditReport
import Foundation
import ReflectiveEquilibrium

/// `wre report RESULT.json --problem FILE --html OUT [--svg DIR]`: the audit report
/// (docs/audit.md) of a saved `wre-result/1`, checked against the problem it solves.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the audit report (HTML, SVG figures) of a saved result (wre-result/1).",
        discussion: """
            Reads a result saved with `wre solve FILE --json --output RESULT.json` and the problem \
            it solves, and writes the same self-contained HTML report as `wre solve --html`: \
            provenance (both files with their SHA-256), the equilibrium, the revisions chart, the \
            pulls of the largest revisions and, for an alternating solve, the process. The result \
            must have one item per item of the problem, with the same ids in the same order.

            Exit codes: 0 the result is an equilibrium, 1 it is not (the report is still written, \
            labelled NOT an equilibrium), 2 bad input.
            """
    )

    @Argument(help: "The saved result (wre-result/1 JSON).")
    var result: String

    @Option(help: "The problem file the result solves (wre-problem/1 JSON, or a manifest of .npy matrices).")
    var problem: String

    @OptionGroup var audit: AuditOutput

    func validate() throws {
        guard audit.html != nil else { throw ValidationError("--html OUT is required: the file to write the report to") }
    }

    func run() throws {
        let loaded = try ProblemInput(problem).problem
        try Console.requireFile(result, kind: "result file")
        let saved: Equilibrium
        do { saved = try Equilibrium(contentsOf: URL(fileURLWithPath: result)) } catch { throw Console.fail(result, error) }
        let options = [("tolerance", String(format: "%.1e", saved.tolerance) + " (as saved in the result)")]
        try audit.emit(file: problem, problem: loaded, options: options, resultFile: result) {
            try AuditReport.solve(saved, of: loaded, provenance: $0)
        }
        if !saved.isEquilibrium {
            Console.warn("wre: warning: the saved result is not converged (\(saved.status.rawValue)): the report labels it NOT an equilibrium")
            throw Console.notConverged
        }
    }
}

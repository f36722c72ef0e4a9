import ArgumentParser
import AuditReport
import Foundation
import ReflectiveEquilibrium

/// The audit-report options of the solving subcommands (docs/audit.md): `--html FILE` writes a
/// self-contained HTML report, `--svg DIR` its figures as standalone SVG files.
struct AuditOutput: ParsableArguments {
    @Option(help: "Write an audit report to this file: self-contained HTML (inline SVG and CSS, no script, nothing fetched) with provenance, the equilibrium and its figures.")
    var html: String?

    @Option(help: "Write each figure of the audit report as a standalone SVG file into this directory (created if needed).")
    var svg: String?

    /// Whether a report was asked for.
    var isRequested: Bool { html != nil || svg != nil }

    /// Writes the report of a solve of the problem in `file`, if one was asked for.
    func write(_ result: Equilibrium, of problem: Problem, file: String, options: SolverOptions) throws {
        guard isRequested else { return }
        try emit(file: file, problem: problem, options: Provenance.rows(of: options)) { try AuditReport.solve(result, of: problem, provenance: $0) }
    }

    /// Writes the report of a comparison on the problem in `file`, if one was asked for.
    func write(_ comparison: Comparison, of problem: Problem, file: String, options: SolverOptions) throws {
        guard isRequested else { return }
        try emit(file: file, problem: problem, options: Provenance.rows(of: options)) {
            try AuditReport.comparison(comparison, of: problem, provenance: $0)
        }
    }

    /// Builds the provenance of the problem in `file` and the report, and writes it; any
    /// failure is one line on stderr naming the file, and the bad-input exit code.
    ///
    /// - Parameters:
    ///   - resultFile: a saved result the report is made from (hashed into the provenance).
    func emit(file: String, problem: Problem, options: [(String, String)], resultFile: String? = nil,
              _ build: (Provenance) throws -> AuditReport) throws {
        var provenance: Provenance
        do { provenance = try Provenance(problemFile: file, problem: problem, options: options) } catch {
            throw Console.fail(file, error)
        }
        if let resultFile {
            do { try provenance.addFile("result file", path: resultFile) } catch { throw Console.fail(resultFile, error) }
        }
        let report: AuditReport
        do { report = try build(provenance) } catch { throw Console.fail(resultFile ?? file, error) }
        do {
            try report.write(html: html.map { URL(fileURLWithPath: $0) }, svgDirectory: svg.map { URL(fileURLWithPath: $0, isDirectory: true) })
        } catch let error as AuditReportError {
            guard case let .write(path, _) = error else { throw Console.fail(html ?? svg ?? "report", error) }
            throw Console.fail(path, error)
        }
    }
}

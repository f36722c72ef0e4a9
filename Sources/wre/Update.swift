import ArgumentParser
import Foundation
import ReflectiveEquilibrium

/// `wre update PROBLEM CHANGES`: applies a `wre-changes/1` file to a problem, re-solves
/// warm-started from the previous equilibrium and reports what changed.
struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Revise a problem (add, remove or re-weight items and relations) and re-solve from the previous equilibrium.",
        discussion: """
            CHANGES is a wre-changes/1 JSON file: {"format": "wre-changes/1", "add": {"judgments": [...], \
            "principles": [...], "theories": [...], "relations": [...]}, "remove": {"items": [ids], "relations": \
            [{"from", "to"}]}, "set": {"items": [{"id", "text", "initial", "confidence", "lower", "upper", "parsimony"}], \
            "relations": [{"from", "to", "weight"}], "blockWeights": {...}, "mode": ...}}. Removals apply first, then \
            additions, then settings. Without --from the original problem is solved first. \
            Exit codes: 0 converged, 1 not converged, 2 bad input.
            """
    )

    @Argument(help: "The problem file (wre-problem/1 JSON or manifest); - reads the JSON from standard input.")
    var problem: String

    @Argument(help: "The changes file (wre-changes/1 JSON); - reads it from standard input.")
    var changes: String

    @Option(help: "A wre-result/1 file (from `wre solve --json`) of PROBLEM to warm-start from.")
    var from: String?

    @OptionGroup var choice: SolverChoice

    @Option(parsing: .unconditional, help: "Converged means KKT residual ≤ this.")
    var tolerance: Double = 1e-9

    @OptionGroup var limits: SolveLimits

    @Flag(help: "Skip the cold solve of the changed problem (no iteration comparison).")
    var noCold = false

    @Option(parsing: .unconditional, help: "An item counts as changed when its value moved more than this (or its class changed).")
    var threshold: Double = 1e-6

    @Option(help: "Also write the changed problem to this file: wre-problem/1 JSON, or for a manifest PROBLEM a manifest with its .npy arrays beside it (named after the file: changed.json, changed_A.npy, …).")
    var writeProblem: String?

    @Flag(help: "Print the wre-update/1 JSON instead of the report.")
    var json = false

    @Option(help: "Write the output (report or JSON) to this file instead of stdout.")
    var output: String?

    func validate() throws {
        try SolveLimits.validate(tolerance: tolerance)
        guard threshold.isFinite && threshold >= 0 else { throw ValidationError("--threshold must be a non-negative number") }
        if problem == ProblemInput.standardInputArgument && changes == ProblemInput.standardInputArgument {
            throw ValidationError("PROBLEM and CHANGES cannot both be read from standard input (-)")
        }
    }

    func run() throws {
        let input = try ProblemInput(problem)
        let original = input.problem, problem = input.name
        let edits = try Self.readChanges(changes)
        let changes = changes == ProblemInput.standardInputArgument ? ProblemInput.standardInputName : changes
        let manifestArrays = try writeProblem.map { try Self.manifestArrays(for: input, writingTo: $0) } ?? nil
        try Console.refuseOverwriting([("--output", output), ("--write-problem", writeProblem)]
                                      + (manifestArrays ?? []).map { ("--write-problem", $0) }) {
            try Console.inputFiles(input, others: [("the changes file", changes == ProblemInput.standardInputName ? nil : changes),
                                                   ("the result file of --from", from)])
        }
        let progress = limits.progressPrinter()
        let options = SolverOptions(tolerance: tolerance, maxIterations: limits.maxIterations, timeLimit: limits.timeLimit,
                                    progress: progress?.handler)
        let previous: Equilibrium
        if let from {
            do { previous = try Equilibrium(contentsOf: URL(fileURLWithPath: from)) } catch { throw Console.fail(from, error) }
        } else {
            do { previous = try original.solve(choice.solver, mode: choice.mode, options: options) } catch { throw Console.fail(problem, error) }
        }
        let report: UpdateReport
        do {
            report = try previous.update(original, with: edits, solver: choice.solver, mode: choice.mode, options: options,
                                         coldStart: !noCold, threshold: threshold)
        } catch let error as ProblemChangesError {
            progress?.finish()
            if case .resultMismatch = error { throw Console.fail(from ?? problem, error) }
            throw Console.fail(changes, error)
        } catch {
            progress?.finish()
            throw Console.fail(changes, error)
        }
        progress?.finish()
        if let writeProblem {
            do {
                if manifestArrays != nil {
                    let url = URL(fileURLWithPath: writeProblem)
                    try report.problem.writeManifest(to: url.deletingLastPathComponent(), name: url.lastPathComponent,
                                                     arrayPrefix: Self.arrayPrefix(writeProblem))
                } else {
                    try Console.emit(try report.problem.jsonData(), to: writeProblem)
                }
            } catch { throw Console.fail(writeProblem, error) }
        }
        do {
            if json {
                try Console.emit(report.jsonData(), to: output)
            } else {
                try Console.emit(render(report, edits: edits, problem: problem, changes: changes), to: output)
            }
        } catch {
            throw Console.fail(output ?? "stdout", error)
        }
        if !report.result.isEquilibrium {
            Console.warn("wre: warning: the warm-started solve did not converge (\(report.result.status.rawValue)): the result is NOT an equilibrium")
            throw Console.notConverged
        }
    }

    /// Reads the changes at `path` (`-`: standard input), or reports why not and throws the
    /// bad-input exit code.
    static func readChanges(_ path: String) throws -> ProblemChanges {
        if path == ProblemInput.standardInputArgument {
            let name = ProblemInput.standardInputName
            do { return try ProblemChanges(jsonData: FileHandle.standardInput.readDataToEndOfFile(), file: name) } catch {
                throw Console.fail(name, error)
            }
        }
        do { return try ProblemChanges(contentsOf: URL(fileURLWithPath: path)) } catch { throw Console.fail(path, error) }
    }

    /// The paths of every array a manifest written to `path` may hold (`nil` when `input` is
    /// in the relations form, so the changed problem is written as JSON): `changed.json` →
    /// `changed_A.npy`, `changed_j.npy`, `changed_A_indptr.npy`, … beside it.
    static func manifestArrays(for input: ProblemInput, writingTo path: String) throws -> [String]? {
        guard !(try input.arrayFiles()).isEmpty else { return nil }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        return Problem.manifestArrayNames(arrayPrefix: arrayPrefix(path)).map { directory.appendingPathComponent($0).relativePath }
    }

    /// The prefix of the array files of a manifest written to `path`: its name without the
    /// extension, and `_`.
    static func arrayPrefix(_ path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + "_"
    }

    /// `1 item and 2 relations`.
    static func itemsAndRelations(_ items: Int, _ relations: Int) -> String {
        "\(Plural.count(items, "item")) and \(Plural.count(relations, "relation"))"
    }

    /// The readable report: what was changed, the two runs, and the items that moved.
    func render(_ report: UpdateReport, edits: ProblemChanges, problem: String, changes: String) -> String {
        func field(_ name: String, _ value: String) -> String { "  " + Report.pad(name, 13) + value }
        func run(_ r: Equilibrium) -> String {
            let status = r.isEquilibrium ? "converged" : "\(r.status.rawValue) (NOT an equilibrium)"
            return "\(status) in \(Plural.count(r.iterations, "iteration")) (\(Report.duration(r.seconds))), objective \(Report.num(r.objective.total, 4)), KKT residual \(Report.sci(r.kktResidual))"
        }
        let added = edits.addedItems.values.map(\.count).reduce(0, +)
        var lines = ["Update of \(problem) with \(changes)",
                     field("changes", "\(Self.itemsAndRelations(added, edits.addedRelations.count)) added, \(Self.itemsAndRelations(edits.removedItems.count, edits.removedRelations.count)) removed, \(Self.itemsAndRelations(edits.itemSettings.count, edits.relationWeights.count)) re-set"
                           + (edits.blockWeights != BlockWeightSetting() ? ", block weights" : "") + (edits.mode.map { ", mode \($0.rawValue)" } ?? "")),
                     field("previous", "objective \(Report.num(report.previous.objective.total, 4)) (\(report.previous.status.rawValue), \(from.map { "read from \($0)" } ?? "solved here"))"),
                     field("warm start", run(report.result))]
        if let cold = report.cold {
            lines.append(field("cold start", run(cold)))
            let saved = report.iterationsSaved ?? 0
            lines.append(field("warm vs cold", (saved >= 0 ? "\(Plural.count(saved, "iteration")) saved" : "\(-saved) more \(Plural.noun(-saved, "iteration")) warm")
                               + ", ‖x_warm − x_cold‖∞ = \(Report.sci(report.coldDistance ?? .nan))"))
        }
        lines.append(field("objective", "\(Report.signed(report.objectiveChange)) (\(Report.num(report.previous.objective.total, 4)) → \(Report.num(report.result.objective.total, 4)))"))
        lines.append("")
        guard !report.changes.isEmpty else {
            lines.append("Changed items: none (no value moved by more than \(Report.sci(threshold)) and no class changed)")
            return lines.joined(separator: "\n")
        }
        let shown = report.changes.prefix(30)
        let idWidth = min(max(shown.map(\.id.count).max() ?? 2, 2), 16)
        lines.append(shown.count < report.changes.count ? "Changed items (the first \(shown.count) of \(report.changes.count))" : "Changed items (\(report.changes.count))")
        for c in shown {
            let before = c.before.map { Report.num($0, 2, width: 5) } ?? "    —"
            let after = c.after.map { Report.num($0, 2, width: 5) } ?? "    —"
            let classes = "\(c.classBefore?.rawValue ?? "—") → \(c.classAfter?.rawValue ?? "—")"
            lines.append("  " + Report.pad(c.id, idWidth) + " " + Report.pad(c.kind.rawValue, 8) + " \(before) → \(after)   \(classes)")
        }
        return lines.joined(separator: "\n")
    }
}

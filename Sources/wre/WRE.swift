import ArgumentParser
import Foundation
import ReflectiveEquilibrium

/// The `wre` command: solves reflective-equilibrium problems (README.md, The command line).
@main
struct WRE: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wre",
        abstract: "Wide reflective equilibria, computed.",
        discussion: """
            Finds the state of judgments, principles and background theories that best trades \
            coherence against revising what one started with (the method of wide reflective \
            equilibrium), and says why each revision happened.

            Exit codes: 0 converged (an equilibrium), 1 the solver did not converge (the result \
            is still printed, labelled), 2 bad input.
            """,
        version: PackageInfo.version,
        subcommands: [Solve.self, Demo.self, Generate.self, Bench.self, Compare.self, Explain.self, Update.self, ReportCommand.self]
    )

    /// Runs the command. Help and `--version` go to stdout; the exit codes the commands throw
    /// pass through; every other error — argument-parser's usage errors (its exit code 64)
    /// included — is reported as `wre: error: …` (with the usage hint for usage errors) and
    /// exits with 2, the code for bad input.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            exit(withError: code)
        } catch {
            guard exitCode(for: error) != .success else { exit(withError: error) }  // help, version
            FileHandle.standardError.write(Data((errorReport(fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(Console.badInput.rawValue)
        }
    }

    /// argument-parser's message in the house style: `Error: …` becomes `wre: error: …`, the
    /// lines after it (the option's help, the usage) are kept.
    static func errorReport(_ message: String) -> String {
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else { return "wre: error: unknown error" }
        lines[0] = "wre: error: " + (first.hasPrefix("Error: ") ? String(first.dropFirst("Error: ".count)) : first)
        return lines.joined(separator: "\n")
    }
}

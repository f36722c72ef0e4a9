import ArgumentParser
import Foundation

/// The `wre` command: solves reflective-equilibrium problems (DESIGN §6).
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
        subcommands: [Solve.self, Demo.self, Generate.self, Bench.self, Compare.self, Explain.self, Update.self, ReportCommand.self]
    )

    /// Runs the command; invalid options or arguments (argument-parser's usage errors, exit code
    /// 64) exit with 2, the code for bad input, like every other input error.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(Console.badInput.rawValue)
            }
            exit(withError: error)
        }
    }
}

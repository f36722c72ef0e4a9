import ArgumentParser
import ReflectiveEquilibrium

extension SolverKind: ExpressibleByArgument {}
extension Mode: ExpressibleByArgument {}

/// The options every solving subcommand shares: which solver and which mode.
struct SolverChoice: ParsableArguments {
    @Option(help: "The solver.")
    var solver: SolverKind = .auto

    @Option(help: "What may be revised (default: the problem's own mode).")
    var mode: Mode?
}

import ArgumentParser

/// The run limits every solving subcommand shares: iteration and wall-clock limits, and the
/// progress display.
struct SolveLimits: ParsableArguments {
    @Option(parsing: .unconditional, help: "Iteration limit per run (default: each solver's own).")
    var maxIterations: Int?

    @Option(parsing: .unconditional, help: "Wall-clock limit per run in seconds.")
    var timeLimit: Double?

    @Flag(inversion: .prefixedNo,
          help: "Show iterations, KKT residual (or the solver's own progress measure) and elapsed time on stderr during long solves (default: only when stderr is a terminal).")
    var progress: Bool?

    /// The progress printer these options ask for (`nil`: none); its `handler` goes into
    /// `SolverOptions.progress`, and `finish()` must be called before the result is printed.
    func progressPrinter() -> ProgressPrinter? { ProgressPrinter.make(progress) }

    func validate() throws {
        if let maxIterations, maxIterations < 1 { throw ValidationError("--max-iterations must be at least 1") }
        if let timeLimit, !(timeLimit > 0 && timeLimit <= 1e9) {
            throw ValidationError("--time-limit must be a positive number of seconds (at most 1e9)")
        }
    }

    /// Checks a `--tolerance` value.
    static func validate(tolerance: Double) throws {
        guard tolerance.isFinite && tolerance > 0 else { throw ValidationError("--tolerance must be a positive number") }
    }
}

import ArgumentParser

/// `wre generate` (placeholder until the benchmarking issue lands it).
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not yet available.", shouldDisplay: false)
    func run() throws { throw ValidationError("wre generate is not available yet") }
}

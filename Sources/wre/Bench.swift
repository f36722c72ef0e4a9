import ArgumentParser

/// `wre bench` (placeholder until the benchmarking issue lands it).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not yet available.", shouldDisplay: false)
    func run() throws { throw ValidationError("wre bench is not available yet") }
}

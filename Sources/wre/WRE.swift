import ArgumentParser

@main
struct WRE: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wre",
        abstract: "Wide reflective equilibria, computed.",
        subcommands: []
    )
}

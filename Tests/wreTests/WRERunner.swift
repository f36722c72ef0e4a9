import Foundation
import Testing

/// Runs the built `wre` executable (beside this test bundle in `.build/…/debug`) as a
/// subprocess, so the tests see what a user sees: the exit code, stdout and stderr.
struct WRERunner {
    struct Outcome {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    /// The `wre` executable: beside the test bundle (SwiftPM builds every product for `swift test`).
    static let executable: URL? = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 { candidates.append(directory); directory.deleteLastPathComponent() }
        // From the package root: .build/debug (a symlink to the triple's directory).
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        return candidates.map { $0.appendingPathComponent("wre") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// A fresh working directory, removed by `cleanUp`.
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wre-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    func write(_ text: String, to name: String) throws { try Data(text.utf8).write(to: url(name)) }

    func read(_ name: String) throws -> String { try String(contentsOf: url(name), encoding: .utf8) }

    /// Runs `wre arguments…` in the working directory, with `stdin` on standard input.
    func run(_ arguments: [String], stdin: Data? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        let executable = try #require(Self.executable, "the wre executable was not found beside the tests", sourceLocation: sourceLocation)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
        // stdout and stderr go to files, so a full pipe never blocks the child.
        let id = UUID().uuidString
        let outURL = directory.appendingPathComponent(".stdout-\(id)"), errURL = directory.appendingPathComponent(".stderr-\(id)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdoutData = try Data(contentsOf: outURL), stderrData = try Data(contentsOf: errURL)
        return Outcome(code: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                       stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

import ArgumentParser
import Foundation
import ReflectiveEquilibrium

/// Where the CLI's output goes, and how it fails: one-line errors on stderr, exit codes
/// 0 (converged), 1 (not converged), 2 (bad input).
enum Console {
    /// Exit code of a run that did not converge.
    static let notConverged = ExitCode(1)
    /// Exit code of bad input (unreadable or invalid file, failed write).
    static let badInput = ExitCode(2)

    /// Writes `text` to the file at `path`, or to stdout when `path` is nil. A trailing newline
    /// is added when missing.
    static func emit(_ text: String, to path: String?) throws {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        try emit(Data(line.utf8), to: path)
    }

    /// Writes `data` to the file at `path` (in place, so `/dev/stdout` and pipes work; a failure
    /// is a `FileWriteError` in plain words), or to stdout when `path` is nil.
    static func emit(_ data: Data, to path: String?) throws {
        if let path {
            try FileWriteError.write(data, to: URL(fileURLWithPath: path), atomic: false)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    /// Prints `message` to stderr as one line.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data((oneLine(message) + "\n").utf8))
    }

    /// Reports `message` as one `wre: error: …` line on stderr and returns the bad-input exit
    /// code to throw.
    static func error(_ message: String) -> ExitCode {
        warn("wre: error: " + message)
        return badInput
    }

    /// Reports `error` about `subject` (a file or item) as one line on stderr and returns the
    /// bad-input exit code to throw. A `FileWriteError` names its file itself
    /// (`cannot write out.txt: permission denied`).
    static func fail(_ subject: String, _ error: any Error) -> ExitCode {
        if let error = error as? FileWriteError { return self.error(error.description) }
        var message = describe(error)
        // The IO errors name the file by its last path component; show it once, as given.
        let name = URL(fileURLWithPath: subject).lastPathComponent
        if message.hasPrefix(name + ": ") { message.removeFirst(name.count + 2) }
        return self.error("\(subject): \(message)")
    }

    /// A readable, single-line description of any error: the typed errors of the library
    /// (`ProblemError`, the IO errors) describe themselves; Foundation errors give their
    /// localized description.
    static func describe(_ error: any Error) -> String {
        if let e = error as? CocoaError { return oneLine(e.localizedDescription) }
        if type(of: error) is NSError.Type { return oneLine((error as NSError).localizedDescription) }
        return oneLine(String(describing: error))
    }

    private static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

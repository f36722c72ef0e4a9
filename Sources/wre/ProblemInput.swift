import Foundation
import ReflectiveEquilibrium

/// A problem argument read: a `wre-problem/1` file, or `-` for the JSON on standard input (its
/// relative `.npy` paths resolved against the working directory).
struct ProblemInput {
    /// The argument as given (`-` for standard input).
    let argument: String
    let problem: Problem
    /// The bytes read from standard input (`nil` for a file).
    private let standardInput: Data?

    /// The argument that means standard input, and its name in messages.
    static let standardInputArgument = "-", standardInputName = "standard input"

    /// Where the problem came from, for messages and reports.
    var name: String { standardInput == nil ? argument : Self.standardInputName }

    /// Reads the problem at `argument`, or reports why not (one line on stderr) and throws the
    /// bad-input exit code.
    init(_ argument: String) throws {
        self.argument = argument
        if argument == Self.standardInputArgument {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            standardInput = data
            do { problem = try Problem(jsonData: data, baseDirectory: Self.workingDirectory, name: Self.standardInputName) } catch {
                throw Console.fail(Self.standardInputName, error)
            }
            return
        }
        standardInput = nil
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw Console.error("\(argument): \(isDirectory.boolValue ? "is a directory, not a problem file" : "no such file")")
        }
        do { problem = try Problem(contentsOf: URL(fileURLWithPath: argument)) } catch { throw Console.fail(argument, error) }
    }

    static var workingDirectory: URL { URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true) }

    /// The `.npy` files the problem was read from (none for the relations form).
    func arrayFiles() throws -> [URL] {
        do {
            if let standardInput {
                return try Problem.arrayFiles(inJSON: standardInput, baseDirectory: Self.workingDirectory, name: Self.standardInputName)
            }
            let url = URL(fileURLWithPath: argument)
            return try Problem.arrayFiles(inJSON: try Data(contentsOf: url), baseDirectory: url.deletingLastPathComponent(),
                                          name: url.lastPathComponent)
        } catch { throw Console.fail(name, error) }
    }

    /// Every file the problem was read from: the problem file (unless standard input) and its arrays.
    func files() throws -> [URL] {
        (standardInput == nil ? [URL(fileURLWithPath: argument)] : []) + (try arrayFiles())
    }
}

extension Console {
    /// Checks, before any work is done, that each of `outputs` (option name, path) can be
    /// written: not a directory, in a directory that exists, not a file the run reads (`inputs`,
    /// asked for only when some output already exists) and not another output — two paths are
    /// one file when they name it through any symlink or hard link. Throws the bad-input exit
    /// code after one `wre: error:` line.
    static func refuseOverwriting(_ outputs: [(option: String, path: String?)], inputs: () throws -> [(what: String, url: URL)]) throws {
        let given = outputs.compactMap { o in o.path.map { (option: o.option, path: $0) } }
        for output in given {
            do { try FileWriteError.check(URL(fileURLWithPath: output.path)) } catch { throw fail(output.path, error) }
        }
        for (i, a) in given.enumerated() {
            for b in given[..<i] where FileIdentity(a.path) == FileIdentity(b.path) {
                throw error("\(a.option) \(a.path) and \(b.option) \(b.path) are the same file: give them different paths")
            }
        }
        let existing = given.filter { FileIdentity.existing($0.path) != nil }
        guard !existing.isEmpty else { return }
        let read = try inputs()
        for output in existing {
            let id = FileIdentity.existing(output.path)
            if let input = read.first(where: { FileIdentity.existing($0.url.path) == id }) {
                throw error("\(output.option) \(output.path) is \(input.what) (\(input.url.relativePath)): refusing to overwrite it; write the output elsewhere")
            }
        }
    }

    /// The files a problem input and any other inputs are read from, labelled for messages.
    static func inputFiles(_ problem: ProblemInput, others: [(what: String, path: String?)] = []) throws -> [(what: String, url: URL)] {
        try problem.files().map { (what: $0.pathExtension == "npy" ? "an array of the input problem" : "the input problem", url: $0) }
            + others.compactMap { o in o.path.map { (what: o.what, url: URL(fileURLWithPath: $0)) } }
    }
}

/// What makes two paths one file: the device and inode of an existing file (through symlinks
/// and hard links), else the resolved directory and the name.
enum FileIdentity: Equatable {
    case inode(device: UInt64, inode: UInt64)
    case path(String)

    init(_ path: String) {
        if let id = Self.existing(path) { self = id; return }
        let url = URL(fileURLWithPath: path)
        self = .path(url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent).path)
    }

    /// The identity of the file at `path` when it exists (`stat` follows symlinks).
    static func existing(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}

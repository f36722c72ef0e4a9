import Foundation

extension Console {
    /// Checks that `path` names a regular file, or reports why not (one line on stderr, e.g.
    /// "no such file", "is a directory, not a result file") and returns the bad-input exit code
    /// as the error.
    static func requireFile(_ path: String, kind: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            warn("wre: error: \(path): \(isDirectory.boolValue ? "is a directory, not a \(kind)" : "no such file")")
            throw badInput
        }
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain words for why a file could not be read, written or created: `permission denied`,
/// `no such directory: out`, `is a directory`, `no space left on device`, … — never Foundation's
/// `The operation could not be completed` or a `NSCocoaErrorDomain` code. The POSIX error under
/// a Foundation error decides the words; what the file system says about the path fills in
/// when there is none.
enum FileFailure {
    /// Why the access to `url` failed with `error`.
    static func reason(_ error: any Error, url: URL) -> String {
        if let code = posixCode(error) { return reason(code: code, url: url) }
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: return reason(code: ENOENT, url: url)
            case .fileWriteNoPermission, .fileReadNoPermission: return reason(code: EACCES, url: url)
            case .fileWriteOutOfSpace: return reason(code: ENOSPC, url: url)
            case .fileWriteVolumeReadOnly: return reason(code: EROFS, url: url)
            case .fileWriteFileExists: return reason(code: EEXIST, url: url)
            default: break
            }
        }
        if isDirectory(url) { return "is a directory" }
        return "input/output error"
    }

    /// The words for POSIX error `code` on `url`: a missing file says which directory is missing.
    static func reason(code: Int32, url: URL) -> String {
        switch code {
        case ENOENT:
            let parent = url.deletingLastPathComponent()
            return isDirectory(parent) ? "no such file" : "no such directory: \(parent.relativePath)"
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "is a directory"
        case ENOTDIR: return "a part of the path is not a directory"
        default:
            let text = String(cString: strerror(code))
            return text.prefix(1).lowercased() + text.dropFirst()
        }
    }

    /// The POSIX error code under `error`, if any (Foundation wraps it as the underlying error).
    static func posixCode(_ error: any Error) -> Int32? {
        if let posix = error as? POSIXError { return posix.code.rawValue }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(truncatingIfNeeded: ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? any Error { return posixCode(underlying) }
        return nil
    }

    static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }
}

/// A file that could not be written or a directory that could not be created, with the reason
/// in plain words (`FileFailure`): `cannot write out/report.txt: no such directory: out`.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path as given (relative paths stay relative).
    public var path: String
    /// Why, in plain words.
    public var reason: String
    /// Whether a directory was to be created (else a file written).
    public var isDirectory: Bool

    public init(path: String, reason: String, isDirectory: Bool = false) {
        self.path = path
        self.reason = reason
        self.isDirectory = isDirectory
    }

    /// The failure of writing (or, `isDirectory`, creating) `url` with `error`.
    init(_ url: URL, _ error: any Error, isDirectory: Bool = false) {
        self.init(path: url.relativePath, reason: FileFailure.reason(error, url: url), isDirectory: isDirectory)
    }

    public var description: String { "cannot \(isDirectory ? "create the directory" : "write") \(path): \(reason)" }

    /// Writes `data` to `url`: `atomic` through a temporary file and a rename (a reader never
    /// sees half a file); otherwise in place, which also works for `/dev/stdout` and pipes.
    public static func write(_ data: Data, to url: URL, atomic: Bool = true) throws {
        do { try data.write(to: url, options: atomic ? .atomic : []) } catch { throw FileWriteError(url, error) }
    }

    /// Throws the error a write to `url` is sure to meet, before any work is spent on the
    /// contents: `url` is a directory, or the directory it would be in does not exist.
    public static func check(_ url: URL) throws {
        if FileFailure.isDirectory(url) { throw FileWriteError(path: url.relativePath, reason: FileFailure.reason(code: EISDIR, url: url)) }
        if !FileFailure.isDirectory(url.deletingLastPathComponent()) {
            throw FileWriteError(path: url.relativePath, reason: FileFailure.reason(code: ENOENT, url: url))
        }
    }

    /// Creates the directory `url` and any missing parents.
    static func createDirectory(_ url: URL) throws {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw FileWriteError(url, error, isDirectory: true)
        }
    }
}

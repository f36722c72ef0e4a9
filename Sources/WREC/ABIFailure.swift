import CWRE
import Foundation
import ReflectiveEquilibrium

/// Why a call of the C ABI failed (docs/python.md): the `WRE_ERROR_*` code it returns and the
/// one-line message it writes into the caller's `wre_error`, the same words as the command
/// line's `wre: error: …` line (the library errors' descriptions).
struct ABIFailure: Error, Equatable, CustomStringConvertible {
    let code: Int32
    let message: String

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// Bad input: the problem, an array, a file, an option or a change set.
    static func input(_ message: String) -> ABIFailure { ABIFailure(code: WRE_ERROR_INPUT, message: message) }

    /// A misuse of the ABI: a NULL handle or output pointer.
    static func argument(_ message: String) -> ABIFailure { ABIFailure(code: WRE_ERROR_ARGUMENT, message: message) }

    var description: String { message }

    /// The failure for an error the library threw: bad input, except a LAPACK failure
    /// (`WRE_ERROR_INTERNAL`) and an analysis that needs an equilibrium
    /// (`WRE_ERROR_NOT_EQUILIBRIUM`). `subject` (a file) prefixes the message as the command
    /// line does, named once.
    init(_ error: any Error, subject: String? = nil) {
        if let failure = error as? ABIFailure { self = failure; return }
        var message = Self.line(error)
        if let subject {
            let name = URL(fileURLWithPath: subject).lastPathComponent
            if message.hasPrefix(name + ": ") { message.removeFirst(name.count + 2) }
            message = "\(subject): \(message)"
        }
        switch error {
        case is LAPACKError: code = WRE_ERROR_INTERNAL
        case ExplanationError.notAnEquilibrium: code = WRE_ERROR_NOT_EQUILIBRIUM
        default: code = WRE_ERROR_INPUT
        }
        self.message = message
    }

    /// A readable, single-line description of `error`: the library's typed errors describe
    /// themselves; Foundation errors give their localized description.
    static func line(_ error: any Error) -> String {
        let text = (error as? CocoaError)?.localizedDescription ?? String(describing: error)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Writes the code and the message (truncated at a UTF-8 boundary to fit, NUL-terminated).
    func write(to error: UnsafeMutablePointer<wre_error>?) {
        guard let error else { return }
        error.pointee.code = code
        withUnsafeMutableBytes(of: &error.pointee.message) { buffer in
            CString.copy(message, into: buffer)
        }
    }
}

/// NUL-terminated UTF-8 in fixed buffers and in strings the caller frees.
enum CString {
    /// Copies as much of `text` as fits into `buffer` with a terminating NUL, cut before any
    /// UTF-8 sequence that does not fit whole.
    static func copy(_ text: String, into buffer: UnsafeMutableRawBufferPointer) {
        guard buffer.count > 0 else { return }
        var length = 0
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            guard length + width < buffer.count else { break }
            length += width
        }
        buffer.copyBytes(from: text.utf8.prefix(length))
        buffer[length] = 0
    }

    /// A copy of `text` in memory from `malloc`, for `wre_string_free`.
    static func allocate(_ text: String) throws -> UnsafeMutablePointer<CChar> {
        guard let copy = strdup(text) else { throw ABIFailure(code: WRE_ERROR_INTERNAL, message: "out of memory for a string of \(text.utf8.count) bytes") }
        return copy
    }

    /// The string at `pointer`, which must be valid UTF-8; `field` names it in the error.
    static func read(_ pointer: UnsafePointer<CChar>, field: String) throws -> String {
        guard let text = String(validatingCString: pointer) else { throw ABIFailure.input("\(field): not valid UTF-8") }
        return text
    }
}

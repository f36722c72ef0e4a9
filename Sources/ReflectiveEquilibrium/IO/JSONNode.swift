import Foundation

/// A parsed JSON value with its path in the document, so every error names the file and the
/// place (`problem.json: judgments[3].confidence: expected a number`).
struct JSONNode {
    let value: JSONValue
    /// The JSON path (`judgments[3].confidence`); empty at the top level.
    let path: String
    /// The file name used in errors.
    let file: String

    /// Parses a document; a syntax error gives `ProblemFileError.invalidJSON` with its line and column.
    static func parse(_ data: Data, file: String) throws -> JSONNode {
        do {
            return JSONNode(value: try JSONParser.parse([UInt8](data)), path: "", file: file)
        } catch {
            throw ProblemFileError.invalidJSON(file: file, reason: error.description)
        }
    }

    private func error(_ expected: String) -> ProblemFileError {
        .wrongType(file: file, path: path.isEmpty ? "(top level)" : path, expected: expected)
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Whether the value is JSON `null`.
    var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The members of an object by name; a name not in `allowed`, or given twice, is an error
    /// naming it.
    func members(allowed: [String]) throws -> [String: JSONNode] {
        guard case let .object(members) = value else { throw error("an object") }
        var out: [String: JSONNode] = [:]
        for (key, value) in members {
            guard allowed.contains(key) else {
                throw ProblemFileError.unknownField(file: file, path: childPath(key), allowed: allowed)
            }
            guard out.updateValue(JSONNode(value: value, path: childPath(key), file: file), forKey: key) == nil else {
                throw ProblemFileError.duplicateField(file: file, path: childPath(key))
            }
        }
        return out
    }

    /// The members of an object in document order (no check of their names).
    func orderedMembers() throws -> [(String, JSONNode)] {
        guard case let .object(members) = value else { throw error("an object") }
        return members.map { ($0, JSONNode(value: $1, path: childPath($0), file: file)) }
    }

    /// The elements of an array.
    func elements() throws -> [JSONNode] {
        guard case let .array(elements) = value else { throw error("an array") }
        return elements.enumerated().map { JSONNode(value: $1, path: "\(path)[\($0)]", file: file) }
    }

    /// A finite number.
    func number() throws -> Double {
        guard case let .number(x) = value else { throw error("a number") }
        guard x.isFinite else { throw ProblemFileError.nonFinite(file: file, path: path) }
        return x
    }

    /// A string.
    func string() throws -> String {
        guard case let .string(s) = value else { throw error("a string") }
        return s
    }
}

extension Optional where Wrapped == JSONNode {
    /// The number, or `fallback` when the field is absent.
    func number(default fallback: Double) throws -> Double { try self?.number() ?? fallback }

    /// The string; absent fields are an error naming `path`.
    func requiredString(path: @autoclosure () -> String, file: String) throws -> String {
        guard let node = self else { throw ProblemFileError.missingField(file: file, path: path()) }
        return try node.string()
    }
}

/// Why a problem file (docs/formats.md) could not be read. Every case names the file and, where it
/// applies, the JSON path of the offending value (`judgments[3].confidence`).
public enum ProblemFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (or a directory for it) could not be read, written or created.
    case fileAccess(file: String, reason: String)
    /// The file is not valid JSON.
    case invalidJSON(file: String, reason: String)
    /// The `format` field is missing or not `wre-problem/1`.
    case unsupportedFormat(file: String, found: String?)
    /// A value has the wrong JSON type.
    case wrongType(file: String, path: String, expected: String)
    /// A required field is absent.
    case missingField(file: String, path: String)
    /// A field that the format does not define (often a misspelling).
    case unknownField(file: String, path: String, allowed: [String])
    /// A field given twice in one object.
    case duplicateField(file: String, path: String)
    /// A number that is NaN or infinite.
    case nonFinite(file: String, path: String)
    /// A `mode` other than the valid ones.
    case invalidMode(file: String, found: String)
    /// The same data given twice (relations and a matrix for one block, or a group as both item
    /// objects and a `.npy` file).
    case conflictingSources(file: String, path: String, other: String)
    /// A `.npy` array whose shape does not match the item counts.
    case shapeMismatch(file: String, field: String, expected: [Int], found: [Int], meaning: String)
    /// An item array neither 1-D nor 2-D with 1 to 5 columns.
    case itemColumns(file: String, field: String, found: [Int])
    /// A group given neither as item objects nor as an array, whose count no dense block shows
    /// (only the CSR triple `field` indexes it, by columns).
    case unknownItemCount(file: String, group: Group, field: String)
    /// No judgments and no principles (nothing to bring into equilibrium).
    case emptyProblem(file: String, theories: Int)
    /// A CSR triple under `sparse` that cannot be read or is inconsistent (`field` is e.g.
    /// `sparse.judgmentPrinciple.indptr`; `file` is that array's file).
    case sparseTriple(file: String, field: String, reason: String)
    /// The data read but violate the model (`ProblemError`), found in `file`.
    case invalidProblem(file: String, ProblemError)
    /// A block entry violates the model (`ProblemError.blockEntry` or
    /// `.principlePrincipleNotSymmetric`, found in `file`): the ids of the items it relates.
    case invalidEntry(file: String, ProblemError, rowID: String, columnID: String)

    public static func == (a: ProblemFileError, b: ProblemFileError) -> Bool { a.description == b.description }

    /// The model error underneath, for `invalidProblem` and `invalidEntry`.
    public var problemError: ProblemError? {
        switch self {
        case let .invalidProblem(_, error), let .invalidEntry(_, error, _, _): return error
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case let .fileAccess(file, reason): return "\(file): \(reason)"
        case let .invalidJSON(file, reason): return "\(file): not valid JSON: \(reason)"
        case let .unsupportedFormat(file, found):
            let what = found.map { "\"\($0)\" is not supported" } ?? "missing"
            return "\(file): format: \(what) (expected \"\(Problem.fileFormat)\")"
        case let .wrongType(file, path, expected): return "\(file): \(path): expected \(expected)"
        case let .missingField(file, path): return "\(file): \(path): required field is missing"
        case let .unknownField(file, path, allowed):
            return "\(file): \(path): unknown field (allowed: \(allowed.joined(separator: ", ")))"
        case let .duplicateField(file, path): return "\(file): \(path): field given more than once"
        case let .nonFinite(file, path): return "\(file): \(path): not a finite number"
        case let .invalidMode(file, found):
            return "\(file): mode: '\(found)' is not a mode (valid: \(Mode.allCases.map(\.rawValue).joined(separator: ", ")))"
        case let .conflictingSources(file, path, other): return "\(file): \(path): given twice (also by \(other))"
        case let .shapeMismatch(file, field, expected, found, meaning):
            return "\(file) (\(field)): shape \(NPYHeader.shapeText(found)) does not match the items: expected \(NPYHeader.shapeText(expected)) (\(meaning))"
        case let .itemColumns(file, field, found):
            return "\(file) (\(field)): expected the initial values (1-D) or 2-D (items × 1 to 5) columns initial[, confidence, lower, upper, parsimony]; found shape \(NPYHeader.shapeText(found))"
        case let .unknownItemCount(file, group, field):
            return "\(file): cannot tell how many \(group.plural) there are: \(field) is a CSR triple, which does not give its number of columns; give the \(group.plural) under \"\(group.plural)\" or \"items\", or a dense block of them"
        case let .emptyProblem(file, theories):
            return "\(file): the problem has no judgments and no principles\(theories > 0 ? " (only \(Plural.count(theories, "theory", "theories")))" : ""): nothing to bring into equilibrium"
        case let .sparseTriple(file, field, reason): return "\(file) (\(field)): \(reason)"
        case let .invalidProblem(file, error): return "\(file): \(error)"
        case let .invalidEntry(file, error, row, column): return "\(file): \(error) (the entry of '\(row)' and '\(column)')"
        }
    }
}

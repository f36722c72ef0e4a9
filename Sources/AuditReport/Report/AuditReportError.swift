/// Why an audit report could not be built or written. Every case names the item, group or
/// file at fault.
public enum AuditReportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A consensus-map row has not one adopted share per group.
    case shareCount(row: String, expected: Int, found: Int)
    /// A share is not a number in [0, 1].
    case shareValue(row: String, group: String, value: Double)
    /// A score is not finite.
    case scoreValue(row: String, value: Double)
    /// The cost of consensus has not one value per group (or none).
    case costCount(expected: Int, found: Int)
    /// A cost of consensus is negative or not finite.
    case costValue(group: String, value: Double)
    /// The consensus map has no groups, or two groups with one name.
    case groups(String)
    /// Two rows of the consensus map have one id.
    case duplicateRow(String)
    /// A file or directory could not be written.
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case let .shareCount(row, expected, found):
            return "consensus map: '\(row)' has \(found) adopted shares, expected one per group (\(expected))"
        case let .shareValue(row, group, value):
            return "consensus map: '\(row)' has adopted share \(value) in group '\(group)', expected a number in [0, 1]"
        case let .scoreValue(row, value):
            return "consensus map: '\(row)' has score \(value), expected a finite number"
        case let .costCount(expected, found):
            return "consensus map: \(found) costs of consensus, expected one per group (\(expected)) or none"
        case let .costValue(group, value):
            return "consensus map: the cost of consensus of group '\(group)' is \(value), expected a finite number ≥ 0"
        case let .groups(reason):
            return "consensus map: \(reason)"
        case let .duplicateRow(id):
            return "consensus map: two rows have the id '\(id)'"
        case let .write(path, reason):
            // Named by its last component, like the library's IO errors (the CLI prints the full path before it).
            return "\(path.split(separator: "/").last.map(String.init) ?? path): cannot write (\(reason))"
        }
    }
}

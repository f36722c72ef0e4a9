/// Why a solver refused a problem that is otherwise valid (the data is fine; the method does
/// not apply to it).
public enum SolverError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The exhaustive search enumerates `2^revisable` corners and only accepts problems with at
    /// most `limit` revisable (unlocked) items.
    case tooManyItemsForExhaustive(revisable: Int, limit: Int)

    public var description: String {
        switch self {
        case let .tooManyItemsForExhaustive(revisable, limit):
            return "the exhaustive solver enumerates 2^N corners and accepts at most \(limit) revisable items; "
                + "this problem has \(revisable) (lock items or choose another solver)"
        }
    }
}

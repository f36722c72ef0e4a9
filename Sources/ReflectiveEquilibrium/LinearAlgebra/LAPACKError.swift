/// A LAPACK routine reported a non-zero `info`.
///
/// Negative `info` means argument `-info` was illegal (a bug in this package); positive `info`
/// carries the routine's own meaning, e.g. for `potrf` the leading minor of that order is not
/// positive definite.
public enum LAPACKError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `info < 0`: argument number `argument` had an illegal value.
    case illegalArgument(routine: String, argument: Int)
    /// `potrf`: the leading minor of order `order` is not positive definite.
    case notPositiveDefinite(order: Int)
    /// `syevr`: an internal error (the eigenvalue iteration failed).
    case eigenvalueFailure(info: Int)

    static func check(_ info: Int32, routine: String) throws {
        if info == 0 { return }
        if info < 0 { throw LAPACKError.illegalArgument(routine: routine, argument: Int(-info)) }
        switch routine {
        case "potrf": throw LAPACKError.notPositiveDefinite(order: Int(info))
        default: throw LAPACKError.eigenvalueFailure(info: Int(info))
        }
    }

    public var description: String {
        switch self {
        case let .illegalArgument(routine, argument):
            return "LAPACK \(routine): argument \(argument) had an illegal value"
        case let .notPositiveDefinite(order):
            return "LAPACK potrf: the leading minor of order \(order) is not positive definite"
        case let .eigenvalueFailure(info):
            return "LAPACK syevr: the eigenvalue iteration failed (info \(info))"
        }
    }
}

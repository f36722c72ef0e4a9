/// Why an explanation or attribution could not be computed. Every case names the item or the
/// condition at fault.
public enum ExplanationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No item has this id.
    case unknownItem(String)
    /// The result's state does not fit the problem (another problem's result, or another shape).
    case resultMismatch(expected: Int, found: Int)
    /// The result's item at stacked index `index` has another id than the problem's.
    case foreignResult(index: Int, resultID: String, problemID: String)
    /// Sensitivities are defined at an equilibrium only; this run ended with `status`.
    case notAnEquilibrium(SolverStatus)
    /// A judgment strictly inside its bounds has confidence 0, so the Hessian on the free set
    /// has a zero diagonal entry and is not positive definite.
    case unanchoredFreeItem(String)
    /// The Hessian on the free set, `H_FF`, is not positive definite (a saddle or a flat
    /// direction of a non-convex problem): the equilibrium does not depend smoothly on `x0`.
    case freeHessianNotPositiveDefinite(freeItems: Int)

    public var description: String {
        switch self {
        case let .unknownItem(id): return "no item has the id '\(id)'"
        case let .resultMismatch(expected, found):
            return "the result has \(found) items but the problem has \(expected): it belongs to another problem"
        case let .foreignResult(index, resultID, problemID):
            return "the result's item \(index) is '\(resultID)' but the problem's is '\(problemID)': it belongs to another problem"
        case let .notAnEquilibrium(status):
            return "the solve ended \(status.rawValue), not at an equilibrium: sensitivities are defined at an equilibrium only (raise --max-iterations or loosen --tolerance)"
        case let .unanchoredFreeItem(id):
            return "'\(id)' lies strictly inside its bounds with confidence 0: the Hessian on the free set is singular there, so the equilibrium does not depend smoothly on the initial values"
        case let .freeHessianNotPositiveDefinite(free):
            return "the Hessian H_FF on the \(free) free items is not positive definite (Cholesky of its Schur complement failed): this KKT point of a non-convex problem is not a strict local maximum, so its sensitivity to the initial values is undefined"
        }
    }
}

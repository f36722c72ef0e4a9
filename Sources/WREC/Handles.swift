import CWRE
import ReflectiveEquilibrium

/// What a `wre_problem *` points to: an immutable problem (its borrowed blocks hold their
/// `BorrowToken`). Retained once per handle given out; `wre_problem_free` releases it.
final class ProblemHandle: Sendable {
    let problem: Problem
    init(_ problem: Problem) { self.problem = problem }
}

/// What a `wre_result *` points to: an immutable result.
final class ResultHandle: Sendable {
    let result: Equilibrium
    init(_ result: Equilibrium) { self.result = result }
}

/// Conversions between the handles and the opaque pointers of the header.
enum Handle {
    /// A new opaque pointer that owns one reference to `object`.
    static func retain<T: AnyObject>(_ object: T) -> OpaquePointer {
        OpaquePointer(Unmanaged.passRetained(object).toOpaque())
    }

    /// The object behind `pointer` (not consumed), or an argument error naming `field`.
    static func object<T: AnyObject>(_ pointer: OpaquePointer?, _ field: String, as _: T.Type) throws -> T {
        guard let pointer else { throw ABIFailure.argument("\(field): NULL handle") }
        return Unmanaged<T>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
    }

    /// The object behind `pointer` when not NULL.
    static func optional<T: AnyObject>(_ pointer: OpaquePointer?, as _: T.Type) -> T? {
        pointer.map { Unmanaged<T>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
    }

    /// Releases the reference `pointer` owns (NULL is ignored).
    static func release<T: AnyObject>(_ pointer: OpaquePointer?, as _: T.Type) {
        guard let pointer else { return }
        Unmanaged<T>.fromOpaque(UnsafeRawPointer(pointer)).release()
    }

    static func problem(_ pointer: OpaquePointer?) throws -> Problem { try object(pointer, "problem", as: ProblemHandle.self).problem }
    static func result(_ pointer: OpaquePointer?) throws -> Equilibrium { try object(pointer, "result", as: ResultHandle.self).result }
}

import CWRE
import Foundation
import ReflectiveEquilibrium

/// Solving across the boundary: the state into the caller's buffer, the `wre_info`, and result
/// handles (their state, info and `wre-result/1` JSON; read back from JSON).
extension ABI {
    static func solve(_ handle: OpaquePointer?, _ options: UnsafePointer<wre_solve_options>?, _ x: UnsafeMutablePointer<Double>?,
                      _ xLength: Int64, _ info: UnsafeMutablePointer<wre_info>?, _ out: UnsafeMutablePointer<OpaquePointer?>?) throws {
        let problem = try Handle.problem(handle)
        let request = try SolveRequest(options)
        let (m, n, k) = problem.shape
        if x != nil {
            let length = try Boundary.count(xLength, "x_length")
            guard length == m + n + k else { throw ABIFailure(ProblemError.lengthMismatch(field: "x", expected: m + n + k, found: length)) }
        }
        let result = try request.solve(problem)
        try deliver(result, x: x, info: info, result: out)
    }

    /// Writes the outputs of a solve the caller asked for.
    static func deliver(_ result: Equilibrium, x: UnsafeMutablePointer<Double>?, info: UnsafeMutablePointer<wre_info>?,
                        result out: UnsafeMutablePointer<OpaquePointer?>?) throws {
        if let x { for (i, item) in result.items.enumerated() { x[i] = item.value } }
        info?.pointee = wre_info(result)
        out?.pointee = Handle.retain(ResultHandle(result))
    }

    static func readResult(_ json: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?) throws {
        let text = try Boundary.string(json, "json")
        let out = try Boundary.output(out, "result")
        out.pointee = Handle.retain(ResultHandle(try Equilibrium(jsonData: Data(text.utf8))))
    }

    static func resultInfo(_ handle: OpaquePointer?, _ info: UnsafeMutablePointer<wre_info>?) throws {
        let result = try Handle.result(handle)
        try Boundary.output(info, "info").pointee = wre_info(result)
    }

    static func resultState(_ handle: OpaquePointer?, _ x: UnsafeMutablePointer<Double>?, _ length: Int64) throws {
        let result = try Handle.result(handle)
        let x = try Boundary.output(x, "x")
        let count = try Boundary.count(length, "length")
        guard count == result.items.count else { throw ABIFailure(ProblemError.lengthMismatch(field: "x", expected: result.items.count, found: count)) }
        for (i, item) in result.items.enumerated() { x[i] = item.value }
    }

    static func resultJSON(_ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws {
        try give(try Handle.result(handle).jsonData(), to: out)
    }
}

#if compiler(>=6.3)
import CWRE
import Glibc

// The exported functions of CSupport/CWRE/include/wre.h, each checked against its declaration
// there by the compiler (`@c @implementation`) and implemented by one call into `ABI`
// (docs/python.md). Exports+Cdecl.swift is the same list for compilers before Swift 6.3.

@c @implementation public func wre_abi_version() -> Int32 { WRE_ABI_VERSION }

@c @implementation public func wre_version() -> UnsafePointer<CChar>? { ABI.version }

@c @implementation public func wre_struct_size(_ name: UnsafePointer<CChar>?) -> Int64 { ABI.structSize(name) }

@c @implementation public func wre_solve_options_init(_ options: UnsafeMutablePointer<wre_solve_options>?) {
    options?.pointee = SolveRequest.defaults
}

@c @implementation public func wre_problem_create(_ spec: UnsafePointer<wre_problem_spec>?, _ problem: UnsafeMutablePointer<OpaquePointer?>?,
                                                   _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.createProblem(spec, problem) }
}

@c @implementation public func wre_problem_load(_ path: UnsafePointer<CChar>?, _ problem: UnsafeMutablePointer<OpaquePointer?>?,
                                                 _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.loadProblem(path, problem) }
}

@c @implementation public func wre_problem_free(_ problem: OpaquePointer?) { Handle.release(problem, as: ProblemHandle.self) }

@c @implementation public func wre_problem_shape(_ problem: OpaquePointer?, _ judgments: UnsafeMutablePointer<Int64>?,
                                                  _ principles: UnsafeMutablePointer<Int64>?, _ theories: UnsafeMutablePointer<Int64>?,
                                                  _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.shape(problem, judgments, principles, theories) }
}

@c @implementation public func wre_problem_describe(_ problem: OpaquePointer?, _ json: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                                     _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.describe(problem, json) }
}

@c @implementation public func wre_problem_block_address(_ problem: OpaquePointer?, _ block: Int32, _ array: Int32,
                                                          _ address: UnsafeMutablePointer<UnsafeRawPointer?>?,
                                                          _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.blockAddress(problem, block, array, address) }
}

@c @implementation public func wre_problem_solve(_ problem: OpaquePointer?, _ options: UnsafePointer<wre_solve_options>?,
                                                  _ x: UnsafeMutablePointer<Double>?, _ x_length: Int64, _ info: UnsafeMutablePointer<wre_info>?,
                                                  _ result: UnsafeMutablePointer<OpaquePointer?>?, _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.solve(problem, options, x, x_length, info, result) }
}

@c @implementation public func wre_result_read(_ json: UnsafePointer<CChar>?, _ result: UnsafeMutablePointer<OpaquePointer?>?,
                                                _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.readResult(json, result) }
}

@c @implementation public func wre_result_free(_ result: OpaquePointer?) { Handle.release(result, as: ResultHandle.self) }

@c @implementation public func wre_result_info(_ result: OpaquePointer?, _ info: UnsafeMutablePointer<wre_info>?,
                                                _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.resultInfo(result, info) }
}

@c @implementation public func wre_result_state(_ result: OpaquePointer?, _ x: UnsafeMutablePointer<Double>?, _ length: Int64,
                                                 _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.resultState(result, x, length) }
}

@c @implementation public func wre_result_json(_ result: OpaquePointer?, _ json: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                                _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.resultJSON(result, json) }
}

@c @implementation public func wre_problem_compare(_ problem: OpaquePointer?, _ modes: UnsafePointer<wre_strings>?,
                                                    _ solvers: UnsafePointer<wre_strings>?, _ options: UnsafePointer<wre_solve_options>?,
                                                    _ json: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                                    _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.compare(problem, modes, solvers, options, json) }
}

@c @implementation public func wre_problem_explain(_ problem: OpaquePointer?, _ result: OpaquePointer?, _ items: UnsafePointer<wre_strings>?,
                                                    _ top: Int32, _ options: UnsafePointer<wre_solve_options>?,
                                                    _ json: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                                    _ solved: UnsafeMutablePointer<OpaquePointer?>?, _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.explain(problem, result, items, top, options, json, solved) }
}

@c @implementation public func wre_problem_support(_ problem: OpaquePointer?, _ result: OpaquePointer?, _ item: UnsafePointer<CChar>?,
                                                    _ top: Int32, _ exact: Int32, _ options: UnsafePointer<wre_solve_options>?,
                                                    _ json: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                                    _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.support(problem, result, item, top, exact, options, json) }
}

@c @implementation public func wre_problem_update(_ problem: OpaquePointer?, _ changes: UnsafePointer<CChar>?, _ previous: OpaquePointer?,
                                                   _ options: UnsafePointer<wre_solve_options>?, _ cold_start: Int32, _ threshold: Double,
                                                   _ json: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                                   _ changed: UnsafeMutablePointer<OpaquePointer?>?, _ result: UnsafeMutablePointer<OpaquePointer?>?,
                                                   _ error: UnsafeMutablePointer<wre_error>?) -> Int32 {
    ABI.call(error) { try ABI.update(problem, changes, previous, options, cold_start, threshold, json, changed, result) }
}

@c @implementation public func wre_string_free(_ string: UnsafeMutablePointer<CChar>?) { free(string) }
#endif

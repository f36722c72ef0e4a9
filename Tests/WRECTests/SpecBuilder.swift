import CWRE
import Foundation

/// Memory for C structs in tests: every allocation lives until the arena goes, as a caller of
/// the C ABI keeps its arrays alive while a handle uses them.
final class Arena {
    private var allocations: [UnsafeMutableRawPointer] = []

    deinit { for p in allocations { p.deallocate() } }

    /// A copy of `values` in memory that lives as long as the arena.
    func buffer<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
        p.initialize(from: values, count: values.count)
        allocations.append(UnsafeMutableRawPointer(p))
        return p
    }

    /// `values` as a `wre_array` of `dtype` (default: `T`'s).
    func array<T>(_ values: [T], dtype: Int32) -> wre_array {
        wre_array(data: UnsafeRawPointer(buffer(values)), length: Int64(values.count), dtype: dtype)
    }

    func float64(_ values: [Double]) -> wre_array { array(values, dtype: WRE_FLOAT64) }

    /// A C string array (NULL entries for `nil`).
    func strings(_ values: [String?]) -> wre_strings {
        let pointers: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer(buffer(Array($0.utf8CString))) } }
        return wre_strings(items: UnsafePointer(buffer(pointers)), length: Int64(values.count))
    }

    func cString(_ text: String) -> UnsafePointer<CChar> { UnsafePointer(buffer(Array(text.utf8CString))) }

    /// A dense float64 block over a copy of `rows` (row-major).
    func dense(_ rows: [[Double]]) -> wre_block {
        let columns = rows.first?.count ?? 0
        return wre_block(format: WRE_BLOCK_DENSE, rows: Int64(rows.count), columns: Int64(columns), row_stride: 0,
                         data: float64(rows.flatMap { $0 }), indptr: wre_array(), indices: wre_array())
    }

    /// A CSR block from its arrays (int32 indices unless `int64Indices`).
    func csr(rows: Int, columns: Int, indptr: [Int64], indices: [Int], data: [Double], int64Indices: Bool = false) -> wre_block {
        wre_block(format: WRE_BLOCK_CSR, rows: Int64(rows), columns: Int64(columns), row_stride: 0, data: float64(data),
                  indptr: array(indptr, dtype: WRE_INT64),
                  indices: int64Indices ? array(indices.map { Int64($0) }, dtype: WRE_INT64) : array(indices.map { Int32($0) }, dtype: WRE_INT32))
    }

    /// Items of a group: `count` items with the defaults, ids given or not.
    func items(_ count: Int, ids: [String]? = nil) -> wre_items {
        var items = wre_items()
        items.count = Int64(count)
        if let ids { items.ids = strings(ids) }
        return items
    }

    /// The problem of the README's first file: 3 judgments, 2 principles, 1 theory; A and B dense.
    func firstProblem() -> wre_problem_spec {
        var spec = wre_problem_spec()
        spec.judgments = items(3, ids: ["j1", "j2", "j3"])
        spec.judgments.confidence = float64([2, 2, 0.5])
        spec.principles = items(2, ids: ["p1", "p2"])
        spec.principles.initial = float64([0.8, 0.6])
        spec.principles.confidence = float64([2, 2.5])
        spec.principles.parsimony = float64([0, 0.1])
        spec.theories = items(1, ids: ["t1"])
        spec.theories.confidence = float64([2])
        spec.judgment_principle = dense([[0.9, 0.3], [0, -0.8], [-0.4, 0.4]])
        spec.principle_theory = dense([[0.8], [-0.8]])
        return spec
    }
}

/// Calls of the C ABI as a C caller makes them: the code, and the error's message.
enum C {
    /// A call's code and message (empty on success).
    static func run(_ body: (UnsafeMutablePointer<wre_error>) -> Int32) -> (code: Int32, message: String) {
        var error = wre_error()
        let code = body(&error)
        let message = code == WRE_OK ? "" : withUnsafeBytes(of: &error.message) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        return (code, message)
    }

    /// Creates a problem from `spec`: the handle, or the failure.
    static func create(_ spec: wre_problem_spec) -> (handle: OpaquePointer?, code: Int32, message: String) {
        var spec = spec
        var handle: OpaquePointer?
        let (code, message) = run { CWRE.wre_problem_create(&spec, &handle, $0) }
        return (handle, code, message)
    }

    /// The message of creating a problem from `spec`, which must fail with bad input.
    static func createFailure(_ spec: wre_problem_spec) -> String {
        let (handle, code, message) = create(spec)
        if let handle { CWRE.wre_problem_free(handle) }
        return code == WRE_ERROR_INPUT ? message : "unexpected code \(code): \(message)"
    }

    /// A string the library returned, freed.
    static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        defer { CWRE.wre_string_free(pointer) }
        return pointer.map { String(cString: $0) } ?? ""
    }

    /// Solves `problem` with `options` (the defaults when nil): x and the info.
    static func solve(_ problem: OpaquePointer?, _ options: wre_solve_options? = nil) -> (x: [Double], info: wre_info, code: Int32, message: String) {
        var m: Int64 = 0, n: Int64 = 0, k: Int64 = 0
        _ = run { CWRE.wre_problem_shape(problem, &m, &n, &k, $0) }
        var x = [Double](repeating: .nan, count: Int(m + n + k))
        var info = wre_info()
        var options = options ?? defaults
        let (code, message) = run { error in x.withUnsafeMutableBufferPointer { CWRE.wre_problem_solve(problem, &options, $0.baseAddress, Int64($0.count), &info, nil, error) } }
        return (x, info, code, message)
    }

    /// Options of a run that cannot converge: one alternating round to a tolerance of 1e-15.
    static func oneRound(_ arena: Arena) -> wre_solve_options {
        var options = defaults
        options.solver = arena.cString("alternating")
        options.max_iterations = 1
        options.tolerance = 1e-15
        return options
    }

    static var defaults: wre_solve_options {
        var options = wre_solve_options()
        CWRE.wre_solve_options_init(&options)
        return options
    }
}

extension wre_info {
    /// The status string.
    var statusText: String { withUnsafeBytes(of: status) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) } }
}

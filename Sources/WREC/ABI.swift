import CWRE
import Foundation
@_spi(Borrowing) import ReflectiveEquilibrium

/// The implementation of the C ABI (`CSupport/CWRE/include/wre.h`, docs/python.md). Each
/// exported function (`Exports.swift`) is one call of a function here: the arguments are
/// checked (`Boundary`), the library is called, its errors become a code and a message, and
/// outputs are written only on success.
enum ABI {
    /// Runs `body`: `WRE_OK`, or the failure's code after writing it into `error`.
    static func call(_ out: UnsafeMutablePointer<wre_error>?, _ body: () throws -> Void) -> Int32 {
        do {
            try body()
            return WRE_OK
        } catch {
            let failure = ABIFailure(error)
            failure.write(to: out)
            return failure.code
        }
    }

    /// The package version as a C string, allocated once and never freed (`wre_version`).
    nonisolated(unsafe) static let version = UnsafePointer(strdup(PackageInfo.version)!)

    /// The size of the struct named `name` (0 for any other name).
    static func structSize(_ name: UnsafePointer<CChar>?) -> Int64 {
        guard let name, let text = String(validatingCString: name) else { return 0 }
        let sizes: [String: Int] = [
            "wre_error": MemoryLayout<wre_error>.size, "wre_array": MemoryLayout<wre_array>.size,
            "wre_strings": MemoryLayout<wre_strings>.size, "wre_block": MemoryLayout<wre_block>.size,
            "wre_items": MemoryLayout<wre_items>.size, "wre_problem_spec": MemoryLayout<wre_problem_spec>.size,
            "wre_solve_options": MemoryLayout<wre_solve_options>.size, "wre_info": MemoryLayout<wre_info>.size,
        ]
        return Int64(sizes[text] ?? 0)
    }

    /// Writes a new string for the caller to free into `out`.
    static func give(_ text: String, to out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws {
        let out = try Boundary.output(out, "json")
        out.pointee = try CString.allocate(text)
    }

    /// `data` (UTF-8 JSON from the library) as a string for the caller.
    static func give(_ data: Data, to out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws {
        try give(String(decoding: data, as: UTF8.self), to: out)
    }

    // MARK: Problems

    static func createProblem(_ spec: UnsafePointer<wre_problem_spec>?, _ out: UnsafeMutablePointer<OpaquePointer?>?) throws {
        let spec = try Boundary.input(spec, "spec")
        let out = try Boundary.output(out, "problem")
        out.pointee = Handle.retain(ProblemHandle(try Boundary.problem(spec)))
    }

    static func loadProblem(_ path: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?) throws {
        let path = try Boundary.string(path, "path")
        let out = try Boundary.output(out, "problem")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ABIFailure.input("\(path): \(isDirectory.boolValue ? "is a directory, not a problem file" : "no such file")")
        }
        let problem: Problem
        do { problem = try Problem(contentsOf: URL(fileURLWithPath: path)) } catch { throw ABIFailure(error, subject: path) }
        out.pointee = Handle.retain(ProblemHandle(problem))
    }

    static func shape(_ handle: OpaquePointer?, _ m: UnsafeMutablePointer<Int64>?, _ n: UnsafeMutablePointer<Int64>?,
                      _ k: UnsafeMutablePointer<Int64>?) throws {
        let shape = try Handle.problem(handle).shape
        let (m, n, k) = (try Boundary.output(m, "judgments"), try Boundary.output(n, "principles"), try Boundary.output(k, "theories"))
        (m.pointee, n.pointee, k.pointee) = (Int64(shape.judgments), Int64(shape.principles), Int64(shape.theories))
    }

    /// The blocks in the order of the header's block numbers.
    static let blockOrder: [BlockName] = [.judgmentPrinciple, .principleTheory, .judgmentTheory, .principlePrinciple]

    static func describe(_ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws {
        let problem = try Handle.problem(handle)
        var blocks: [String: Any] = [:]
        for name in blockOrder {
            guard let block = problem.compatibility[name] else { continue }
            blocks[name.rawValue] = ["layout": block.layout.rawValue, "rows": block.rows, "columns": block.columns, "borrowed": block.isBorrowed]
        }
        let (m, n, k) = problem.shape
        let summary: [String: Any] = [
            "judgments": m, "principles": n, "theories": k, "mode": problem.mode.rawValue,
            "ids": Dictionary(uniqueKeysWithValues: Group.allCases.map { ($0.plural, problem.items($0).ids) }),
            "blocks": blocks,
        ]
        try give(try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys]), to: out)
    }

    static func blockAddress(_ handle: OpaquePointer?, _ block: Int32, _ array: Int32, _ out: UnsafeMutablePointer<UnsafeRawPointer?>?) throws {
        let problem = try Handle.problem(handle)
        guard blockOrder.indices.contains(Int(block)) else { throw ABIFailure.input("block: \(block) is not a block number (0 A, 1 B, 2 C, 3 S)") }
        guard (0...2).contains(array) else { throw ABIFailure.input("array: \(array) is not an array number (0 entries or values, 1 indptr, 2 indices)") }
        let out = try Boundary.output(out, "address")
        guard let matrix = problem.compatibility[blockOrder[Int(block)]] else { out.pointee = nil; return }
        let addresses = matrix.storageAddresses
        out.pointee = [addresses.entries, addresses.indptr, addresses.indices][Int(array)]
    }

    // MARK: Solving and results

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

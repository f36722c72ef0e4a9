import CWRE
import Foundation
@_spi(Borrowing) import ReflectiveEquilibrium

/// Problems across the boundary: made from the caller's arrays (borrowed) or read from a file,
/// described, and the addresses their blocks are read from.
extension ABI {
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
}

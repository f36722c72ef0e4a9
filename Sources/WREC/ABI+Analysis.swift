import CWRE
import Foundation
import ReflectiveEquilibrium

/// Compare, explain, support and update across the boundary: the engines of `wre compare`,
/// `wre explain [--support]` and `wre update`, returning their JSON formats (docs/formats.md).
extension ABI {
    typealias JSONOut = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?

    /// The values named by `list` (absent or NULL: `defaults`), each checked against `T`'s cases.
    static func named<T: RawRepresentable & CaseIterable>(_ list: UnsafePointer<wre_strings>?, _ field: String, defaults: [T]) throws -> [T]
    where T.RawValue == String {
        guard let list, let names = try Boundary.strings(list.pointee, field) else { return defaults }
        guard !names.isEmpty else { throw ABIFailure.input("\(field): give at least one") }
        return try names.enumerated().map { i, name in
            guard let value = T(rawValue: name!) else {
                throw ABIFailure.input("\(field)[\(i)]: '\(name!)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
    }

    static func compare(_ handle: OpaquePointer?, _ modes: UnsafePointer<wre_strings>?, _ solvers: UnsafePointer<wre_strings>?,
                        _ options: UnsafePointer<wre_solve_options>?, _ out: JSONOut) throws {
        let problem = try Handle.problem(handle)
        let request = try SolveRequest(options)
        let comparison = try problem.compare(modes: try named(modes, "modes", defaults: Mode.allCases),
                                             solvers: try named(solvers, "solvers", defaults: [.auto]), options: request.options)
        try give(comparison.jsonData(), to: out)
    }

    /// A `top` (pulls or items listed) or `exact` count: at least `minimum`.
    static func atLeast(_ value: Int32, _ minimum: Int32, _ field: String) throws -> Int {
        guard value >= minimum else { throw ABIFailure.input("\(field): \(value) must be at least \(minimum)") }
        return Int(value)
    }

    /// `result`'s equilibrium, or a solve of `problem` as requested when `result` is NULL.
    static func equilibrium(_ result: OpaquePointer?, of problem: Problem, _ request: SolveRequest) throws -> Equilibrium {
        if let given = Handle.optional(result, as: ResultHandle.self) { return given.result }
        return try request.solve(problem)
    }

    /// Throws unless every id in `ids` names an item of `problem` (before any solving, as the CLI).
    static func checkIDs(_ ids: [String], in problem: Problem) throws {
        let known = Set(Group.allCases.flatMap { problem.items($0).ids })
        if let unknown = ids.first(where: { !known.contains($0) }) { throw ABIFailure(ExplanationError.unknownItem(unknown)) }
    }

    static func explain(_ handle: OpaquePointer?, _ result: OpaquePointer?, _ items: UnsafePointer<wre_strings>?, _ top: Int32,
                        _ options: UnsafePointer<wre_solve_options>?, _ out: JSONOut, _ solved: UnsafeMutablePointer<OpaquePointer?>?) throws {
        let problem = try Handle.problem(handle)
        let request = try SolveRequest(options)
        let top = try atLeast(top, 1, "top")
        var ids: [String] = []
        if let items, let names = try Boundary.strings(items.pointee, "items") {
            var seen = Set<String>()
            ids = names.map { $0! }.filter { seen.insert($0).inserted }
        }
        try checkIDs(ids, in: problem)
        let equilibrium = try equilibrium(result, of: problem, request)
        // One explanation per id asked for, their items in the order given (as `wre explain --item`).
        let asked: [String?] = ids.isEmpty ? [nil] : ids
        var explanation = try problem.explain(equilibrium, item: asked[0], topPulls: top, revisionThreshold: request.options.revisionThreshold)
        for id in asked.dropFirst() {
            explanation.items += try problem.explain(equilibrium, item: id, topPulls: top, revisionThreshold: request.options.revisionThreshold).items
        }
        try give(explanation.jsonData(), to: out)
        solved?.pointee = Handle.retain(ResultHandle(equilibrium))
    }

    static func support(_ handle: OpaquePointer?, _ result: OpaquePointer?, _ item: UnsafePointer<CChar>?, _ top: Int32, _ exact: Int32,
                        _ options: UnsafePointer<wre_solve_options>?, _ out: JSONOut) throws {
        let problem = try Handle.problem(handle)
        let request = try SolveRequest(options)
        let id = try Boundary.string(item, "item")
        let (top, exact) = (try atLeast(top, 1, "top"), try atLeast(exact, 0, "exact"))
        try checkIDs([id], in: problem)
        let equilibrium = try equilibrium(result, of: problem, request)
        guard equilibrium.isEquilibrium else { throw ABIFailure(ExplanationError.notAnEquilibrium(equilibrium.status)) }
        try give(try problem.attribution(of: id, at: equilibrium, limit: top, exact: exact).jsonData(), to: out)
    }

    static func update(_ handle: OpaquePointer?, _ changes: UnsafePointer<CChar>?, _ previous: OpaquePointer?,
                       _ options: UnsafePointer<wre_solve_options>?, _ coldStart: Int32, _ threshold: Double, _ out: JSONOut,
                       _ changed: UnsafeMutablePointer<OpaquePointer?>?, _ result: UnsafeMutablePointer<OpaquePointer?>?) throws {
        let problem = try Handle.problem(handle)
        let request = try SolveRequest(options)
        let edits = try ProblemChanges(jsonData: Data(try Boundary.string(changes, "changes").utf8), file: "changes")
        guard threshold.isFinite && threshold >= 0 else { throw ABIFailure.input("threshold: \(threshold) is not a non-negative number") }
        let before = try equilibrium(previous, of: problem, request)
        let report = try before.update(problem, with: edits, solver: request.solver, mode: request.mode, options: request.options,
                                       coldStart: coldStart != 0, threshold: threshold)
        try give(report.jsonData(), to: out)
        changed?.pointee = Handle.retain(ProblemHandle(report.problem))
        result?.pointee = Handle.retain(ResultHandle(report.result))
    }
}

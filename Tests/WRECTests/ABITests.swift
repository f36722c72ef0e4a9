import CWRE
import Foundation
@testable import ReflectiveEquilibrium
import Testing
@testable import WREC

/// The calls of the C ABI against the Swift API they wrap: the same equilibrium, the same JSON
/// documents, results that round-trip, and the layouts and exports the header promises.
@Suite("C ABI calls")
struct ABITests {
    @Test("version, struct sizes and default options")
    func identity() {
        #expect(CWRE.wre_abi_version() == WRE_ABI_VERSION)
        #expect(String(cString: CWRE.wre_version()) == PackageInfo.version)
        #expect(CWRE.wre_struct_size("wre_problem_spec") == MemoryLayout<wre_problem_spec>.size)
        #expect(CWRE.wre_struct_size("wre_info") == MemoryLayout<wre_info>.size)
        #expect(CWRE.wre_struct_size("wre_error") == 4 + Int64(WRE_ERROR_MESSAGE_SIZE))
        #expect(CWRE.wre_struct_size("wre_nothing") == 0)
        #expect(CWRE.wre_struct_size(nil) == 0)
        let o = C.defaults
        #expect(o.solver == nil && o.mode == nil && o.tolerance == 1e-9 && o.max_iterations == -1 && o.time_limit == .infinity)
        #expect(o.certify == 1 && o.seed == 0 && o.revision_threshold == 0.05 && o.top_pulls == 3 && o.warm_start.data == nil)
    }

    @Test("a solve through the ABI is the Swift API's solve: x, info and wre-result/1")
    func solveMatchesSwift() throws {
        let problem = Problem.alignmentExample
        let expected = try problem.solve()
        let arena = Arena()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wrec-demo-\(UUID().uuidString).json")
        try problem.jsonData().write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        var handle: OpaquePointer?
        #expect(C.run { CWRE.wre_problem_load(arena.cString(path.path), &handle, $0) }.code == WRE_OK)
        defer { CWRE.wre_problem_free(handle) }
        var x = [Double](repeating: .nan, count: expected.items.count)
        var info = wre_info()
        var result: OpaquePointer?
        let r = C.run { error in x.withUnsafeMutableBufferPointer { CWRE.wre_problem_solve(handle, nil, $0.baseAddress, Int64($0.count), &info, &result, error) } }
        #expect(r.code == WRE_OK, "\(r.message)")
        defer { CWRE.wre_result_free(result) }
        #expect(x == expected.state)
        #expect(info.statusText == "converged" && info.success == 1)
        #expect(info.iterations == Int64(expected.iterations))
        #expect(info.scaled_residual == expected.scaledResidual && info.kkt_residual == expected.kktResidual)
        #expect(info.objective_total == expected.objective.total && info.revision_cost == expected.objective.revisionCost)
        #expect(info.convex == 1 && info.unique == 1 && info.convexity_margin == expected.certificate.convexityMargin)
        #expect(info.certifying_scale.isNaN)
        #expect(info.revisions == Int64(expected.revisions.count))
        // The result handle: its state, info and JSON; the JSON reads back as the same result.
        var state = [Double](repeating: .nan, count: x.count)
        #expect(C.run { error in state.withUnsafeMutableBufferPointer { CWRE.wre_result_state(result, $0.baseAddress, Int64($0.count), error) } }.code == WRE_OK)
        #expect(state == x)
        #expect(C.run { error in state.withUnsafeMutableBufferPointer { CWRE.wre_result_state(result, $0.baseAddress, 3, error) } }.code == WRE_ERROR_INPUT)
        var json: UnsafeMutablePointer<CChar>?
        #expect(C.run { CWRE.wre_result_json(result, &json, $0) }.code == WRE_OK)
        let text = C.take(json)
        let read = try Equilibrium(jsonData: Data(text.utf8))
        #expect(read.state == expected.state && read.status == .converged)
        var again: OpaquePointer?
        #expect(C.run { CWRE.wre_result_read(arena.cString(text), &again, $0) }.code == WRE_OK)
        var info2 = wre_info()
        #expect(C.run { CWRE.wre_result_info(again, &info2, $0) }.code == WRE_OK)
        #expect(info2.statusText == "converged" && info2.objective_total == info.objective_total)
        CWRE.wre_result_free(again)
    }

    @Test("options reach the solver: a one-iteration alternating run is labelled, not an error")
    func nonConvergence() {
        let arena = Arena()
        let (handle, _, _) = C.create(arena.firstProblem())
        defer { CWRE.wre_problem_free(handle) }
        var options = C.oneRound(arena)
        options.certify = 0
        let solved = C.solve(handle, options)
        #expect(solved.code == WRE_OK)
        #expect(solved.info.statusText == "maxIterations" && solved.info.success == 0)
        #expect(solved.info.convex == -1 && solved.info.unique == -1 && solved.info.convexity_margin.isNaN)
        #expect(withUnsafeBytes(of: solved.info.solver) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) } == "alternating")
    }

    @Test("compare, explain, support and update return the documents of the Swift API")
    func analysis() throws {
        let arena = Arena()
        let spec = arena.firstProblem()
        let (handle, _, _) = C.create(spec)
        defer { CWRE.wre_problem_free(handle) }
        let problem = try Handle.problem(handle)
        var json: UnsafeMutablePointer<CChar>?

        var modes = arena.strings(["wide", "top-down"])
        #expect(C.run { CWRE.wre_problem_compare(handle, &modes, nil, nil, &json, $0) }.code == WRE_OK)
        let comparison = try problem.compare(modes: [.wide, .topDown], solvers: [.auto])
        #expect(Self.withoutSeconds(C.take(json)) == Self.withoutSeconds(String(decoding: comparison.jsonData(), as: UTF8.self)))

        var solved: OpaquePointer?
        var items = arena.strings(["p2", "j3"])
        #expect(C.run { CWRE.wre_problem_explain(handle, nil, &items, 4, nil, &json, &solved, $0) }.code == WRE_OK)
        let result = try problem.solve()
        var explanation = try problem.explain(result, item: "p2", topPulls: 4)
        explanation.items += try problem.explain(result, item: "j3", topPulls: 4).items
        #expect(C.take(json) == String(decoding: explanation.jsonData(), as: UTF8.self))
        #expect(solved != nil)

        #expect(C.run { CWRE.wre_problem_support(handle, solved, arena.cString("j3"), 5, 1, nil, &json, $0) }.code == WRE_OK)
        let support = try problem.attribution(of: "j3", at: result, limit: 5, exact: 1)
        #expect(C.take(json) == String(decoding: support.jsonData(), as: UTF8.self))

        let changesText = #"{"format": "wre-changes/1", "set": {"items": [{"id": "p2", "initial": 0.2}]}}"#
        var changed: OpaquePointer?, warm: OpaquePointer?
        #expect(C.run { CWRE.wre_problem_update(handle, arena.cString(changesText), solved, nil, 0, 1e-6, &json, &changed, &warm, $0) }.code == WRE_OK)
        let report = try result.update(problem, with: try ProblemChanges(jsonData: Data(changesText.utf8)), solver: .auto, coldStart: false)
        #expect(Self.withoutSeconds(C.take(json)) == Self.withoutSeconds(String(decoding: report.jsonData(), as: UTF8.self)))
        #expect(try Handle.problem(changed).principles.initial == [0.8, 0.2])
        CWRE.wre_problem_free(changed)
        CWRE.wre_result_free(warm)
        CWRE.wre_result_free(solved)
    }

    /// A JSON document with its wall-clock fields (`seconds`, `timing`) blanked.
    static func withoutSeconds(_ text: String) -> String {
        text.replacingOccurrences(of: #""(seconds|validate|solve|certify|analysis)": [-+0-9.e]+"#, with: #""$1": 0"#, options: .regularExpression)
    }

    @Test("different problems solved on different threads at once give the results of one by one")
    func threads() async throws {
        let arena = Arena()
        let specs = (0..<4).map { i -> wre_problem_spec in
            var s = arena.firstProblem()
            s.judgments.confidence = arena.float64([2, 2, 0.5 + Double(i) * 0.25])
            return s
        }
        let handles = specs.map { C.create($0).handle }
        defer { handles.forEach { CWRE.wre_problem_free($0) } }
        let serial = handles.map { C.solve($0).x }
        let boxes = handles.map { UncheckedBox($0) }
        let parallel = await withTaskGroup(of: (Int, [Double]).self) { group in
            for (i, box) in boxes.enumerated() { group.addTask { (i, C.solve(box.value).x) } }
            var out = [[Double]](repeating: [], count: boxes.count)
            for await (i, x) in group { out[i] = x }
            return out
        }
        #expect(parallel == serial)
    }

    @Test("the @_cdecl exports of older compilers are the @c exports, line for line")
    func cdeclMirrors() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/WREC").standardized
        func declarations(_ file: String) throws -> [String] {
            try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").map(String.init)
                .filter { !$0.hasPrefix("//") && !$0.hasPrefix("#if") }
                .map { $0.replacingOccurrences(of: #"@_cdecl\("wre_\w+"\)"#, with: "@c @implementation", options: .regularExpression) }
        }
        #expect(try declarations("Exports.swift") == declarations("Exports+Cdecl.swift"))
        let header = try String(contentsOf: sources.appendingPathComponent("../../CSupport/CWRE/include/wre.h").standardized, encoding: .utf8)
        let declared = Set(header.matches(of: /\b(wre_[a-z_]+)\(/).map { String($0.1) })
        let exported = Set(try declarations("Exports.swift").compactMap { $0.firstMatch(of: /public func (wre_\w+)\(/).map { String($0.1) } })
        #expect(exported == declared)
    }
}

/// A handle passed to a task (the library's handles are immutable and thread-safe).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

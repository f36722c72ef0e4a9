import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// The benchmark engine (`wre bench`) on a tiny planted suite: the documented JSON-lines fields
/// and their types, the objective gap, the time statistics, CSV and Markdown. No peers (no
/// Python needed).
@Suite("Benchmark engine")
struct BenchTests {
    /// The JSON types a field may have.
    enum Kind { case string, int, number, bool, array }

    /// The documented fields of a run line (BenchmarkRecord) and whether they may be null.
    static let runFields: [(String, Kind, nullable: Bool)] = [
        ("type", .string, false), ("instance", .string, false), ("source", .string, false), ("regime", .string, true),
        ("seed", .int, true), ("m", .int, false), ("n", .int, false), ("k", .int, false), ("solver", .string, false),
        ("implementation", .string, false), ("status", .string, false), ("converged", .bool, false),
        ("warmup", .int, false), ("repeats", .int, false), ("medianSeconds", .number, false),
        ("minSeconds", .number, false), ("maxSeconds", .number, false), ("iterations", .int, false),
        ("kktResidual", .number, true), ("scaledResidual", .number, true), ("tolerance", .number, false), ("objective", .number, true),
        ("objectiveGap", .number, true), ("principlesAdopted", .number, true), ("flippedReversed", .number, true),
        ("secondsPerIteration", .number, true), ("bytesPerIteration", .number, true),
        ("flopsPerIteration", .number, true), ("gbPerSecond", .number, true), ("gflopPerSecond", .number, true),
        ("bandwidthRatio", .number, true), ("peakMemoryMiB", .number, true), ("note", .string, true),
        ("passSeconds", .number, true), ("passes", .number, true), ("freeJudgments", .number, true),
        ("certificate", .string, true), ("certificateSeconds", .number, true), ("ran", .string, true),
    ]

    /// The documented fields of the machine line (MachineInfo).
    static let machineFields: [(String, Kind, nullable: Bool)] = [
        ("type", .string, false), ("cores", .int, false), ("cpusAllowed", .int, true), ("physicalMemoryGiB", .number, false),
        ("blasConfiguration", .string, false), ("blasCoreName", .string, false), ("blasThreads", .int, false),
        ("kernelThreads", .int, false), ("openblasNumThreadsVariable", .string, true),
        ("memoryBandwidthGBs", .number, false), ("bandwidthProbeBytes", .int, false), ("bandwidthPasses", .int, false),
        ("operatingSystem", .string, false), ("hostName", .string, false), ("date", .string, false),
    ]

    static let options = BenchmarkOptions(solvers: SolverKind.continuous + [.exhaustive], warmup: 1, repeats: 2)

    /// One tiny benchmark shared by the tests (both regimes of 60 × 8 × 3).
    static let report: BenchmarkReport = {
        let suite = BenchmarkSuite(instances: BenchmarkInstanceSpec.plantedSuite(sizes: [BenchmarkSize(judgments: 60, principles: 8, theories: 3)]),
                                   options: options)
        return try! suite.run(machine: MachineInfo.current(probeBytes: 1 << 20, passes: 2))
    }()

    static func check(_ object: [String: Any], _ fields: [(String, Kind, nullable: Bool)], line: String) {
        #expect(Set(object.keys) == Set(fields.map(\.0)), "fields of \(line)")
        for (name, kind, nullable) in fields {
            guard let value = object[name] else { Issue.record("missing field \(name) in \(line)"); continue }
            if value is NSNull {
                #expect(nullable, "\(name) is null in \(line)")
                continue
            }
            switch kind {
            case .string: #expect(value is String, "\(name) should be a string in \(line)")
            case .int: #expect((value as? NSNumber).map { Double(truncating: $0) == Double(Int(truncating: $0)) } == true, "\(name) should be an integer in \(line)")
            case .number: #expect((value as? NSNumber).map { Double(truncating: $0).isFinite } == true, "\(name) should be a number in \(line)")
            case .bool: #expect(value is Bool, "\(name) should be a boolean in \(line)")
            case .array: #expect(value is [Any], "\(name) should be an array in \(line)")
            }
        }
    }

    @Test("JSON lines: a machine line, then one run line per solver and instance, with the documented fields and types")
    func jsonLines() throws {
        let report = Self.report
        let lines = report.jsonLines().split(separator: "\n").map(String.init)
        let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "not an object: \($0)") }
        try #require(objects.count >= 1 + 6)
        #expect(objects[0]["type"] as? String == "machine")
        Self.check(objects[0], Self.machineFields, line: lines[0])
        #expect(objects[0]["blasThreads"] as? Int == BLASConfiguration.threads)

        let runs = objects.filter { $0["type"] as? String == "run" }
        #expect(runs.count == 2 * SolverKind.continuous.count, "3 continuous solvers × 2 regimes; exhaustive skipped")
        for (object, line) in zip(objects, lines) where object["type"] as? String == "run" {
            Self.check(object, Self.runFields, line: line)
            #expect(object["implementation"] as? String == "wre")
            #expect(object["repeats"] as? Int == 2)
            #expect(object["regime"] as? String != nil && object["principlesAdopted"] as? Double != nil, "planted instances carry their truth")
        }
        #expect(Set(runs.compactMap { $0["instance"] as? String }) == ["convex-60x8x3", "nonconvex-60x8x3"])
        #expect(BenchmarkRecord.fieldNames == Self.runFields.map(\.0).filter { $0 != "type" })
        #expect(MachineInfo.fieldNames == Self.machineFields.map(\.0).filter { $0 != "type" })

        // The exhaustive solver is skipped above its 25-item limit, with a note.
        let skips = objects.filter { $0["type"] as? String == "skip" }
        #expect(skips.count == 2)
        #expect(skips.allSatisfy { $0["solver"] as? String == "exhaustive" && ($0["reason"] as? String)?.contains("25") == true })
    }

    @Test("the continuous solvers converge on the convex instance and agree; the best solver's objective gap is 0")
    func objectiveGap() throws {
        let records = Self.report.records
        for instance in Set(records.map(\.instance)) {
            let mine = records.filter { $0.instance == instance }
            let gaps = mine.compactMap(\.objectiveGap)
            try #require(gaps.count == mine.count)
            #expect(gaps.min() == 0, "the best solver on \(instance) has gap 0")
            #expect(gaps.allSatisfy { $0 >= 0 })
        }
        let convex = records.filter { $0.regime == "convex" }
        #expect(convex.allSatisfy { $0.converged && $0.status == "converged" })
        #expect(convex.allSatisfy { ($0.objectiveGap ?? 1) <= 1e-6 }, "one equilibrium on a convex problem")
        #expect(convex.allSatisfy { ($0.scaledResidual ?? 1) <= Self.options.tolerance })
    }

    @Test("median lies within [min, max]; rates and the bandwidth ratio are reported where defined")
    func timeStatistics() {
        for r in Self.report.records {
            #expect(r.minSeconds <= r.medianSeconds && r.medianSeconds <= r.maxSeconds, "\(r.solver) on \(r.instance)")
            #expect(r.minSeconds >= 0)
            if r.iterations > 0 {
                // No bandwidth figure when the blocks fit in the last-level cache (and the note says so).
                #expect(r.gbPerSecond.map { $0 > 0 } == true || (r.note ?? "").contains("last-level cache"))
                #expect(r.gflopPerSecond.map { $0 > 0 } == true)
            }
            #expect(r.passes.map { $0 > 0 } == true && r.passSeconds.map { $0 > 0 } == true && r.certificate != nil)
            #expect((r.bandwidthRatio != nil) == (r.solver == SolverKind.projectedGradient.rawValue && r.iterations > 0))
            #expect(r.peakMemoryMiB.map { $0 > 0 } == true)
        }
        #expect(TimeStatistics([3, 1, 2]).median == 2)
        #expect(TimeStatistics([4, 1, 2, 3]).median == 2.5)
        let s = TimeStatistics([5, 1, 9, 2])
        #expect(s.min == 1 && s.max == 9 && s.median == 3.5)
    }

    @Test("CSV: a header and one row per run")
    func csv() {
        let report = Self.report
        let lines = report.csv().split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.count == 1 + report.records.count)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header == BenchmarkRecord.fieldNames + BenchmarkReport.machineColumns)
        for row in lines.dropFirst() {
            #expect(!row.contains("\""), "no field of these runs needs quoting")
            #expect(row.split(separator: ",", omittingEmptySubsequences: false).count == header.count)
        }
        #expect(BenchmarkReport.csvCell("a,b \"c\"") == "\"a,b \"\"c\"\"\"")
    }

    @Test("Markdown: the machine line and a table with a header; the readable table names every run")
    func markdownAndTable() {
        let report = Self.report
        let markdown = report.markdown()
        #expect(markdown.contains("**Machine:**"))
        #expect(markdown.contains("| instance | solver | status | median s |"))
        #expect(markdown.contains("|---|---|---|---:|"))
        let tableRows = markdown.split(separator: "\n").filter { $0.hasPrefix("| convex-") || $0.hasPrefix("| nonconvex-") }
        #expect(tableRows.count == report.records.count)
        let table = report.table()
        #expect(table.hasPrefix("Machine: "))
        for r in report.records { #expect(table.contains(r.solver)) }
        #expect(table.contains("Skipped:"))
    }

    @Test("a problem file with truth.json beside it: loaded with its truth; the manifest written for the peers round-trips")
    func fileInstance() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wre-bench-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let parameters = PlantedParameters(judgments: 40, principles: 6, theories: 2, regime: .nonconvex, seed: 7)
        let url = try PlantedInstance.write(parameters, to: directory.appendingPathComponent("given"))
        let instance = try BenchmarkInstanceSpec.file(url).load()
        #expect(instance.name == "given/problem.json" && instance.source == url.path)
        #expect(instance.truth == (try PlantedInstance.generate(parameters)).truth)
        #expect(instance.regime == .nonconvex && instance.seed == 7)

        let (records, skips) = BenchmarkSuite.measure(instance, options: BenchmarkOptions(solvers: [.activeSet], warmup: 0, repeats: 1),
                                                      machine: Self.report.machine)
        #expect(skips.isEmpty && records.count == 1)
        #expect(records.first?.principlesAdopted != nil && records.first?.regime == "nonconvex" && records.first?.seed == 7)

        let written = try instance.writeManifest(in: directory.appendingPathComponent("peers"))
        let again = try BenchmarkInstanceSpec.file(written).load()
        #expect(again.problem == instance.problem && again.truth == instance.truth)

        // A file without a truth beside it has no recovery.
        let bare = directory.appendingPathComponent("bare")
        try instance.problem.writeManifest(to: bare)
        let plain = try BenchmarkInstanceSpec.file(bare.appendingPathComponent("problem.json")).load()
        #expect(plain.truth == nil && plain.regime == nil)
    }

    @Test("sizes parse as m x n x k; the default suite")
    func sizes() {
        #expect(BenchmarkSize(parsing: "1000x100x10") == BenchmarkSize(judgments: 1000, principles: 100, theories: 10))
        #expect(BenchmarkSize(parsing: "5×4×0") == BenchmarkSize(judgments: 5, principles: 4, theories: 0))
        for bad in ["", "10x10", "0x1x1", "1x0x1", "1x1x-1", "axbxc", "1x1x1x1"] { #expect(BenchmarkSize(parsing: bad) == nil, "\(bad)") }
        #expect(BenchmarkSize.defaultSuite.map(\.description) == ["1000x100x10", "20000x1000x100", "100000x1000x100"])
        #expect(BenchmarkInstanceSpec.plantedSuite().count == 6)
        #expect(throws: ProblemError.self) { try BenchmarkOptions(repeats: 0).validate() }
        let files: [BenchmarkInstanceSpec] = [.file(URL(fileURLWithPath: "/a/x/problem.json")), .file(URL(fileURLWithPath: "/b/x/problem.json")),
                                              .file(URL(fileURLWithPath: "/c/data.json")), .planted(BenchmarkSize(judgments: 2, principles: 1, theories: 0), .convex, seed: 1)]
        #expect(BenchmarkInstanceSpec.uniqueNames(files) == ["/a/x/problem.json", "/b/x/problem.json", "data.json", "convex-2x1x0"])
        #expect(PeerRunner.fileKey("nc/problem.json #2") == "nc_problem.json__2")
    }

    @Test("peer lines are read back; the comparison picks the fastest converged of each side and checks the objectives")
    func peerComparison() throws {
        let ours = try #require(Self.report.records.first { $0.regime == "convex" && $0.solver == "active-set" })
        var peer = ours
        peer.solver = "numpy-fista"
        peer.implementation = BenchmarkRecord.peer
        peer.medianSeconds = ours.medianSeconds * 12
        let line = JSONValue.object([("type", .string("run"))] + peer.jsonMembers).compactText
        let skip = #"{"type": "skip", "instance": "x", "solver": "osqp", "reason": "non-convex"}"#
        let (records, skips) = PeerRunner.parse(Data((line + "\nnot json\n" + skip + "\n").utf8))
        #expect(records == [peer])
        #expect(skips == [BenchmarkSkip(instance: "x", solver: "osqp", reason: "non-convex")])

        let all = Self.report.records.filter { $0.instance == ours.instance } + records
        let c = PeerComparison(instance: ours.instance, records: all)
        let fastest = all.filter { $0.isOurs }.min { $0.medianSeconds < $1.medianSeconds }!
        #expect(c.fastestSolver == fastest.solver)
        #expect(c.fastestPeer == "numpy-fista")
        #expect(abs(c.speedup! - peer.medianSeconds / fastest.medianSeconds) <= 1e-12)
        #expect(c.sameObjective && c.allConverged)

        var off = peer
        off.objective = (off.objective ?? 0) - 1e-3 * max(abs(off.objective ?? 0), 1)
        #expect(!PeerComparison(instance: ours.instance, records: Self.report.records.filter { $0.instance == ours.instance } + [off]).sameObjective)
    }
}

import Foundation
import Testing

/// `wre solve`'s time breakdown (load, validate, solve, certify, report, other, total) in the
/// JSON and the report.
@Suite("wre solve: time breakdown")
struct SolveTimingTests {
    @Test("the JSON's timing has every part, each non-negative, and the parts add up to the total")
    func jsonBreakdown() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        #expect(try wre.run(["generate", "--judgments", "400", "--principles", "30", "--theories", "4", "--output", "g"]).code == 0)
        let outcome = try wre.run(["solve", "g/problem.json", "--json"])
        #expect(outcome.code == 0, "\(outcome.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let timing = try #require(doc["timing"] as? [String: Double])
        let parts = ["load", "validate", "solve", "certify", "report", "other"]
        for key in parts + ["total", "analysis"] { #expect(timing[key].map { $0 >= 0 } == true, "\(key): \(timing[key] as Any)") }
        let sum = parts.reduce(0.0) { $0 + (timing[$1] ?? .nan) }
        let total = try #require(timing["total"])
        #expect(abs(sum - total) <= 1e-9 * max(1, total), "parts \(sum) vs total \(total)")
        #expect(timing["solve"] == doc["seconds"] as? Double)
        #expect((timing["report"] ?? 0) >= (timing["analysis"] ?? .infinity))
    }

    @Test("the report has a time line with the same parts")
    func reportLine() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        #expect(try wre.run(["demo", "--export", "demo.json"]).code == 0)
        let outcome = try wre.run(["solve", "demo.json"])
        let line = try #require(outcome.stdout.split(separator: "\n").first { $0.hasPrefix("  time") })
        for part in ["load", "validate", "solve", "certify", "report", "total"] { #expect(line.contains(part), "\(line)") }
    }
}

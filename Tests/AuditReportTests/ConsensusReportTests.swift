import Foundation
import Testing
@testable import AuditReport
import ReflectiveEquilibrium

/// The consensus map over a synthetic stakeholder run (the stakeholders capability maps its
/// result onto `ConsensusMapData`).
@Suite("Consensus map")
struct ConsensusReportTests {
    @Test("rows ranked by score, one cell per group with its share, the classes, the cost by group")
    func map() throws {
        let data = ReportFixtures.consensus
        let report = try AuditReport.consensus(data, provenance: nil)
        #expect(report.figures.map(\.name) == ["consensus-map", "cost-of-consensus"])
        #expect(data.ranked.map(\.id) == ["p1", "p4 <&\"'>", "p5", "p2", "p3"])
        let map = XMLCheck(report.figures[0].svg)
        #expect(map.isWellFormed, "\(map.error ?? "")")
        // The row labels appear in rank order.
        let positions = data.ranked.map { row in map.text.range(of: row.id)!.lowerBound }
        #expect(positions == positions.sorted())
        for group in data.groups { #expect(map.text.contains(group)) }
        #expect(map.text.contains("85 %") && map.text.contains("contested") && map.text.contains("0.512"))
        // The cell colour follows the share: darker for more adopters.
        #expect(report.figures[0].svg.contains("fill=\"\(Palette.share(0.9))\""))
        let cost = XMLCheck(report.figures[1].svg)
        #expect(cost.isWellFormed)
        #expect(cost.text.contains("2.100") && cost.text.contains("right"))
        let page = XMLCheck(report.html)
        #expect(page.isWellFormed, "\(page.error ?? "")")
        #expect(report.html.contains("p4 &lt;&amp;&quot;&apos;&gt;"))
        for marker in ReportFixtures.networkMarkers { #expect(!report.html.lowercased().contains(marker), "\(marker)") }
    }

    @Test("without a joint solve there is no cost figure")
    func noJoint() throws {
        var data = ReportFixtures.consensus
        data.costOfConsensus = []
        #expect(try AuditReport.consensus(data, provenance: nil).figures.map(\.name) == ["consensus-map"])
    }

    @Test("inconsistent input is refused, naming the row or group")
    func validation() {
        var data = ReportFixtures.consensus
        data.rows[1].adopted = [0.5, 0.5]
        #expect(throws: AuditReportError.shareCount(row: "p2", expected: 3, found: 2)) { try data.validate() }
        data = ReportFixtures.consensus
        data.rows[2].adopted[1] = 1.5
        #expect(throws: AuditReportError.shareValue(row: "p3", group: "centre", value: 1.5)) { try data.validate() }
        data = ReportFixtures.consensus
        data.rows[0].score = .nan
        #expect(throws: AuditReportError.self) { try data.validate() }
        data = ReportFixtures.consensus
        data.groups[2] = "left"
        #expect(throws: AuditReportError.groups("two groups are named 'left'")) { try data.validate() }
        data = ReportFixtures.consensus
        data.costOfConsensus = [1, 2]
        #expect(throws: AuditReportError.costCount(expected: 3, found: 2)) { try data.validate() }
        data = ReportFixtures.consensus
        data.costOfConsensus[1] = -1
        #expect(throws: AuditReportError.costValue(group: "centre", value: -1)) { try data.validate() }
        data = ReportFixtures.consensus
        data.rows.append(data.rows[0])
        #expect(throws: AuditReportError.duplicateRow("p1")) { try AuditReport.consensus(data, provenance: nil) }
        #expect(AuditReportError.shareCount(row: "p2", expected: 3, found: 2).description.contains("'p2'"))
    }

    /// Writes the synthetic consensus report for `Benchmarks/render-reports.sh` when
    /// `WRE_AUDIT_FIXTURES` names a directory (skipped otherwise).
    @Test("fixture for the rendering script", .enabled(if: ProcessInfo.processInfo.environment["WRE_AUDIT_FIXTURES"] != nil))
    func writeFixture() throws {
        let directory = URL(fileURLWithPath: ProcessInfo.processInfo.environment["WRE_AUDIT_FIXTURES"]!, isDirectory: true)
        let report = try AuditReport.consensus(ReportFixtures.consensus, provenance: nil)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try report.write(html: directory.appendingPathComponent("consensus.html"), svgDirectory: directory.appendingPathComponent("svg-consensus"))
    }
}

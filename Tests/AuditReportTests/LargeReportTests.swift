import Foundation
import Testing
@testable import AuditReport
import ReflectiveEquilibrium

/// Reports of large problems stay small: the largest revisions, their distribution, no table
/// of every item.
@Suite("Audit report of a large problem")
struct LargeReportTests {
    @Test("20 000 planted judgments: under 5 MB, the largest 50 revisions and a distribution of all")
    func large() throws {
        let (problem, _) = try PlantedInstance.generate(PlantedParameters(judgments: 20_000, principles: 100, theories: 10, seed: 3))
        let result = try problem.solve(.activeSet, options: SolverOptions(certify: false))
        #expect(result.revisions.count > RevisionsFigure.allLimit)
        let report = try AuditReport.solve(result, of: problem, provenance: nil)
        #expect(report.html.utf8.count < 5_000_000)
        #expect(report.figures.map(\.name) == ["revisions", "revision-distribution", "pulls"])
        for figure in report.figures { #expect(figure.svg.utf8.count < 1_000_000, "\(figure.name)") }
        let shown = RevisionsFigure.shown(result)
        #expect(shown.count == RevisionsFigure.largestShown)
        for revision in shown { #expect(report.html.contains(">\(revision.id)<")) }
        #expect(report.html.contains("The \(shown.count) revisions of the chart (of \(result.revisions.count))"))
        // Principles are not crowded out by the judgments.
        #expect(shown.filter { $0.group == .principle }.count == min(RevisionsFigure.groupFloor, result.revisions.filter { $0.group == .principle }.count))
        #expect(!report.html.contains("Every item"))
        // The histogram counts every revision once.
        let counts = RevisionHistogram.counts(result.revisions.map { $0.to - $0.from })
        #expect(counts.reduce(0, +) == result.revisions.count)
        #expect(XMLCheck(report.figures[1].svg).isWellFormed)
        #expect(XMLCheck(report.html).isWellFormed)
    }
}

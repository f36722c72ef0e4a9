import Foundation
import Testing
@testable import AuditReport
import ReflectiveEquilibrium

/// The report of a comparison: one column per run, the items whose class differs.
@Suite("Audit report of a comparison")
struct ComparisonReportTests {
    @Test("the demo in every mode: each run a column, each differing item a row, each run's revisions chart")
    func modes() throws {
        let comparison = try ReportFixtures.problem.compare(modes: Mode.allCases)
        let report = try AuditReport.comparison(comparison, of: ReportFixtures.problem, provenance: try ReportFixtures.provenance())
        #expect(report.figures.map(\.name) == ["comparison", "revisions-wide", "revisions-narrow", "revisions-top-down", "revisions-bottom-up"])
        let grid = XMLCheck(report.figures[0].svg)
        #expect(grid.isWellFormed, "\(grid.error ?? "")")
        #expect(!comparison.differences.isEmpty)
        for d in comparison.differences { #expect(grid.text.contains(d.id), "\(d.id)") }
        for (run, figure) in zip(comparison.runs, report.figures.dropFirst()) {
            #expect(XMLCheck(figure.svg).text.contains("Revisions (\(run.label)): initial → final value"))
            #expect(grid.text.contains(run.label))
            #expect(report.html.contains("<th>\(run.label)</th>"))
        }
        for contrast in comparison.contrasts { #expect(report.html.contains(XMLText.escape(contrast.sentence))) }
        let page = XMLCheck(report.html)
        #expect(page.isWellFormed, "\(page.error ?? "")")
        for marker in ReportFixtures.networkMarkers { #expect(!report.html.lowercased().contains(marker), "\(marker)") }
        #expect(Set(report.figures.map(\.name)).count == report.figures.count)
    }

    @Test("a run that did not converge is labelled in the page and in the grid")
    func failedRun() throws {
        let comparison = try ReportFixtures.problem.compare(modes: [.wide, .topDown], solvers: [.alternating],
                                                             options: SolverOptions(maxIterations: 2))
        #expect(!comparison.allConverged)
        let report = try AuditReport.comparison(comparison, of: ReportFixtures.problem, provenance: nil)
        #expect(report.html.contains("NOT AN EQUILIBRIUM"))
        #expect(report.figures[0].svg.contains("NOT converged"))
    }

    @Test("above the row limit the grid keeps the items that spread most, in input order")
    func rowLimit() throws {
        let (problem, _) = try PlantedInstance.generate(PlantedParameters(judgments: 3_000, principles: 20, theories: 4, seed: 5))
        let comparison = try problem.compare(modes: [.wide, .topDown, .bottomUp], options: SolverOptions(certify: false))
        try #require(comparison.differences.count > ComparisonFigure.rowLimit)
        let shown = ComparisonFigure.shown(comparison)
        #expect(shown.count == ComparisonFigure.rowLimit)
        let order = comparison.differences.map(\.id)
        #expect(shown.map(\.id) == order.filter(Set(shown.map(\.id)).contains))
        func spread(_ d: Comparison.Difference) -> Double { d.values.max()! - d.values.min()! }
        let cut = shown.map(spread).min()!
        #expect(comparison.differences.filter { spread($0) > cut + 1e-12 }.allSatisfy { d in shown.contains { $0.id == d.id } })
    }
}

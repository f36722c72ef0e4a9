import Foundation
import Testing
@testable import AuditReport
import ReflectiveEquilibrium

/// The report of one solve: content, self-containedness, well-formedness, labelling, size.
@Suite("Audit report of a solve")
struct SolveReportTests {
    @Test("the demo's report holds every revised item's id, every figure, the provenance and the certificate")
    func demo() throws {
        let result = try ReportFixtures.problem.solve(.activeSet)
        let provenance = try ReportFixtures.provenance()
        let report = try AuditReport.solve(result, of: ReportFixtures.problem, provenance: provenance)
        #expect(result.revisions.count == 14)
        for revision in result.revisions {
            #expect(report.html.contains(">\(revision.id)<"), "\(revision.id) in the HTML")
            #expect(report.figures[0].svg.contains(">\(revision.id)<"), "\(revision.id) in the revisions chart")
        }
        #expect(report.figures.map(\.name) == ["revisions", "pulls"])
        for figure in report.figures {
            #expect(report.html.contains("id=\"figure-\(figure.name)\""))
            #expect(report.html.contains(figure.inlineSVG))
        }
        let hash = try SHA256.file(URL(fileURLWithPath: provenance.problemFile!)).hex
        #expect(report.html.contains(hash))
        #expect(report.html.contains("m = 12 judgments, n = 6 principles, k = 3 theories"))
        #expect(report.html.contains("wre version") && report.html.contains(PackageInfo.version))
        #expect(report.html.contains("An equilibrium") && !report.html.contains("NOT AN EQUILIBRIUM"))
        #expect(report.html.contains("convex and the equilibrium unique (certified by Cholesky, margin 0.4373)"))
        #expect(report.html.contains("7 retained · 2 weakened · 0 suspended · 3 reversed"))
        #expect(report.html.contains("51.0 %"))
        // Small problem: every item in a table; the active-set solver has no process figure.
        for item in result.items { #expect(report.html.contains(">\(item.id)<")) }
        #expect(report.html.contains("records no round-by-round trajectory"))
    }

    @Test("the alternating solve adds the process figure, with one residual per round")
    func process() throws {
        let result = try ReportFixtures.problem.solve(.alternating)
        let report = try AuditReport.solve(result, of: ReportFixtures.problem, provenance: nil)
        #expect(report.figures.map(\.name) == ["revisions", "pulls", "process"])
        let residuals = ResidualReplay.residuals(result, problem: ReportFixtures.problem)
        #expect(residuals.map(\.round) == Array(1...result.iterations))
        #expect(residuals.last?.residual == result.kktResidual)
        // The replay is the same deterministic run: stopped after its last round it has the result's residual.
        let replay = try ReportFixtures.problem.solve(.alternating, options: SolverOptions(maxIterations: result.iterations - 1, certify: false))
        #expect(residuals[residuals.count - 2].residual == replay.kktResidual)
        #expect(residuals.first!.residual > 100 * residuals.last!.residual)
        let process = XMLCheck(report.figures[2].svg)
        #expect(process.isWellFormed)
        #expect(process.text.contains("after round \(result.iterations): KKT residual"))
    }

    @Test("replayed rounds: every round for short runs; for long runs increasing, spaced, within the time budget")
    func replayRounds() {
        #expect(ResidualReplay.rounds(total: 19, seconds: 0.01) == Array(1...18))
        #expect(ResidualReplay.rounds(total: 1, seconds: 0.01).isEmpty)
        let long = ResidualReplay.rounds(total: 10_000, seconds: 0.001)
        #expect(long.count > 20 && long.count <= 45)
        #expect(zip(long, long.dropFirst()).allSatisfy { $0 < $1 } && long.last! < 10_000)
        // A slow run (100 s for 10 000 rounds, 10 ms a round): replays stop at 3 × 100 s of estimated work.
        let slow = ResidualReplay.rounds(total: 10_000, seconds: 100)
        #expect(Double(slow.reduce(0, +)) * 0.01 <= 300 && slow.count < long.count)
    }

    @Test("the HTML loads nothing: no src, href, @import, url(, http, script; it is well-formed XML, and so is every SVG")
    func selfContained() throws {
        for solver in [SolverKind.activeSet, .alternating] {
            let result = try ReportFixtures.problem.solve(solver)
            let report = try AuditReport.solve(result, of: ReportFixtures.problem, provenance: try ReportFixtures.provenance())
            for marker in ReportFixtures.networkMarkers { #expect(!report.html.lowercased().contains(marker), "\(marker)") }
            #expect(report.html.contains("@media print"))
            let page = XMLCheck(report.html)
            #expect(page.isWellFormed, "\(page.error ?? "")")
            #expect(page.elements.filter { $0 == "svg" }.count == report.figures.count)
            for figure in report.figures {
                let check = XMLCheck(figure.svg)
                #expect(check.isWellFormed, "\(figure.name): \(check.error ?? "")")
                for marker in ["href", "url(", "@import", "<image", "<script"] { #expect(!figure.svg.contains(marker), "\(figure.name): \(marker)") }
            }
        }
    }

    @Test("ids and statements with < & \" ' are escaped in the HTML and every SVG, and read back intact")
    func escaping() throws {
        let nasty = "j<&\"'1"
        let problem = try Problem(
            judgments: [Item(id: nasty, group: .judgment, text: "Say \"no\" & <mean> it's"), Item(id: "j2", group: .judgment)],
            principles: [Item(id: "p<b>", group: .principle, text: "Tom & Jerry's \"rule\"", initial: 0.5)],
            relations: [Relation(from: "p<b>", to: nasty, weight: -0.9), Relation(from: "p<b>", to: "j2", weight: 0.9)])
        let result = try problem.solve(.activeSet)
        #expect(result.revisions.contains { $0.id == nasty })
        let report = try AuditReport.solve(result, of: problem, provenance: nil)
        #expect(report.html.contains("j&lt;&amp;&quot;&apos;1"))
        #expect(!report.html.contains(nasty))
        #expect(report.html.contains("Say &quot;no&quot; &amp; &lt;mean&gt; it&apos;s"))
        let page = XMLCheck(report.html)
        #expect(page.isWellFormed, "\(page.error ?? "")")
        #expect(page.text.contains(nasty) && page.text.contains("Tom & Jerry's \"rule\""))
        for figure in report.figures {
            let check = XMLCheck(figure.svg)
            #expect(check.isWellFormed, "\(figure.name): \(check.error ?? "")")
            #expect(!figure.svg.contains(nasty))
        }
        #expect(XMLCheck(report.figures[0].svg).text.contains(nasty))
    }

    @Test("a result that did not converge is labelled NOT an equilibrium, in the page and in every figure")
    func notConverged() throws {
        let result = try ReportFixtures.problem.solve(.alternating, options: SolverOptions(maxIterations: 2))
        #expect(!result.isEquilibrium)
        let report = try AuditReport.solve(result, of: ReportFixtures.problem, provenance: nil)
        #expect(report.html.contains("NOT AN EQUILIBRIUM"))
        #expect(report.html.contains("class=\"banner failed\""))
        #expect(report.html.contains("Where the solver stopped (NOT an equilibrium)"))
        #expect(!report.html.contains("An equilibrium:"))
        for figure in report.figures { #expect(figure.svg.contains("NOT an equilibrium"), "\(figure.name)") }
    }

    @Test("a saved wre-result/1 read back gives the same report; another problem's result is refused by name")
    func savedResult() throws {
        let result = try ReportFixtures.problem.solve(.alternating)
        let saved = try Equilibrium(jsonData: try result.jsonData())
        let provenance = try ReportFixtures.provenance()
        let direct = try AuditReport.solve(result, of: ReportFixtures.problem, provenance: provenance)
        let fromFile = try AuditReport.solve(saved, of: ReportFixtures.problem, provenance: provenance)
        #expect(fromFile.html == direct.html)
        let other = try Problem(judgments: [Item(id: "a", group: .judgment)], principles: [Item(id: "b", group: .principle)],
                                relations: [Relation(from: "a", to: "b", weight: 0.5)])
        #expect(throws: ExplanationError.self) { try AuditReport.solve(saved, of: other, provenance: nil) }
    }

    @Test("the same inputs give the same bytes")
    func deterministic() throws {
        let provenance = try ReportFixtures.provenance()
        let a = try AuditReport.solve(try ReportFixtures.problem.solve(.activeSet), of: ReportFixtures.problem, provenance: provenance)
        let b = try AuditReport.solve(try ReportFixtures.problem.solve(.activeSet), of: ReportFixtures.problem, provenance: provenance)
        // Solve times differ between runs; everything else is identical.
        func strip(_ s: String) -> String { s.replacingOccurrences(of: #"in [0-9.]+ (ms|s)<"#, with: "", options: .regularExpression) }
        #expect(strip(a.html) == strip(b.html))
        #expect(a.figures.map(\.svg) == b.figures.map(\.svg))
    }

    @Test("write: the page and one SVG per figure, in a directory created on the way; a bad path is named")
    func write() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wre-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try AuditReport.solve(try ReportFixtures.problem.solve(.alternating), of: ReportFixtures.problem, provenance: nil)
        let svg = directory.appendingPathComponent("figures/nested")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try report.write(html: directory.appendingPathComponent("report.html"), svgDirectory: svg)
        #expect(try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8) == report.html)
        for figure in report.figures {
            #expect(try String(contentsOf: svg.appendingPathComponent(figure.name + ".svg"), encoding: .utf8) == figure.svg)
        }
        let bad = directory.appendingPathComponent("no/such/dir/report.html")
        #expect {
            try report.write(html: bad, svgDirectory: nil)
        } throws: { error in
            guard case let AuditReportError.write(path, _)? = error as? AuditReportError else { return false }
            return path == bad.path
        }
    }
}

import Foundation
@testable import AuditReport
import ReflectiveEquilibrium

/// Inputs shared by the report tests: the demo, a fixed provenance (so bytes are comparable)
/// and a synthetic consensus map.
enum ReportFixtures {
    static let problem = Problem.alignmentExample

    /// The demo problem written to a temporary file, and its provenance with a fixed machine and date.
    static func provenance(options: SolverOptions = SolverOptions()) throws -> Provenance {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wre-audit-demo-\(ProcessInfo.processInfo.processIdentifier).json")
        if !FileManager.default.fileExists(atPath: url.path) { try problem.jsonData().write(to: url) }
        return try Provenance(problemFile: url.path, problem: problem, options: Provenance.rows(of: options),
                              machine: "test machine", date: Date(timeIntervalSince1970: 1_700_000_000))
    }

    /// Strings that must not occur in a self-contained report: anything that loads a resource.
    static let networkMarkers = ["src=", "href=", "@import", "url(", "http", "<script", "<link", "<img", "<iframe", "<object"]

    /// A synthetic stakeholder run: 3 groups, 5 principles.
    static let consensus = ConsensusMapData(
        groups: ["left", "centre", "right"],
        rows: [
            .init(id: "p1", text: "Do not facilitate serious harm.", score: 0.512, consensusClass: "consensus", adopted: [0.9, 0.8, 0.75]),
            .init(id: "p2", text: "Be maximally helpful.", score: 0.140, consensusClass: "contested", adopted: [0.85, 0.4, 0.1]),
            .init(id: "p3", score: 0.031, consensusClass: "divided", adopted: [0.2, 0.3, 0.0]),
            .init(id: "p4 <&\"'>", text: "Respect autonomy & \"choice\".", score: 0.330, consensusClass: "consensus", adopted: [0.7, 0.6, 0.65]),
            .init(id: "p5", score: 0.220, consensusClass: "divided", adopted: [0.5, 0.55, 0.45]),
        ],
        costOfConsensus: [1.25, 0.4, 2.1], quorum: 0.5, stakeholders: 120)
}

import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// `SolverOptions.progress` (issue 4, item 5): every solver reports its iterations, elapsed
/// time and progress measure while it runs, and a time limit ends a run cleanly with status
/// `timeLimit`. The reports are throttled by `progressInterval`; the tests set it to 0 so that
/// every iteration reports (no timing assumptions).
@Suite("Solver progress and time limits")
struct ProgressTests {
    /// Collects the reports of one solve (the handler is `@Sendable`).
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [SolverProgress] = []
        var reports: [SolverProgress] { lock.lock(); defer { lock.unlock() }; return stored }
        var handler: @Sendable (SolverProgress) -> Void { { [self] p in lock.lock(); stored.append(p); lock.unlock() } }
    }

    /// The solvers that call the handler, with the measure each reports.
    static let reporting: [(SolverKind, SolverProgress.Measure)] = [
        (.projectedGradient, .scaledResidual), (.alternating, .scaledResidual), (.connectionist, .scaledResidual),
        (.activeSet, .scaledResidual),
    ]

    static func options(_ recorder: Recorder, maxIterations: Int? = nil, timeLimit: Double? = nil) -> SolverOptions {
        var options = SolverOptions(tolerance: 1e-12, maxIterations: maxIterations, timeLimit: timeLimit, certify: false,
                                    progress: recorder.handler)
        options.progressInterval = 0
        return options
    }

    /// Checks what every report sequence must satisfy.
    static func expectWellFormed(_ reports: [SolverProgress], _ solver: SolverKind, _ kind: SolverProgress.Measure,
                                 limit: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!reports.isEmpty, "\(solver): no progress reported", sourceLocation: sourceLocation)
        for (a, b) in zip(reports, reports.dropFirst()) {
            #expect(b.iteration > a.iteration, "\(solver): iterations \(a.iteration) then \(b.iteration)", sourceLocation: sourceLocation)
            #expect(b.elapsedSeconds >= a.elapsedSeconds, sourceLocation: sourceLocation)
        }
        for r in reports {
            #expect(r.solver == solver && r.measureKind == kind && r.iterationLimit == limit, "\(r)", sourceLocation: sourceLocation)
            #expect(r.measure.isFinite && r.measure >= 0 && r.elapsedSeconds >= 0, "\(r)", sourceLocation: sourceLocation)
        }
    }

    @Test("each solver reports every iteration when the interval is 0, with its own measure",
          arguments: ProgressTests.reporting.map(\.0))
    func reportsEveryIteration(_ solver: SolverKind) throws {
        let kind = Self.reporting.first { $0.0 == solver }!.1
        let problem = RandomProblems.convex(.principlePairs, seed: 21)
        let recorder = Recorder()
        let r = try problem.solve(solver, options: Self.options(recorder, maxIterations: 6))
        let reports = recorder.reports
        Self.expectWellFormed(reports, solver, kind, limit: 6)
        #expect(reports.last!.iteration <= r.iterations)
        switch solver {
        case .projectedGradient:
            // One report per gradient step, numbered 1, 2, …
            #expect(reports.map(\.iteration) == Array(1...r.iterations))
        case .alternating, .connectionist, .activeSet:
            // Reported at the top of each round 0, 1, …; the last is the returned state (a
            // settled network returns right after its last cycle, unreported).
            if r.status == .settled {
                #expect(reports.map(\.iteration) == Array(0..<r.iterations))
                break
            }
            #expect(reports.map(\.iteration) == Array(0...r.iterations))
            #expect(isClose(reports.last!.measure, r.scaledResidual, 1e-9), "\(reports.last!.measure) vs \(r.scaledResidual)")
            if solver == .alternating {
                #expect(isClose(reports.last!.objective ?? .nan, r.objective.total, 1e-9))
            } else {
                #expect(reports.allSatisfy { $0.objective == nil })
            }
        default:
            Issue.record("unexpected solver \(solver)")
        }
    }

    @Test("exhaustive reports the share of corners searched, ending at 1")
    func exhaustiveReportsShare() throws {
        let problem = RandomProblems.convex(.tiny, seed: 4)
        let recorder = Recorder()
        let r = try problem.solve(.exhaustive, options: Self.options(recorder))
        let reports = recorder.reports
        Self.expectWellFormed(reports, .exhaustive, .fractionSearched, limit: r.iterations)
        #expect(reports.last?.measure == 1)
        #expect(reports.last?.iteration == r.iterations)
    }

    @Test("no handler call before the interval has passed", arguments: SolverKind.allCases)
    func throttled(_ solver: SolverKind) throws {
        let recorder = Recorder()
        var options = SolverOptions(maxIterations: 20, certify: false, progress: recorder.handler)
        options.progressInterval = 1e9
        _ = try RandomProblems.convex(.tiny, seed: 2).solve(solver, options: options)
        #expect(recorder.reports.isEmpty)
    }

    /// A medium problem: one iteration of any solver takes far longer than the time limit.
    static let medium = ProblemShape(m: 1500, n: 40, k: 8, density: 0.3)

    @Test("a tiny time limit on a medium problem ends with timeLimit, labelled, feasible, after progress reports",
          arguments: ProgressTests.reporting.map(\.0))
    func tinyTimeLimit(_ solver: SolverKind) throws {
        let problem = RandomProblems.convex(Self.medium, seed: 17)
        let recorder = Recorder()
        let r = try problem.solve(solver, options: Self.options(recorder, maxIterations: 1_000_000, timeLimit: 1e-6))
        #expect(r.status == .timeLimit, "\(solver): \(r.status) after \(r.iterations) iterations")
        #expect(!r.isEquilibrium)
        expectHonestLabel(r)
        #expect(DenseModel(problem).isFeasible(r.state))
        let json = String(decoding: try r.jsonData(), as: UTF8.self)
        #expect(json.contains("\"timeLimit\""))
        #expect(!recorder.reports.isEmpty)
        #expect(recorder.reports.allSatisfy { $0.iteration <= r.iterations })
    }

    @Test("exhaustive stops at a tiny time limit with the best corner so far, labelled timeLimit")
    func exhaustiveTinyTimeLimit() throws {
        // 24 revisable items: 2^24 corners, far more than the first chunk.
        let problem = RandomProblems.convex(ProblemShape(m: 16, n: 6, k: 2, density: 0.5), seed: 9)
        let recorder = Recorder()
        let r = try problem.solve(.exhaustive, options: Self.options(recorder, timeLimit: 1e-6))
        #expect(r.status == .timeLimit)
        #expect(!r.isEquilibrium)
        #expect(r.iterations >= Int(CornerWalk.chunk) && r.iterations < 1 << 24)
        #expect(recorder.reports.last.map { $0.measure > 0 && $0.measure < 1 } == true)
    }
}

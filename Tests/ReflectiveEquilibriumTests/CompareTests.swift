import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// `Problem.compare`: the mode semantics of docs/modes.md on random problems and the bundled
/// example (top-down never moves principles or theories, bottom-up never moves judgments,
/// narrow equals wide with B and C removed), the differences and sentences, labels for runs
/// that did not converge, and the report and JSON that `wre compare` prints.
@Suite("Compare")
struct CompareTests {
    static let problems: [(String, Problem)] = [
        ("alignment example", Problem.alignmentExample),
        ("random principle pairs", RandomProblems.convex(.principlePairs, seed: 31)),
        ("random with locks", RandomProblems.convex(.locks, seed: 32)),
    ]

    @Test("mode semantics: top-down fixes P and T, bottom-up fixes J, narrow = wide without B and C",
          arguments: [0, 1, 2], continuousSolvers)
    func modeSemantics(_ which: Int, _ solver: SolverKind) throws {
        let (name, problem) = Self.problems[which]
        let comparison = try problem.compare(modes: Mode.allCases, solvers: [solver], options: SolverOptions(tolerance: 1e-11))
        #expect(comparison.runs.map(\.mode) == Mode.allCases && comparison.runs.map(\.label) == Mode.allCases.map(\.rawValue))
        #expect(comparison.allConverged, "\(name) \(solver)")
        let (m, n, _) = problem.shape
        let initial = DenseModel(problem).project(DenseModel(problem).x0)
        func run(_ mode: Mode) -> [Double] { comparison.runs.first { $0.mode == mode }!.result.state }
        #expect(Array(run(.topDown)[m...]) == Array(initial[m...]), "\(name): top-down moved a principle or theory")
        #expect(Array(run(.bottomUp)[..<m]) == Array(initial[..<m]), "\(name): bottom-up moved a judgment")
        var withoutTheoryBlocks = problem
        withoutTheoryBlocks.compatibility.principleTheory = nil
        withoutTheoryBlocks.compatibility.judgmentTheory = nil
        let wideWithout = try withoutTheoryBlocks.solve(solver, mode: .wide, options: SolverOptions(tolerance: 1e-11))
        #expect(maxAbsDifference(run(.narrow), wideWithout.state) <= 1e-8, "\(name) \(solver): narrow vs wide without B and C")
        #expect(Array(run(.narrow)[(m + n)...]) == Array(initial[(m + n)...]), "\(name): narrow moved a theory")
        // Shares follow: nothing fixed bears revision cost.
        let shares = comparison.runs.map(\.result.revisionShare)
        #expect(shares[2].principles == 0 && shares[2].theories == 0 && shares[3].judgments == 0 && shares[1].theories == 0)
    }

    @Test("bundled example: the differences and the sentence contrasting wide with top-down")
    func alignmentExample() throws {
        let comparison = try Problem.alignmentExample.compare(modes: [.wide, .topDown, .bottomUp])
        let differing = Set(comparison.differences.map(\.id))
        #expect(differing.isSuperset(of: ["p3", "t3", "j2", "j6", "j8"]))
        for d in comparison.differences {
            #expect(Set(d.classes).count > 1 && d.values.count == 3)
            #expect(d.classes == comparison.runs.map { $0.result.item(d.id)!.class })
        }
        #expect(!differing.contains("j1") && !differing.contains("p1"), "items of the same class in every run are not listed")
        #expect(comparison.contrasts.map { [$0.first, $0.second] } == [[0, 1], [0, 2], [1, 2]])
        let wideTop = comparison.contrasts[0]
        #expect(Set(wideTop.items) == Set(comparison.differences.filter { $0.classes[0] != $0.classes[1] }.map(\.id)))
        let sentence = wideTop.sentence
        #expect(sentence.hasPrefix("wide ") && sentence.contains("; top-down "))
        #expect(sentence.contains("rejects p3 and t3") && sentence.contains("reverses j2, j6 and j8"), "\(sentence)")
        #expect(sentence.contains("top-down keeps p2, p3, p5, t1, t2 and t3 partial") && sentence.contains("weakens j2, j6 and j8"), "\(sentence)")
        // The second clause refers back to the last list of the first ("… and keeps all three").
        let topBottom = comparison.contrasts[2].sentence
        #expect(topBottom == "top-down keeps p5 and t3 partial and weakens j2, j6 and j8; bottom-up adopts p5, rejects t3, and keeps all three",
                "\(topBottom)")
    }

    @Test("solvers side by side on a convex problem agree; labels name the solvers")
    func solversAgree() throws {
        let problem = RandomProblems.convex(.squareish, seed: 33)
        let comparison = try problem.compare(modes: [.wide], solvers: continuousSolvers, options: SolverOptions(tolerance: 1e-10))
        #expect(comparison.runs.map(\.label) == continuousSolvers.map(\.rawValue))
        #expect(comparison.differences.isEmpty)
        #expect(comparison.contrasts.count == 3 && comparison.contrasts.allSatisfy { $0.items.isEmpty && $0.sentence.contains("agree on the class of every item") })
        let both = try problem.compare(modes: [.wide, .topDown], solvers: [.activeSet, .alternating])
        #expect(both.runs.map(\.label) == ["wide/active-set", "wide/alternating", "top-down/active-set", "top-down/alternating"])
        #expect(both.contrasts.count == 6)
    }

    @Test("a run that did not converge is kept and labelled NOT converged")
    func nonConvergedLabelled() throws {
        let problem = Problem.alignmentExample
        let comparison = try problem.compare(modes: [.wide, .topDown], solvers: [.alternating], options: SolverOptions(maxIterations: 1))
        let wide = comparison.runs[0].result
        try #require(!wide.isEquilibrium)
        #expect(!comparison.allConverged)
        #expect(comparison.contrasts[0].sentence.hasPrefix("wide (NOT converged: \(wide.status.rawValue))"))
        let text = comparison.report()
        #expect(text.contains("*** wide did not converge") && text.contains("NOT an equilibrium") && text.contains("NOT: \(wide.status.rawValue)"))
        let json = try #require(try JSONSerialization.jsonObject(with: comparison.jsonData()) as? [String: Any])
        #expect(json["allConverged"] as? Bool == false)
        #expect((json["runs"] as? [[String: Any]])?.first?["converged"] as? Bool == false)
    }

    @Test("bad lists are refused with a named error")
    func errors() {
        #expect(throws: ProblemError.invalidOption(name: "modes", value: "an empty list")) { try Problem.alignmentExample.compare(modes: []) }
        #expect(throws: ProblemError.invalidOption(name: "solvers", value: "an empty list")) { try Problem.alignmentExample.compare(modes: [.wide], solvers: []) }
    }

    @Test("report and JSON (what wre compare prints)")
    func reportAndJSON() throws {
        let comparison = try Problem.alignmentExample.compare(modes: Mode.allCases)
        let text = comparison.report(source: "demo.json")
        for needle in ["Comparison of 4 runs on demo.json (12 judgments, 6 principles, 3 theories)", "wide", "bottom-up",
                       "revision share judgments", "Items whose class differs (", "In words", "wide adopts p2"] {
            #expect(text.contains(needle), "missing: \(needle)")
        }
        #expect(comparison.report(itemLimit: 2).contains("the first 2 shown"))
        let json = try #require(try JSONSerialization.jsonObject(with: comparison.jsonData()) as? [String: Any])
        #expect(json["format"] as? String == Comparison.fileFormat && json["allConverged"] as? Bool == true)
        let runs = try #require(json["runs"] as? [[String: Any]])
        #expect(runs.count == 4)
        #expect(Set(runs[0].keys) == ["label", "mode", "solver", "status", "converged", "iterations", "seconds", "kktResidual", "scaledResidual",
                                      "tolerance", "convex", "unique", "objective", "revisionShare", "counts"])
        let differences = try #require(json["differences"] as? [[String: Any]])
        #expect(differences.count == comparison.differences.count && (differences[0]["values"] as? [Any])?.count == 4)
        #expect((json["contrasts"] as? [[String: Any]])?.count == 6)
        // Same input, same bytes (no timing in the JSON except `seconds`).
        let again = try Problem.alignmentExample.compare(modes: Mode.allCases)
        #expect(again.differences == comparison.differences && again.contrasts == comparison.contrasts)
    }
}

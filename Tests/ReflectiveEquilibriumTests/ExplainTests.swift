import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// `Problem.explain`: the pulls of an item sum to its coherence gradient `(W x)_i` (checked
/// against the dense W), and at an equilibrium pulls − anchoring − parsimony is 0 inside the
/// bounds and has the bound's sign at a bound (stationarity, KKT); the report and JSON.
@Suite("Explain")
struct ExplainTests {
    static let shapes: [SeededShape] = SeededShape.all([.tiny, .principlePairs, .locks, .noTheories], seeds: [3])

    @Test("the pulls of every item sum to (W x)_i of the dense W; each pull is W_ik x_k", arguments: shapes)
    func pullsSumToCoherenceGradient(_ s: SeededShape) throws {
        let problem = RandomProblems.convex(s.shape, seed: s.seed)
        for mode in Mode.allCases {
            let result = try problem.solve(.activeSet, mode: mode)
            let dense = DenseModel(problem, mode: mode)
            let x = result.state, wx = dense.coherenceGradient(x)
            for (i, item) in result.items.enumerated() {
                let e = try #require(try problem.explain(result, item: item.id, topPulls: nil).items.first)
                #expect(e.omittedPulls == 0 && e.omittedContribution == 0)
                let sum = e.pulls.reduce(0.0) { $0 + $1.contribution }
                #expect(abs(sum - wx[i]) <= 1e-12 * max(1, abs(wx[i])) && abs(e.coherencePull - wx[i]) <= 1e-12 * max(1, abs(wx[i])),
                        "\(s) \(mode) \(item.id): Σ pulls \(sum), (W x)_i \(wx[i])")
                for pull in e.pulls {
                    let k = try problem.index(of: pull.id)
                    #expect(abs(pull.contribution - dense.wEntry(i, k) * x[k]) <= 1e-14, "\(item.id) ← \(pull.id)")
                }
                #expect(zip(e.pulls, e.pulls.dropFirst()).allSatisfy { abs($0.contribution) >= abs($1.contribution) }, "largest first")
            }
        }
    }

    @Test("stationarity: pulls − anchoring − parsimony = −∇f_i: 0 inside the bounds, the bound's sign at a bound",
          arguments: continuousSolvers, shapes)
    func stationarity(_ solver: SolverKind, _ s: SeededShape) throws {
        let problem = RandomProblems.convex(s.shape, seed: s.seed)
        let result = try problem.solve(solver, options: SolverOptions(tolerance: 1e-10))
        let dense = DenseModel(problem)
        expectConvergedKKT(result, dense, tolerance: 1e-10)
        let gradient = dense.gradient(result.state)
        let all = try problem.explain(result, topPulls: 3, revisionThreshold: 0)
        for e in all.items {
            let i = try problem.index(of: e.id)
            let scale = max(1, abs(e.coherencePull), abs(e.anchoring))
            #expect(abs(e.net + gradient[i]) <= 1e-12 * scale, "\(e.id): net \(e.net), −∇f \(-gradient[i])")
            #expect(abs(e.anchoring - dense.lambda[i] * (e.value - e.initial)) <= 1e-15 * scale)
            #expect(abs(e.pulls.reduce(e.omittedContribution) { $0 + $1.contribution } - e.coherencePull) <= 1e-12 * scale)
            switch e.standing {
            case .interior: #expect(abs(e.net) <= 1e-9 * scale, "\(solver) \(e.id) inside its bounds: net \(e.net)")
            case .atLower: #expect(e.net <= 1e-9 * scale, "\(solver) \(e.id) at its lower bound: net \(e.net)")
            case .atUpper: #expect(e.net >= -1e-9 * scale, "\(solver) \(e.id) at its upper bound: net \(e.net)")
            case .locked, .fixedByMode: #expect(dense.lower[i] == dense.upper[i])
            }
        }
    }

    @Test("by default the revisions are explained, largest move first; --item picks one, revised or not")
    func selection() throws {
        let problem = Problem.alignmentExample
        let result = try problem.solve(.activeSet)
        let explanation = try problem.explain(result)
        #expect(Set(explanation.items.map(\.id)) == Set(result.revisions.map(\.id)))
        #expect(zip(explanation.items, explanation.items.dropFirst()).allSatisfy { abs($0.value - $0.initial) >= abs($1.value - $1.initial) })
        #expect(explanation.revisionThreshold == 0.05 && explanation.isEquilibrium)
        // j6 is reversed to its lower bound, pulled down by helpfulness and liberalism.
        let j6 = try #require(explanation.items.first { $0.id == "j6" })
        #expect(j6.class == .reversed && j6.standing == .atLower && j6.net < 0)
        #expect(j6.pulls.prefix(2).map(\.id) == ["p2", "t2"] && j6.pulls[0].contribution < 0)
        // p3 is rejected inside its bounds: its pulls, anchoring and parsimony balance.
        let p3 = try #require(explanation.items.first { $0.id == "p3" })
        #expect(p3.standing == .interior && abs(p3.net) <= 1e-9 && p3.parsimony == 0.3 && p3.anchoring < 0)
        let unrevised = try problem.explain(result, item: "j1", topPulls: 2)
        #expect(unrevised.items.map(\.id) == ["j1"] && unrevised.revisionThreshold == nil)
        #expect(unrevised.items[0].pulls.count == 2 && unrevised.items[0].omittedPulls == 1)
        // The convenience that solves first gives the same.
        #expect(try problem.explain(item: "p3").items == [try problem.explain(result, item: "p3").items[0]])
    }

    @Test("errors name the item; a non-converged state is explained and labelled")
    func errorsAndLabels() throws {
        let problem = Problem.alignmentExample
        let result = try problem.solve(.activeSet)
        #expect(throws: ExplanationError.unknownItem("p9")) { try problem.explain(result, item: "p9") }
        let other = try RandomProblems.convex(.tiny, seed: 2).solve(.activeSet)
        #expect(throws: ExplanationError.resultMismatch(expected: 21, found: 11)) { try problem.explain(other) }
        #expect(ExplanationError.unknownItem("p9").description.contains("'p9'"))
        var renamed = problem
        renamed.judgments.ids[3] = "j4b"
        #expect(throws: ExplanationError.foreignResult(index: 3, resultID: "j4", problemID: "j4b")) { try renamed.explain(result) }
        let stopped = try problem.solve(.alternating, options: SolverOptions(maxIterations: 1))
        try #require(!stopped.isEquilibrium)
        let labelled = try problem.explain(stopped)
        #expect(!labelled.isEquilibrium)
        #expect(labelled.report().contains("NOT an equilibrium"))
        #expect(labelled.items.contains { $0.standing == .interior && abs($0.net) > 1e-6 })
    }

    @Test("report and JSON (what wre explain prints)")
    func reportAndJSON() throws {
        let problem = Problem.alignmentExample
        let explanation = try problem.explain(try problem.solve(.activeSet), topPulls: 3)
        let text = explanation.report(source: "demo.json")
        for needle in ["in demo.json", "converged: an equilibrium", "j6 (judgment) reversed", "pulled by    p2 (-0.400), t2 (-0.259)",
                       "held back by anchoring", "the lower bound holds it", "balanced, as stationarity requires"] {
            #expect(text.contains(needle), "missing: \(needle)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: explanation.jsonData()) as? [String: Any])
        #expect(json["format"] as? String == Explanation.fileFormat && json["converged"] as? Bool == true)
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.count == explanation.items.count)
        #expect(Set(items[0].keys) == ["id", "group", "initial", "value", "class", "confidence", "standing", "coherencePull", "anchoring",
                                       "parsimony", "net", "pulls", "omittedPulls", "omittedContribution"])
        // Nothing revised: said so.
        let still = try problem.explain(try problem.solve(.activeSet), revisionThreshold: 10)
        #expect(still.items.isEmpty && still.report().contains("No item moved by more than 10.00"))
    }
}

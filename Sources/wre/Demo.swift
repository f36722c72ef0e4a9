import ArgumentParser
import Foundation
import ReflectiveEquilibrium

/// `wre demo`: solves the bundled alignment example, prints the report and a side-by-side of
/// `wide` against `top-down` (a fixed constitution).
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve the bundled alignment example and compare wide with top-down revision.",
        discussion: "Use --export FILE to write the example as a wre-problem/1 file for `wre solve`."
    )

    @OptionGroup var choice: SolverChoice

    @Flag(help: "Print the wre-result/1 JSON of the solve instead of the report.")
    var json = false

    @Option(help: "Write the example's problem (wre-problem/1 JSON) to this file and exit.")
    var export: String?

    static let source = "the bundled alignment example (12 annotated judgments, a 6-clause constitution, 3 theories)"

    func run() throws {
        let problem = Problem.alignmentExample
        if let export {
            do { try Console.emit(try problem.jsonData(), to: export) } catch { throw Console.fail(export, error) }
            print("Wrote the demo problem (wre-problem/1) to \(export). Solve it with: wre solve \(export)")
            return
        }
        let result: Equilibrium
        do { result = try problem.solve(choice.solver, mode: choice.mode) } catch { throw Console.fail("demo", error) }
        if json {
            try Solve.write(result, of: problem, source: Demo.source, json: true, to: nil)
        } else {
            var text = Report(problem: problem, result: result, source: Demo.source).render()
            do {
                let wide = result.mode == .wide ? result : try problem.solve(choice.solver, mode: .wide)
                let topDown = try problem.solve(choice.solver, mode: .topDown)
                text += "\n\n" + Demo.sideBySide(wide, topDown, problem: problem).joined(separator: "\n")
            } catch { throw Console.fail("demo", error) }
            try Console.emit(text, to: nil)
        }
        if !result.isEquilibrium { throw Console.notConverged }
    }

    /// The items whose class differs between `wide` and `top-down`.
    static func sideBySide(_ wide: Equilibrium, _ topDown: Equilibrium, problem: Problem) -> [String] {
        var lines = ["Wide vs top-down (top-down locks principles and theories at their initial values, like a fixed constitution)"]
        for r in [wide, topDown] where !r.isEquilibrium {
            lines.append("  *** the \(r.mode.rawValue) solve did not converge (\(r.status.rawValue)): NOT an equilibrium")
        }
        let differ = zip(wide.items, topDown.items).filter { $0.0.class != $0.1.class }
        guard !differ.isEmpty else { return lines + ["  no item changes class"] }
        let w = max(differ.map(\.0.id.count).max() ?? 2, 4)
        lines.append("  " + Report.pad("item", w) + "  " + Report.pad("wide", 16) + "top-down")
        for (a, b) in differ {
            lines.append("  " + Report.pad(a.id, w) + "  " + Report.pad("\(Report.num(a.value, 2, width: 5)) \(a.class.rawValue)", 16)
                         + "\(Report.num(b.value, 2, width: 5)) \(b.class.rawValue)")
        }
        let reversedWide = wide.items.filter { $0.class == .reversed }.map(\.id)
        let reversedTop = topDown.items.filter { $0.class == .reversed }.map(\.id)
        lines.append("  \(differ.count) of \(Plural.count(wide.items.count, "item")) \(differ.count == 1 ? "changes" : "change") class. Reversed judgments: wide \(list(reversedWide)), top-down \(list(reversedTop)).")
        lines.append("  Share of the revision cost on principles: wide \(Report.percent(wide.revisionShare.principles)), top-down \(Report.percent(topDown.revisionShare.principles)).")
        return lines
    }

    private static func list(_ ids: [String]) -> String { ids.isEmpty ? "none" : ids.joined(separator: ", ") }
}

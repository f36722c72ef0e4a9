// The Swift API's side of the Python comparison (python/solve_overhead.py, docs/python.md):
// loads a problem file, validates it, then times `problem.solve()` — the whole call, with the
// certificate and the analysis of the result, as `wre.Problem.solve` makes it. Prints one JSON
// line per solve: `{"seconds", "status", "solver", "objective"}`.
//
//     swift run -c release SolveTiming DIR/problem.json [REPEATS] [SOLVER]
//
// With REPEATS 0 it solves once per line read from standard input, so that a caller can
// alternate its own solves with these one by one (the machine's load then weighs on both alike).
import Foundation
import ReflectiveEquilibrium

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: SolveTiming PROBLEM.json [REPEATS] [SOLVER]\n".utf8))
    exit(2)
}
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let solver = arguments.count > 3 ? SolverKind(rawValue: arguments[3]) ?? .auto : .auto
let problem = try Problem(contentsOf: URL(fileURLWithPath: arguments[1]))
try problem.validate()

/// One timed solve, as a JSON line on standard output.
func timedSolve() throws {
    let start = ContinuousClock.now
    let result = try problem.solve(solver)
    let d = ContinuousClock.now - start
    let summary: [String: Any] = ["seconds": Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18,
                                  "status": result.status.rawValue, "solver": result.solver.rawValue, "objective": result.objective.total,
                                  "solverSeconds": result.seconds]
    var line = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
    line.append(0x0A)
    FileHandle.standardOutput.write(line)
}

if repeats > 0 {
    for _ in 0..<repeats { try timedSolve() }
} else {
    while readLine() != nil { try timedSolve() }
}

import CWRE
import Foundation
import ReflectiveEquilibrium

/// A `wre_solve_options` read across the boundary: the solver (by its name, `auto` by
/// default), the mode (the problem's by default) and the library's `SolverOptions`. The
/// ranges of the numbers are the library's to check (`Problem.solve` names the option).
struct SolveRequest {
    var solver: SolverKind = .auto
    var mode: Mode? = nil
    var options = SolverOptions()

    /// The defaults `wre_solve_options_init` writes: those of `SolverOptions()`.
    static var defaults: wre_solve_options {
        let o = SolverOptions()
        return wre_solve_options(solver: nil, mode: nil, tolerance: o.tolerance, max_iterations: -1, time_limit: .infinity,
                                 warm_start: wre_array(data: nil, length: 0, dtype: WRE_FLOAT64), seed: o.seed,
                                 certify: o.certify ? 1 : 0, revision_threshold: o.revisionThreshold, top_pulls: Int32(o.topPulls))
    }

    /// The request `options` describes (`nil`: the defaults). `max_iterations` −1 is the
    /// solver's own limit and `time_limit` +∞ none; any other value goes to the library as given.
    init(_ options: UnsafePointer<wre_solve_options>?) throws {
        guard let o = options?.pointee else { return }
        solver = try Boundary.named(o.solver, "solver", as: SolverKind.self) ?? .auto
        mode = try Boundary.named(o.mode, "mode", as: Mode.self)
        self.options = SolverOptions(
            tolerance: o.tolerance,
            maxIterations: o.max_iterations == -1 ? nil : Int(exactly: o.max_iterations),
            timeLimit: o.time_limit == .infinity ? nil : o.time_limit,
            warmStart: try Boundary.elements(o.warm_start, "warmStart", as: Double.self).map(Array.init),
            seed: o.seed,
            certify: o.certify != 0,
            revisionThreshold: o.revision_threshold,
            topPulls: Int(o.top_pulls))
    }

    /// Solves `problem` as requested.
    func solve(_ problem: Problem) throws -> Equilibrium {
        try problem.solve(solver, mode: mode, options: options)
    }
}
